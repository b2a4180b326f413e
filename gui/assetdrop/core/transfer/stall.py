"""Stall detection, as curl's `--speed-limit` / `--speed-time` do: a body that brings fewer than `min_bytes` in
`seconds` is given up (and retried), so a server that drips a byte a second cannot hold a transfer forever.
Silence altogether is the socket's read timeout (core/http.py); this catches the trickle that resets it."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from .. import errors
from ..sentence import translate

SPEED_TIME = 30.0  # seconds
SPEED_LIMIT = 1024  # bytes in SPEED_TIME


@dataclass(frozen=True)
class StallPolicy:
    seconds: float = SPEED_TIME
    min_bytes: int = SPEED_LIMIT


class SpeedFloor:
    def __init__(self, where: str, policy: StallPolicy | None = None, clock: Callable[[], float] = time.monotonic):
        self._where = where
        self._policy = policy or StallPolicy()
        self._clock = clock
        self._mark = clock()
        self._since_mark = 0

    def seen(self, nbytes: int) -> None:
        """Count bytes that arrived; raise when the last window brought too few."""
        self._since_mark += nbytes
        now = self._clock()
        if now - self._mark < self._policy.seconds:
            return
        if self._since_mark < self._policy.min_bytes:
            raise errors.RequestTimeout(
                translate(
                    "transfer.stall",
                    "{where} sent only {sent:,} bytes in {waited:.0f} s (less than {min_bytes:,} in "
                    "{seconds:.0f} s): the transfer stalled.",
                ).format(
                    where=self._where,
                    sent=self._since_mark,
                    waited=now - self._mark,
                    min_bytes=self._policy.min_bytes,
                    seconds=self._policy.seconds,
                )
            )
        self._mark, self._since_mark = now, 0
