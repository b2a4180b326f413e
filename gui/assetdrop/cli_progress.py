"""One aggregate progress line on stderr for the CLI, redrawn at most ten times a second; silent when not a TTY.

It is fed the queue's item snapshots (core/queue/transfer_queue.py reports every change), so it shows what the
queue engine does: bytes moved, files finished, and the sum of the running transfers' rates.
"""

from __future__ import annotations

import sys
import threading
import time
from typing import TextIO

from .core.formatting import human_bytes
from .core.queue.items import TransferItem


class TerminalProgress:
    def __init__(self, *, total_files: int = 0, stream: TextIO | None = None):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self.total_files = total_files
        self._lock = threading.Lock()
        self._done: dict[int, int] = {}
        self._sizes: dict[int, int] = {}
        self._rates: dict[int, float] = {}
        self._finished: set[int] = set()
        self._last_draw = 0.0
        self._width = 0

    def update(self, item: TransferItem) -> None:
        """A queue change (any thread)."""
        if not self.enabled:
            return
        with self._lock:
            self._done[item.id] = item.size or item.done if item.is_finished else item.done
            if item.size:
                self._sizes[item.id] = item.size
            if item.is_active:
                self._rates[item.id] = item.rate
            else:
                self._rates.pop(item.id, None)
            self._draw()

    def finished(self, item: TransferItem) -> None:
        with self._lock:
            self._finished.add(item.id)
            self._rates.pop(item.id, None)

    def _draw(self) -> None:
        now = time.monotonic()
        if now - self._last_draw < 0.1:
            return
        self._last_draw = now
        total = sum(self._sizes.values())
        files = max(self.total_files, len(self._done))
        line = (
            f"{len(self._finished)}/{files} files  {human_bytes(sum(self._done.values()))}"
            f"{'/' + human_bytes(total) if total else ''}  {human_bytes(sum(self._rates.values()))}/s"
        )
        try:
            self.stream.write("\r" + line.ljust(self._width))
            self.stream.flush()
        except (OSError, ValueError):
            self.enabled = False
        self._width = len(line)

    def clear(self) -> None:
        if self.enabled and self._width:
            with self._lock:
                try:
                    self.stream.write("\r" + " " * self._width + "\r")
                    self.stream.flush()
                except (OSError, ValueError):
                    self.enabled = False
                self._width = 0

    def close(self) -> None:
        self.clear()
