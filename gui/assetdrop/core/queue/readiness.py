"""Uploads waiting for their provider's processing, polled off the transfer slots.

A registered upload may not be usable yet (FileSpin NOT_READY, memories.ai WAITING: core/providers/processing.py).
Waiting for it on the worker that sent it would hold a slot for seconds or minutes while the next files wait in
line; so the queue hands such an upload here, gives its slot to the next transfer, and this one thread polls each
waiting asset on the same schedule as a blocking wait would (the first poll after 0.5 s, then doubling to one every
10 s, given up after an hour), through the provider's own request budget. What it learns goes back to the queue
(`answer(item_id, error)`: None when the asset is ready, or the error that ends the wait).
"""

from __future__ import annotations

import heapq
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from .. import errors
from ..providers.processing import FIRST_POLL, GIVE_UP, MAX_POLL, AssetState, Readiness, failure, still_processing
from ..sentence import translate
from ..transfer.retry import is_transient

log = logging.getLogger(__name__)

Check = Callable[[], AssetState | None]
Answer = Callable[[int, errors.AssetdropError | None], None]


@dataclass
class _Waiting:
    check: Check
    provider: str
    name: str
    started: float
    delay: float = FIRST_POLL


class ReadinessWatch:
    def __init__(self, answer: Answer, clock: Callable[[], float] = time.monotonic):
        self._answer, self._clock = answer, clock
        self._cond = threading.Condition()
        self._due: list[tuple[float, int]] = []
        self._waiting: dict[int, _Waiting] = {}
        self._thread: threading.Thread | None = None
        self._closed = False

    def watch(self, item_id: int, check: Check, *, provider: str, name: str) -> None:
        with self._cond:
            if self._closed:
                return
            self._waiting[item_id] = _Waiting(check, provider, name, self._clock())
            heapq.heappush(self._due, (self._clock() + FIRST_POLL, item_id))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="readiness", daemon=True)
                self._thread.start()
            self._cond.notify_all()

    def forget(self, item_id: int) -> None:
        """Stop waiting for it (paused, cancelled, removed)."""
        with self._cond:
            self._waiting.pop(item_id, None)

    def __contains__(self, item_id: int) -> bool:
        with self._cond:
            return item_id in self._waiting

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._waiting.clear()
            self._cond.notify_all()

    def _run(self) -> None:
        while (due := self._next_due()) is not None:
            item_id, waiting = due
            try:
                state = waiting.check()
            except errors.AssetdropError as exc:
                if not is_transient(exc):
                    self._end(item_id, waiting, exc)
                    continue
                log.info("polling the state of %s failed (%s); polling again later", waiting.name, exc.message)
                self._again(item_id, waiting, max(waiting.delay, float(exc.retry_after or 0)))
                continue
            except Exception:  # a bug: the item must not wait forever in silence
                log.exception("polling the state of %s failed", waiting.name)
                self._end(
                    item_id,
                    waiting,
                    errors.AssetdropError(translate("queue.readiness", "Could not learn whether the upload is ready.")),
                )
                continue
            if state is None or state.readiness is Readiness.READY:
                self._end(item_id, waiting, None)
            elif state.readiness is Readiness.FAILED:
                self._end(item_id, waiting, failure(state, waiting.provider, waiting.name))
            elif self._clock() - waiting.started > GIVE_UP:
                self._end(item_id, waiting, still_processing(state, waiting.provider, waiting.name))
            else:
                waiting.delay = min(waiting.delay * 2, MAX_POLL)
                self._again(item_id, waiting, waiting.delay)

    def _next_due(self) -> tuple[int, _Waiting] | None:
        with self._cond:
            while not self._closed:
                now = self._clock()
                if self._due and self._due[0][0] <= now:
                    _, item_id = heapq.heappop(self._due)
                    waiting = self._waiting.get(item_id)
                    if waiting is not None:
                        return item_id, waiting
                    continue  # forgotten meanwhile
                self._cond.wait(self._due[0][0] - now if self._due else None)
        return None

    def _again(self, item_id: int, waiting: _Waiting, delay: float) -> None:
        with self._cond:
            if self._waiting.get(item_id) is waiting:
                heapq.heappush(self._due, (self._clock() + delay, item_id))

    def _end(self, item_id: int, waiting: _Waiting, error: errors.AssetdropError | None) -> None:
        with self._cond:
            if self._waiting.get(item_id) is not waiting:
                return  # paused or cancelled while the poll was out
            del self._waiting[item_id]
        self._answer(item_id, error)
