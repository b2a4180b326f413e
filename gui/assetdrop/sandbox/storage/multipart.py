"""A streaming multipart/form-data reader for S3 browser POSTs.

Upload bodies can be many gigabytes, so nothing here holds a part in memory: the socket is read in 1 MiB chunks,
the boundary is found with `bytes.find`, and file data is handed out as zero-copy memoryviews of those chunks
(only the few bytes that might start a boundary are carried over between reads). Small form fields are collected
with a size cap. The reader never reads past the request's Content-Length, so keep-alive connections stay in sync.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

CHUNK = 1 << 20
MAX_HEADER_BLOCK = 16 * 1024


class MultipartError(ValueError):
    """The body is not well-formed multipart/form-data."""


class BodyTruncated(MultipartError):
    """The client sent fewer bytes than its Content-Length (or hung up)."""


_PARAM = re.compile(r';\s*([^\s=;]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)')


def parse_options(value: str) -> tuple[str, dict[str, str]]:
    """`form-data; name="key"; filename="a b.txt"` -> ("form-data", {"name": "key", "filename": "a b.txt"})."""
    main, _, rest = value.partition(";")
    params = {}
    for m in _PARAM.finditer(";" + rest):
        name, raw = m.group(1).lower(), m.group(2).strip()
        if raw.startswith('"') and raw.endswith('"') and len(raw) >= 2:
            raw = re.sub(r"\\(.)", r"\1", raw[1:-1])
        params.setdefault(name, raw)
    return main.strip().lower(), params


def boundary_from_content_type(content_type: str) -> bytes | None:
    kind, params = parse_options(content_type)
    boundary = params.get("boundary", "")
    if kind != "multipart/form-data" or not 1 <= len(boundary) <= 200:
        return None
    return boundary.encode("latin-1", "replace")


@dataclass
class Part:
    headers: dict[str, str]
    name: str
    filename: str | None
    content_type: str | None = None
    extra: dict = field(default_factory=dict)


class MultipartReader:
    """Pull parser: `next_part()` then either `read_value()` or `iter_body()`; `drain()` discards the rest."""

    def __init__(self, read: Callable[[int], bytes], boundary: bytes, length: int, chunk_size: int = CHUNK):
        self._read = read
        self._remaining = length
        self._chunk = chunk_size
        self._delim = b"\r\n--" + boundary
        self._keep = len(self._delim) + 1  # a delimiter (plus "--"/CRLF peek) may straddle two reads
        self._buf = b"\r\n"  # lets the very first boundary match the same "\r\n--boundary" pattern
        self._pos = 0
        self._state = "preamble"  # preamble | boundary | body | done

    @property
    def unread(self) -> int:
        """Body bytes still in the socket (not yet read)."""
        return self._remaining

    def _read_chunk(self) -> bytes:
        if self._remaining <= 0:
            raise MultipartError("body ended before the closing boundary")
        data = self._read(min(self._chunk, self._remaining))
        if not data:
            raise BodyTruncated("connection closed mid-body")
        self._remaining -= len(data)
        return data

    def _fill(self) -> None:
        self._buf = self._buf[self._pos :] + self._read_chunk()
        self._pos = 0

    def _skip_to_delimiter(self) -> None:
        """Drop data up to and including the next delimiter (preamble or an unread part body)."""
        for _ in self._body_chunks():
            pass

    def _body_chunks(self) -> Iterator[memoryview]:
        delim, keep = self._delim, self._keep
        while True:
            idx = self._buf.find(delim, self._pos)
            if idx >= 0:
                if idx > self._pos:
                    yield memoryview(self._buf)[self._pos : idx]
                self._pos = idx + len(delim)
                self._state = "boundary"
                return
            safe_end = len(self._buf) - keep
            if safe_end > self._pos:
                yield memoryview(self._buf)[self._pos : safe_end]
                self._pos = safe_end
            tail, data = self._buf[self._pos :], self._read_chunk()
            # A delimiter starting in `tail` (at most `keep` bytes) lies wholly inside `tail + data[:keep]`. If there
            # is none, `tail` is plain body and the new chunk is searched on its own: no 1 MiB concatenation.
            if len(data) > keep and (tail + data[:keep]).find(delim) < 0:
                if tail:
                    yield memoryview(tail)
                self._buf, self._pos = data, 0
            else:
                self._buf, self._pos = tail + data, 0

    def _need(self, n: int) -> None:
        while len(self._buf) - self._pos < n:
            self._fill()

    def next_part(self) -> Part | None:
        """Advance to the next part and parse its headers; None after the closing boundary."""
        if self._state in ("preamble", "body"):
            self._skip_to_delimiter()
        if self._state == "done":
            return None
        # Right after a delimiter: "--" closes the body, else optional padding then CRLF.
        self._need(2)
        if self._buf[self._pos : self._pos + 2] == b"--":
            self._pos += 2
            self._state = "done"
            self.drain()  # the epilogue (usually CRLF) is part of this request, not the next one
            return None
        while True:
            eol = self._buf.find(b"\r\n", self._pos)
            if eol >= 0:
                if self._buf[self._pos : eol].strip(b" \t"):
                    raise MultipartError("garbage after boundary")
                self._pos = eol + 2
                break
            if len(self._buf) - self._pos > 256:
                raise MultipartError("garbage after boundary")
            self._fill()
        # Header block ends with an empty line; with no headers the block is just that empty line.
        while True:
            if self._buf.startswith(b"\r\n", self._pos):
                block, self._pos = b"", self._pos + 2
                break
            end = self._buf.find(b"\r\n\r\n", self._pos)
            if end >= 0:
                block, self._pos = self._buf[self._pos : end], end + 4
                break
            if len(self._buf) - self._pos > MAX_HEADER_BLOCK:
                raise MultipartError("part headers too large")
            self._fill()
        headers: dict[str, str] = {}
        for line in block.split(b"\r\n"):
            if not line:
                continue
            name, sep, value = line.partition(b":")
            if not sep:
                raise MultipartError("bad part header line")
            headers[name.decode("latin-1").strip().lower()] = value.decode("utf-8", "replace").strip()
        disposition, params = parse_options(headers.get("content-disposition", ""))
        if disposition != "form-data" or "name" not in params:
            raise MultipartError("part without a form-data name")
        self._state = "body"
        return Part(headers, params["name"], params.get("filename"), headers.get("content-type"))

    def iter_body(self) -> Iterator[memoryview]:
        """The current part's bytes as memoryviews; each is valid until the next one is requested."""
        if self._state != "body":
            return iter(())
        return self._body_chunks()

    def read_value(self, limit: int) -> bytes:
        """The current part's bytes, at most `limit` of them (MultipartError beyond that)."""
        out = bytearray()
        for chunk in self.iter_body():
            out += chunk
            if len(out) > limit:
                raise MultipartError("form field too large")
        return bytes(out)

    def drain(self) -> None:
        """Read and discard whatever is left of the request body."""
        self._buf, self._pos = b"", 0
        while self._remaining > 0:
            data = self._read(min(self._chunk, self._remaining))
            if not data:
                raise BodyTruncated("connection closed mid-body")
            self._remaining -= len(data)
