"""The contract's endpoints (docs/sandbox-contract.md, "Endpoints"), free of HTTP plumbing.

Each takes the ApiService and a Request and returns a JSON-able dict (200) or a FileResponse; failures are
ApiError. The handler does routing, auth, bodies and sockets.
"""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field

from . import download, naming, renditions
from .assets import Asset, AssetExists, Pending
from .errors import ApiError, asset_not_found, invalid, missing
from .search import parse_criteria
from .validate import HEX32, as_hex32, as_int, iso, parse_json, parse_time, query_int

MAX_LINK_EXPIRY = 604800  # `expiry=MAX` for object_storage links: 7 days
DEFAULT_LINK_EXPIRY = 600
MAX_LINKS = 100


@dataclass
class Request:
    method: str
    params: dict[str, str]
    query: dict[str, str]
    body: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict)  # the handler passes its case-insensitive headers

    def json(self):
        return parse_json(self.body)


def content_storage_url(api, req: Request) -> dict:
    """The vendor's three documented 400s: no `filename`, an `asset_id` that names an asset, a `protocol` other
    than POST. A caller-chosen `asset_id` that names no asset is used (asked again, it gets a new URL)."""
    name = req.query.get("filename")
    if not name:
        raise missing("filename")
    if len(name) > naming.MAX_NAME_CHARS:
        raise invalid(f"filename is longer than {naming.MAX_NAME_CHARS} characters")
    protocol = req.query.get("protocol", "POST")
    if protocol.upper() != "POST":
        raise ApiError(400, "INVALID_REQUEST", f"protocol {protocol[:20]!r} is not supported; use POST")
    asset_id = uuid.uuid4().hex
    if "asset_id" in req.query:
        asset_id = as_hex32(req.query["asset_id"], "asset_id")
        if api.store.get(asset_id) is not None:
            raise ApiError(400, "ASSET_ID_EXISTS", f"asset {asset_id} already exists")
    key = naming.storage_key(asset_id, name)
    expiry = int(api.upload_url_expiry)
    post = api.storage.presign_post(key, expires_in=expiry, max_size=int(api.max_upload_size))
    issued = time.time()
    api.store.issue(Pending(asset_id, name, key, issued, issued + expiry))
    return {
        "asset_id": asset_id,
        "storage": {
            "name": name,
            "url": post["url"],
            "fields": post["fields"],
            "protocol": "POST",
            "expiry": expiry,
            "key": "/" + key,
            "bucket": api.storage.bucket,
            "storage_type": "AMAZON_S3",
        },
    }


def register_asset(api, req: Request) -> dict:
    body = req.json()
    if not isinstance(body, dict):
        raise invalid("body must be a JSON object")
    absent = [k for k in ("asset_id", "size", "checksum") if body.get(k) is None]
    if absent:
        raise missing(*absent)
    asset_id = as_hex32(body["asset_id"], "asset_id")
    size = as_int(body["size"], "size")
    checksum = as_hex32(body["checksum"], "checksum")
    service_data = body.get("service_data")
    if service_data is None:
        service_data = {}
    if not isinstance(service_data, dict):
        raise invalid("service_data must be a JSON object")
    extra, upload_time = _upload_times(body)

    slot = api.store.pending(asset_id)
    if slot is None:
        raise asset_not_found(asset_id)
    if api.store.get(asset_id) is not None:
        raise _already_registered(api, asset_id)
    info = api.storage.stat(slot.key)
    if info is None:
        if time.time() > slot.expires_at:
            raise ApiError(
                410,
                "UPLOAD_URL_EXPIRED",
                "the upload URL expired before any content was stored; request a new content_storage_url",
            )
        raise ApiError(400, "CONTENT_NOT_UPLOADED", f"no content stored for asset {asset_id} yet")
    if info.size != size:
        raise ApiError(400, "SIZE_MISMATCH", f"size {size} differs from the stored object's {info.size} bytes")
    if info.md5.lower() != checksum:
        raise ApiError(400, "CHECKSUM_MISMATCH", f"checksum {checksum} differs from the stored object's MD5")
    registered = time.time()
    asset = Asset(
        id=asset_id,
        name=slot.name,
        key=slot.key,
        bucket=api.storage.bucket,
        size=info.size,
        checksum=info.md5.lower(),
        content_type=naming.content_type(slot.name),
        upload_time=upload_time or registered,
        update_time=registered,
        service_data=service_data,
        extra=extra,
        processed_at=registered + max(0.0, float(api.processing_delay)),
        outcome="ERROR" if api.processing_error else "OK",
        message=str(api.processing_error or ""),
    )
    try:
        return api.store.register(asset).data()
    except AssetExists:
        raise _already_registered(api, asset_id) from None


