"""Xvid MediaHub file store: `/files/downloads/` links, the three-step upload, file data (docs/providers.md).

Credentials go only to the API origin (`Credential`); storage URLs and redirect targets never see them. With
client credentials and no token, downloads are HMAC-signed (signing.py) and carry no header at all.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import requests

from ... import errors
from ...http import Credential, HttpClient
from ...responses import MAX_JSON_BYTES, read_limited
from ...sentence import translate
from ...transfer.download import DownloadRequest, DownloadResult
from ...transfer.job import Job
from ...transfer.progress import Phase
from ...transfer.send import SendTarget, send_file
from ..base import AssetSummary, PathTemplates, Provider, SearchResults, UploadOutcome
from ..endpoint import OptionValue
from ..option_error import OptionError
from ..spec import COMMON_OPTIONS, Applies, Capability, Choice, Option, ProviderConfig, ProviderSpec, request_rate
from . import download
from .auth import INVALID_TOKEN, TokenSource, XvidCredentials
from .links import DownloadAnswer, XvidLinkOptions, ip_to_int, parse_answer, parse_expiry
from .replies import json_payload, raise_if_error, summary_from_file
from .signing import encode_query, sign_url


@dataclasses.dataclass
class XvidPaths(PathTemplates):
    """Relative to the profile's base URL (e.g. `https://api.xvid.com/v1`)."""

    token: str = "/oauth2/token/"
    downloads: str = "/files/downloads/"
    uploads: str = "/files/uploads/"
    upload: str = "/files/uploads/{upload_id}"
    files: str = "/files/"
    file: str = "/files/{file_id}"


