"""MD5 computed on a helper thread while the transfer moves the next block.

Hashing cost half of a loopback transfer's time when it sat between the disk and the socket (docs/performance.md);
hashlib releases the GIL, so a second core can hash block N while this thread sends or writes block N+1. At most
`depth` blocks wait in the queue (bounded memory). Small transfers never start the thread.
"""

from __future__ import annotations

import hashlib
import queue
import threading

THREAD_FROM = 256 * 1024  # blocks this large start the helper thread; smaller ones are hashed in line


class PipelinedMD5:
    def __init__(self, depth: int = 8):
        self._md5 = hashlib.md5()
        self._queue: queue.Queue[bytes | None] = queue.Queue(maxsize=depth)
        self._thread: threading.Thread | None = None

    def update(self, data: bytes) -> None:
        """Add `data` (immutable bytes: it is read later, on the helper thread)."""
        if self._thread is None:
            if len(data) < THREAD_FROM:
                self._md5.update(data)
                return
            self._thread = threading.Thread(target=self._run, name="md5", daemon=True)
            self._thread.start()
        self._queue.put(data)

    def _run(self) -> None:
        while (data := self._queue.get()) is not None:
            self._md5.update(data)

    def hexdigest(self) -> str:
        self.close()
        return self._md5.hexdigest()

    def close(self) -> None:
        """Stop the helper thread after what is queued (also on failure: no thread outlives its transfer)."""
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join()
            self._thread = None
