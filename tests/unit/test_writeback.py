"""Early write-out of downloads: the real sync_file_range binding on Linux, and a quiet fallback where it fails."""

from __future__ import annotations

import os
import sys

import pytest

from assetdrop.core.transfer.writeback import Writeback


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="sync_file_range exists only on Linux")
def test_write_out_is_queued_window_by_window(tmp_path):
    path = tmp_path / "f.part"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        os.lseek(fd, 4096, os.SEEK_SET)  # a resumed download starts past what an earlier run wrote
        wb = Writeback(fd, start=4096, window=64 * 1024)
        for _ in range(5):
            os.write(fd, b"x" * 40_000)
            wb.wrote(40_000)
        # Windows are queued once 64 KiB have piled up: after the 2nd write (80,000) and the 4th (160,000).
        assert wb.enabled, "the ctypes binding was refused by the kernel (wrong argument types?)"
        assert (wb.queued, wb.written) == (4096 + 160_000, 4096 + 200_000)
    finally:
        os.close(fd)
    assert path.read_bytes() == b"\0" * 4096 + b"x" * 200_000


def test_a_descriptor_that_cannot_be_synced_turns_it_off_without_an_error():
    read_end, write_end = os.pipe()  # sync_file_range on a pipe fails with ESPIPE
    try:
        wb = Writeback(write_end, window=1)
        wb.wrote(10)
        wb.wrote(10)
        assert wb.written == 20
        assert not wb.enabled or not sys.platform.startswith("linux")
    finally:
        os.close(read_end)
        os.close(write_end)
