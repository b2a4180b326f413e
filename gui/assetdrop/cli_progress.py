"""One aggregate progress line on stderr for the CLI, redrawn at most ten times a second; silent when not a TTY."""

from __future__ import annotations

import sys
import threading
import time

from .core.formatting import human_bytes
from .core.transfer.progress import Phase, Progress


class TerminalProgress:
    def __init__(self, *, total_files: int, total_bytes: int | None, stream=None):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self.total_files = total_files
        self.total_bytes = total_bytes
        self._lock = threading.Lock()
        self._done: dict[object, int] = {}
        self._rates: dict[object, float] = {}
        self._finished = 0
        self._last_draw = 0.0
        self._width = 0

    def callback_for(self, item):
        if not self.enabled:
            return None

        def callback(progress: Progress) -> None:
            with self._lock:
                if progress.phase in (Phase.UPLOADING, Phase.DOWNLOADING):
                    self._done[item] = progress.done
                    self._rates[item] = progress.rate
                elif progress.phase is Phase.DONE:
                    self._finished += 1
                    self._rates.pop(item, None)
                self._draw()
        return callback

    def file_failed(self, item) -> None:
        with self._lock:
            self._rates.pop(item, None)

    def _draw(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last_draw < 0.1:
            return
        self._last_draw = now
        done = sum(self._done.values())
        total = f"/{human_bytes(self.total_bytes)}" if self.total_bytes else ""
        line = (f"{self._finished}/{self.total_files} files  {human_bytes(done)}{total}  "
                f"{human_bytes(sum(self._rates.values()))}/s")
        self.stream.write("\r" + line.ljust(self._width))
        self._width = len(line)
        self.stream.flush()

    def clear(self) -> None:
        if self.enabled and self._width:
            with self._lock:
                self.stream.write("\r" + " " * self._width + "\r")
                self.stream.flush()
                self._width = 0

    def close(self) -> None:
        self.clear()
