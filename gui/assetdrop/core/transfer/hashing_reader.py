"""A file reader that hashes, counts and checks for cancellation as the upload encoder pulls bytes from it.

The multipart encoder reads the file through this object, so the file is read from disk exactly once: the same
pass feeds the socket and the MD5 that `register_asset` needs.
"""

from __future__ import annotations

import os
from typing import IO

from ..errors import FileChangedError
from ..sentence import translate
from . import throttle
from .job import Job
from .pipelined_md5 import PipelinedMD5
from .progress import Meter


class HashingReader:
    def __init__(self, fileobj: IO[bytes], size: int, meter: Meter, job: Job):
        self._file = fileobj
        self._size = size
        self._read = 0
        self._meter = meter
        self._job = job
        self.md5 = PipelinedMD5()

    @property
    def len(self) -> int:
        """Bytes still to come; the encoder asks this to compute Content-Length and what is left."""
        return self._size - self._read

    def read(self, n: int | None = -1) -> bytes:
        self._job.check()
        remaining = self._size - self._read
        if remaining <= 0:
            return b""
        n = remaining if n is None or n < 0 else min(n, remaining)
        n = self._job.block_size(throttle.UPLOAD, n)
        data = self._file.read(n)
        if not data:
            # The file shrank after we measured it: the declared Content-Length can no longer be met.
            raise FileChangedError(
                translate("transfer.hashing_reader", "{name} got shorter while it was being uploaded.").format(
                    name=os.path.basename(getattr(self._file, "name", "The file"))
                )
            )
        self._read += len(data)
        self.md5.update(data)
        self._job.consume(throttle.UPLOAD, len(data))  # first the wait the limit asks for, then the count: the
        self._meter.add(len(data))  # progress and speed shown are what the limit let through, not what was read
        return data

    def rewind(self) -> None:
        """Start again from the first byte (a 307/308 to be answered with the whole body): hash and count anew."""
        self.md5.close()
        self._file.seek(0)
        self._read = 0
        self.md5 = PipelinedMD5()
        self._meter.done = 0

    def tell(self) -> int:
        """Bytes given so far; with seek(0), what lets urllib3 send the whole body again on a hidden retry."""
        return self._read

    def seek(self, offset: int, whence: int = 0) -> int:
        if (offset, whence) != (0, 0):
            raise OSError("an upload body can only start again from its first byte")
        if self._read:
            self.rewind()
        return 0

    def close(self) -> None:
        self.md5.close()

    @property
    def bytes_read(self) -> int:
        return self._read
