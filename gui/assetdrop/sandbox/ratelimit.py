"""The vendors' documented request limits, as the sandbox enforces them (docs/sandbox-contract.md, "Rate limits").

`RateLimit`: at most `limit` requests per `window` seconds for each key (FileSpin: each API); the request over
the limit is refused, and with a `cooldown` the key stays refused that long (FileSpin's 429 "clears within about a
minute"). `InvalidRequestLimit`: FileSpin's separate limit on invalid requests (unknown asset IDs, bad keys): more
than `limit` of them within `window` seconds and every request is refused until `reset()`, since the vendor says it
does not clear by itself. Both are switches (`enabled`) that tests flip while the server runs.
"""

from __future__ import annotations

import threading
import time
from collections import deque


class RateLimit:
    def __init__(self, limit: int, window: float = 1.0, cooldown: float = 0.0, *, enabled: bool = True):
        self.limit, self.window, self.cooldown, self.enabled = limit, window, cooldown, enabled
        self._seen: dict[str, deque[float]] = {}
        self._blocked_until: dict[str, float] = {}
        self._lock = threading.Lock()
        self.refused = 0  # how many requests were refused (tests read it)

    def allow(self, key: str) -> bool:
        """Count one request for `key`; False when it is over the limit (it is then not counted)."""
        if not self.enabled:
            return True
        now = time.monotonic()
        with self._lock:
            if self._blocked_until.get(key, 0.0) > now:
                self.refused += 1
                return False
            seen = self._seen.setdefault(key, deque())
            while seen and seen[0] <= now - self.window:
                seen.popleft()
            if len(seen) >= self.limit:
                if self.cooldown > 0:
                    self._blocked_until[key] = now + self.cooldown
                self.refused += 1
                return False
            seen.append(now)
            return True

    def reset(self) -> None:
        with self._lock:
            self._seen.clear()
            self._blocked_until.clear()


class InvalidRequestLimit:
    def __init__(self, limit: int, window: float = 60.0, *, enabled: bool = True):
        self.limit, self.window, self.enabled = limit, window, enabled
        self._seen: deque[float] = deque()
        self._tripped = False
        self._lock = threading.Lock()

    @property
    def tripped(self) -> bool:
        return self.enabled and self._tripped

    def record(self) -> None:
        """One invalid request (an unknown asset ID, a missing or wrong key)."""
        if not self.enabled:
            return
        now = time.monotonic()
        with self._lock:
            self._seen.append(now)
            while self._seen and self._seen[0] <= now - self.window:
                self._seen.popleft()
            if len(self._seen) > self.limit:
                self._tripped = True

    def reset(self) -> None:
        with self._lock:
            self._seen.clear()
            self._tripped = False
