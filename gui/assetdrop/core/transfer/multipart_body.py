"""A streaming multipart/form-data body that hands the file's own blocks to the socket, without copying them.

requests-toolbelt's MultipartEncoder copies every block through a BytesIO buffer on its way to the socket; on a
fast link that costs a large share of the upload's CPU (measured in docs/performance.md). This body produces the
same bytes (fields first, `file` last, as S3 requires), read by http.client in `blocksize` pieces: the small
preamble and epilogue are built once, and file blocks pass through untouched.
"""

from __future__ import annotations

import secrets

from .hashing_reader import HashingReader


def _quote(value: str) -> str:
    """A form-data parameter value: quotes and backslashes escaped, CR/LF percent-encoded (as browsers do)."""
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "%0D").replace("\n", "%0A")


class MultipartBody:
    def __init__(
        self, fields: list[tuple[str, str]], file_field: str, filename: str, content_type: str, reader: HashingReader
    ):
        self.boundary = secrets.token_hex(16)
        self.content_type = f"multipart/form-data; boundary={self.boundary}"
        parts = []
        for name, value in fields:
            parts.append(
                f'--{self.boundary}\r\nContent-Disposition: form-data; name="{_quote(name)}"\r\n\r\n'.encode()
                + str(value).encode()
                + b"\r\n"
            )
        parts.append(
            f'--{self.boundary}\r\nContent-Disposition: form-data; name="{_quote(file_field)}"; '
            f'filename="{_quote(filename)}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
        )
        self._head = b"".join(parts)
        self._tail = f"\r\n--{self.boundary}--\r\n".encode()
        self._reader = reader
        self._stage = 0  # 0: head, 1: file, 2: tail, 3: done
        self.len = len(self._head) + reader.len + len(self._tail)  # requests reads `len` for Content-Length

    def rewind(self) -> None:
        """From the start again, the file's bytes included (see HashingReader.rewind)."""
        self._reader.rewind()
        self._stage = 0

    def tell(self) -> int:
        """Where the body stands; urllib3 asks before sending, so that a hidden retry (a kept-alive connection the
        proxy had closed) can seek back here instead of sending headers with no body."""
        return (
            0 if self._stage == 0 else len(self._head) + self._reader.bytes_read + (len(self._tail) * (self._stage > 2))
        )

    def seek(self, offset: int, whence: int = 0) -> int:
        if (offset, whence) != (0, 0):
            raise OSError("a multipart body can only start again from its first byte")
        self.rewind()
        return 0

    def read(self, size: int = -1) -> bytes:
        if self._stage == 0:
            self._stage = 1
            return self._head
        if self._stage == 1:
            data: bytes = self._reader.read(size if size and size > 0 else 1 << 20)
            if data:
                return data
            self._stage = 2
        if self._stage == 2:
            self._stage = 3
            return self._tail
        return b""
