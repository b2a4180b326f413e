"""memories.ai (MAVI) asset API (PROVIDERS.md §3): direct binary `GET {asset_id}/download`, signed-URL upload.

The key goes in `Authorization` as is (no `Bearer`), only to the API origin. A download answer is either the file
or the vendor's JSON error envelope `{code, msg, data, success: false, failed: true}` - sometimes with HTTP 200 -
so the first bytes are peeked: only a small body that is JSON by Content-Type or starts like the envelope is ever
parsed; everything else streams to disk untouched (`save_response`, Content-Length checked).

Range is not documented for the download (PROVIDERS.md §3.1), so it is never assumed: a retried download asks
for the rest of its `.part` only with `If-Range` on the ETag the first answer carried, and the 200 a server
without Range support sends starts the file over cleanly (transfer/resume.py). No ETag, no Range.
"""

from __future__ import annotations

import json
import mimetypes
import re
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from urllib.parse import quote

import requests

from .. import errors
from ..http import Credential, HttpClient, map_exception
from ..responses import read_json
from ..transfer.download import CHUNK, ConflictPolicy, DownloadResult
from ..transfer.progress import Phase, report
from ..transfer.resume import Resume
from .base import AssetSummary, PathTemplates, SearchResults, UploadOutcome
from .filespin import StorageTarget

KIND = "memories"
PEEK_LIMIT = 64 * 1024  # an error envelope is tiny; a body larger than this is a file, never parsed
_ENVELOPE_START = re.compile(rb'^\s*\{\s*"(code|msg|success|failed|data)"')
UPLOAD_METHODS = ("POST", "PUT")


@dataclass
class MemoriesPaths(PathTemplates):
    """Relative to the profile's base URL (e.g. `https://mavi-backend.memories.ai/serve/api/v2`)."""

    download: str = "/{asset_id}/download"  # vendors place the id differently: a profile setting
    signed_upload_url: str = "/upload/signed-url"



def envelope_error(payload, status: int) -> errors.AssetdropError | None:
    """The typed error an envelope stands for, or None when it reports success / is no envelope."""
    if not isinstance(payload, dict) or not ({"code", "msg"} & payload.keys()):
        return None
    failed = payload.get("failed") is True or payload.get("success") is False
    code = payload.get("code")
    if not failed and str(code) in ("200", "0", "0000", "None"):
        return None
    if not failed and "success" not in payload and "failed" not in payload:
        return None
    message = str(payload.get("msg") or "memories.ai reported an error")
    detail = f"{message} (code {code})"
    numeric = int(code) if str(code).isdigit() else status
    if numeric in (401, 403) or str(code) in ("0401", "0403"):
        return errors.AuthError(f"The server rejected the API key: {detail}.", status=status, code=str(code))
    if numeric == 429 or "exceeded the limit" in message.lower():
        return errors.RateLimited(f"memories.ai is limiting requests: {detail}.", status=status, code=str(code))
    if numeric >= 500:
        return errors.ServerError(f"memories.ai had a problem: {detail}.", status=status, code=str(code))
    return errors.ClientRequestError(detail, status=status, code=str(code))


