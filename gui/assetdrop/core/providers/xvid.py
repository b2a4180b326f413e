"""Xvid MediaHub file store (PROVIDERS.md §2): `/files/downloads/` links, the three-step upload, file data.

Auth: a Bearer token, or the app's client_id + client_secret. With the pair, downloads are HMAC-signed URLs
(§2.3, no header at all) and the Bearer-only endpoints (uploads, file data) use a token fetched with
`grant_type=client_credential` and renewed before it expires or when the server calls it invalid (0x0000003).
Credentials go only to the API origin (`Credential`); storage URLs and redirect targets never see them.

The keyring secret of an Xvid profile is either the bare token, or JSON
`{"client_id": "...", "client_secret": "..."}` (optionally with `"token"`) - see `parse_secret`.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote

from .. import errors
from ..filenames import safe_filename
from ..http import Credential, HttpClient
from ..responses import MAX_JSON_BYTES, json_error_fields, read_limited
from ..transfer.download import ConflictPolicy, DownloadResult
from ..transfer.progress import Phase, report
from ..transfer.resume import Resume
from .base import AssetSummary, PathTemplates, SearchResults, UploadOutcome
from .filespin import StorageTarget
from .xvid_archive import ArchiveLedger, fetch_archive
from .xvid_links import DownloadAnswer, XvidLinkOptions, parse_answer
from .xvid_signing import encode_query, sign_url

KIND = "xvid"
INVALID_TOKEN = "0x0000003"
DEFAULT_PARALLEL = 4
TOKEN_MARGIN = 60  # renew a token this many seconds before it expires


@dataclass
class XvidPaths(PathTemplates):
    """Relative to the profile's base URL (e.g. `https://api.xvid.com/v1`)."""

    token: str = "/oauth2/token/"
    downloads: str = "/files/downloads/"
    uploads: str = "/files/uploads/"
    upload: str = "/files/uploads/{upload_id}"
    files: str = "/files/"
    file: str = "/files/{file_id}"



@dataclass
class XvidCredentials:
    token: str | None = None
    client_id: str | None = None
    client_secret: str | None = None

    @property
    def has_client(self) -> bool:
        return bool(self.client_id and self.client_secret)


def parse_secret(secret: str) -> XvidCredentials:
    """The keyring secret: a bare Bearer token, or JSON with client_id + client_secret (and/or token)."""
    text = (secret or "").strip()
    if not text:
        raise errors.CredentialsError("No Xvid token or client credentials are stored for this profile.")
    if not text.startswith("{"):
        return XvidCredentials(token=text)
    try:
        data = json.loads(text)
    except ValueError:
        raise errors.CredentialsError("The stored Xvid credentials are not valid JSON; enter them again.") \
            from None
    creds = XvidCredentials(token=data.get("token") or data.get("access_token") or None,
                            client_id=data.get("client_id") or None, client_secret=data.get("client_secret") or None)
    if not creds.token and not creds.has_client:
        raise errors.CredentialsError("The stored Xvid credentials need a token, or client_id and client_secret.")
    return creds


def make_secret(*, client_id: str | None = None, client_secret: str | None = None, token: str | None = None) -> str:
    """The one keyring string for an Xvid profile (what the Profiles dialog stores)."""
    if token and not client_id:
        return token
    return json.dumps({k: v for k, v in (("client_id", client_id), ("client_secret", client_secret),
                                         ("token", token)) if v})


