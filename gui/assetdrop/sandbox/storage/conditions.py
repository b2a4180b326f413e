"""S3's rules for conditional and partial GET/HEAD: which preconditions hold and which bytes a Range asks for.

Pure functions of the request headers and the object's `ObjectInfo`, apart from the socket code so the rules can be
read on their own. Like S3: If-Match / If-Unmodified-Since failing -> 412, If-None-Match / If-Modified-Since
matching -> 304, a single satisfiable `bytes=` range -> 206, an unsatisfiable one -> 416, anything else in Range
(other units, several ranges, garbage) or a stale If-Range -> the whole object.
"""

from __future__ import annotations

from datetime import datetime
from email.message import Message
from email.utils import parsedate_to_datetime

from .errors import S3Error
from .objects import ObjectInfo


def _unsatisfiable(value: str, size: int) -> S3Error:
    return S3Error(
        416, "InvalidRange", "The requested range is not satisfiable", RangeRequested=value, ActualObjectSize=size
    )


def _failed(condition: str) -> S3Error:
    return S3Error(
        412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold", Condition=condition
    )


def parse_range(value: str, size: int) -> tuple[int, int] | None | S3Error:
    """Single `bytes=a-b|a-|-n` range -> (first, last); None means ignore the header (S3 serves the whole object)."""
    unit, _, spec = value.strip().partition("=")
    if unit.strip().lower() != "bytes" or "," in spec:
        return None
    first, dash, last = spec.strip().partition("-")
    if not dash:
        return None
    try:
        if first == "":
            n = int(last)
            if n <= 0 or size == 0:
                raise ValueError("unsatisfiable")
            return max(0, size - n), size - 1
        a = int(first)
        b = int(last) if last else size - 1
    except ValueError as exc:
        if str(exc) == "unsatisfiable":
            return _unsatisfiable(value, size)
        return None
    if a < 0 or (last and b < a):
        return None
    if a >= size:
        return _unsatisfiable(value, size)
    return a, min(b, size - 1)


def preconditions(h: Message, info: ObjectInfo) -> int:
    """If-Match / If-Unmodified-Since -> 412; If-None-Match / If-Modified-Since -> 304; else 200."""

    def etag_in(value: str) -> bool:
        tags = [t.strip() for t in value.split(",")]
        return "*" in tags or info.etag in tags or info.md5 in tags

    def when(value: str | None) -> datetime | None:
        try:
            return parsedate_to_datetime(value) if value else None
        except (TypeError, ValueError):
            return None

    if h.get("If-Match") is not None and not etag_in(h["If-Match"]):
        raise _failed("If-Match")
    since = when(h.get("If-Unmodified-Since"))
    if h.get("If-Match") is None and since and info.last_modified > since:
        raise _failed("If-Unmodified-Since")
    if h.get("If-None-Match") is not None:
        return 304 if etag_in(h["If-None-Match"]) else 200
    since = when(h.get("If-Modified-Since"))
    if since and info.last_modified <= since:
        return 304
    return 200


def if_range_ok(h: Message, info: ObjectInfo) -> bool:
    """True when Range applies: no If-Range, or one naming this object's ETag or a date not before its change."""
    value = h.get("If-Range")
    if not value:
        return True
    if value.strip().startswith(('"', "W/")):
        return value.strip() == info.etag
    try:
        return info.last_modified <= parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return False
