"""FileSpin: presigned S3 upload + register_asset, get_link downloads, /download streaming, asset data, search.

The API key is sent only to the API origin: it is a `Credential`, which the HTTP layer refuses to attach to any
other host (storage, CDN, a redirect target). The flows live beside this class (upload.py, download.py); this
class is FileSpin's endpoints and the base class's hooks.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import requests

from ... import errors
from ...http import Credential, HttpClient
from ...responses import json_error_fields
from ...sentence import translate
from ...transfer.download import DownloadRequest, DownloadResult
from ...transfer.job import Job
from ...transfer.send import check_uploadable
from ..base import AssetSummary, Provider, SearchResults, UploadOutcome
from ..processing import AssetState
from ..spec import COMMON_OPTIONS, Applies, Capability, Option, ProviderConfig, ProviderSpec, request_rate
from .download import download_asset
from .endpoints import (
    FileSpinPaths,
    SearchPage,
    StorageTarget,
    link_in,
    search_page,
    state_from_data,
    summary_from_data,
    thumbnail_key,
)
from .upload import FileSpinUploadState, prepared_state, saved_state, upload_file

API_KEY_HEADER = "X-FileSpin-Api-Key"
GET_LINKS_MAX = 100


class FileSpinProvider(Provider):
    def __init__(self, config: ProviderConfig, http: HttpClient):
        super().__init__(config, http)
        self.paths = FileSpinPaths.from_config(config)
        self.link_expiry = config.number("link_expiry")
        self._credential = Credential(self.base_url, {API_KEY_HEADER: config.secret("api_key")})

    def credential(self) -> Credential:
        return self._credential

    def error_in(self, payload: Any, status: int) -> errors.AssetdropError | None:
        """A JSON error body with status 200 is still an error."""
        if isinstance(payload, dict) and isinstance(payload.get("error"), dict | str):
            code, message = json_error_fields(payload)
            return errors.ClientRequestError(
                f"{message or 'The server reported an error'} (HTTP {status}{', ' + code if code else ''})",
                status=status,
                code=code,
            )
        return None

    # -- upload -----------------------------------------------------------------------------------------------
    def content_storage_url(self, filename: str) -> StorageTarget:
        payload = self.call("GET", self.url(self.paths.content_storage_url), params={"filename": filename})
        return StorageTarget.from_answer(payload)

    def register_asset(self, body: dict[str, Any]) -> Any:
        return self.call("POST", self.url(self.paths.register_asset), json=body)

    def upload_needs_file(self, job: Job) -> bool:
        return saved_state(job).stored is None

    def send(self, path: Path, name: str, job: Job) -> UploadOutcome:
        return upload_file(self, path, name, job)

    prepares_uploads = True

    def prepare_upload(self, path: Path) -> FileSpinUploadState:
        check_uploadable(path)  # a file that cannot be sent gets no storage URL
        return prepared_state(self, path.name)

    def asset_state(self, asset_id: str, answer: dict[str, Any] | None) -> AssetState | None:
        """From register_asset's answer (the asset data), or the asset data asked for: NOT_READY, OK, ERROR."""
        return state_from_data(self.asset_data(asset_id) if answer is None else answer)

    # -- read -------------------------------------------------------------------------------------------------
    def asset_data(self, asset_id: str) -> dict[str, Any]:
        payload = self.call("GET", self.url(self.paths.asset_data, asset_id=asset_id))
        if not isinstance(payload, dict):
            raise errors.ProtocolError(
                translate("providers.filespin.provider", "The server's asset data answer is not a JSON object.")
            )
        return payload

    def _link_params(
        self, content_key: str, expiry: int | str | None, delivery_mode: str, link_type: str
    ) -> dict[str, object]:
        return {
            "content_key": content_key,
            "expiry": expiry or self.link_expiry,
            "delivery_mode": delivery_mode,
            "link_type": link_type,
        }

    def get_link(
        self,
        asset_id: str,
        *,
        content_key: str = "original",
        expiry: int | str | None = None,
        delivery_mode: str = "download",
        link_type: str = "object_storage",
    ) -> str:
        params = self._link_params(content_key, expiry, delivery_mode, link_type)
        payload = self.call("GET", self.url(self.paths.get_link, asset_id=asset_id), params=params)
        url = link_in(payload)
        if url is None:
            raise errors.ProtocolError(
                translate("providers.filespin.provider", "The server's get_link answer holds no link.")
            )
        return url

    def get_links(
        self, asset_ids: list[str], *, content_key: str = "original", expiry: int | str | None = None
    ) -> dict[str, str]:
        """Signed links for many assets, in batches of at most 100; ids the server does not know are left out."""
        links: dict[str, str] = {}
        params = self._link_params(content_key, expiry, "download", "object_storage")
        for start in range(0, len(asset_ids), GET_LINKS_MAX):
            batch = asset_ids[start : start + GET_LINKS_MAX]
            payload = self.call("POST", self.url(self.paths.get_links), params=params, json=batch)
            mapping = payload.get("links", payload) if isinstance(payload, dict) else {}
            if not isinstance(mapping, dict):
                raise errors.ProtocolError(
                    translate(
                        "providers.filespin.provider", "The server's get_link answer for several assets holds no links."
                    )
                )
            for asset_id, value in mapping.items():
                url = link_in(value)
                if url and asset_id in batch:
                    links[asset_id] = url
        return links

    def open_download(
        self, asset_id: str, *, content_key: str = "original", headers: dict[str, str] | None = None
    ) -> requests.Response:
        """The streaming `/download` answer (API key sent: this goes to the API host). Caller closes it.
        `headers`: Range and If-Range when resuming (transfer/resume.py)."""
        url = self.url(self.paths.download, asset_id=asset_id, content_key=content_key)
        return self.request("GET", url, headers=headers, stream=True)

    def fetch(self, asset_id: str, request: DownloadRequest, job: Job) -> DownloadResult:
        return download_asset(self, asset_id, request, job, content_key=request.rendition or "original")

    # -- search -------------------------------------------------------------------------------------------------
    def search_criteria(self, criteria: dict[str, Any] | None = None) -> SearchPage:
        """Run a FileSpin search (JSON criteria as the vendor documents them); the first page of asset ids."""
        payload = self.call("POST", self.url(self.paths.search), json=criteria or {})
        return search_page(payload, page=1)

    def search_page(self, search_result_id: str, page: int) -> SearchPage:
        url = self.url(self.paths.search_page, search_result_id=search_result_id, page=page)
        return search_page(self.call("GET", url), page=page, search_result_id=search_result_id)

    def iter_search(self, criteria: dict[str, Any] | None = None, *, max_pages: int = 1000) -> Iterator[str]:
        first = self.search_criteria(criteria)
        yield from first.ids
        if first.search_result_id is None:
            return
        for page in range(2, min(first.total_pages, max_pages) + 1):
            yield from self.search_page(first.search_result_id, page).ids

    def asset_info(self, asset_id: str) -> AssetSummary:
        return summary_from_data(self.asset_data(asset_id))

    def search(self, text: str, *, page: int = 1, cursor: str | None = None, page_size: int = 50) -> SearchResults:
        if page > 1 and cursor:
            found = self.search_page(cursor, page)
        else:
            criteria: dict[str, Any] = {"limit_per_page": page_size}
            if text.strip():
                criteria["keyword"] = text.strip()
            found = self.search_criteria(criteria)
        items = [self.asset_info(asset_id) for asset_id in found.ids[:page_size]]  # a server may send more
        return SearchResults(
            items=items,
            page=found.page,
            total_pages=found.total_pages,
            total=found.total_results,
            cursor=found.search_result_id,
        )

    def signed_link(self, asset_id: str) -> str:
        return self.get_link(asset_id)

    def thumbnail_link(self, asset: AssetSummary) -> str | None:
        """A signed link to the asset's smallest image conversion (for Browse), shown inline; None without one."""
        key = thumbnail_key(asset.raw)
        if key is None:
            return None
        return self.get_link(asset.asset_id, content_key=key, delivery_mode="display")

    def check_connection(self) -> str:
        found = self.search_criteria({"limit_per_page": 1})
        total = found.total_results
        if not isinstance(total, int):
            said = translate(
                "providers.filespin.provider", "Connected to {address}: the API key works and the account holds assets."
            )
        elif total == 1:
            said = translate(
                "providers.filespin.provider",
                "Connected to {address}: the API key works and the account holds 1 asset.",
            )
        else:
            said = translate(
                "providers.filespin.provider",
                "Connected to {address}: the API key works and the account holds {count:,} assets.",
            )
            return said.format(address=self.base_url, count=total)
        return said.format(address=self.base_url)