class MemoriesProvider:
    kind = KIND
    verify_downloads = True  # MD5 against the storage's ETag; the session sets it from Settings
    resumable = ("download",)  # download() takes checkpoint / save_checkpoint; an upload starts over

    def __init__(self, http: HttpClient, base_url: str, api_key: str, *, paths: MemoriesPaths | None = None,
                 upload_method: str = "POST"):
        if not base_url.startswith(("http://", "https://")):
            raise errors.ConfigError(f"The API address must start with https:// (got {base_url!r}).")
        if upload_method.upper() not in UPLOAD_METHODS:
            raise errors.ConfigError(f"The memories.ai upload method must be POST or PUT, not {upload_method!r}.")
        self.http = http
        self.base_url = base_url.rstrip("/")
        self.paths = paths or MemoriesPaths()
        self.upload_method = upload_method.upper()
        self._credential = Credential(self.base_url, {"Authorization": api_key.strip()})

    def _url(self, template: str, **params) -> str:
        return self.base_url + template.format(**{k: quote(str(v), safe="") for k, v in params.items()})

    def _call(self, method: str, url: str, **kwargs):
        response = self.http.request(method, url, credential=self._credential, **kwargs)
        payload = read_json(response)
        error = envelope_error(payload, response.status_code)
        if error is not None:
            raise error
        return payload

    # -- download -----------------------------------------------------------------------------------------------
    def open_download(self, asset_id: str, headers: dict[str, str] | None = None):
        """The streaming answer and its body iterator, with any error envelope already raised."""
        response = self.http.request("GET", self._url(self.paths.download, asset_id=asset_id),
                                     credential=self._credential, headers=headers, stream=True)
        body = response.iter_content(CHUNK)
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
        small = len(head) <= PEEK_LIMIT
        if small and ("json" in ctype or _ENVELOPE_START.match(head)):
            try:
                payload = json.loads(head.decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                payload = None
            error = envelope_error(payload, response.status_code)
            if error is not None:
                response.close()
                raise error
        return response, chain(peeked, body)

    def download(self, asset_id, dest_dir, *, conflict=ConflictPolicy.RENAME, progress=None, cancel=None,
                 checkpoint: dict | None = None, save_checkpoint=None, verify: bool | None = None) -> DownloadResult:
        report(progress, Phase.PREPARING)
        resume = Resume(checkpoint, save_checkpoint)  # Range only with an If-Range ETag (see the module text)
        response, chunks = resume.open(lambda headers: self.open_download(asset_id, headers))
        ctype = response.headers.get("content-type", "").split(";")[0].strip().lower()
        ext = mimetypes.guess_extension(ctype) if ctype and ctype != "application/octet-stream" else None
        return resume.save(response, Path(dest_dir), fallback_name=asset_id + (ext or ""), conflict=conflict,
                           progress=progress, cancel=cancel, chunks=chunks,
                           verify=self.verify_downloads if verify is None else verify)

    # -- upload: signed URL, then the bytes -------------------------------------------------------------------------
    def signed_upload_url(self, filename: str) -> dict:
        payload = self._call("POST", self._url(self.paths.signed_upload_url), json={"original_filename": filename})
        data = payload.get("data") if isinstance(payload, dict) else None
        if not isinstance(data, dict) or not data.get("asset_id") or not data.get("signed_url"):
            raise errors.ProtocolError("The memories.ai signed-URL answer lacks asset_id or signed_url.")
        return data

    def upload(self, path, *, name=None, progress=None, cancel=None) -> UploadOutcome:
        from ..transfer.upload import post_file
        from ..transfer.put_upload import put_file

        path = Path(path)
        if not path.is_file():
            raise errors.LocalFileError(f"{path} is not a file that can be uploaded.", title="File not found")
        report(progress, Phase.PREPARING)
        data = self.signed_upload_url(name or path.name)
        if self.upload_method == "PUT":
            stored = put_file(self.http, data["signed_url"], path, progress=progress, cancel=cancel)
        else:  # the vendor's sample: a form with one `file` part
            target = StorageTarget(asset_id=str(data["asset_id"]), url=data["signed_url"], fields={})
            stored = post_file(self.http, target, path, progress=progress, cancel=cancel)
        report(progress, Phase.DONE, stored.size, stored.size)
        return UploadOutcome(str(data["asset_id"]), path, stored.size, stored.md5, data)

    # -- what the vendor does not offer -------------------------------------------------------------------------
    def asset_info(self, asset_id: str) -> AssetSummary:
        raise errors.ClientRequestError("memories.ai has no documented asset-data endpoint; only download by ID.",
                                        title="Not available for this provider")

    def search(self, text: str, *, page: int = 1, cursor: str | None = None, page_size: int = 50) -> SearchResults:
        raise errors.ClientRequestError("memories.ai has no documented search or listing endpoint.",
                                        title="Not available for this provider")

    def signed_link(self, asset_id: str) -> str:
        raise errors.ClientRequestError("memories.ai downloads need the API key; there is no shareable link.",
                                        title="Not available for this provider")

    def check_connection(self) -> str:
        """Ask for a download of an id that cannot exist: 401 means a bad key, "not found" means the key works."""
        try:
            response, _ = self.open_download("re_0")
            response.close()
        except errors.AuthError:
            raise
        except (errors.ClientRequestError, errors.NotFoundError):
            pass
        return f"Connected to {self.base_url}: the API key works."
