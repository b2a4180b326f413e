"""What a successful browser POST answers, as S3 does: `success_action_redirect` -> 303 to it with bucket, key and
ETag appended; else `success_action_status` 201 (an XML PostResponse), 200, or by default 204 — all with ETag and
the object's Location.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from .objects import ObjectInfo
from .replies import send_simple
from .sigv4 import uri_encode

if TYPE_CHECKING:
    from .handler import StorageHandler


def send_post_success(h: StorageHandler, bucket: str, info: ObjectInfo, fields: dict[str, str]) -> None:
    host = h.headers.get("Host") or f"{h.server.server_address[0]}:{h.server.server_address[1]}"
    location = f"http://{host}/{uri_encode(bucket)}/{uri_encode(info.key, safe='/')}"
    headers = {"ETag": info.etag, "Location": location}
    redirect = fields.get("success_action_redirect") or fields.get("redirect")
    if redirect:
        sep = "&" if "?" in redirect else "?"
        target = f"{redirect}{sep}bucket={uri_encode(bucket)}&key={uri_encode(info.key)}&etag={uri_encode(info.etag)}"
        send_simple(h, 303, {**headers, "Location": target})
        return
    status = fields.get("success_action_status", "204")
    if status == "201":
        body = (
            '<?xml version="1.0" encoding="UTF-8"?>\n<PostResponse>'
            f"<Location>{escape(location)}</Location><Bucket>{escape(bucket)}</Bucket>"
            f"<Key>{escape(info.key)}</Key><ETag>{escape(info.etag)}</ETag></PostResponse>"
        ).encode()
        send_simple(h, 201, {**headers, "Content-Type": "application/xml"}, body)
    elif status == "200":
        send_simple(h, 200, headers)
    else:
        send_simple(h, 204, headers)
