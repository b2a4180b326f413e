"""10,000 files appearing at once in a watched folder: listed, settled, hashed, ledgered and queued in one go,
against the real queue store on disk (no uploads: the queue has no workers here, so what is measured is the
watch layer itself; uploading goes through the queue that tests/gui/test_big_drop.py already drives at 10,000)."""

from __future__ import annotations

import time

from assetdrop.core.queue.store import QueueStore
from assetdrop.core.queue.transfer_queue import TransferQueue
from assetdrop.core.watch.ledger import Ledger
from assetdrop.core.watch.scan import scan
from assetdrop.core.watch.stability import open_for_writing
from assetdrop.core.watch.watcher import FolderWatcher

FILES = 10_000


def test_ten_thousand_files_at_once_are_listed_and_ledgered(tmp_path):
    folder = tmp_path / "flood"
    for i in range(FILES):
        sub = folder / f"batch-{i // 1000}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"frame-{i:05d}.exr").write_bytes(i.to_bytes(4, "little"))
    (folder / "batch-0" / "Thumbs.db").write_bytes(b"junk")

    started = time.perf_counter()
    listing = scan(folder)
    scanned = time.perf_counter() - started
    assert len(listing.files) == FILES and listing.unreadable == []
    started = time.perf_counter()
    busy = open_for_writing(listing.files)
    looked = time.perf_counter() - started
    assert busy == set()

    store = QueueStore(tmp_path / "queue.sqlite3")
    queue = TransferQueue(store=store)
    ledger = Ledger(store.path)
    watcher = FolderWatcher(folder, queue=queue, store=store, ledger=ledger, profile="Flood", settle=0)
    started = time.perf_counter()
    queued = watcher.poll()
    first = time.perf_counter() - started
    assert queued == FILES and ledger.count(str(folder)) == FILES
    assert queue.pending_count() == FILES and len(store.unfinished()) == FILES
    rows = {entry.item_id for entry in ledger.open_entries(str(folder))}
    assert rows == {item.id for item in store.unfinished()}  # each ledger row names its queue item

    started = time.perf_counter()
    assert watcher.poll() == 0  # every file known: nothing is read or queued again
    again = time.perf_counter() - started
    print(
        f"\n{FILES} files: scan {scanned * 1000:.0f} ms, /proc writers {looked * 1000:.0f} ms, first poll "
        f"(hash, ledger, queue) {first:.2f} s, next poll {again * 1000:.0f} ms"
    )
    queue.close()
    ledger.close()
    store.close()
