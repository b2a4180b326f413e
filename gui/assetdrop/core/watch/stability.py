"""When a file in a watched folder is complete: its size and mtime unchanged for `settle` seconds, and no
process holding it open for writing.

The first test alone is what most hot folders do; it is fooled by a writer that pauses longer than `settle`
(a slow network copy, an export that stops to render). So on Linux the open files of every process are read
from `/proc/<pid>/fd` (the link names the file, `/proc/<pid>/fdinfo/<fd>` its open flags): a file open with
O_WRONLY or O_RDWR is still being written. Only processes this user may inspect can be read (another user's
are skipped, as `lsof` skips them without root); elsewhere (macOS, Windows) and where `/proc` is not mounted,
only the settle time is used, so `settle` should exceed the longest pause a writer makes there.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from .scan import Seen

PROC = Path("/proc")
_WRITE_MODES = (os.O_WRONLY, os.O_RDWR)


def can_see_writers() -> bool:
    return sys.platform.startswith("linux") and (PROC / "self" / "fd").is_dir()


def open_for_writing(paths: Iterable[Path]) -> set[Path]:
    """Those of `paths` some process we can inspect has open for writing (empty where /proc is not there)."""
    wanted = {str(p): p for p in paths}
    found: set[Path] = set()
    if not wanted or not can_see_writers():
        return found
    try:
        pids = [name for name in os.listdir(PROC) if name.isdigit()]
    except OSError:
        return found
    for pid in pids:
        fd_dir = f"/proc/{pid}/fd"
        try:
            fds = os.listdir(fd_dir)
        except OSError:  # another user's process, or one that just ended
            continue
        for fd in fds:
            try:
                target = os.readlink(f"{fd_dir}/{fd}")
            except OSError:
                continue
            path = wanted.get(target)
            if path is not None and path not in found and _writing(pid, fd):
                found.add(path)
    return found


def _writing(pid: str, fd: str) -> bool:
    try:
        with open(f"/proc/{pid}/fdinfo/{fd}", encoding="ascii") as info:
            for line in info:
                if line.startswith("flags:"):
                    return int(line.split()[1], 8) & os.O_ACCMODE in _WRITE_MODES
    except (OSError, ValueError, IndexError):
        return False
    return False


class Settling:
    """Remembers how each file looked and since when, so a scan can tell which have settled."""

    def __init__(self, settle: float, clock: Callable[[], float] = time.monotonic):
        self.settle = settle
        self._clock = clock
        self._since: dict[Path, tuple[int, int, float]] = {}  # path -> (size, mtime_ns, unchanged since)

    def settled(self, seen: Iterable[Seen]) -> list[Seen]:
        """Of these files (one scan's), those unchanged for `settle` seconds and not open for writing; a file
        that changed starts its wait again."""
        now = self._clock()
        calm: list[Seen] = []
        for file in seen:
            shape = (file.size, file.mtime_ns)
            before = self._since.get(file.path)
            if before is None or before[:2] != shape:
                self._since[file.path] = (*shape, now)
                if self.settle > 0:
                    continue
            elif now - before[2] < self.settle:
                continue
            calm.append(file)
        busy = open_for_writing(f.path for f in calm)
        return [f for f in calm if f.path not in busy]

    def forget(self, paths: Iterable[Path]) -> None:
        for path in paths:
            self._since.pop(path, None)

    def keep_only(self, present: set[Path]) -> None:
        for path in [p for p in self._since if p not in present]:
            del self._since[path]
