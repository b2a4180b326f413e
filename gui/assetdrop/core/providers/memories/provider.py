"""memories.ai (MAVI) asset API: direct binary `GET {asset_id}/download`, signed-URL upload (docs/providers.md).

The key goes in `Authorization` as is (no `Bearer`), only to the API origin. A download answer is either the file
or the vendor's JSON error envelope (envelope.py), sometimes with HTTP 200, so the first bytes are peeked: only a
small body that is JSON by Content-Type or starts like the envelope is ever parsed; everything else streams to
disk untouched (`save_response`, Content-Length checked).

Range is not documented for the download, so it is never assumed: a retried download asks for the rest of its
`.part` only with `If-Range` on the ETag the first answer carried, and the 200 a server without Range support
sends starts the file over cleanly (transfer/resume.py). No ETag, no Range.

After an upload the asset goes `WAITING`, `UPLOADING`, then `SUCCESS` or `FAILED`, and only a `SUCCESS` one can be
used; where to read that state is not in the vendor's pages, so its path is an option (`path_asset_status`) and a
server without it is not waited for. The upload's state is saved once the bytes are in (`MemoriesUploadState`),
so a retry while the asset is processed waits for the same asset instead of uploading a second one. A 400 whose
message is the vendor's "Request has exceeded the limit." is a rate limit, as the vendor documents.
"""

from __future__ import annotations

import json
import logging
import mimetypes
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Any

import requests

from ... import errors
from ...http import Credential, HttpClient, map_exception
from ...responses import body_chunks
from ...sentence import translate
from ...transfer.download import DownloadRequest, DownloadResult
from ...transfer.job import Job
from ...transfer.resume import Resume
from ...transfer.send import SendTarget, send_file
from ..base import PathTemplates, Provider, UploadOutcome
from ..processing import AssetState, Readiness
from ..spec import COMMON_OPTIONS, Applies, Capability, Choice, Option, ProviderConfig, ProviderSpec, request_rate
from .envelope import LIMIT_MESSAGE, envelope_error, state_from_envelope
from .state import MemoriesUploadState

log = logging.getLogger(__name__)

PEEK_LIMIT = 64 * 1024  # an error envelope is tiny; a body larger than this is a file, never parsed
_ENVELOPE_START = re.compile(rb'^\s*\{\s*"(code|msg|success|failed|data)"')


@dataclass
class MemoriesPaths(PathTemplates):
    """Relative to the profile's base URL (e.g. `https://mavi-backend.memories.ai/serve/api/v2`)."""

    download: str = "/{asset_id}/download"  # vendors place the id differently: a profile setting
    signed_upload_url: str = "/upload/signed-url"
    asset_status: str = "/{asset_id}/status"  # inferred: the vendor names the states, not where to read them


