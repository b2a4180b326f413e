"""The queue's state machine and dispatcher, shared by any set of worker threads (QThreads in the app, plain
threads in the CLI: runner.py).

Workers call `next_job()` (blocks while the concurrency limit is reached or nothing is queued) and then `run()`
(attempt.py); an attempt that fails with something that heals with time hands its slot back and waits, off the
worker, until its retry is due (four stalled transfers must not hold up a queue of four at once). The UI calls
`add_*`, `cancel`, `pause`, `resume`, `retry` from its own thread. Every change is reported through
`on_change(item_copy)`; progress is already coalesced by the core's Meter (at most ten calls a second per item).
Every failure becomes a title and a message; an unexpected exception is logged with its traceback and shown as
one sentence, never a traceback.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from ..heap import keep_long_lived
from ..transfer.download import ConflictPolicy, discard_part
from ..transfer.progress import CancelToken
from .attempt import AttemptRunner, ContextFor, JobContext
from .items import FINISHED, Direction, QueueOptions, Status, TransferItem
from .lookahead import LookAhead
from .readiness import ReadinessWatch
from .store import QueueStore

__all__ = ["ContextFor", "JobContext", "TransferQueue", "upload_sources"]

log = logging.getLogger(__name__)
ANNOUNCE_BATCH = 256  # new items saved, reported and queued this many at a time
FREEZE_EVERY = 8 * ANNOUNCE_BATCH  # in an add at least this big, lasting objects are frozen this often


def upload_sources(paths: list[Path], names: Mapping[Path, str] | None = None) -> list[tuple[str, str, int | None]]:
    """(path, name, size) for each file to upload; a size that cannot be read is None (the upload says why).
    The name shown is `names`' (a file from a dropped folder: its path from there), else the file's own."""
    triples = []
    names = names or {}
    for path in paths:
        try:
            size: int | None = path.stat().st_size
        except OSError:
            size = None
        triples.append((str(path), names.get(path, path.name), size))
        if len(triples) % FREEZE_EVERY == 0:
            keep_long_lived()  # 100,000 of them last until queued (heap.py)
    return triples


class TransferQueue(AttemptRunner):
    def __init__(
        self,
        *,
        store: QueueStore | None = None,
        on_change: Callable[[TransferItem], None] | None = None,
        concurrency: int = 4,
    ):
        self._store = store
        self._on_change = on_change or (lambda item: None)
        self._cond = threading.Condition()
        self._items: dict[int, TransferItem] = {}
        self._waiting: deque[int] = deque()
        self._delayed: dict[int, float] = {}  # item id -> monotonic time its next attempt is due
        self._unannounced: set[int] = set()  # added, not yet saved and reported, so not yet in line
        self._tokens: dict[int, CancelToken] = {}
        self._stop_reason: dict[int, Status] = {}
        self._limit = max(1, concurrency)
        self._active = 0
        self._closed = False
        self._next_id = store.next_id() if store else 1
        self._lookahead = LookAhead(self._limit)
        self._readiness = ReadinessWatch(self._ready_answer)
        self._ended_elsewhere: list[Callable[[TransferItem], None]] = []

    # -- queries ------------------------------------------------------------------------------------------------
    def get(self, item_id: int) -> TransferItem:
        with self._cond:
            return self._items[item_id].snapshot()

    def items(self) -> list[TransferItem]:
        with self._cond:
            return [i.snapshot() for i in self._items.values()]

    @property
    def closed(self) -> bool:
        """True once the app is quitting: whoever waits on behalf of a job should stop waiting."""
        return self._closed

    @property
    def active_count(self) -> int:
        with self._cond:
            return self._active

    def pending_count(self) -> int:
        with self._cond:
            return sum(1 for i in self._items.values() if not i.is_finished and i.status is not Status.PAUSED)

    def has_pending(self) -> bool:
        """Whether any item is neither finished nor paused: stops at the first (a count walks every item under
        the lock, 17 ms at 100,000 while a drop waited for the lock to queue its next batch)."""
        with self._cond:
            return any(not i.is_finished and i.status is not Status.PAUSED for i in self._items.values())

    def renumber_from(self, next_id: int) -> None:
        """New items get ids from `next_id` on (another process may have written higher ids meanwhile)."""
        with self._cond:
            self._next_id = max(self._next_id, next_id, max(self._items, default=0) + 1)

    # -- adding -------------------------------------------------------------------------------------------------
    def add(
        self,
        direction: Direction,
        sources: list[tuple[str, str, int | None]],
        profile: str,
        options: QueueOptions | None = None,
    ) -> list[int]:
        """Queue (source, display name, size) triples; returns their ids. A big list is made into items and
        queued a part at a time, so what lasts is frozen as it is made (heap.py) and the first files start."""
        ids = []
        for start in range(0, len(sources), FREEZE_EVERY):
            part = sources[start : start + FREEZE_EVERY]
            items = [TransferItem(0, direction, source, name, profile, size) for source, name, size in part]
            if direction is Direction.DOWNLOAD:
                for item in items:
                    item.asset_id = item.source  # shown from the start (its row names the asset before any byte)
            for item in items:
                item.apply(options or QueueOptions())
            ids += self.adopt(items)
        return ids

    def adopt(
        self, items: list[TransferItem], *, before_queueing: Callable[[list[TransferItem]], None] | None = None
    ) -> list[int]:
        """Queue items made elsewhere (or by `add`): each gets this queue's next id. `before_queueing(copies)`
        runs before any of them can start (handover.py records the adoption there, atomically)."""
        created, copies = [], []
        with self._cond:
            for template in items:
                item = template.snapshot()
                item.id, item.status = self._next_id, Status.QUEUED
                self._next_id += 1
                self._items[item.id] = item
                self._unannounced.add(item.id)
                created.append(item.id)
                if before_queueing is not None:
                    copies.append(item.snapshot())
            if before_queueing is not None:
                try:
                    before_queueing(copies)
                except BaseException:
                    for item_id in created:
                        del self._items[item_id]
                        self._unannounced.discard(item_id)
                    self._next_id -= len(created)
                    raise
        self._announce_then_queue(created)
        return created

    def _announce_then_queue(self, ids: list[int]) -> None:
        """Save and report new items, then put the queued ones in line: no worker can take an item before it is
        announced, so neither the store nor a listener gets "queued" after a worker's "done" or "failed".

        Each batch is announced under the lock like every other change (see `_report`), and what goes in line
        is decided on the live items after the reports: a listener may pause, resume or remove an item from
        inside a report. Batches, so workers start on the first files of a 10,000-file drop at once instead
        of all eight together at its end (measured: that burst delayed the window's event loop past 50 ms)."""
        for start in range(0, len(ids), ANNOUNCE_BATCH):
            with self._cond:
                batch = [i for i in ids[start : start + ANNOUNCE_BATCH] if i in self._items]
                self._persist([self._items[i] for i in batch])  # read at once, under the lock: no copy needed
                for item_id in batch:  # each copy taken when reported: an earlier report may have changed it
                    if item_id in self._items:
                        self._emit(self._items[item_id].snapshot())
                for item_id in batch:  # still unannounced, so never in line yet (`_requeue` leaves them out)
                    self._unannounced.discard(item_id)
                    item = self._items.get(item_id)
                    if item is not None and item.status is Status.QUEUED:
                        self._waiting.append(item_id)
                self._cond.notify_all()
            if len(ids) >= FREEZE_EVERY and (start // ANNOUNCE_BATCH) % (FREEZE_EVERY // ANNOUNCE_BATCH) == 0:
                keep_long_lived()  # a big drop: see heap.py

    def add_uploads(
        self,
        paths: list[Path],
        profile: str,
        options: QueueOptions | None = None,
        names: Mapping[Path, str] | None = None,
    ) -> list[int]:
        return self.add(Direction.UPLOAD, upload_sources(paths, names), profile, options)

    def add_downloads(
        self,
        asset_ids: list[str],
        profile: str,
        dest: Path | None = None,
        *,
        conflict: ConflictPolicy | None = None,
        verify: bool | None = None,
        options: QueueOptions | None = None,
    ) -> list[int]:
        """`dest`, `conflict` and `verify` (default: the settings' when the job starts) are kept with each item,
        so a retry or the next start downloads it as it was asked for."""
        base = options or QueueOptions()
        options = dataclasses.replace(
            base,
            dest=str(dest) if dest else base.dest,
            conflict=conflict if conflict is not None else base.conflict,
            verify=verify if verify is not None else base.verify,
        )
        return self.add(Direction.DOWNLOAD, [(a, a, None) for a in asset_ids], profile, options)

    def recover(self, items: list[TransferItem], *, resume: bool, include_paused: bool = False) -> list[int]:
        """Take back items a previous run left unfinished (from the store): queued again, or paused.

        Items the user had paused stay paused unless `include_paused`."""
        restored = []
        with self._cond:
            for item in items:
                if item.id in self._items or item.is_finished:
                    continue
                keep_paused = item.status is Status.PAUSED and not include_paused
                item.status = Status.QUEUED if resume and not keep_paused else Status.PAUSED
                item.rate, item.retry_at = 0.0, None
                self._items[item.id] = item
                self._next_id = max(self._next_id, item.id + 1)
                self._unannounced.add(item.id)
                restored.append(item.id)
        self._announce_then_queue(restored)
        return restored

    # -- flow control ---------------------------------------------------------------------------------------------
    def set_concurrency(self, limit: int) -> None:
        with self._cond:
            self._limit = max(1, limit)
            self._cond.notify_all()

    def cancel(self, item_id: int) -> None:
        self._stop(item_id, Status.CANCELLED)

    def pause(self, item_id: int) -> None:
        self._stop(item_id, Status.PAUSED)

    def _stop(self, item_id: int, status: Status) -> None:
        with self._cond:
            item = self._items.get(item_id)
            if item is None or item.is_finished or (item.status is Status.PAUSED and status is Status.PAUSED):
                return
            token = self._tokens.get(item_id)
            if token is not None:  # running: the worker ends it at the next chunk and records `status`
                self._stop_reason[item_id] = status
                token.cancel()
                return
            if item_id in self._waiting:
                self._waiting.remove(item_id)
            self._delayed.pop(item_id, None)
            self._lookahead.forget(item_id)
            self._readiness.forget(item_id)  # an upload waiting for its processing: no longer waited for
            part = self._drop_part_of(item) if status is Status.CANCELLED else None
            self._set(
                item,
                status=status,
                rate=0.0,
                retry_at=None,
                finished_at=time.time() if status is Status.CANCELLED else None,
            )
            self._report(item)
        discard_part(part)

    @staticmethod
    def _drop_part_of(item: TransferItem) -> str | None:
        """A cancelled download's `.part` goes with it (a paused, failed or interrupted one keeps it to resume),
        and its progress and answers with it; what it was queued with stays, for a retry."""
        if item.direction is not Direction.DOWNLOAD:
            return None
        part = item.part_path or None
        item.forget_attempts()
        item.conflict_answers = {}
        return part

    def resume(self, item_id: int) -> None:
        self._requeue(item_id, {Status.PAUSED})

    def retry(self, item_id: int) -> None:
        """Start over a failed, cancelled or paused item; one waiting to retry goes now. A person retrying a
        failed download is asked again what to do with a taken name (the last answer may be why it failed)."""
        self._requeue(item_id, {Status.FAILED, Status.CANCELLED, Status.PAUSED, Status.RETRYING}, by_person=True)

    def _requeue(self, item_id: int, allowed: set[Status], by_person: bool = False) -> None:
        with self._cond:
            item = self._items.get(item_id)
            if item is None or item.status not in allowed or item_id in self._tokens:
                return
            if by_person and item.status is Status.FAILED:
                item.conflict_answers = {}
            was_waiting = self._delayed.pop(item_id, None) is not None
            self._set(
                item,
                status=Status.QUEUED,
                done=0,
                rate=0.0,
                error_title="",
                error_message="",
                finished_at=None,
                attempt=0,
                retry_at=None,
            )
            if item_id in self._unannounced:
                pass  # paused and resumed before it was announced: the announcement puts it in line
            elif was_waiting:
                self._waiting.appendleft(item_id)  # "retry now": ahead of the line it would have gone to anyway
            else:
                self._waiting.append(item_id)
            self._cond.notify_all()
            self._report(item)

    def remove(self, item_id: int) -> None:
        """Forget a finished, paused or queued item (a running one is cancelled first)."""
        self.cancel(item_id)
        with self._cond:
            if item_id in self._tokens:
                return  # still winding down; the UI removes it when it reports cancelled
            item = self._items.pop(item_id, None)
            self._lookahead.forget(item_id)
            self._readiness.forget(item_id)
            self._delayed.pop(item_id, None)
            self._unannounced.discard(item_id)
            if item_id in self._waiting:
                self._waiting.remove(item_id)
            part = self._drop_part_of(item) if item is not None else None
            if self._store:
                self._store.delete([item_id])
        discard_part(part)  # a failed download's .part, kept for a retry that will not come now

    def for_all(self, action: Callable[[int], None], *, where: Callable[[TransferItem], bool]) -> None:
        with self._cond:
            ids = [i.id for i in self._items.values() if where(i)]
        for item_id in ids:
            action(item_id)

    def close(self) -> None:
        """Stop what runs and release every waiting worker (they get None).

        Running items are interrupted, not cancelled: they are saved as queued, with their resume state and
        `.part` files, so the next start resumes them as it would after a crash."""
        with self._cond:
            self._closed = True
            self._lookahead.close()
            self._readiness.close()
            for item_id, token in self._tokens.items():
                self._stop_reason.setdefault(item_id, Status.QUEUED)
                token.cancel()
            self._cond.notify_all()

    # -- the worker side ---------------------------------------------------------------------------------------
    def next_job(self, timeout: float | None = None) -> tuple[TransferItem, CancelToken] | None:
        deadline = None if timeout is None else time.monotonic() + timeout
        promoted: list[TransferItem] = []
        job = None
        with self._cond:
            while not self._closed:
                now = time.monotonic()
                promoted += self._promote_due(now)
                if self._active < self._limit and self._waiting:
                    item = self._items[self._waiting.popleft()]
                    token = CancelToken()
                    self._tokens[item.id] = token
                    self._active += 1
                    self._set(item, status=Status.PREPARING, error_title="", error_message="")
                    job = item.snapshot(), token
                    break
                if deadline is not None and deadline <= now:
                    break
                wake = [t for t in (deadline, min(self._delayed.values(), default=None)) if t is not None]
                self._cond.wait(max(min(wake) - now, 0.0) if wake else None)
            for snapshot in promoted:
                self._emit(snapshot)
            if job is not None:
                self._emit(job[0])
        return job

    def _promote_due(self, now: float) -> list[TransferItem]:
        """Items whose retry is due go to the front of the line (they have waited their turn already), queued
        again; returns their snapshots to report."""
        promoted = []
        for item_id in [i for i, due in self._delayed.items() if due <= now]:
            del self._delayed[item_id]
            item = self._items[item_id]
            self._set(item, status=Status.QUEUED, retry_at=None)  # the error stays shown until the next attempt
            self._waiting.appendleft(item_id)
            promoted.append(item.snapshot())
        return promoted

    def _finish(self, item_id: int, status: Status, **changes: Any) -> None:
        with self._cond:
            self._tokens.pop(item_id, None)
            self._stop_reason.pop(item_id, None)
            self._active -= 1
            item = self._items.get(item_id)
            if item is not None:
                finished = time.time() if status in FINISHED else None
                if status is not Status.DONE:
                    changes.setdefault("done", 0 if status is not Status.FAILED else item.done)
                self._set(item, status=status, rate=0.0, finished_at=finished, **changes)
                self._report(item)
            self._cond.notify_all()

    # -- helpers -------------------------------------------------------------------------------------------------
    @staticmethod
    def _set(item: TransferItem, **changes: Any) -> None:
        for key, value in changes.items():
            setattr(item, key, value)

    def _report(self, item: TransferItem, *, save: bool = True) -> None:
        """Save and report a copy of `item`; called with the lock held, so the store and every listener get
        an item's states in the order they happened (a worker's "preparing" never overtaken by the "queued"
        before it). Listeners must be quick and must not wait for another thread that takes the queue."""
        snapshot = item.snapshot()
        if save:
            self._persist([snapshot])
        self._emit(snapshot)

    def _persist(self, items: list[TransferItem]) -> None:
        if self._store is not None:
            try:
                self._store.save(items)
            except Exception:  # a full or locked disk must not stop transfers; it is logged
                log.exception("could not save the queue")

    def _emit(self, item: TransferItem) -> None:
        try:
            self._on_change(item)
        except Exception:
            log.exception("queue listener failed")
