"""The look-ahead reads the next upload's file into the OS cache before its turn (core/queue/lookahead.py, warm):
a file out of the page cache costs a disk read when its upload starts, which held each worker on every file.

Real files on the real disk and the kernel's real page cache: a file is evicted (fsync, then POSIX_FADV_DONTNEED),
and mincore(2) says which of its pages are in memory. Linux only (mincore through ctypes); on a filesystem that
keeps every page in memory (tmpfs), eviction cannot be shown, and the test says so and skips.
"""

from __future__ import annotations

import ctypes
import mmap
import os
import sys
import threading
import time
from pathlib import Path

import pytest

from assetdrop.core.queue.items import Direction, TransferItem
from assetdrop.core.queue.lookahead import WARM_BYTES, LookAhead

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="mincore(2) through ctypes is read on Linux only")


def resident_pages(path: Path) -> int:
    """How many of the file's pages the kernel holds in memory now (mincore on an untouched private mapping)."""
    libc = ctypes.CDLL(None, use_errno=True)
    size = path.stat().st_size
    with open(path, "rb") as handle:
        mapping = mmap.mmap(handle.fileno(), size, access=mmap.ACCESS_COPY)
    try:
        anchor = ctypes.c_char.from_buffer(mapping)
        pages = (size + mmap.PAGESIZE - 1) // mmap.PAGESIZE
        vector = (ctypes.c_ubyte * pages)()
        if libc.mincore(ctypes.c_void_p(ctypes.addressof(anchor)), ctypes.c_size_t(size), vector) != 0:
            raise OSError(ctypes.get_errno(), "mincore")
        del anchor
        return sum(v & 1 for v in vector)
    finally:
        mapping.close()


def evicted(path: Path) -> Path:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)
    if resident_pages(path):
        pytest.skip(f"{path.parent} keeps its files in memory (tmpfs?): eviction, and so warming, cannot be shown")
    return path


def in_memory_within(path: Path, seconds: float) -> bool:
    """Whether the file's pages are all in memory at some point within `seconds` (a wait for a state; the time is
    only how long to wait before calling it missing)."""
    pages = (path.stat().st_size + mmap.PAGESIZE - 1) // mmap.PAGESIZE
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if resident_pages(path) == pages:
            return True
        time.sleep(0.01)
    return False


def test_the_next_file_is_read_into_the_cache_before_its_upload_starts(tmp_path):
    source = tmp_path / "next.bin"
    source.write_bytes(os.urandom(256 * 1024))  # within WARM_BYTES: all of it is read ahead
    assert source.stat().st_size <= WARM_BYTES
    evicted(source)
    seen: dict[str, bool] = {}
    done = threading.Event()

    def prepare(path: Path):
        """Stands in for the provider's first step (the network is not what this test is about): it only looks
        at whether the file came into memory while nothing but the look-ahead had touched it."""
        seen["warm"] = in_memory_within(path, 5.0)
        done.set()
        return None

    ahead = LookAhead(workers=1)
    try:
        ahead.start(TransferItem(7, Direction.UPLOAD, str(source), source.name, "P", None), prepare)
        assert done.wait(10)
    finally:
        ahead.close()
    assert seen["warm"], "the file was not read into the cache by the look-ahead"


def test_an_evicted_file_stays_out_of_memory_when_nothing_reads_it(tmp_path):
    """The control: without the look-ahead, the same wait finds the evicted file still on the disk only."""
    source = tmp_path / "cold.bin"
    source.write_bytes(os.urandom(256 * 1024))
    assert not in_memory_within(evicted(source), 0.5)