class MemoriesProvider(Provider):
    def __init__(self, config: ProviderConfig, http: HttpClient):
        super().__init__(config, http)
        self.paths = MemoriesPaths.from_config(config)
        self.upload_method = config.text("upload_method")
        self._credential = Credential(self.base_url, {"Authorization": config.secret("api_key").strip()})

    def credential(self) -> Credential:
        return self._credential

    def error_in(self, payload: Any, status: int) -> errors.AssetdropError | None:
        return envelope_error(payload, status)

    def request(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        """The vendor's 400 "Request has exceeded the limit." is a rate limit (it heals), not a bad request."""
        try:
            return super().request(method, url, **kwargs)
        except errors.ClientRequestError as exc:
            if exc.status == 400 and LIMIT_MESSAGE.lower() in exc.message.lower():
                raise errors.RateLimited(
                    translate("providers.memories.provider", "memories.ai is limiting requests: {message}").format(
                        message=exc.message
                    ),
                    status=400,
                    code=exc.code,
                ) from exc
            raise

    # -- download -----------------------------------------------------------------------------------------------
    def open_download(
        self, asset_id: str, headers: dict[str, str] | None = None
    ) -> tuple[requests.Response, Iterator[bytes]]:
        """The streaming answer and its body iterator, with any error envelope already raised."""
        response = self.request("GET", self.url(self.paths.download, asset_id=asset_id), headers=headers, stream=True)
        body = body_chunks(response)
        head, peeked = b"", []
        try:
            for chunk in body:
                peeked.append(chunk)
                head += chunk[: PEEK_LIMIT + 1 - len(head)]
                if len(head) > PEEK_LIMIT:
                    break
        except requests.RequestException as exc:
            response.close()
            raise map_exception(exc, response.url) from exc
        except BaseException:
            response.close()
            raise
        ctype = response.headers.get("content-type", "").lower()
        if len(head) <= PEEK_LIMIT and ("json" in ctype or _ENVELOPE_START.match(head)):
            try:
                payload = json.loads(head.decode("utf-8"))
            except (UnicodeDecodeError, ValueError, RecursionError):
                payload = None
            error = envelope_error(payload, response.status_code)
            if error is not None:
                response.close()
                raise error
        return response, chain(peeked, body)

    def fetch(self, asset_id: str, request: DownloadRequest, job: Job) -> DownloadResult:
        resume = Resume.of(job)  # Range only with an If-Range ETag (see the module text)
        try:
            response, chunks = resume.open(lambda headers: self.open_download(asset_id, headers))
        except errors.ClientRequestError as exc:
            state = self.fetch_state(asset_id) if exc.status in (200, 400) else None
            if state is not None and state.readiness is Readiness.PROCESSING:
                raise errors.NotReady(
                    translate(
                        "providers.memories.provider",
                        "memories.ai is still processing {asset_id} ({status}); the download waits.",
                    ).format(asset_id=asset_id, status=state.status)
                ) from exc
            raise
        ctype = response.headers.get("content-type", "").split(";")[0].strip().lower()
        ext = mimetypes.guess_extension(ctype) if ctype and ctype != "application/octet-stream" else None
        return resume.save(
            response, request, fallback_name=asset_id + (ext or ""), verify=bool(request.verify), chunks=chunks
        )

    # -- upload: signed URL, then the bytes -------------------------------------------------------------------------
    def signed_upload_url(self, filename: str) -> dict[str, Any]:
        payload = self.call("POST", self.url(self.paths.signed_upload_url), json={"original_filename": filename})
        data = payload.get("data") if isinstance(payload, dict) else None
        if not isinstance(data, dict) or not data.get("asset_id") or not isinstance(data.get("signed_url"), str):
            raise errors.ProtocolError(
                translate(
                    "providers.memories.provider", "The memories.ai signed-URL answer lacks asset_id or signed_url."
                )
            )
        return data

    def upload_needs_file(self, job: Job) -> bool:
        return MemoriesUploadState.from_json(job.saved()).stored is None

    def send(self, path: Path, name: str, job: Job) -> UploadOutcome:
        state = MemoriesUploadState.from_json(job.saved())
        if state.stored is not None:
            earlier = self.fetch_state(state.asset_id)
            if earlier is not None and earlier.readiness is Readiness.FAILED:  # the vendor: upload it again
                log.info("memories.ai reports %s FAILED; uploading %s again", state.asset_id, name)
                state = MemoriesUploadState()
        if state.stored is None:
            data = self.signed_upload_url(name)
            # POST: the vendor's sample, a form with one `file` part; PUT: the raw body (GCS-style signed URLs).
            stored = send_file(self.http, path, SendTarget(data["signed_url"], self.upload_method), job)
            state = MemoriesUploadState(str(data["asset_id"]), stored)
            job.save(state)  # the bytes are in: a later attempt waits for this asset, it never uploads another
        assert state.stored is not None
        return UploadOutcome(state.asset_id, path, state.stored.size, state.stored.md5, {"asset_id": state.asset_id})

    def asset_state(self, asset_id: str, answer: dict[str, Any] | None) -> AssetState | None:
        """The asset's state from `path_asset_status` (the upload's own answer has none). A server that has no
        such endpoint (404, 405, or 400 "not found") is not waited for; the upload stands."""
        try:
            payload = self.call("GET", self.url(self.paths.asset_status, asset_id=asset_id))
        except (errors.NotFoundError, errors.ClientRequestError) as exc:
            if exc.status in (400, 404, 405):
                log.warning("memories.ai does not tell the state of %s here (%s); not waiting", asset_id, exc)
                return None
            raise
        return state_from_envelope(payload)

    def fetch_state(self, asset_id: str) -> AssetState | None:
        """The state of an asset a download was refused for (None when it cannot be read)."""
        try:
            return self.asset_state(asset_id, None)
        except errors.AssetdropError:
            return None

    def check_connection(self) -> str:
        """Ask for a download of an id that cannot exist: 401 means a bad key, "not found" means the key works."""
        try:
            response, _ = self.open_download("re_0")
            response.close()
        except errors.AuthError:
            raise
        except (errors.ClientRequestError, errors.NotFoundError):
            pass
        return translate("providers.memories.provider", "Connected to {address}: the API key works.").format(
            address=self.base_url
        )


SPEC = ProviderSpec(
    kind="memories",
    label="memories.ai",
    factory=MemoriesProvider,
    options=(
        Option(
            "api_key",
            str,
            None,
            "The account's API key (sent as Authorization)",
            "API key",
            secret=True,
            placeholder="Paste the API key",
        ),
        Option(
            "upload_method",
            str,
            "POST",
            "How an upload is sent to the signed URL: a form with a file field (the vendor's sample), or the raw body",
            "Signed upload",
            applies=Applies.UPLOAD,
            choices=(Choice("POST", "POST form with a file field (vendor sample)"), Choice("PUT", "PUT raw body")),
            aliases=("--upload-method",),
        ),
        request_rate(5, "memories.ai documents a limit but not its size: a cautious default"),
        Option(
            "wait_ready",
            bool,
            True,
            "Wait until memories.ai reports each upload ready (SUCCESS); FAILED fails the upload",
            "Wait until processed",
            applies=Applies.UPLOAD,
        ),
        *COMMON_OPTIONS,
        *MemoriesPaths.options(),
    ),
    capabilities=Capability.UPLOAD | Capability.DOWNLOAD | Capability.RESUMABLE_DOWNLOAD,
    address_placeholder="https://mavi-backend.memories.ai/serve/api/v2",
    asset_id_pattern=r"re_\d{6,}",
)
MemoriesProvider.spec = SPEC
