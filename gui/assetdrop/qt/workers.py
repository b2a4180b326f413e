"""Long-lived QThread workers: each pulls the next job from the core queue and runs it; no thread per file.

The pool grows when the concurrency setting rises; the queue's own limit holds the extra workers idle when it
falls. Workers never touch widgets: every change reaches the UI through the queue's bridge signal.
"""

from __future__ import annotations

import logging
import os
import sys
import threading

from PySide6.QtCore import QThread

from ..core.queue.runner import work

log = logging.getLogger(__name__)
WORKER_NICENESS = 10


class TransferWorker(QThread):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session

    def run(self) -> None:
        if (trace := threading.gettrace()) is not None:  # a tracer (make coverage) follows Python threads only
            sys.settrace(trace)
        _yield_to_the_ui()
        work(self.session.queue, self.session.job_context)  # the command line's runner runs the same loop


def _yield_to_the_ui() -> None:
    """Lower this worker thread's CPU priority, so a saturated machine still gives the UI thread its turn.

    Transfers keep every idle cycle; they only step aside when the UI needs the CPU. Linux applies `nice` per
    thread; elsewhere Qt's thread priority does the same job.
    """
    if hasattr(os, "setpriority") and sys.platform.startswith("linux"):
        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), WORKER_NICENESS)
            return
        except OSError:
            pass
    QThread.currentThread().setPriority(QThread.Priority.LowPriority)


class WorkerPool:
    def __init__(self, session, size: int):
        self.session = session
        self.workers: list[TransferWorker] = []
        self.resize(size)

    def resize(self, size: int) -> None:
        self.session.queue.set_concurrency(size)
        while len(self.workers) < size:
            worker = TransferWorker(self.session)
            worker.setObjectName(f"transfer-{len(self.workers) + 1}")
            worker.start()
            self.workers.append(worker)

    def stop(self, timeout_ms: int = 10000) -> None:
        self.session.queue.close()
        for worker in self.workers:
            if not worker.wait(timeout_ms):
                log.warning("worker %s did not stop in time", worker.objectName())