def _already_registered(api, asset_id: str) -> ApiError:
    """No vendor document gives this status: 409 by default, another 4xx by the `repeat_register_status` switch."""
    return ApiError(int(api.repeat_register_status), "ASSET_ID_EXISTS", f"asset {asset_id} is already registered")


def _upload_times(body: dict) -> tuple[dict, float | None]:
    """Client timestamps -> (extra asset-data keys, the asset's upload_time or None for "now").

    `upload_time` as an ISO string is the asset's upload time; as a number it is the upload's duration in
    seconds (kept as `upload_duration`). Without an ISO `upload_time`, `upload_completed_at` is used.
    """
    extra: dict = {}
    for name in ("upload_started_at", "upload_completed_at"):
        if body.get(name) is not None:
            extra[name] = iso(parse_time(body[name], name))
    upload_time = None
    value = body.get("upload_time")
    if isinstance(value, str):
        upload_time = parse_time(value, "upload_time").timestamp()
    elif value is not None:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value < 10**12:
            raise invalid("upload_time must be an ISO-8601 timestamp or a number of seconds")
        extra["upload_duration"] = value
    if upload_time is None and "upload_completed_at" in extra:
        upload_time = parse_time(extra["upload_completed_at"], "upload_completed_at").timestamp()
    return extra, upload_time


def asset_data(api, req: Request) -> dict:
    return _asset(api, req.params["asset_id"]).data()


def _asset(api, asset_id: str) -> Asset:
    asset = api.store.get(asset_id.lower()) if HEX32.fullmatch(asset_id.lower()) else None
    if asset is None:
        raise asset_not_found(asset_id)
    return processed(api, asset)


def processed(api, asset: Asset) -> Asset:
    """The asset with its conversions once processing has finished (made the first time it is read after that)."""
    if asset.status() != "OK" or asset.conversions is not None:
        return asset
    with api.processing_lock:
        current = api.store.get(asset.id)
        if current is not None and current.conversions is None:
            api.store.set_conversions(asset.id, renditions.make(api.storage, current))
            current = api.store.get(asset.id)
    return current or asset


@dataclass(frozen=True)
class Content:
    """What a content key of an asset is: its storage key, type and download name."""

    key: str
    content_type: str
    name: str


def _content(api, asset: Asset, content_key: str) -> Content:
    """A readable content key of `asset`. Reading an asset that is not OK is refused (409) unless the
    `not_ready_download` switch says "serve" (the vendor documents only that status must be OK first)."""
    status = asset.status()
    if status != "OK" and api.not_ready_download != "serve":
        if status == "NOT_READY":
            raise ApiError(409, "ASSET_NOT_READY", f"asset {asset.id} is still being processed")
        raise ApiError(409, "ASSET_PROCESSING_FAILED", f"asset {asset.id} could not be processed: {asset.message}")
    if content_key == "original":
        return Content(asset.key, asset.content_type, asset.name)
    conversion = (asset.conversions or {}).get(content_key) if status == "OK" else None
    if not isinstance(conversion, dict):
        raise ApiError(404, "CONTENT_KEY_NOT_FOUND", f"content_key {content_key[:64]!r} not found for this asset")
    name = renditions.rendition_name(asset.name, content_key)
    return Content(conversion["key"], conversion.get("content_type", "image/jpeg"), name)


