"""Fetching an Xvid archive's items in parallel into one folder, without saving any item twice.

An archive answer is a list of signed storage URLs, one per item. A retry, or the next start after a crash or a
quit, asks for the links again and would fetch every item again; under the default "keep both" policy the items
already saved would come back as `name (1).ext`. So each finished item is recorded in the download's state
(keyed by its URL's path, which stays the same while the signature changes), and a later attempt skips the items
whose file is still there with the recorded size.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ...transfer.download import DownloadResult
from ...transfer.job import Job
from ...transfer.progress import Phase, Progress, ProgressCallback

Ledger = Mapping[str, Mapping[str, Any]]  # URL path -> {"path": saved file, "size": bytes}


class ArchiveProgress:
    """One bar for all items of an archive: the sum of their bytes."""

    def __init__(self, callback: ProgressCallback | None):
        self.callback, self.lock = callback, threading.Lock()
        self.done: dict[int, int] = {}

    def for_item(self, index: int) -> ProgressCallback:
        def update(p: Progress) -> None:
            if self.callback is None or p.phase is not Phase.DOWNLOADING:
                return
            with self.lock:
                self.done[index] = p.done
                total = sum(self.done.values())
            self.callback(Progress(Phase.DOWNLOADING, total, None, p.rate))

        return update


class ArchiveLedger:
    """Which items are saved already; each new one is passed to `save` with the whole ledger."""

    def __init__(self, done: Ledger, save: Callable[[dict[str, dict[str, Any]]], None]):
        self._done: dict[str, dict[str, Any]] = {k: dict(v) for k, v in done.items()}
        self._save = save
        self._lock = threading.Lock()

    @staticmethod
    def key(url: str) -> str:
        return urlsplit(url).path

    def saved(self, url: str) -> DownloadResult | None:
        entry = self._done.get(self.key(url))
        if not entry:
            return None
        path = Path(str(entry.get("path")))
        if path.is_file() and not path.is_symlink() and path.stat().st_size == entry.get("size"):
            return DownloadResult(path=path, size=int(entry["size"]), skipped=True)
        return None

    def record(self, url: str, result: DownloadResult) -> None:
        with self._lock:  # saved under the lock too: an older snapshot must never overwrite a newer one
            self._done[self.key(url)] = {"path": str(result.path), "size": result.size}
            self._save({k: dict(v) for k, v in self._done.items()})


def fetch_archive(
    urls: list[str],
    folder: Path,
    fetch: Callable[[str, Path, str, Job], DownloadResult],
    *,
    fallback: str,
    workers: int,
    job: Job,
    ledger: ArchiveLedger,
) -> DownloadResult:
    """`fetch(url, folder, fallback_name, item_job)` saves one item; items the ledger knows are not fetched."""
    bar = ArchiveProgress(job.progress)

    def one(index: int, url: str) -> DownloadResult:
        earlier = ledger.saved(url)
        if earlier is not None:
            bar.for_item(index)(Progress(Phase.DOWNLOADING, earlier.size, earlier.size))
            return earlier
        item_job = Job(progress=bar.for_item(index), cancel=job.cancel, throttle=job.throttle)  # fetched whole
        result = fetch(url, folder, f"{fallback}-{index + 1}", item_job)
        ledger.record(url, result)
        return result

    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(urls))), thread_name_prefix="xvid-archive") as pool:
        results = [f.result() for f in [pool.submit(one, i, url) for i, url in enumerate(urls)]]
    total = sum(r.size for r in results)
    job.report(Phase.DONE, total, total)
    return DownloadResult(path=folder, size=total)
