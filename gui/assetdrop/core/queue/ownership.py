"""One owner per queue: only the process holding the queue's OS file lock runs its transfers.

The lock is `<queue file>.lock`, taken with `filelock` (flock on Linux and macOS, LockFileEx on Windows), so the
operating system releases it when the owner dies, however it dies: the next process to ask takes over. Beside
it, `<queue file>.owner` names the owner (PID and program) so another process can say who runs the queue.
Another process never runs an item; it hands new items to the owner (handover.py).
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from ..sentence import translate

WINDOW = "the Assetdrop window"  # the window's program name, as its .owner file says it (the CLI's is its command)


@dataclass(frozen=True)
class Owner:
    pid: int
    program: str
    since: float

    def describe(self) -> str:
        """ "the Assetdrop window (PID 4242)": a Sentence, so the window says it in its language."""
        if not self.program:
            return translate("queue.ownership", "PID {pid}").format(pid=self.pid)
        program = translate("queue.ownership", "the Assetdrop window") if self.program == WINDOW else self.program
        return translate("queue.ownership", "{program} (PID {pid})").format(program=program, pid=self.pid)


class QueueLock:
    def __init__(self, store_path: Path, program: str):
        import filelock  # here, not at the top: it imports asyncio, which a command without --queued never needs

        self._lock = filelock.FileLock(str(store_path) + ".lock", timeout=0, thread_local=False)
        self._owner_file = Path(str(store_path) + ".owner")
        self.program = program

    @property
    def held(self) -> bool:
        return self._lock.is_locked

    def acquire(self) -> bool:
        """Take the queue if no other process has it; never waits."""
        if self._lock.is_locked:
            return True
        import filelock

        try:
            self._lock.acquire(timeout=0)
        except filelock.Timeout:
            return False
        self._write_owner()
        return True

    def _write_owner(self) -> None:
        data = json.dumps({"pid": os.getpid(), "program": self.program, "since": time.time()})
        tmp = self._owner_file.with_name(f"{self._owner_file.name}.{os.getpid()}")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(data)
            os.replace(tmp, self._owner_file)
        except OSError:
            pass  # who owns the queue is a courtesy for messages; the lock is what counts

    def owner(self) -> Owner | None:
        """Who holds the queue now, as it wrote it; None when nobody seems to (or it cannot be read)."""
        try:
            data = json.loads(self._owner_file.read_text(encoding="utf-8"))
            return Owner(int(data["pid"]), str(data.get("program") or ""), float(data.get("since") or 0))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release(force=True)
