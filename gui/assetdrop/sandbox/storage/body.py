"""Request bodies and keep-alive: a connection stays open only if its request body was read to the end.

Methods that take no body drop a small one; uploads need a Content-Length (S3 refuses chunked POSTs with 411); an
upload refused part-way is drained, up to a limit, before its error so the client can reuse the connection, and
beyond that limit the error closes it. Both POST paths read their form fields before `file` here, capped; the
multipart parsing itself is multipart.py's.
"""

from __future__ import annotations

from email.message import Message
from typing import TYPE_CHECKING

from .errors import S3Error
from .multipart import BodyTruncated, MultipartReader
from .replies import send_error

if TYPE_CHECKING:
    from .handler import StorageHandler

DRAIN_LIMIT = 1 << 30  # after an error, read up to this much of the body to keep the connection; else close
SMALL_BODY = 1 << 20  # bodies of non-POST requests we read and drop to keep a keep-alive connection in sync
MAX_PRE_FILE_DATA = 1 << 20  # form fields before `file` (S3's own limit is far smaller)


def content_length(headers: Message) -> int | None:
    """The declared length; None when absent, -1 when not a non-negative integer."""
    value = headers.get("Content-Length")
    if value is None:
        return None
    try:
        n = int(value)
    except ValueError:
        return -1
    return n if n >= 0 else -1


def upload_length(h: StorageHandler) -> int | None:
    """An upload's Content-Length; None after answering 411 and closing (chunked, missing or invalid length)."""
    length = content_length(h.headers)
    if h.headers.get("Transfer-Encoding") or length is None or length < 0:
        send_error(
            h, S3Error(411, "MissingContentLength", "You must provide the Content-Length HTTP header."), close=True
        )
        return None
    return length


def drop_small_body(h: StorageHandler) -> bool:
    """Read and discard a (small) body on methods that take none; False if the connection must close."""
    if h.headers.get("Transfer-Encoding"):
        return False
    n = content_length(h.headers)
    if n is None or n == 0:
        return True
    if n < 0 or n > SMALL_BODY:
        return False
    return len(h.rfile.read(n)) == n


def finish_body_then_error(h: StorageHandler, reader: MultipartReader, err: S3Error) -> None:
    close = reader.unread > DRAIN_LIMIT
    if not close:
        try:
            reader.drain()
        except BodyTruncated:
            close = True
    send_error(h, err, close=close)


def read_fields(reader: MultipartReader) -> tuple[dict[str, str], object]:
    """Form fields up to the `file` part (lower-cased names, first wins); returns (fields, file part or None)."""
    fields: dict[str, str] = {}
    total = 0
    while True:
        part = reader.next_part()
        if part is None:
            return fields, None
        name = part.name.lower()
        if name == "file":
            return fields, part
        value = reader.read_value(MAX_PRE_FILE_DATA)
        total += len(value)
        if total > MAX_PRE_FILE_DATA:
            raise S3Error(
                400,
                "MaxPostPreDataLengthExceeded",
                "Your POST request fields preceeding the upload file was too large.",
            )
        fields.setdefault(name, value.decode("utf-8", "replace"))
