"""The `/download` response plan: which bytes of which stored object, with which headers.

Kept apart from the socket code so Range rules can be read (and tested) on their own. Rules (RFC 9110 §14):
a satisfiable single `bytes=` range -> 206; a syntactically valid but unsatisfiable one (first byte past the end,
last < first, a zero suffix, any range of an empty object) -> 416; other units, multiple ranges or garbage are
ignored -> 200 with the whole object; an If-Range naming another version voids the Range -> 200, whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC
from email.utils import format_datetime

from .errors import ApiError

_RANGE = re.compile(r"\s*(\d{0,30})\s*-\s*(\d{0,30})\s*")


@dataclass
class FileResponse:
    status: int
    key: str
    offset: int
    length: int
    headers: dict[str, str] = field(default_factory=dict)


def parse_range(header: str | None, size: int) -> tuple[int, int] | None:
    """(first, last) inclusive, None to send everything; raises 416 when unsatisfiable."""
    if not header:
        return None
    unit, _, spec = header.partition("=")
    if unit.strip().lower() != "bytes" or "," in spec:
        return None
    match = _RANGE.fullmatch(spec)
    if not match or not (match[1] or match[2]):
        return None
    if match[1]:
        first = int(match[1])
        last = int(match[2]) if match[2] else size - 1
        if first >= size or last < first:
            raise _unsatisfiable(header, size)
        return first, min(last, size - 1)
    suffix = int(match[2])
    if suffix == 0 or size == 0:
        raise _unsatisfiable(header, size)
    return max(0, size - suffix), size - 1


def _unsatisfiable(header: str, size: int) -> ApiError:
    return ApiError(
        416,
        "RANGE_NOT_SATISFIABLE",
        f"range {header[:100]!r} not satisfiable for {size} bytes",
        headers={"Content-Range": f"bytes */{size}"},
    )


def plan(
    info, *, range_header: str | None, content_type: str, disposition: str, if_range: str | None = None
) -> FileResponse:
    """`info` is the storage's ObjectInfo (size, etag, last_modified). An `If-Range` that names neither this ETag nor
    this Last-Modified date voids the Range (RFC 9110 §13.1.5): the whole object, 200."""
    etag = info.etag if str(info.etag).startswith('"') else f'"{info.etag}"'
    modified = info.last_modified
    modified = modified.replace(tzinfo=UTC) if modified.tzinfo is None else modified.astimezone(UTC)
    headers = {
        "Content-Type": content_type,
        "Content-Disposition": disposition,
        "ETag": etag,
        "Accept-Ranges": "bytes",
        "Last-Modified": format_datetime(modified, usegmt=True),
    }
    if if_range is not None and if_range.strip() not in (etag, headers["Last-Modified"]):
        range_header = None  # the client's bytes are of another version: send the current one whole
    wanted = parse_range(range_header, info.size)
    if wanted is None:
        return FileResponse(200, info.key, 0, info.size, headers)
    first, last = wanted
    headers["Content-Range"] = f"bytes {first}-{last}/{info.size}"
    return FileResponse(206, info.key, first, last - first + 1, headers)
