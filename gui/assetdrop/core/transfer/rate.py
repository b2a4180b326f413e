"""The speed a person is shown: bytes actually moved in this attempt, over a moving window of a few seconds.

A resumed download starts its count at the bytes already on disk; a rate taken from that count (as the old
smoothed `done` delta was) showed the whole resumed offset as one burst, 59-83 MiB/s under a 3 MiB/s limit
(issue 19 section 4). Here only bytes moved since the attempt began count, and the speed is their sum over the
last `WINDOW_S` seconds divided by the time they took."""

from __future__ import annotations

from collections import deque

WINDOW_S = 3.0


class RateWindow:
    """Samples of (time, bytes moved so far in this attempt), kept for `window` seconds."""

    def __init__(self, started: float, window: float = WINDOW_S):
        self._window = window
        self._moved = 0
        self._samples: deque[tuple[float, int]] = deque([(started, 0)])

    @property
    def moved(self) -> int:
        """Bytes moved in this attempt (never the offset a resume started from)."""
        return self._moved

    def add(self, n: int) -> None:
        self._moved += n

    def rate(self, now: float) -> float:
        """Bytes per second over the window ending `now` (0 until some time has passed)."""
        samples = self._samples
        samples.append((now, self._moved))
        # keep one sample at or before the window's start, so the window spans its full length once it can
        while len(samples) > 2 and samples[1][0] <= now - self._window:
            samples.popleft()
        first_t, first_moved = samples[0]
        span = now - first_t
        return (self._moved - first_moved) / span if span > 0 else 0.0
