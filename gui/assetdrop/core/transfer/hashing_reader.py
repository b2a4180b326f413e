"""A file reader that hashes, counts and checks for cancellation as the upload encoder pulls bytes from it.

The multipart encoder reads the file through this object, so the file is read from disk exactly once: the same
pass feeds the socket and the MD5 that `register_asset` needs.
"""

from __future__ import annotations

import os

from ..errors import FileChangedError
from . import throttle
from .pipelined_md5 import PipelinedMD5
from .progress import CancelToken, Meter


class HashingReader:
    def __init__(self, fileobj, size: int, meter: Meter, cancel: CancelToken | None):
        self._file = fileobj
        self._size = size
        self._read = 0
        self._meter = meter
        self._cancel = cancel
        self.md5 = PipelinedMD5()

    @property
    def len(self) -> int:
        """Bytes still to come; the encoder asks this to compute Content-Length and what is left."""
        return self._size - self._read

    def read(self, n: int = -1) -> bytes:
        if self._cancel is not None:
            self._cancel.raise_if_cancelled()
        remaining = self._size - self._read
        if remaining <= 0:
            return b""
        n = remaining if n is None or n < 0 else min(n, remaining)
        data = self._file.read(n)
        if not data:
            # The file shrank after we measured it: the declared Content-Length can no longer be met.
            raise FileChangedError(f"{os.path.basename(getattr(self._file, 'name', 'The file'))} got shorter "
                                   f"while it was being uploaded.")
        self._read += len(data)
        self.md5.update(data)
        self._meter.add(len(data))
        throttle.UPLOAD.consume(len(data), self._cancel)
        return data

    def close(self) -> None:
        self.md5.close()

    @property
    def bytes_read(self) -> int:
        return self._read
