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

from . import download, naming
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
    name = req.query.get("filename")
    if not name:
        raise missing("filename")
    if len(name) > naming.MAX_NAME_CHARS:
        raise invalid(f"filename is longer than {naming.MAX_NAME_CHARS} characters")
    asset_id = uuid.uuid4().hex
    key = naming.storage_key(asset_id, name)
    expiry = int(api.upload_url_expiry)
    post = api.storage.presign_post(key, expires_in=expiry, max_size=int(api.max_upload_size))
    issued = time.time()
    api.store.issue(Pending(asset_id, name, key, issued, issued + expiry))
    return {"asset_id": asset_id,
            "storage": {"name": name, "url": post["url"], "fields": post["fields"], "protocol": "POST",
                        "expiry": expiry, "key": "/" + key, "bucket": api.storage.bucket,
                        "storage_type": "AMAZON_S3"}}


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
        raise ApiError(409, "ASSET_ID_EXISTS", f"asset {asset_id} is already registered")
    info = api.storage.stat(slot.key)
    if info is None:
        if time.time() > slot.expires_at:
            raise ApiError(410, "UPLOAD_URL_EXPIRED", "the upload URL expired before any content was stored; "
                                                      "request a new content_storage_url")
        raise ApiError(400, "CONTENT_NOT_UPLOADED", f"no content stored for asset {asset_id} yet")
    if info.size != size:
        raise ApiError(400, "SIZE_MISMATCH", f"size {size} differs from the stored object's {info.size} bytes")
    if info.md5.lower() != checksum:
        raise ApiError(400, "CHECKSUM_MISMATCH", f"checksum {checksum} differs from the stored object's MD5")
    registered = time.time()
    asset = Asset(id=asset_id, name=slot.name, key=slot.key, bucket=api.storage.bucket, size=info.size,
                  checksum=info.md5.lower(), content_type=naming.content_type(slot.name),
                  upload_time=upload_time or registered, update_time=registered, service_data=service_data,
                  extra=extra)
    try:
        return api.store.register(asset).data()
    except AssetExists:
        raise ApiError(409, "ASSET_ID_EXISTS", f"asset {asset_id} is already registered") from None


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
    return asset


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
    return LinkOptions(_content_key(query.get("content_key", "original")), expiry, mode, link_type)


def _content_key(key: str) -> str:
    if key != "original":
        raise ApiError(404, "CONTENT_KEY_NOT_FOUND", f"content_key {key[:64]!r} not found; the sandbox keeps "
                                                     "only 'original'")
    return key


def _presign(api, asset: Asset, opts: LinkOptions) -> str:
    return api.storage.presign_get(
        asset.key, expires_in=opts.expiry, content_type=asset.content_type,
        content_disposition=naming.content_disposition(asset.name, inline=opts.delivery_mode == "display"))


def get_link(api, req: Request) -> dict:
    opts = _link_options(api, req.query)
    asset = _asset(api, req.params["asset_id"])
    return {"asset_id": asset.id, "content_key": opts.content_key, "url": _presign(api, asset, opts),
            "expiry": opts.expiry, "link_type": opts.link_type, "delivery_mode": opts.delivery_mode}


def get_links(api, req: Request) -> dict:
    opts = _link_options(api, req.query)
    ids = req.json()
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise invalid("body must be a JSON array of asset ids")
    if len(ids) > MAX_LINKS:
        raise ApiError(400, "TOO_MANY_ASSETS", f"at most {MAX_LINKS} asset ids per request, got {len(ids)}")
    links, not_found = {}, []
    for asset_id in dict.fromkeys(ids):
        asset = api.store.get(asset_id.lower()) if HEX32.fullmatch(asset_id.lower()) else None
        if asset is None:
            not_found.append(asset_id)
        else:
            links[asset_id] = _presign(api, asset, opts)
    return {"links": links, "not_found": not_found}


def download_content(api, req: Request) -> download.FileResponse:
    asset = _asset(api, req.params["asset_id"])
    _content_key(req.params["content_key"])
    info = api.storage.stat(asset.key)
    if info is None:
        raise ApiError(404, "ASSET_NOT_FOUND", f"the content of asset {asset.id} is missing from storage")
    return download.plan(info, range_header=req.headers.get("Range"), if_range=req.headers.get("If-Range"),
                         content_type=asset.content_type, disposition=naming.content_disposition(asset.name))


def search(api, req: Request) -> dict:
    criteria = parse_criteria(req.json())
    return api.results.run(criteria, api.store.all()).page(1)


def search_page(api, req: Request) -> dict:
    result = api.results.get(req.params["search_result_id"])
    raw = req.params["page"]
    if not re.fullmatch(r"[0-9]{1,9}", raw):
        raise ApiError(404, "PAGE_NOT_FOUND", f"page {raw[:20]!r} not found")
    return result.page(int(raw))

