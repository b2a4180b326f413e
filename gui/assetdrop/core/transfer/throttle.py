"""Bandwidth limits in KiB/s, one for uploads and one for downloads, shared by every transfer at once.

A limit is a property of the whole app ("use at most 2 MiB/s upstream"), not of one worker, so there is exactly one
limiter per direction: each chunk reserves its slot on a shared schedule and waits for it (cancellably). A burst of
a quarter second keeps small transfers from stuttering. A rate of 0 means unlimited and costs nothing.
"""

from __future__ import annotations

import threading
import time

from .progress import CancelToken

BURST_SECONDS = 0.25


class Throttle:
    def __init__(self, kib_per_second: float = 0):
        self._lock = threading.Lock()
        self._rate = 0.0
        self._next = 0.0
        self.set_limit(kib_per_second)

    @property
    def limit_kib(self) -> float:
        return self._rate / 1024

    def set_limit(self, kib_per_second: float) -> None:
        with self._lock:
            self._rate = max(0.0, float(kib_per_second or 0)) * 1024
            self._next = time.monotonic()

    def consume(self, nbytes: int, cancel: CancelToken | None = None) -> None:
        """Account for `nbytes` just moved; sleep as long as the shared limit requires."""
        if self._rate <= 0 or nbytes <= 0:
            return
        with self._lock:
            if self._rate <= 0:
                return
            now = time.monotonic()
            start = max(now - BURST_SECONDS, self._next)
            self._next = start + nbytes / self._rate
            wait = self._next - now
        deadline = now + wait
        while wait > 0 and self._rate > 0:  # short slices: a lifted limit applies at once
            step = min(wait, 0.1)
            if cancel is not None:
                if cancel.wait(step):
                    cancel.raise_if_cancelled()
            else:
                time.sleep(step)
            wait = deadline - time.monotonic()


UPLOAD = Throttle()
DOWNLOAD = Throttle()


def configure(upload_kib: float, download_kib: float) -> None:
    UPLOAD.set_limit(upload_kib)
    DOWNLOAD.set_limit(download_kib)