@dataclass(frozen=True)
class LinkOptions:
    content_key: str
    expiry: int
    delivery_mode: str
    link_type: str


def _link_options(api, query: dict[str, str]) -> LinkOptions:
    if not api.get_link_enabled:
        raise ApiError(422, "FEATURE_NOT_AVAILABLE", "get_link is disabled in this sandbox; use /download")
    raw = query.get("expiry", str(DEFAULT_LINK_EXPIRY))
    if raw.strip().upper() == "MAX":
        expiry = MAX_LINK_EXPIRY
    else:
        expiry = query_int(raw, "expiry", lo=1, hi=MAX_LINK_EXPIRY)
    mode = query.get("delivery_mode", "download")
    if mode not in ("download", "display"):
        raise invalid("delivery_mode must be download or display")
    link_type = query.get("link_type", "object_storage")
    if link_type not in ("object_storage", "cdn"):
        raise invalid("link_type must be object_storage or cdn")
    content_key = query.get("content_key", "original")
    if not content_key:
        raise invalid("content_key must not be empty")
    return LinkOptions(content_key, expiry, mode, link_type)


def _presign(api, content: Content, opts: LinkOptions) -> str:
    if api.storage.stat(content.key) is None:
        raise ApiError(404, "ASSET_NOT_FOUND", "the content is missing from storage")
    return api.storage.presign_get(
        content.key,
        expires_in=opts.expiry,
        content_type=content.content_type,
        content_disposition=naming.content_disposition(content.name, inline=opts.delivery_mode == "display"),
    )


def get_link(api, req: Request) -> dict:
    opts = _link_options(api, req.query)
    asset = _asset(api, req.params["asset_id"])
    return {
        "asset_id": asset.id,
        "content_key": opts.content_key,
        "url": _presign(api, _content(api, asset, opts.content_key), opts),
        "expiry": opts.expiry,
        "link_type": opts.link_type,
        "delivery_mode": opts.delivery_mode,
    }


def get_links(api, req: Request) -> dict:
    opts = _link_options(api, req.query)
    ids = req.json()
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise invalid("body must be a JSON array of asset ids")
    if len(ids) > MAX_LINKS:
        raise ApiError(400, "TOO_MANY_ASSETS", f"at most {MAX_LINKS} asset ids per request, got {len(ids)}")
    links, not_found, not_ready = {}, [], []
    for asset_id in dict.fromkeys(ids):
        asset = api.store.get(asset_id.lower()) if HEX32.fullmatch(asset_id.lower()) else None
        if asset is None:
            not_found.append(asset_id)
            continue
        try:
            content = _content(api, processed(api, asset), opts.content_key)
        except ApiError as exc:
            if exc.status != 409:
                raise
            not_ready.append(asset_id)
        else:
            links[asset_id] = _presign(api, content, opts)
    answer: dict = {"links": links, "not_found": not_found}
    if not_ready:
        answer["not_ready"] = not_ready
    return answer


def download_content(api, req: Request) -> download.FileResponse:
    asset = _asset(api, req.params["asset_id"])
    content = _content(api, asset, req.params["content_key"])
    info = api.storage.stat(content.key)
    if info is None:
        raise ApiError(404, "ASSET_NOT_FOUND", f"the content of asset {asset.id} is missing from storage")
    return download.plan(
        info,
        range_header=req.headers.get("Range"),
        if_range=req.headers.get("If-Range"),
        content_type=content.content_type,
        disposition=naming.content_disposition(content.name),
    )


def search(api, req: Request) -> dict:
    criteria = parse_criteria(req.json())
    return api.results.run(criteria, api.store.all()).page(1)


def search_page(api, req: Request) -> dict:
    result = api.results.get(req.params["search_result_id"])
    raw = req.params["page"]
    if not re.fullmatch(r"[0-9]{1,9}", raw):
        raise ApiError(404, "PAGE_NOT_FOUND", f"page {raw[:20]!r} not found")
    return result.page(int(raw))
