"""Fetching an Xvid archive's items in parallel into one folder, without saving any item twice.

An archive answer is a list of signed storage URLs, one per item. A retry, or the next start after a crash or a
quit, asks for the links again and would fetch every item again; under the default "keep both" policy the items
already saved would come back as `name (1).ext`. So each finished item is recorded in the queue's checkpoint
(keyed by its URL's path, which stays the same while the signature changes), and a later attempt skips the items
whose file is still there with the recorded size.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

from ..transfer.download import DownloadResult
from ..transfer.progress import Phase, Progress, report

LEDGER_KEY = "archive_done"


class ArchiveProgress:
    """One bar for all items of an archive: the sum of their bytes."""

    def __init__(self, callback):
        self.callback, self.lock, self.done = callback, threading.Lock(), {}

    def for_item(self, index: int):
        def update(p: Progress) -> None:
            if self.callback is None or p.phase is not Phase.DOWNLOADING:
                return
            with self.lock:
                self.done[index] = p.done
                total = sum(self.done.values())
            self.callback(Progress(Phase.DOWNLOADING, total, None, p.rate))
        return update


class ArchiveLedger:
    """Which items are saved already: read from the checkpoint, written back through `save_checkpoint`."""

    def __init__(self, checkpoint: dict | None, save_checkpoint: Callable[[dict], None] | None):
        self._done: dict[str, dict] = dict((checkpoint or {}).get(LEDGER_KEY) or {})
        self._save = save_checkpoint
        self._lock = threading.Lock()

    @staticmethod
    def key(url: str) -> str:
        return urlsplit(url).path

    def saved(self, url: str) -> DownloadResult | None:
        entry = self._done.get(self.key(url))
        if not entry:
            return None
        path = Path(entry["path"])
        if path.is_file() and not path.is_symlink() and path.stat().st_size == entry["size"]:
            return DownloadResult(path=path, size=entry["size"], skipped=True)
        return None

    def record(self, url: str, result: DownloadResult) -> None:
        with self._lock:  # saved under the lock too: an older snapshot must never overwrite a newer one
            self._done[self.key(url)] = {"path": str(result.path), "size": result.size}
            if self._save is not None:
                self._save({LEDGER_KEY: dict(self._done)})


def fetch_archive(urls: list[str], folder: Path, fetch: Callable[..., DownloadResult], *, fallback: str,
                  workers: int, progress, ledger: ArchiveLedger) -> DownloadResult:
    """`fetch(url, folder, fallback_name, progress)` saves one item; items the ledger knows are not fetched."""
    bar = ArchiveProgress(progress)

    def one(index: int, url: str) -> DownloadResult:
        earlier = ledger.saved(url)
        if earlier is not None:
            bar.for_item(index)(Progress(Phase.DOWNLOADING, earlier.size, earlier.size))
            return earlier
        result = fetch(url, folder, f"{fallback}-{index + 1}", bar.for_item(index))
        ledger.record(url, result)
        return result

    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(urls))), thread_name_prefix="xvid-archive") as pool:
        results = [f.result() for f in [pool.submit(one, i, url) for i, url in enumerate(urls)]]
    total = sum(r.size for r in results)
    report(progress, Phase.DONE, total, total)
    return DownloadResult(path=folder, size=total)
