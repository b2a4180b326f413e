"""One attempt of a queued transfer, on a worker thread: the provider called with a `Job`, its state and answers
saved as they come, its end turned into done, retrying, paused, cancelled or failed in words.

A mixin of TransferQueue (transfer_queue.py), which owns the items, the lock and the reporting; this module is
what happens between `next_job()` handing out an item and the item's slot coming back.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import json
import logging
import threading
import time
from abc import abstractmethod
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import errors
from ..providers.base import Provider, UploadOutcome
from ..transfer.download import ConflictChoice, discard_part
from ..transfer.job import Job, TransferState
from ..transfer.progress import CancelToken, Phase, Progress, ProgressCallback
from ..transfer.retry import RetryPolicy
from ..transfer.stall import StallPolicy
from ..transfer.throttle import Throttle
from .conflict_answers import conflict_choice
from .items import Direction, Status, TransferItem
from .lookahead import LookAhead
from .readiness import ReadinessWatch

log = logging.getLogger(__name__)
LOOK_AHEAD_SCAN = 64  # items of the line looked at for the next upload to prepare

_PHASE_STATUS = {
    Phase.PREPARING: Status.PREPARING,
    Phase.UPLOADING: Status.UPLOADING,
    Phase.REGISTERING: Status.REGISTERING,
    Phase.PROCESSING: Status.PROCESSING,
    Phase.DOWNLOADING: Status.DOWNLOADING,
}


@dataclasses.dataclass
class JobContext:
    """What a job needs besides its item, resolved when it starts (settings may change between jobs)."""

    provider: Provider
    dest_dir: Path
    conflict: ConflictChoice
    retry: RetryPolicy = dataclasses.field(default_factory=RetryPolicy)
    verify: bool | None = None  # check downloads against the storage's MD5; None: as the provider is set
    stall: StallPolicy = dataclasses.field(default_factory=StallPolicy)
    connections: int = 8  # per big download (transfer/parallel.py)


ContextFor = Callable[[TransferItem], JobContext]


class AttemptRunner:
    _cond: threading.Condition
    _items: dict[int, TransferItem]
    _tokens: dict[int, CancelToken]
    _stop_reason: dict[int, Status]
    _delayed: dict[int, float]
    _waiting: deque[int]
    _lookahead: LookAhead
    _readiness: ReadinessWatch
    _ended_elsewhere: list[Callable[[TransferItem], None]]
    _active: int
    _closed: bool

    @abstractmethod
    def _finish(self, item_id: int, status: Status, **changes: Any) -> None: ...

    @abstractmethod
    def _report(self, item: TransferItem, *, save: bool = True) -> None: ...

    @abstractmethod
    def _persist(self, items: list[TransferItem]) -> None: ...

    def run(self, item: TransferItem, token: CancelToken, context_for: ContextFor) -> None:
        """Carry out one attempt of a job on the calling (worker) thread; never raises.

        `context_for(item)` is resolved here, so a missing key or profile fails the item in words too. When the
        attempt fails with something that heals with time, the item shows "retrying in N s (attempt k of n)", its
        slot is handed back, and `next_job()` gives it out again when the wait is over (pause and cancel act on
        it at once meanwhile).
        """
        attempt = item.attempt + 1
        context: JobContext | None = None
        try:
            context = context_for(item)
            with self._cond:
                live = self._items[item.id]
                live.attempt, live.max_attempts, live.retry_at = attempt, context.retry.max_attempts, None
                snapshot = live.snapshot()
            if item.direction is Direction.UPLOAD:
                self._prepare_next(context_for)
            self._do(snapshot, token, context)
        except errors.TransferCancelled:
            self._cancelled(item)
        except errors.HeldBack as exc:  # nothing was sent: wait for the server's Retry-After, not an attempt
            with self._cond:
                self._items[item.id].attempt = item.attempt
            if not self._defer(item.id, token, exc, max(float(exc.retry_after or 1.0), 0.1)):
                self._cancelled(item)
        except errors.AssetdropError as exc:
            log.warning("%s %s, attempt %d: %s", item.direction.value, item.name, attempt, exc.message)
            policy = context.retry if context is not None else RetryPolicy(max_attempts=1)
            if not policy.should_retry(exc, attempt):
                # a registered upload its provider could not process keeps its state: Retry waits for that
                # asset again (or the provider sends it again, as memories.ai asks), never a second asset
                self._failed(item, exc.title, exc.message, keep_state=isinstance(exc, errors.ProcessingFailed))
            elif not self._defer(item.id, token, exc, policy.delay(exc, attempt)):
                self._cancelled(item)
        except Exception as exc:  # a bug: keep the worker alive, tell the user in words, log the traceback
            log.exception("unexpected error in %s of %s", item.direction.value, item.name)
            self._failed(
                item,
                "Internal error",
                f"Something went wrong inside Assetdrop ({type(exc).__name__}). Details are in the log file.",
            )

    def _do(self, item: TransferItem, token: CancelToken, context: JobContext) -> None:
        job = Job(
            progress=self._progress(item.id),
            cancel=token,
            state=item.resume_state,
            save_state=lambda state: self._save_state(item.id, state),
            throttle=Throttle(item.limit_kib) if item.limit_kib > 0 else None,
            stall=context.stall,
            connections=context.connections,
            wait_elsewhere=True,
            named=lambda name: self._named(item.id, name),
        )
        if item.direction is Direction.UPLOAD:
            if not job.state and (ahead := self._lookahead.take(item.id)) is not None:
                job.save(ahead)  # its storage URL, asked for while an earlier upload was sending
            outcome = context.provider.upload(Path(item.source), job)
            if outcome.processing is not None:
                job.check()  # a pause or cancel that came during the last call ends it here, in the usual way
                self._await_ready(item, context.provider, outcome)
                return
            self._finish(
                item.id, Status.DONE, asset_id=outcome.asset_id, size=outcome.size, done=outcome.size, **_forgotten()
            )
            return
        conflict = conflict_choice(item.conflict_answers, context.conflict, lambda a: self._save_answers(item.id, a))
        result = context.provider.download(
            item.source, context.dest_dir, conflict=conflict, verify=context.verify, rendition=item.rendition, job=job
        )
        self._finish(
            item.id,
            Status.SKIPPED if result.skipped else Status.DONE,
            asset_id=item.source,
            saved_path=str(result.path),
            name=result.path.name,
            size=result.size,
            done=result.size,
            **_forgotten(),
        )

    def _await_ready(self, item: TransferItem, provider: Provider, outcome: UploadOutcome) -> None:
        """Registered, still being processed: the slot goes to the next transfer, readiness.py polls."""
        with self._cond:
            self._tokens.pop(item.id, None)
            self._stop_reason.pop(item.id, None)
            self._active -= 1
            live = self._items.get(item.id)
            if live is not None:
                live.status, live.rate, live.asset_id = Status.PROCESSING, 0.0, outcome.asset_id
                live.size = live.done = outcome.size
                live.processing_since = live.processing_since or time.time()
                self._report(live)
            self._cond.notify_all()
        asset_id = outcome.asset_id
        check = functools.partial(provider.asset_state, asset_id, None)
        self._readiness.watch(item.id, check, provider=provider.spec.label, name=item.name)

    def _ready_answer(self, item_id: int, error: errors.AssetdropError | None) -> None:
        """What readiness.py learnt of an upload it waited for: ready (None), or the error that ends the wait."""
        with self._cond:
            item = self._items.get(item_id)
            if item is None or item.status is not Status.PROCESSING or item_id in self._tokens:
                return  # paused, cancelled or running again meanwhile
            item.finished_at = time.time()
            if error is None:
                item.status, item.resume_state, item.part_path = Status.DONE, "", ""
            else:  # the asset is registered: its state stays, so Retry waits for it (ProcessingFailed) again
                log.warning("upload %s: %s", item.name, error.message)
                item.status, item.error_title, item.error_message = Status.FAILED, error.title, error.message
            self._report(item)
            self._cond.notify_all()
        self._finished_elsewhere(item_id)

    def on_ended_elsewhere(self, listener: Callable[[TransferItem], None]) -> None:
        """Be told of items that end off the workers (an upload whose processing readiness.py waited for)."""
        self._ended_elsewhere.append(listener)

    def _finished_elsewhere(self, item_id: int) -> None:
        with self._cond:
            item = self._items.get(item_id)
            snapshot = item.snapshot() if item is not None else None
        if snapshot is not None:
            for listener in self._ended_elsewhere:
                listener(snapshot)

    def _prepare_next(self, context_for: ContextFor) -> None:
        """Have the first upload waiting in line take its first step now, on a helper thread (lookahead.py)."""
        with self._cond:
            waiting = (self._items[i] for i in itertools.islice(self._waiting, LOOK_AHEAD_SCAN))
            nxt = next((i for i in waiting if i.direction is Direction.UPLOAD and self._lookahead.wanted(i)), None)
            snapshot = nxt.snapshot() if nxt is not None else None
        if snapshot is None:
            return
        try:
            provider = context_for(snapshot).provider
        except errors.AssetdropError:
            return  # its own attempt will say what is wrong
        if provider.prepares_uploads:
            self._lookahead.start(snapshot, provider.prepare_upload)

    def _save_state(self, item_id: int, state: TransferState) -> None:
        """The provider's state after a step: saved before the next step starts, so a crash resumes from here."""
        with self._cond:
            item = self._items.get(item_id)
            if item is None:
                return
            item.resume_state = json.dumps(state.to_json())
            if item.direction is Direction.DOWNLOAD:
                item.part_path = state.partial_file or item.part_path
            elif state.asset_id:
                item.asset_id = state.asset_id
            self._persist([item.snapshot()])

    def _save_answers(self, item_id: int, answers: dict[str, str]) -> None:
        with self._cond:
            item = self._items.get(item_id)
            if item is not None:
                item.conflict_answers = dict(answers)
                self._persist([item.snapshot()])

    def _defer(self, item_id: int, token: CancelToken, exc: errors.AssetdropError, delay: float) -> bool:
        """Hand the slot back and schedule the next attempt; False if a pause or cancel came first."""
        with self._cond:
            if token.cancelled or self._closed:
                return False
            self._tokens.pop(item_id, None)
            self._stop_reason.pop(item_id, None)
            self._active -= 1
            self._delayed[item_id] = time.monotonic() + delay
            item = self._items[item_id]
            item.status, item.rate, item.retry_at = Status.RETRYING, 0.0, time.time() + delay
            item.error_title, item.error_message = exc.title, exc.message
            self._cond.notify_all()
            self._report(item)
        return True

    def _cancelled(self, item: TransferItem) -> None:
        part, changes = None, {}
        with self._cond:
            status = self._stop_reason.get(item.id, Status.CANCELLED)
            live = self._items.get(item.id)
            if status is Status.CANCELLED and live is not None and live.direction is Direction.DOWNLOAD:
                part = live.part_path or None  # paused ones keep their .part to resume from
                changes = {**_forgotten(), "conflict_answers": {}}
        discard_part(part)
        self._finish(item.id, status, **changes)

    def _failed(self, item: TransferItem, title: str, message: str, *, keep_state: bool = False) -> None:
        """Failed for good: an upload's state (a signed storage URL and its policy) goes; a retry asks afresh.
        A download keeps its partial file and validator, which hold no secret, for a retry to continue; so does
        an upload already registered (`keep_state`), so that Retry never registers it a second time."""
        forget = {"resume_state": ""} if item.direction is Direction.UPLOAD and not keep_state else {}
        self._finish(item.id, Status.FAILED, error_title=title, error_message=message, retry_at=None, **forget)

    def _named(self, item_id: int, name: str) -> None:
        """A download's file name is known: its row says it instead of the asset ID."""
        with self._cond:
            item = self._items.get(item_id)
            if item is not None and item.name != name:
                item.name = name
                self._report(item)

    def _progress(self, item_id: int) -> ProgressCallback:
        def callback(progress: Progress) -> None:
            with self._cond:
                item = self._items.get(item_id)
                if item is None:
                    return
                previous = item.status
                item.done, item.rate = progress.done, progress.rate
                if progress.total is not None:
                    item.size = progress.total
                status = _PHASE_STATUS.get(progress.phase)
                if status is not None:
                    item.status = status
                    if status is not Status.PROCESSING:
                        item.processing_since = None
                    elif previous is not Status.PROCESSING:
                        item.processing_since = time.time()
                self._report(item, save=status is not None and status is not previous)

        return callback


def _forgotten() -> dict[str, Any]:
    """A finished item keeps no resume state (it may hold a signed storage URL)."""
    return {"resume_state": "", "part_path": ""}
