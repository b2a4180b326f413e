"""Progress reporting and cancellation shared by uploads and downloads.

The core reports through a plain callback (the Qt layer re-emits it as a signal). Callbacks are coalesced to at most
one every `interval` seconds, because a per-block callback costs real CPU at GB/s and floods a UI's event loop.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from ..errors import TransferCancelled
from .rate import RateWindow


class Phase(str, Enum):
    QUEUED = "queued"
    PREPARING = "preparing"  # asking the API for a storage URL or a signed link
    UPLOADING = "uploading"
    REGISTERING = "registering"  # bytes are in storage, the asset is not yet registered
    PROCESSING = "processing"  # registered; the provider has not yet reported the asset ready
    DOWNLOADING = "downloading"
    VERIFYING = "verifying"
    DONE = "done"


@dataclass(frozen=True)
class Progress:
    phase: Phase
    done: int = 0
    total: int | None = None
    rate: float = 0.0  # bytes per second moved in this attempt, over the last few seconds (rate.py)

    @property
    def fraction(self) -> float | None:
        if not self.total:
            return None
        return min(1.0, self.done / self.total)


ProgressCallback = Callable[[Progress], None]


class CancelToken:
    """Set from any thread; checked by transfers between chunks."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def wait(self, seconds: float) -> bool:
        """Sleep up to `seconds`; True as soon as the transfer is cancelled."""
        return self._event.wait(seconds)

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise TransferCancelled()


class Meter:
    """Counts bytes of one transfer phase and calls back at most every `interval` seconds.

    `done` may start at a resume's offset (callers set it); the rate counts only bytes passed to `add` (rate.py).
    """

    def __init__(
        self,
        phase: Phase,
        total: int | None,
        callback: ProgressCallback | None,
        interval: float = 0.1,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.phase = phase
        self.total = total
        self.done = 0
        self.rate = 0.0
        self._callback = callback
        self._interval = interval
        self._clock = clock
        self.started = clock()
        self._last_emit = self.started
        self._window = RateWindow(self.started)

    def add(self, n: int) -> None:
        self.done += n
        self._window.add(n)
        if self._callback is None:
            return
        now = self._clock()
        if now - self._last_emit >= self._interval:
            self.rate = self._window.rate(now)
            self._last_emit = now
            self._callback(Progress(self.phase, self.done, self.total, self.rate))

    @property
    def elapsed(self) -> float:
        return max(self._clock() - self.started, 1e-9)

    def average_rate(self) -> float:
        """Bytes moved in this attempt per second since it began."""
        return self._window.moved / self.elapsed

    def finish(self) -> None:
        if self._callback is not None:
            self._callback(Progress(self.phase, self.done, self.total, self.average_rate()))


def report(callback: ProgressCallback | None, phase: Phase, done: int = 0, total: int | None = None) -> None:
    """Announce a phase change (not coalesced: phase changes are rare and must never be lost)."""
    if callback is not None:
        callback(Progress(phase, done, total))
