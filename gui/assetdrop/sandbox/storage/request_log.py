"""What the storage received: method, target and headers of the latest requests, newest last.

Tests assert on it that API keys never reach storage and that resumed downloads ask for the right Range; it is
bounded so a long-running sandbox does not grow without limit.
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass

RECORD_LIMIT = 10_000


@dataclass(frozen=True)
class RequestRecord:
    method: str
    path: str
    headers: dict[str, str]


class RequestLog:
    """The last `limit` requests, appended from handler threads and read as a snapshot."""

    def __init__(self, limit: int = RECORD_LIMIT):
        self._records: deque[RequestRecord] = deque(maxlen=limit)
        self._lock = threading.Lock()

    def append(self, record: RequestRecord) -> None:
        with self._lock:
            self._records.append(record)

    def snapshot(self) -> list[RequestRecord]:
        with self._lock:
            return list(self._records)
