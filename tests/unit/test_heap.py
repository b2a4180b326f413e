"""A big drop's lasting objects are kept out of the collector's walk (core/heap.py): before, each full collection
walked all of them, and at 100,000 files each was a 25-290 ms stall of the window (docs/performance.md)."""

from __future__ import annotations

import gc
from pathlib import Path

from assetdrop.core.local_files import expand_paths
from assetdrop.core.queue.transfer_queue import TransferQueue


def walked_objects() -> int:
    """Objects a full collection would walk now: all tracked ones outside the frozen generation."""
    gc.collect()
    return len(gc.get_objects())


def test_queued_items_of_a_big_add_are_frozen(tmp_path):
    queue = TransferQueue(concurrency=1)
    before = walked_objects()
    ids = queue.add_uploads([tmp_path / f"f{i:05d}.bin" for i in range(20_000)], "P")
    assert len(ids) == 20_000
    # Unfrozen, each item is at least two objects (itself and its answers dict): 40,000 or more.
    assert walked_objects() - before < 8_000
    gc.unfreeze()


def test_the_paths_of_a_big_folder_are_frozen_as_they_are_found(tmp_path):
    for i in range(10_000):
        (tmp_path / f"f{i:05d}.bin").touch()
    before = walked_objects()
    found = expand_paths([tmp_path])
    assert len(found.files) == 10_000 and found.names[tmp_path / "f00042.bin"] == f"{tmp_path.name}/f00042.bin"
    assert walked_objects() - before < 5_000
    gc.unfreeze()
    assert isinstance(found.files[0], Path)