SPEC = ProviderSpec(
    kind="filespin",
    label="FileSpin",
    factory=FileSpinProvider,
    options=(
        Option(
            "api_key",
            str,
            None,
            "The account's API key (X-FileSpin-Api-Key)",
            "API key",
            secret=True,
            placeholder="Paste the API key",
        ),
        Option(
            "link_expiry",
            int,
            600,
            "Seconds a signed download link stays valid",
            "Link lifetime (s)",
            applies=Applies.DOWNLOAD,
            minimum=1,
            group="Downloads",
        ),
        request_rate(30, "FileSpin documents about 30 a second"),
        Option(
            "wait_ready",
            bool,
            True,
            "Wait until FileSpin has processed each upload (NOT_READY to OK); an ERROR fails the upload",
            "Wait until processed",
            applies=Applies.UPLOAD,
            group="Uploads",
        ),
        *COMMON_OPTIONS,
        *FileSpinPaths.options(),
    ),
    capabilities=Capability.UPLOAD
    | Capability.DOWNLOAD
    | Capability.RESUMABLE_UPLOAD
    | Capability.RESUMABLE_DOWNLOAD
    | Capability.RANGED_DOWNLOAD
    | Capability.SEARCH
    | Capability.INFO
    | Capability.SIGNED_LINKS
    | Capability.RENDITIONS,
    address_placeholder="https://app.filespin.io",
    asset_id_pattern=r"[0-9a-fA-F]{32}",
)
FileSpinProvider.spec = SPEC
