"""Serving an object to GET/HEAD: its stored headers, response-* overrides, conditional requests and one Range.

The bytes go out with `socket.sendfile` straight from the page cache, never through Python; if the file shrank
under us the connection is closed so the client cannot take a short body for a whole one.
"""

from __future__ import annotations

from email.utils import format_datetime
from typing import TYPE_CHECKING

from .conditions import if_range_ok, parse_range, preconditions
from .errors import S3Error
from .objects import DEFAULT_CONTENT_TYPE
from .replies import common_headers, send_simple

if TYPE_CHECKING:
    from .handler import StorageHandler
    from .server import StorageService

RESPONSE_OVERRIDES = {
    "response-content-type": "Content-Type",
    "response-content-disposition": "Content-Disposition",
    "response-content-language": "Content-Language",
    "response-expires": "Expires",
    "response-cache-control": "Cache-Control",
    "response-content-encoding": "Content-Encoding",
}


def send_object(h: StorageHandler, svc: StorageService, key: str) -> None:
    found = svc._store.open_with_info(key)
    if found is None:
        raise S3Error(404, "NoSuchKey", "The specified key does not exist.", Key=key)
    info, f = found
    with f:
        headers = {"Content-Type": info.content_type or DEFAULT_CONTENT_TYPE}
        headers.update(info.headers)
        headers.update(
            {
                "ETag": info.etag,
                "Last-Modified": format_datetime(info.last_modified, usegmt=True),
                "Accept-Ranges": "bytes",
            }
        )
        for param, value in h.query:
            if param.lower() in RESPONSE_OVERRIDES:
                headers[RESPONSE_OVERRIDES[param.lower()]] = value
        status = preconditions(h.headers, info)
        if status == 304:
            send_simple(h, 304, {k: headers[k] for k in ("ETag", "Last-Modified")})
            return
        first, last = 0, info.size - 1
        status = 200
        rng = h.headers.get("Range")
        if rng and if_range_ok(h.headers, info):
            parsed = parse_range(rng, info.size)
            if isinstance(parsed, S3Error):
                raise parsed
            if parsed is not None:
                first, last = parsed
                status = 206
                headers["Content-Range"] = f"bytes {first}-{last}/{info.size}"
        length = max(0, last - first + 1)
        h.send_response(status)
        common_headers(h)
        for name, value in headers.items():
            h.send_header(name, value)
        h.send_header("Content-Length", str(length))
        h.end_headers()
        if h.command == "GET" and length:
            sent = h.connection.sendfile(f, first, length)
            if sent != length:
                h.close_connection = True
