"""The next uploads' first step, taken while this one sends its bytes.

A three-step upload of a small file is three round trips in a row (FileSpin: the storage URL, the POST, the
registration). When a worker starts an upload, it asks, on a helper thread, for the storage URL of the first
upload still waiting in line (Provider.prepare_upload); by the time a worker takes that item, its URL is
usually there, and each small file costs two round trips instead of three (bench/wan.py, section b). FileSpin
takes it; memories.ai does not need it: its calls are paced to a few a second (its provider module), so the
budget, not the round trips, bounds it; Xvid's first step opens an upload on the server, which an item
cancelled before its turn would leave open, so it is not taken ahead.

The same helper also asks the operating system to read the file's first WARM_BYTES into its cache (warm()): a
file written a while ago is often out of the page cache (this VM's kernel reclaims it within seconds), and
reading 16 KiB from the disk when its turn came held each worker about 4 ms a file on average, and tens of ms at
worst (400 files at 60 ms RTT, 8 at once: 9.2 s cold against 7.7 s warm). The read then overlaps the upload before.

Only the first step is taken ahead, and only for items that have none yet: nothing is sent and nothing
registered, so a cancelled or removed item leaves at most an unused storage URL. A failure ahead is forgotten;
the item then takes the step itself, and reports what goes wrong in words as any step does.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from ..transfer.job import TransferState
from .items import TransferItem

log = logging.getLogger(__name__)

Prepare = Callable[[Path], TransferState | None]  # Provider.prepare_upload
WAIT = 5.0  # seconds a worker waits for a step already under way (one round trip, usually) before taking it
WARM_BYTES = 1024 * 1024  # of each next file, read ahead into the OS cache: a small file whole, a big one's start


def warm(path: Path) -> None:
    """Have the OS read the first WARM_BYTES of `path` into its cache, without waiting for it (posix_fadvise
    WILLNEED, Linux and the BSDs); elsewhere a file no bigger than that is read once here. Never raises: a file
    that cannot be read is the upload's to report."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        if hasattr(os, "posix_fadvise"):
            os.posix_fadvise(fd, 0, WARM_BYTES, os.POSIX_FADV_WILLNEED)
        elif os.fstat(fd).st_size <= WARM_BYTES:
            while os.read(fd, 256 * 1024):
                pass
    except OSError:
        pass
    finally:
        os.close(fd)


def _warm_then(prepare: Prepare, path: Path) -> TransferState | None:
    warm(path)
    return prepare(path)


class LookAhead:
    def __init__(self, workers: int = 8):
        self._workers = workers
        self._executor: ThreadPoolExecutor | None = None
        self._ahead: dict[int, Future[TransferState | None]] = {}
        self._lock = threading.Lock()

    def wanted(self, item: TransferItem) -> bool:
        """Whether `item` could use its first step taken ahead: a fresh upload not already being prepared."""
        with self._lock:
            return item.id not in self._ahead and not item.resume_state and item.attempt == 0

    def start(self, item: TransferItem, prepare: Prepare) -> None:
        with self._lock:
            if item.id in self._ahead:
                return
            if self._executor is None:
                self._executor = ThreadPoolExecutor(self._workers, thread_name_prefix="look-ahead")
            self._ahead[item.id] = self._executor.submit(_warm_then, prepare, Path(item.source))

    def take(self, item_id: int) -> TransferState | None:
        """The item's state after the first step, if it was taken ahead and worked."""
        with self._lock:
            future = self._ahead.pop(item_id, None)
        if future is None:
            return None
        try:
            return future.result(timeout=WAIT)
        except Exception as exc:  # any failure ahead: the item takes the step itself and reports it in words
            log.debug("the first step of upload %d, taken ahead, failed: %s", item_id, exc)
            return None

    def forget(self, item_id: int) -> None:
        with self._lock:
            future = self._ahead.pop(item_id, None)
        if future is not None:
            future.cancel()

    def close(self) -> None:
        with self._lock:
            executor, self._executor = self._executor, None
            self._ahead.clear()
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)