class XvidProvider:
    kind = KIND
    verify_downloads = True  # MD5 against the storage's ETag; the session sets it from Settings
    resumable = ("download",)  # download() takes checkpoint / save_checkpoint; an upload starts over

    def __init__(self, http: HttpClient, base_url: str, credentials: XvidCredentials, *,
                 paths: XvidPaths | None = None, link_options: XvidLinkOptions | None = None,
                 pipeline_id: str | None = None, object_key_template: str = "uploads/{name}",
                 signed_url_validity: int = 600, scope: str | None = None, download_auth: str = "auto"):
        if not base_url.startswith(("http://", "https://")):
            raise errors.ConfigError(f"The API address must start with https:// (got {base_url!r}).")
        self.http = http
        self.base_url = base_url.rstrip("/")
        self.credentials = credentials
        self.paths = paths or XvidPaths()
        self.link_options = link_options or XvidLinkOptions()  # profile defaults; the GUI may replace them
        self.pipeline_id = pipeline_id
        self.object_key_template = object_key_template
        self.signed_url_validity = signed_url_validity
        self.scope = scope
        self.download_auth = download_auth  # "auto": HMAC when there is no token; "bearer": always a token
        self._token = credentials.token
        self._token_expiry: float | None = None  # None: a configured token, expiry unknown
        self._token_lock = threading.Lock()

    # -- auth -------------------------------------------------------------------------------------------------
    def _url(self, template: str, **params) -> str:
        return self.base_url + template.format(**{k: quote(str(v), safe="") for k, v in params.items()})

    def access_token(self, *, renew: bool = False) -> str:
        with self._token_lock:
            fresh = self._token and (self._token_expiry is None or time.time() < self._token_expiry - TOKEN_MARGIN)
            if fresh and not renew:
                return self._token
            if not self.credentials.has_client:
                if self._token:
                    return self._token
                raise errors.CredentialsError("This Xvid profile has neither a token nor client credentials.")
            form = {"grant_type": "client_credential", "client_id": self.credentials.client_id,
                    "client_secret": self.credentials.client_secret}
            if self.scope:
                form["scope"] = self.scope
            response = self.http.request("POST", self._url(self.paths.token), data=form)
            payload = self._payload(response)
            token, lifetime = payload.get("access_token") if isinstance(payload, dict) else None, None
            if not isinstance(token, str) or not token:
                raise errors.ProtocolError("The Xvid token answer holds no access_token.")
            try:
                lifetime = float(payload.get("expires_in"))  # the vendor sends it as a string
            except (TypeError, ValueError):
                lifetime = 3600.0
            self._token, self._token_expiry = token, time.time() + lifetime
            return token

    def _bearer(self, *, renew: bool = False) -> Credential:
        return Credential(self.base_url, {"Authorization": f"Bearer {self.access_token(renew=renew)}"})

    @property
    def uses_hmac(self) -> bool:
        return self.download_auth != "bearer" and not self.credentials.token and self.credentials.has_client

    def _request(self, method: str, url: str, **kwargs):
        """A Bearer call; one renewal and retry when the server says the token is invalid."""
        try:
            return self.http.request(method, url, credential=self._bearer(), **kwargs)
        except errors.AuthError as exc:
            if exc.code != INVALID_TOKEN or not self.credentials.has_client:
                raise
        return self.http.request(method, url, credential=self._bearer(renew=True), **kwargs)

    @staticmethod
    def _payload(response):
        body = read_limited(response, MAX_JSON_BYTES)
        _raise_if_error(body, response)
        try:
            return json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise errors.ProtocolError(f"Xvid sent something that is not JSON (HTTP {response.status_code}).") \
                from None

    def _call(self, method: str, url: str, **kwargs):
        return self._payload(self._request(method, url, **kwargs))

    # -- downloads --------------------------------------------------------------------------------------------
    def file_info(self, file_id: str) -> dict:
        payload = self._call("GET", self._url(self.paths.file, file_id=file_id))
        data = payload.get("file", payload) if isinstance(payload, dict) else None
        if not isinstance(data, dict):
            raise errors.ProtocolError("The Xvid file answer holds no file.")
        return data

    def downloads_url(self, pairs: list[tuple[str, str]], expiry_time: int | None) -> tuple[str, bool]:
        """(URL, needs Bearer) for `/files/downloads/` with these parameters, HMAC-signed when so configured."""
        base = self._url(self.paths.downloads)
        if self.uses_hmac:
            expiry = expiry_time or int(time.time()) + self.signed_url_validity
            return sign_url(base, pairs, client_id=self.credentials.client_id,
                            client_secret=self.credentials.client_secret, expiry_time=expiry), False
        if expiry_time is not None:
            pairs = [*pairs, ("expiry_time", str(int(expiry_time)))]
        return f"{base}?{encode_query(pairs)}", True

    def _open_downloads(self, pairs, expiry_time, *, stream: bool, headers=None):
        url, bearer = self.downloads_url(pairs, expiry_time)
        if bearer:
            return self._request("GET", url, stream=stream, headers=headers)
        return self.http.request("GET", url, stream=stream, headers=headers)

    def request_links(self, file_id: str | None, options: XvidLinkOptions | None = None) -> DownloadAnswer:
        """Ask `/files/downloads/` for the link(s) (never in redirect mode) and parse the JSON or XML answer."""
        opts = (options or self.link_options).merged(redirect=False)
        opts.redirect = False
        response = self._open_downloads(opts.query(file_id, include_expiry=False), opts.expiry_time, stream=False)
        body = read_limited(response, MAX_JSON_BYTES)
        _raise_if_error(body, response)
        answer = parse_answer(body, response.headers.get("content-type", ""))
        if not answer.urls:
            raise errors.ProtocolError("The Xvid download answer holds no link.")
        return answer

    def _check_autograph(self, file_id: str, opts: XvidLinkOptions) -> None:
        if opts.autograph_tag and not opts.object_key and not self.file_info(file_id).get("autograph"):
            raise errors.ClientRequestError(f"File {file_id} is not marked for AutoGraph, so it cannot carry an "
                                            f"autograph tag. Clear the tag or enable AutoGraph on the file.",
                                            title="AutoGraph not enabled")

    def download(self, asset_id, dest_dir, *, conflict=ConflictPolicy.RENAME, progress=None, cancel=None,
                 link_options: XvidLinkOptions | None = None, checkpoint: dict | None = None,
                 save_checkpoint=None, verify: bool | None = None) -> DownloadResult:
        """One file, or an archive's items into `<dest>/<archive name>/`.

        With `checkpoint`/`save_checkpoint` (the queue passes them), an interrupted single-file download continues
        from its `.part`: the link is asked for afresh, then the storage is sent `Range` from the `.part`'s size
        with `If-Range` on the ETag it gave (a changed file comes back whole and starts over; see
        transfer/resume.py). Xvid does not document Range (PROVIDERS.md §2.6.10); its storage URLs are S3's.
        An archive's items are fetched whole, but an attempt skips the items an earlier one saved
        (xvid_archive.py), so none is saved twice.
        """
        resume = Resume(checkpoint, save_checkpoint)
        verify = self.verify_downloads if verify is None else verify
        opts = link_options or self.link_options
        opts.validate()
        dest_dir = Path(dest_dir)
        report(progress, Phase.PREPARING)
        self._check_autograph(asset_id, opts)
        fallback = asset_id or (opts.object_key or "download").rsplit("/", 1)[-1]
        if opts.redirect:
            query = opts.query(asset_id, include_expiry=False)
            response = resume.open(lambda headers: self._open_downloads(query, opts.expiry_time, stream=True,
                                                                        headers=headers))
            ctype = response.headers.get("content-type", "").lower()
            if not ("json" in ctype or "xml" in ctype):  # the redirect was followed: this is the file
                return self._save(resume, response, dest_dir, fallback, conflict, progress, cancel, verify)
            response.close()  # the server answered links instead of redirecting: use them
        answer = self.request_links(asset_id, opts)
        if not answer.archive:
            return self._fetch(answer.urls[0], dest_dir, fallback, conflict, progress, cancel, verify, resume)
        name = answer.name or (self.file_info(asset_id).get("name") if asset_id else None) or fallback
        return fetch_archive(answer.urls, dest_dir / safe_filename(name, fallback),
                             lambda url, folder, item_fallback, item_progress: self._fetch(
                                 url, folder, item_fallback, conflict, item_progress, cancel, verify),
                             fallback=fallback, workers=opts.max_parallel_downloads or DEFAULT_PARALLEL,
                             progress=progress, ledger=ArchiveLedger(checkpoint, save_checkpoint))

    def _fetch(self, url, dest_dir, fallback, conflict, progress, cancel, verify, resume: Resume | None = None) \
            -> DownloadResult:
        if cancel is not None:
            cancel.raise_if_cancelled()
        resume = resume or Resume()  # an archive item: no checkpoint, fetched whole
        response = resume.open(lambda headers: self.http.request("GET", url, stream=True, source="storage",
                                                                 headers=headers))  # no credential: storage
        return self._save(resume, response, dest_dir, fallback, conflict, progress, cancel, verify)

    def _save(self, resume: Resume, response, dest_dir, fallback, conflict, progress, cancel, verify) \
            -> DownloadResult:
        return resume.save(response, dest_dir, fallback_name=fallback, conflict=conflict, progress=progress,
                           cancel=cancel, verify=verify)

    # -- upload: session, POST to storage, finish -------------------------------------------------------------
    def upload(self, path, *, name=None, progress=None, cancel=None) -> UploadOutcome:
        from ..transfer.upload import post_file

        path = Path(path)
        if not path.is_file():
            raise errors.LocalFileError(f"{path} is not a file that can be uploaded.", title="File not found")
        if not self.pipeline_id:
            raise errors.ConfigError("Uploading to Xvid needs a pipeline ID in the profile (or --pipeline-id).")
        report(progress, Phase.PREPARING)
        object_key = self.object_key_template.format(name=name or path.name)
        payload = self._call("POST", self._url(self.paths.uploads),
                             params={"object_key": object_key, "pipeline_id": self.pipeline_id})
        session = payload.get("upload") if isinstance(payload, dict) else None
        if not isinstance(session, dict) or not all(k in session for k in ("id", "form_post_url",
                                                                           "form_post_params")):
            raise errors.ProtocolError("The Xvid upload answer lacks id, form_post_url or form_post_params.")
        target = StorageTarget(asset_id=str(session["id"]), url=session["form_post_url"],
                               fields=dict(session["form_post_params"]))
        stored = post_file(self.http, target, path, progress=progress, cancel=cancel)
        if cancel is not None:
            cancel.raise_if_cancelled()
        report(progress, Phase.REGISTERING, stored.size, stored.size)
        done = self._call("PUT", self._url(self.paths.upload, upload_id=target.asset_id),
                          json={"upload": {"nb_chunks": 1}})
        finished = done.get("upload", {}) if isinstance(done, dict) else {}
        file_id = ((finished.get("file") or {}).get("id") or (session.get("file") or {}).get("id")
                   or target.asset_id)
        report(progress, Phase.DONE, stored.size, stored.size)
        return UploadOutcome(str(file_id), path, stored.size, stored.md5, finished)

    # -- the rest of the Provider interface ---------------------------------------------------------------------
    def asset_info(self, asset_id: str) -> AssetSummary:
        return summary_from_file(self.file_info(asset_id))

    def search(self, text: str, *, page: int = 1, cursor: str | None = None, page_size: int = 50) -> SearchResults:
        """`GET /files/` pages (start/limit); the name filter is applied here (the API has no text search)."""
        payload = self._call("GET", self._url(self.paths.files),
                             params={"start": (page - 1) * page_size, "limit": page_size, "type": "file,archive"})
        items = payload if isinstance(payload, list) else (payload.get("files") or payload.get("items") or [])
        total = payload.get("total") if isinstance(payload, dict) else None
        needle = text.strip().lower()
        found = [summary_from_file(f) for f in items if isinstance(f, dict)
                 and (not needle or needle in str(f.get("name", "")).lower())]
        pages = max(1, -(-int(total) // page_size)) if isinstance(total, int) else page + (len(items) == page_size)
        return SearchResults(items=found, page=page, total_pages=pages, total=total)

    def signed_link(self, asset_id: str) -> str:
        """With client credentials: a shareable HMAC-signed redirect link; else the storage URL the API gives."""
        if self.uses_hmac:
            opts = self.link_options.merged(redirect=True)
            opts.redirect = True
            return self.downloads_url(opts.query(asset_id, include_expiry=False), opts.expiry_time)[0]
        return self.request_links(asset_id).urls[0]

    def check_connection(self) -> str:
        payload = self._call("GET", self._url(self.paths.files), params={"limit": 1})
        total = payload.get("total") if isinstance(payload, dict) else None
        count = f" and the store holds {total:,} file{'s' if total != 1 else ''}" if isinstance(total, int) else ""
        how = "client credentials" if self.credentials.has_client and not self.credentials.token else "token"
        return f"Connected to {self.base_url}: the {how} work{'s' if how == 'token' else ''}{count}."


def _raise_if_error(body: bytes, response) -> None:
    """An `{"error": {...}}` (or XML `<error>`) answer is an error even with status 200."""
    head = body.lstrip()[:200]
    code = message = None
    if head.startswith(b"{"):
        try:
            payload = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return
        if isinstance(payload, dict) and isinstance(payload.get("error"), (dict, str)):
            code, message = json_error_fields(payload)
    elif head.startswith(b"<") and b"<error" in body[:400]:
        from ..responses import s3_error_fields
        code, message = s3_error_fields(body)
    if code or message:
        raise errors.ClientRequestError(f"{message or 'Xvid reported an error'} (HTTP {response.status_code}"
                                        f"{', ' + code if code else ''})", status=response.status_code, code=code)


def summary_from_file(data: dict) -> AssetSummary:
    created = data.get("created_at")
    uploaded = ""
    if isinstance(created, (int, float)) and created > 0:  # epoch milliseconds
        uploaded = datetime.fromtimestamp(created / 1000, timezone.utc).isoformat(timespec="seconds") \
            .replace("+00:00", "Z")
    size = data.get("size")
    return AssetSummary(asset_id=str(data.get("id", "")), name=str(data.get("name") or data.get("title") or ""),
                        size=size if isinstance(size, int) else None, content_type=str(data.get("mime_type") or ""),
                        uploaded=uploaded, checksum=str(data.get("md5_checksum") or ""),
                        status=str(data.get("type") or ""), raw=data)
