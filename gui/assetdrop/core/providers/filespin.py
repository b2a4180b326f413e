"""FileSpin: presigned S3 upload + register_asset, get_link downloads, /download streaming, asset data, search.

Paths the vendor docs do not confirm (PROVIDERS.md marks them [I]/[?]) live in `FileSpinPaths`, so a profile can
override them without a code change. The API key is sent only to the API origin: it is a `Credential`, which the
HTTP layer refuses to attach to any other host (storage, CDN, a redirect target).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator
from urllib.parse import quote

import requests

from .. import errors
from ..http import Credential, HttpClient
from ..responses import json_error_fields, read_json
from .base import AssetSummary, PathTemplates, SearchResults, UploadOutcome

KIND = "filespin"
API_KEY_HEADER = "X-FileSpin-Api-Key"
ASSET_ID_RE = re.compile(r"^[0-9a-fA-F]{32}$")
GET_LINKS_MAX = 100


@dataclass
class FileSpinPaths(PathTemplates):
    content_storage_url: str = "/api/v1/assets/new/content_storage_url"
    register_asset: str = "/api/v1/assets/new/register_asset"
    asset_data: str = "/api/v1/assets/{asset_id}/data"
    get_link: str = "/api/v1/assets/{asset_id}/get_link"
    get_links: str = "/api/v1/assets/get_link"
    download: str = "/api/v1/assets/{asset_id}/content/{content_key}/download"
    search: str = "/api/v1/search"
    search_page: str = "/api/v1/search/{search_result_id}/{page}"



@dataclass
class StorageTarget:
    """Where step 2 of an upload sends the bytes: a presigned POST, valid until `expiry` seconds after issue."""

    asset_id: str
    url: str
    fields: dict = field(repr=False)
    expiry: int | None = None
    key: str | None = None


@dataclass
class SearchPage:
    ids: list[str]
    search_result_id: str | None
    page: int
    total_pages: int
    total_results: int | None = None


def is_asset_id(text: str) -> bool:
    return bool(ASSET_ID_RE.match(text))


class FileSpinProvider:
    kind = KIND
    verify_downloads = True  # MD5 against the storage's ETag; the session sets it from Settings

    def __init__(self, http: HttpClient, base_url: str, api_key: str, *, paths: FileSpinPaths | None = None,
                 link_expiry: int = 600):
        if not base_url.startswith(("http://", "https://")):
            raise errors.ConfigError(f"The API address must start with https:// (got {base_url!r}).")
        self.http = http
        self.base_url = base_url.rstrip("/")
        self.paths = paths or FileSpinPaths()
        self.link_expiry = link_expiry
        self._credential = Credential(self.base_url, {API_KEY_HEADER: api_key})

    # -- plumbing ---------------------------------------------------------------------------------------------
    def _url(self, template: str, **params) -> str:
        return self.base_url + template.format(**{k: quote(str(v), safe="") for k, v in params.items()})

    def _call(self, method: str, url: str, **kwargs):
        response = self.http.request(method, url, credential=self._credential, **kwargs)
        payload = read_json(response)
        # A JSON error body with status 200 is still an error.
        if isinstance(payload, dict) and isinstance(payload.get("error"), (dict, str)):
            code, message = json_error_fields(payload)
            raise errors.ClientRequestError(f"{message or 'The server reported an error'}"
                                            f" (HTTP {response.status_code}{', ' + code if code else ''})",
                                            status=response.status_code, code=code)
        return payload

    @staticmethod
    def _require(payload, *keys: str, what: str):
        if not isinstance(payload, dict) or any(k not in payload for k in keys):
            missing = [k for k in keys if not isinstance(payload, dict) or k not in payload]
            raise errors.ProtocolError(f"The server's {what} answer lacks {', '.join(missing)}.")
        return payload

    # -- upload -----------------------------------------------------------------------------------------------
    def content_storage_url(self, filename: str) -> StorageTarget:
        payload = self._call("GET", self._url(self.paths.content_storage_url), params={"filename": filename})
        self._require(payload, "asset_id", "storage", what="storage URL")
        storage = self._require(payload["storage"], "url", "fields", what="storage URL")
        if not isinstance(storage["fields"], dict):
            raise errors.ProtocolError("The server's storage URL answer has no form fields.")
        return StorageTarget(asset_id=str(payload["asset_id"]), url=storage["url"], fields=dict(storage["fields"]),
                             expiry=storage.get("expiry"), key=storage.get("key"))

    def register_asset(self, body: dict) -> dict:
        return self._call("POST", self._url(self.paths.register_asset), json=body)

    # -- read -------------------------------------------------------------------------------------------------
    def asset_data(self, asset_id: str) -> dict:
        return self._call("GET", self._url(self.paths.asset_data, asset_id=asset_id))

    def get_link(self, asset_id: str, *, content_key: str = "original", expiry: int | str | None = None,
                 delivery_mode: str = "download", link_type: str = "object_storage") -> str:
        params = {"content_key": content_key, "expiry": expiry or self.link_expiry,
                  "delivery_mode": delivery_mode, "link_type": link_type}
        payload = self._call("GET", self._url(self.paths.get_link, asset_id=asset_id), params=params)
        url = _find_url(payload)
        if url is None:
            raise errors.ProtocolError("The server's get_link answer holds no link.")
        return url

    def get_links(self, asset_ids: list[str], *, content_key: str = "original",
                  expiry: int | str | None = None) -> dict[str, str]:
        """Signed links for many assets, in batches of at most 100; ids the server does not know are left out."""
        links: dict[str, str] = {}
        params = {"content_key": content_key, "expiry": expiry or self.link_expiry,
                  "delivery_mode": "download", "link_type": "object_storage"}
        for start in range(0, len(asset_ids), GET_LINKS_MAX):
            batch = asset_ids[start:start + GET_LINKS_MAX]
            payload = self._call("POST", self._url(self.paths.get_links), params=params, json=batch)
            mapping = payload.get("links", payload) if isinstance(payload, dict) else {}
            for asset_id, value in mapping.items():
                url = value if isinstance(value, str) else _find_url(value)
                if url and asset_id in batch:
                    links[asset_id] = url
        return links

    def open_download(self, asset_id: str, *, content_key: str = "original",
                      headers: dict[str, str] | None = None) -> requests.Response:
        """The streaming `/download` answer (API key sent: this goes to the API host). Caller closes it.
        `headers`: Range and If-Range when resuming (transfer/resume.py)."""
        return self.http.request("GET", self._url(self.paths.download, asset_id=asset_id, content_key=content_key),
                                 credential=self._credential, headers=headers, stream=True)

    def search_criteria(self, criteria: dict | None = None) -> SearchPage:
        """Run a FileSpin search (JSON criteria as the vendor documents them); the first page of asset ids."""
        payload = self._call("POST", self._url(self.paths.search), json=criteria or {})
        return _search_page(payload, page=1)

    def search_page(self, search_result_id: str, page: int) -> SearchPage:
        payload = self._call("GET", self._url(self.paths.search_page, search_result_id=search_result_id, page=page))
        return _search_page(payload, page=page, search_result_id=search_result_id)

    def iter_search(self, criteria: dict | None = None, *, max_pages: int = 1000) -> Iterator[str]:
        first = self.search_criteria(criteria)
        yield from first.ids
        for page in range(2, min(first.total_pages, max_pages) + 1):
            yield from self.search_page(first.search_result_id, page).ids

    # -- the app-facing Provider interface (see base.py) ---------------------------------------------------------
    resumable = True  # upload() and download() take checkpoint / save_checkpoint (see transfer/upload.py)

    def upload(self, path, *, name=None, progress=None, cancel=None, checkpoint=None, save_checkpoint=None):
        from ..transfer.upload import upload_file

        result = upload_file(self, path, name=name, progress=progress, cancel=cancel, checkpoint=checkpoint,
                             save_checkpoint=save_checkpoint)
        return UploadOutcome(result.asset_id, result.path, result.size, result.md5, result.asset)

    def download(self, asset_id, dest_dir, *, conflict=None, progress=None, cancel=None, checkpoint=None,
                 save_checkpoint=None, verify=None):
        from ..transfer.asset_download import download_asset
        from ..transfer.download import ConflictPolicy

        return download_asset(self, asset_id, dest_dir, conflict=conflict or ConflictPolicy.RENAME,
                              progress=progress, cancel=cancel, checkpoint=checkpoint,
                              save_checkpoint=save_checkpoint,
                              verify=self.verify_downloads if verify is None else verify)

    def asset_info(self, asset_id: str) -> AssetSummary:
        return summary_from_data(self.asset_data(asset_id))

    def search(self, text: str, *, page: int = 1, cursor: str | None = None, page_size: int = 50) -> SearchResults:
        if page > 1 and cursor:
            found = self.search_page(cursor, page)
        else:
            criteria = {"limit_per_page": page_size}
            if text.strip():
                criteria["keyword"] = text.strip()
            found = self.search_criteria(criteria)
        items = [self.asset_info(asset_id) for asset_id in found.ids]
        return SearchResults(items=items, page=found.page, total_pages=found.total_pages,
                             total=found.total_results, cursor=found.search_result_id)

    def signed_link(self, asset_id: str) -> str:
        return self.get_link(asset_id)

    def check_connection(self) -> str:
        found = self.search_criteria({"limit_per_page": 1})
        total = found.total_results
        count = f"{total:,} asset{'s' if total != 1 else ''}" if isinstance(total, int) else "assets"
        return f"Connected to {self.base_url}: the API key works and the account holds {count}."


def _find_url(payload) -> str | None:
    """The link in a get_link answer: `url`, `link`, `signed_url`, else the first http(s) string value."""
    if isinstance(payload, str) and payload.startswith(("http://", "https://")):
        return payload
    if isinstance(payload, dict):
        for key in ("url", "link", "signed_url", "download_url"):
            if isinstance(payload.get(key), str):
                return payload[key]
        for value in payload.values():
            found = _find_url(value) if isinstance(value, (str, dict)) else None
            if found:
                return found
    return None


def _search_page(payload, *, page: int, search_result_id: str | None = None) -> SearchPage:
    if not isinstance(payload, dict) or not isinstance(payload.get("result"), list):
        raise errors.ProtocolError("The server's search answer has no result list.")
    ids = [str(item["id"]) if isinstance(item, dict) and "id" in item else str(item) for item in payload["result"]]
    return SearchPage(ids=ids, search_result_id=payload.get("search_result_id", search_result_id),
                      page=int(payload.get("page", page)), total_pages=int(payload.get("total_pages", 1) or 1),
                      total_results=payload.get("total_results"))


def summary_from_data(data: dict) -> AssetSummary:
    size = data.get("size")
    return AssetSummary(asset_id=str(data.get("id", "")), name=str(data.get("name", "")),
                        size=size if isinstance(size, int) else None,
                        content_type=str(data.get("content_type") or ""),
                        uploaded=str(data.get("upload_time") or ""), checksum=str(data.get("checksum") or ""),
                        status=str(data.get("status") or ""), raw=data)
