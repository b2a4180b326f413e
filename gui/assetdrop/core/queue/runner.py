"""Run the persistent queue headless, with plain threads: the CLI's `--queued` mode and `resume` command.

The same TransferQueue and SQLite store the window uses, so a killed command picks up where it stopped.
"""

from __future__ import annotations

import threading
from typing import Callable

from .items import TransferItem


def run_until_idle(session, *, jobs: int, on_finished: Callable[[TransferItem], None]) -> None:
    """Work the queue with `jobs` threads until nothing is queued, running or waiting to retry."""
    queue = session.queue
    done = threading.Event()

    def worker() -> None:
        while not done.is_set():
            job = queue.next_job(timeout=0.2)
            if job is None:
                continue
            queue.run(*job, session.job_context)
            item = queue.get(job[0].id)
            if item.is_finished:
                on_finished(item)

    queue.set_concurrency(jobs)
    threads = [threading.Thread(target=worker, name=f"queue-{i}", daemon=True) for i in range(max(1, jobs))]
    for thread in threads:
        thread.start()
    while queue.pending_count() or queue.active_count:
        done.wait(0.1)
    done.set()
    for thread in threads:
        thread.join()
