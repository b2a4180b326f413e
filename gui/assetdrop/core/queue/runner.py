"""The one job runner: the window's QThread workers and the command line's threads run the same loop over the
same TransferQueue, so every command gets the same retries, Retry-After, backoff, bandwidth limits, exactly-once
registration, re-signing and messages.

`work()` is one worker's loop. `QueueRunner` runs a few of them on plain threads until the queue is idle, and
hands each finished item to the caller's thread (the command line prints there, so a closed pipe or a Ctrl+C
reaches the main thread, never a worker).
"""

from __future__ import annotations

import queue as stdlib_queue
import threading
from collections.abc import Callable

from .attempt import ContextFor
from .items import TransferItem
from .transfer_queue import TransferQueue


def work(queue: TransferQueue, context_for: ContextFor) -> None:
    """Take the next job and run it, until the queue closes. `run()` never raises: a bug fails its item in words
    and the worker goes on."""
    while (job := queue.next_job()) is not None:
        queue.run(*job, context_for)


class QueueRunner:
    def __init__(self, queue: TransferQueue, context_for: ContextFor, *, jobs: int):
        self.queue = queue
        self._context_for = context_for
        self._jobs = max(1, jobs)
        self._finished: stdlib_queue.Queue[TransferItem] = stdlib_queue.Queue()
        self._threads: list[threading.Thread] = []

    def start(self) -> QueueRunner:
        self.queue.set_concurrency(self._jobs)
        self.queue.on_ended_elsewhere(self._finished.put)
        for i in range(self._jobs):
            thread = threading.Thread(target=self._work, name=f"queue-{i}", daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def _work(self) -> None:
        while (job := self.queue.next_job(timeout=0.2)) is not None or not self.queue.closed:
            if job is None:
                continue
            self.queue.run(*job, self._context_for)
            try:
                item = self.queue.get(job[0].id)
            except KeyError:  # removed meanwhile
                continue
            if item.is_finished:
                self._finished.put(item)

    @property
    def idle(self) -> bool:
        return not self.queue.active_count and not self.queue.has_pending()

    def finished(self, timeout: float = 0.2) -> list[TransferItem]:
        """Items that ended since the last call (waits up to `timeout` for the first one)."""
        found: list[TransferItem] = []
        try:
            found.append(self._finished.get(timeout=timeout))
            while True:
                found.append(self._finished.get_nowait())
        except stdlib_queue.Empty:
            pass
        return found

    def drain(self, on_finished: Callable[[TransferItem], None]) -> None:
        """Until the queue is idle: each item that ends is passed to `on_finished` on this thread. Whatever that
        raises (a closed pipe, Ctrl+C) ends the run; `stop()` is still the caller's to call."""
        while not self.idle:
            for item in self.finished(timeout=0.2):
                on_finished(item)
        for item in self.finished(timeout=0):
            on_finished(item)

    def stop(self) -> None:
        """Interrupt what runs (left queued, with its resume state, for the next run) and end the workers."""
        self.queue.close()
        for thread in self._threads:
            thread.join(timeout=30)
