"""FileSpin's endpoint paths and the shapes of its answers, read defensively.

Paths the vendor's documents do not confirm are options (`path_<name>`, docs/providers.md), so a profile can
override them without a code change. Every parser here turns a wrong shape into a ProtocolError with a sentence.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ... import errors
from ...responses import find_url
from ...sentence import translate
from ..base import AssetSummary, PathTemplates
from ..processing import AssetState, Readiness

LINK_KEYS = ("url", "link", "signed_url", "download_url")


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


@dataclass(frozen=True)
class StorageTarget:
    """Where step 2 of an upload sends the bytes: a presigned POST, valid until `expiry` seconds after issue."""

    asset_id: str
    url: str
    fields: Mapping[str, str] = field(repr=False)
    expiry: int | None = None
    key: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"url": self.url, "fields": dict(self.fields), "expiry": self.expiry, "key": self.key}

    @classmethod
    def from_json(cls, data: Mapping[str, Any], asset_id: str) -> StorageTarget:
        fields = data["fields"]
        if not isinstance(fields, dict) or not isinstance(data["url"], str):
            raise ValueError("not a storage target")
        expiry = data.get("expiry")
        return cls(
            asset_id,
            data["url"],
            {str(k): str(v) for k, v in fields.items()},
            int(expiry) if isinstance(expiry, int | float) else None,
            data.get("key"),
        )

    @classmethod
    def from_answer(cls, payload: Any) -> StorageTarget:
        """The content_storage_url answer: `{"asset_id", "storage": {"url", "fields", "expiry", "key"}}`."""
        if not isinstance(payload, dict) or "asset_id" not in payload or not isinstance(payload.get("storage"), dict):
            raise errors.ProtocolError(
                translate("providers.filespin.endpoints", "The server's storage URL answer lacks asset_id or storage.")
            )
        storage = payload["storage"]
        if not isinstance(storage.get("url"), str) or not isinstance(storage.get("fields"), dict):
            raise errors.ProtocolError(
                translate(
                    "providers.filespin.endpoints", "The server's storage URL answer has no URL or no form fields."
                )
            )
        expiry = storage.get("expiry")
        return cls(
            asset_id=str(payload["asset_id"]),
            url=storage["url"],
            fields={str(k): str(v) for k, v in storage["fields"].items()},
            expiry=int(expiry) if isinstance(expiry, int | float) and not isinstance(expiry, bool) else None,
            key=storage.get("key") if isinstance(storage.get("key"), str) else None,
        )


@dataclass
class SearchPage:
    ids: list[str]
    search_result_id: str | None
    page: int
    total_pages: int
    total_results: int | None = None


def link_in(payload: Any) -> str | None:
    """The link in a get_link answer (its key is undocumented): `url`, `link`, `signed_url`, else any http(s)."""
    return find_url(payload, LINK_KEYS)


def search_page(payload: Any, *, page: int, search_result_id: str | None = None) -> SearchPage:
    if not isinstance(payload, dict) or not isinstance(payload.get("result"), list):
        raise errors.ProtocolError(
            translate("providers.filespin.endpoints", "The server's search answer has no result list.")
        )
    ids = [str(item["id"]) if isinstance(item, dict) and "id" in item else str(item) for item in payload["result"]]
    try:
        return SearchPage(
            ids=ids,
            search_result_id=payload.get("search_result_id", search_result_id),
            page=int(payload.get("page", page)),
            total_pages=int(payload.get("total_pages", 1) or 1),
            total_results=payload.get("total_results") if isinstance(payload.get("total_results"), int) else None,
        )
    except (TypeError, ValueError):
        raise errors.ProtocolError(
            translate(
                "providers.filespin.endpoints", "The server's search answer has page numbers that are not numbers."
            )
        ) from None


def summary_from_data(data: Any) -> AssetSummary:
    if not isinstance(data, dict):
        raise errors.ProtocolError(
            translate("providers.filespin.endpoints", "The server's asset data answer is not a JSON object.")
        )
    size = data.get("size")
    return AssetSummary(
        asset_id=str(data.get("id", "")),
        name=str(data.get("name", "")),
        size=size if isinstance(size, int) and not isinstance(size, bool) else None,
        content_type=str(data.get("content_type") or ""),
        uploaded=str(data.get("upload_time") or ""),
        checksum=str(data.get("checksum") or ""),
        status=str(data.get("status") or ""),
        renditions=tuple(str(k) for k in conversions)
        if isinstance(conversions := data.get("conversions"), dict)
        else (),
        raw=data,
    )


_PROCESSING = {"NOT_READY", "QUEUED", "PROCESSING"}  # NOT_READY is documented; QUEUED is the ingest API's word


def state_from_data(data: Any) -> AssetState | None:
    """The processing state asset data reports (`NOT_READY`, then `OK` or `ERROR`; `ARCHIVED` is read-only but
    ready); None when it reports none, or a status this client does not know (then it is not waited for)."""
    status = str(data.get("status") or "").strip().upper() if isinstance(data, dict) else ""
    if status in ("OK", "ARCHIVED"):
        return AssetState(Readiness.READY, status)
    if status in _PROCESSING:
        return AssetState(Readiness.PROCESSING, status)
    if status == "ERROR":
        message = data.get("message") or data.get("error_message") or data.get("status_message")
        return AssetState(Readiness.FAILED, status, str(message) if isinstance(message, str) else "")
    return None


def thumbnail_key(data: Any) -> str | None:
    """The content key of an asset's thumbnail: a conversion named like one, else its smallest conversion that
    says it is an image (conversions need not say: a `720p-video` is no thumbnail); None without one."""
    conversions = data.get("conversions") if isinstance(data, dict) else None
    if not isinstance(conversions, dict):
        return None
    named = [str(key) for key in conversions if "thumb" in str(key).lower()]
    if named:
        return named[0]
    images = [
        (value["width"], str(key))
        for key, value in conversions.items()
        if isinstance(value, dict)
        and str(value.get("content_type") or "").startswith("image/")
        and isinstance(value.get("width"), int)
    ]
    return min(images)[1] if images else None
