"""Long-lived QThread workers: each pulls the next job from the core queue and runs it; no thread per file.

The pool grows when the concurrency setting rises; the queue's own limit holds the extra workers idle when it
falls. Workers never touch widgets: every change reaches the UI through the queue's bridge signal.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QThread

log = logging.getLogger(__name__)


class TransferWorker(QThread):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session

    def run(self) -> None:
        queue = self.session.queue
        while (job := queue.next_job()) is not None:
            queue.run(*job, self.session.job_context)


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
