"""Start writing a download to disk while it is still arriving, so the fsync at the end has little left to do.

A download is fsynced before it takes its final name (a crash must never leave a torn file under that name). Left
alone, the kernel keeps the whole file dirty in memory and that fsync then waits for all of it (0.3-0.4 s per GiB
on this project's machines, and a stall for every other program writing to the same disk). So every `WINDOW`
bytes we ask Linux to begin writing out what came before: `sync_file_range(SYNC_FILE_RANGE_WRITE)` queues the
write-out and returns, the technique behind PostgreSQL's `*_flush_after` settings. It is only a hint; the final
fsync still gives the guarantee. Where the call does not exist, or fails once, this does nothing.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

SYNC_FILE_RANGE_WRITE = 2
WINDOW = 8 << 20


def _load_sync_file_range() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).sync_file_range
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_int64, ctypes.c_int64, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


_sync_file_range = _load_sync_file_range()  # ctypes releases the GIL for the call


class Writeback:
    """Tell it how many bytes were written to `fd` (from `start` on); it starts their write-out window by window."""

    def __init__(self, fd: int, start: int = 0, window: int = WINDOW):
        self._fd = fd
        self._window = window
        self.written = start
        self.queued = start  # bytes before this offset have had their write-out started
        self.enabled = _sync_file_range is not None

    def wrote(self, count: int) -> None:
        self.written += count
        if self.enabled and self.written - self.queued >= self._window:
            if _sync_file_range(self._fd, self.queued, self.written - self.queued, SYNC_FILE_RANGE_WRITE) != 0:
                self.enabled = False  # a pipe, or a file system that refuses: the final fsync does it all
                return
            self.queued = self.written
