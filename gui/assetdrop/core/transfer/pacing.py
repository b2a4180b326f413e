"""Pacing API calls to a provider's request budget: one budget per API origin, shared by every worker and by
Browse in this process, so a queue of 2,000 small files never trips a documented rate limit.

A budget hands out evenly spaced slots (no bursts: a limiter that counts per second must never see more than
its rate), a little under the rate the provider documents. It adapts: a 429 (or memories.ai's 400 "Request has
exceeded the limit.") halves the rate for a minute and holds every call until Retry-After has passed. And it
stops hammering: after a run of answers that say the request itself was invalid (an unknown ID, a wrong key),
it refuses further calls for a while, because FileSpin keeps a separate, long-lived limit for those
(docs/providers.md).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from .. import errors
from ..sentence import translate
from .progress import CancelToken

HEADROOM = 0.95  # the share of the documented rate used: evenly spaced calls at 95% never reach the limit
SLOW_FOR = 60.0  # seconds a rate limit answer halves the rate for
INVALID_RUN = 20  # invalid answers in a row before calls stop
INVALID_PAUSE = 300.0  # seconds calls stay stopped after such a run


class RequestBudget:
    def __init__(
        self,
        per_second: float | None,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], object] = time.sleep,
    ):
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._rate = per_second * HEADROOM if per_second else None
        self._next = 0.0  # the earliest moment the next call may go
        self._slow_until = 0.0
        self._held_until = 0.0  # Retry-After: nothing goes before this
        self._invalid = 0
        self._stopped_until = 0.0
        self.label = "the server"

    @property
    def per_second(self) -> float | None:
        """The rate in force now (halved while slowed down); None: unlimited."""
        if self._rate is None:
            return None
        return self._rate / 2 if self._clock() < self._slow_until else self._rate

    def acquire(self, cancel: CancelToken | None = None) -> None:
        """Wait for this call's slot (a fraction of a second at most, when many workers ask at once). While the
        server's Retry-After holds, or after a run of invalid requests, refuse at once: the queue then waits
        off the worker, cancellably, as for any answer that heals with time."""
        with self._lock:
            now = self._clock()
            if now < self._held_until:
                raise errors.HeldBack(
                    translate(
                        "transfer.pacing", "{label} asked to wait before the next request; waiting {seconds} s."
                    ).format(label=self.label, seconds=int(self._held_until - now) + 1),
                    retry_after=self._held_until - now,
                )
            if now < self._stopped_until:
                raise errors.ClientRequestError(
                    translate(
                        "transfer.pacing",
                        "Stopped asking {label}: {count} requests in a row were refused as invalid "
                        "(unknown asset IDs or a wrong key), and the provider keeps a long-lived limit on those. "
                        "Check the key and the IDs; calls resume in {seconds} s.",
                    ).format(label=self.label, count=INVALID_RUN, seconds=int(self._stopped_until - now) + 1),
                    title=translate("transfer.pacing", "Too many invalid requests"),
                )
            rate = self.per_second
            start = max(now, self._next) if rate else now
            if rate:
                self._next = start + 1.0 / rate
        wait = start - now
        while wait > 0:
            step = min(wait, 0.25)
            if cancel is not None:
                if cancel.wait(step):
                    cancel.raise_if_cancelled()
            else:
                self._sleep(step)
            wait = start - self._clock()

    def answered(self, error: errors.AssetdropError | None) -> None:
        """What the call came back with: a success resets the run of invalid answers; a rate limit slows down."""
        with self._lock:
            now = self._clock()
            if error is None:
                self._invalid = 0
                return
            if isinstance(error, errors.RateLimited):
                self._slow_until = now + SLOW_FOR
                if error.retry_after:
                    self._held_until = max(self._held_until, now + min(float(error.retry_after), SLOW_FOR * 5))
                return
            if isinstance(error, errors.AuthError | errors.NotFoundError):
                self._invalid += 1
                if self._invalid >= INVALID_RUN:
                    self._stopped_until = now + INVALID_PAUSE
                    self._invalid = 0


_budgets: dict[str, RequestBudget] = {}
_registry_lock = threading.Lock()


def budget_for(origin: str, per_second: float | None, label: str) -> RequestBudget:
    """The process's one budget for an API origin (created at the first ask; its rate follows the latest ask)."""
    with _registry_lock:
        budget = _budgets.get(origin)
        if budget is None or budget._rate != (per_second * HEADROOM if per_second else None):
            budget = _budgets[origin] = RequestBudget(per_second)
        budget.label = label
        return budget