class XvidProvider(Provider):
    def __init__(self, config: ProviderConfig, http: HttpClient):
        super().__init__(config, http)
        self.paths = XvidPaths.from_config(config)
        self.credentials = XvidCredentials.from_secrets(config.secrets)
        self.link_options = XvidLinkOptions.from_config(config)
        self.pipeline_id = config.text("pipeline_id") or None
        self.object_key_template = config.text("object_key_template") or "uploads/{name}"
        self.signed_url_validity = config.number("signed_url_validity")
        self.download_auth = config.text("download_auth")  # "auto": HMAC when there is no token; "bearer": always
        self.tokens = TokenSource(
            http, self.url(self.paths.token), self.credentials, config.text("scope") or None, json_payload
        )

    # -- auth -------------------------------------------------------------------------------------------------
    def credential(self) -> Credential:
        return self.tokens.bearer(self.base_url)

    def access_token(self, *, renew: bool = False) -> str:
        return self.tokens.token(renew=renew)

    @property
    def uses_hmac(self) -> bool:
        return self.download_auth != "bearer" and not self.credentials.token and self.credentials.has_client

    def request(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        """A Bearer call; one renewal and retry when the server says the token is invalid."""
        try:
            return super().request(method, url, **kwargs)
        except errors.AuthError as exc:
            if exc.code != INVALID_TOKEN or not self.credentials.has_client:
                raise
        renewed = self.tokens.bearer(self.base_url, renew=True)
        return self.paced(lambda: self.http.request(method, url, credential=renewed, **kwargs))

    def parse(self, response: requests.Response) -> Any:
        return json_payload(response)

    # -- downloads --------------------------------------------------------------------------------------------
    def file_info(self, file_id: str) -> dict[str, Any]:
        payload = self.call("GET", self.url(self.paths.file, file_id=file_id))
        data = payload.get("file", payload) if isinstance(payload, dict) else None
        if not isinstance(data, dict):
            raise errors.ProtocolError(translate("providers.xvid.provider", "The Xvid file answer holds no file."))
        return data

    def downloads_url(self, pairs: list[tuple[str, str]], expiry_time: int | None) -> tuple[str, bool]:
        """(URL, needs Bearer) for `/files/downloads/` with these parameters, HMAC-signed when so configured."""
        base = self.url(self.paths.downloads)
        if self.uses_hmac:
            expiry = expiry_time or int(time.time()) + self.signed_url_validity
            signed = sign_url(
                base,
                pairs,
                client_id=str(self.credentials.client_id),
                client_secret=str(self.credentials.client_secret),
                expiry_time=expiry,
            )
            return signed, False
        if expiry_time is not None:
            pairs = [*pairs, ("expiry_time", str(int(expiry_time)))]
        return f"{base}?{encode_query(pairs)}", True

    def open_downloads(
        self, pairs: list[tuple[str, str]], expiry_time: int | None, *, stream: bool, headers: dict[str, str] | None
    ) -> requests.Response:
        url, bearer = self.downloads_url(pairs, expiry_time)
        if bearer:
            return self.request("GET", url, stream=stream, headers=headers)
        return self.paced(lambda: self.http.request("GET", url, stream=stream, headers=headers))

    def request_links(self, file_id: str | None, options: XvidLinkOptions | None = None) -> DownloadAnswer:
        """Ask `/files/downloads/` for the link(s) (never in redirect mode) and parse the JSON or XML answer."""
        opts = dataclasses.replace(options or self.link_options, redirect=False)
        response = self.open_downloads(
            opts.query(file_id, include_expiry=False), opts.expiry_time, stream=False, headers=None
        )
        body = read_limited(response, MAX_JSON_BYTES)
        raise_if_error(body, response)
        answer = parse_answer(body, response.headers.get("content-type", ""))
        if not answer.urls:
            raise errors.ProtocolError(translate("providers.xvid.provider", "The Xvid download answer holds no link."))
        return answer

    def fetch(self, asset_id: str, request: DownloadRequest, job: Job) -> DownloadResult:
        return download.download(self, asset_id, self.link_options, request, job)

    # -- upload: session, POST to storage, finish -------------------------------------------------------------
    def send(self, path: Path, name: str, job: Job) -> UploadOutcome:
        self.spec.require(Applies.UPLOAD, self.config.values)  # the pipeline ID, named for each face
        object_key = self.object_key_template.format(name=name)
        payload = self.call(
            "POST", self.url(self.paths.uploads), params={"object_key": object_key, "pipeline_id": self.pipeline_id}
        )
        session = payload.get("upload") if isinstance(payload, dict) else None
        if not isinstance(session, dict) or not all(k in session for k in ("id", "form_post_url", "form_post_params")):
            raise errors.ProtocolError(
                translate(
                    "providers.xvid.provider", "The Xvid upload answer lacks id, form_post_url or form_post_params."
                )
            )
        if not isinstance(session["form_post_url"], str) or not isinstance(session["form_post_params"], dict):
            raise errors.ProtocolError(
                translate(
                    "providers.xvid.provider", "The Xvid upload answer has no usable form_post_url or form_post_params."
                )
            )
        upload_id = str(session["id"])
        fields = {str(k): str(v) for k, v in session["form_post_params"].items()}
        stored = send_file(self.http, path, SendTarget(session["form_post_url"], "POST", fields), job)
        job.check()
        job.report(Phase.REGISTERING, stored.size, stored.size)
        done = self.call("PUT", self.url(self.paths.upload, upload_id=upload_id), json={"upload": {"nb_chunks": 1}})
        finished = done.get("upload", {}) if isinstance(done, dict) else {}
        finished = finished if isinstance(finished, dict) else {}
        file_id = _file_id(finished) or _file_id(session) or upload_id
        return UploadOutcome(str(file_id), path, stored.size, stored.md5, finished)

    # -- the rest of the Provider interface ---------------------------------------------------------------------
    def asset_info(self, asset_id: str) -> AssetSummary:
        return summary_from_file(self.file_info(asset_id))

    def search(self, text: str, *, page: int = 1, cursor: str | None = None, page_size: int = 50) -> SearchResults:
        """`GET /files/` pages (start/limit); the name filter is applied here (the API has no text search)."""
        payload = self.call(
            "GET",
            self.url(self.paths.files),
            params={"start": (page - 1) * page_size, "limit": page_size, "type": "file,archive"},
        )
        if isinstance(payload, list):
            items: Any = payload
        elif isinstance(payload, dict):
            items = payload.get("files") or payload.get("items") or []
        else:
            raise errors.ProtocolError(
                translate("providers.xvid.provider", "The Xvid file list is neither a list nor an object.")
            )
        if not isinstance(items, list):
            raise errors.ProtocolError(
                translate("providers.xvid.provider", "The Xvid file list holds no list of files.")
            )
        total = payload.get("total") if isinstance(payload, dict) else None
        total = total if isinstance(total, int) and not isinstance(total, bool) else None
        needle = text.strip().lower()
        found = [
            summary_from_file(f)
            for f in items[:page_size]
            if isinstance(f, dict) and (not needle or needle in str(f.get("name", "")).lower())
        ]
        pages = max(1, -(-total // page_size)) if total is not None else page + (len(items) == page_size)
        return SearchResults(items=found, page=page, total_pages=pages, total=total)

    def signed_link(self, asset_id: str) -> str:
        """With client credentials: a shareable HMAC-signed redirect link; else the storage URL the API gives."""
        if self.uses_hmac:
            opts = dataclasses.replace(self.link_options, redirect=True)
            return self.downloads_url(opts.query(asset_id, include_expiry=False), opts.expiry_time)[0]
        return self.request_links(asset_id).urls[0]

    def check_connection(self) -> str:
        payload = self.call("GET", self.url(self.paths.files), params={"limit": 1})
        total = payload.get("total") if isinstance(payload, dict) else None
        if self.credentials.has_client and not self.credentials.token:
            works = translate("providers.xvid.provider", "the client credentials work")
        else:
            works = translate("providers.xvid.provider", "the token works")
        if not isinstance(total, int):
            said = translate("providers.xvid.provider", "Connected to {address}: {works}.")
        elif total == 1:
            said = translate("providers.xvid.provider", "Connected to {address}: {works} and the store holds 1 file.")
        else:
            said = translate(
                "providers.xvid.provider", "Connected to {address}: {works} and the store holds {count:,} files."
            )
        return said.format(address=self.base_url, works=works, count=total)


def _file_id(data: dict[str, Any]) -> str | None:
    inner = data.get("file")
    value = inner.get("id") if isinstance(inner, dict) else None
    return str(value) if value else None


LINKS = "Download links"
UPLOADS = "Uploads"


def _ip(text: str) -> str:
    ip_to_int(text)  # a ConfigError in words when it is not IPv4
    return text


def _check(values: Mapping[str, OptionValue]) -> None:
    if bool(values.get("object_key")) != bool(values.get("link_pipeline_id")):
        key, pipeline = SPEC.option("object_key"), SPEC.option("link_pipeline_id")
        given, missing = (key, pipeline) if values.get("object_key") else (pipeline, key)
        raise OptionError(
            (missing, given),
            translate("providers.options", "{1} (download links) needs {0} too: fill in both or neither."),
        )


def _link(
    name: str,
    kind: type[str] | type[int] | type[bool],
    help: str,
    label: str,
    *,
    aliases: tuple[str, ...] = (),
    minimum: int | None = None,
    placeholder: str = "",
    parse_text: Callable[[str], OptionValue] | None = None,
) -> Option:
    """A download link option (the dialog's "Download links" box)."""
    default: OptionValue = False if kind is bool else None
    return Option(
        name,
        kind,
        default,
        help,
        label,
        applies=Applies.DOWNLOAD,
        group=LINKS,
        aliases=aliases,
        minimum=minimum,
        placeholder=placeholder,
        parse_text=parse_text,
    )


SPEC = ProviderSpec(
    kind="xvid",
    label="Xvid MediaHub",
    factory=XvidProvider,
    options=(
        Option(
            "token",
            str,
            None,
            "A Bearer token (instead of the client pair)",
            "Token",
            secret=True,
            placeholder="optional: a Bearer token instead of the client pair",
        ),
        Option(
            "client_id",
            str,
            None,
            "The app's client ID (Apps tab)",
            "Client ID",
            secret=True,
            placeholder="From the Apps tab of your MediaHub account",
        ),
        Option(
            "client_secret",
            str,
            None,
            "The app's client secret, base64 (Apps tab)",
            "Client secret",
            secret=True,
            placeholder="Base64 text from the Apps tab",
        ),
        Option("scope", str, None, "OAuth scope asked for with the client pair", "Scope", placeholder="optional"),
        Option(
            "download_auth",
            str,
            "auto",
            "How downloads authenticate: HMAC-signed links when there is no token (auto), or always a Bearer token",
            "Download authentication",
            choices=(Choice("auto", "Signed links when there is no token"), Choice("bearer", "Bearer token")),
        ),
        Option(
            "signed_url_validity",
            int,
            600,
            "Seconds an HMAC-signed download link stays valid",
            "Signed link lifetime (s)",
            applies=Applies.DOWNLOAD,
            minimum=1,
            group=LINKS,
        ),
        Option(
            "pipeline_id",
            str,
            None,
            "The pipeline uploads belong to",
            "Pipeline ID",
            applies=Applies.UPLOAD,
            group=UPLOADS,
            aliases=("--pipeline-id",),
            placeholder="needed to upload",
            needed_for=Applies.UPLOAD,
        ),
        Option(
            "object_key_template",
            str,
            "uploads/{name}",
            "Object key of an upload; {name} is the file's name",
            "Object key",
            applies=Applies.UPLOAD,
            group=UPLOADS,
            placeholder="uploads/{name} (the default)",
        ),
        _link(
            "object_key",
            str,
            "Download this object key (with a pipeline ID) instead of a file ID",
            "Object key",
            aliases=("--object-key",),
            placeholder="optional: download this object key instead of a file ID",
        ),
        _link(
            "link_pipeline_id",
            str,
            "The pipeline the object key is relative to",
            "Pipeline ID",
            aliases=("--pipeline-id",),
            placeholder="only with an object key",
        ),
        _link(
            "expiry_time",
            int,
            "When links expire: epoch seconds UTC, +SECONDS from now, or ISO-8601",
            "Links expire at",
            parse_text=parse_expiry,
            aliases=("--expiry-time",),
            placeholder="+3600, epoch seconds or 2027-01-31T12:00:00Z",
        ),
        _link(
            "redirect",
            bool,
            "Ask for a 302 straight to the file instead of JSON",
            "Redirect to the file",
            aliases=("--redirect",),
        ),
        Option(
            "format",
            str,
            "json",
            "The link answer's format",
            "Answer format",
            applies=Applies.DOWNLOAD,
            group=LINKS,
            choices=(Choice("json", "JSON"), Choice("xml", "XML")),
            aliases=("--format",),
        ),
        _link("human", bool, "Human-readable answers", "Human-readable answers", aliases=("--human",)),
        _link("streaming", bool, "Links that stream in a browser", "Streaming links", aliases=("--streaming",)),
        _link(
            "ip",
            str,
            "The IPv4 address links are for (sent as a 32-bit integer)",
            "Client IP",
            parse_text=_ip,
            aliases=("--ip",),
            placeholder="e.g. 192.0.2.10",
        ),
        _link(
            "autograph_tag",
            str,
            "AutoGraph tag (files with AutoGraph enabled only)",
            "AutoGraph tag",
            aliases=("--autograph-tag",),
            placeholder="optional",
        ),
        _link("anti_fraud", bool, "Link-sharing prevention", "Anti-fraud protection", aliases=("--anti-fraud",)),
        _link(
            "max_parallel_downloads",
            int,
            "Downloads of one archive at once (the server is told too)",
            "Parallel downloads",
            minimum=1,
            aliases=("--max-parallel-downloads",),
        ),
        request_rate(0, "Xvid documents no limit"),
        *COMMON_OPTIONS,
        *XvidPaths.options(),
    ),
    capabilities=Capability.UPLOAD
    | Capability.DOWNLOAD
    | Capability.RESUMABLE_DOWNLOAD
    | Capability.SEARCH
    | Capability.INFO
    | Capability.SIGNED_LINKS,
    address_placeholder="https://api.xvid.com/v1",
    asset_id_pattern=r"[0-9a-f]{24}",
    check=_check,
    legacy={"link_options.pipeline_id": "link_pipeline_id"},
)
XvidProvider.spec = SPEC
