"""How the storage answers: S3's request-id headers on every response, its XML errors, and small fixed bodies.

Shared by the download and both upload paths so that every response has the same shape; an error sent with
`close=True` ends the connection, for when the request body could not be read to its end.
"""

from __future__ import annotations

import base64
import secrets
from typing import TYPE_CHECKING

from .errors import S3Error

if TYPE_CHECKING:
    from .handler import StorageHandler


def common_headers(h: StorageHandler) -> None:
    h.send_header("x-amz-request-id", h.request_id)
    h.send_header("x-amz-id-2", base64.b64encode(secrets.token_bytes(24)).decode())


def send_error(h: StorageHandler, err: S3Error, close: bool = False) -> None:
    """S3's XML error body (none for HEAD); a 416 also says the object's size in Content-Range."""
    body = err.to_xml(h.request_id)
    h.send_response(err.status)
    common_headers(h)
    h.send_header("Content-Type", "application/xml")
    if err.status == 416 and "ActualObjectSize" in err.extra:
        h.send_header("Content-Range", f"bytes */{err.extra['ActualObjectSize']}")
    if close:
        h.send_header("Connection", "close")
        h.close_connection = True
    if h.command == "HEAD":
        h.send_header("Content-Length", "0")
        h.end_headers()
    else:
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)


def send_simple(h: StorageHandler, status: int, headers: dict[str, str] | None = None, body: bytes = b"") -> None:
    h.send_response(status)
    common_headers(h)
    for name, value in (headers or {}).items():
        h.send_header(name, value)
    h.send_header("Content-Length", str(len(body)))
    h.end_headers()
    if body and h.command != "HEAD":
        h.wfile.write(body)
