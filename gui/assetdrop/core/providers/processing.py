"""After an upload: wait until the provider reports the asset ready, polling with backoff.

FileSpin processes an asset after `register_asset` (`NOT_READY`, then `OK` or `ERROR`) and memories.ai after the
upload (`WAITING`, `UPLOADING`, then `SUCCESS` or `FAILED`); docs/providers.md. A provider tells its asset's state
(`AssetState`, from an answer it already has or by asking); this module waits for it. The polls are few (the
first after 0.5 s, then doubling to one every 10 s: a minute of processing costs nine requests, part of the
provider's request budget), the item shows "Processing 0:12" meanwhile (a progress tick every second, no
request), a vendor failure becomes a failed item with the vendor's message, and a cancel stops the wait at once.
A poll that fails with something that heals with time (the network, a 429, a 5xx) is simply polled again later.
In the queue, the wait happens off the transfer slots instead, on the same schedule (core/queue/readiness.py).
"""

from __future__ import annotations

import enum
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from .. import errors
from ..transfer.job import Job
from ..transfer.progress import Phase
from ..transfer.retry import is_transient

log = logging.getLogger(__name__)

FIRST_POLL = 0.5  # seconds after the upload's answer
MAX_POLL = 10.0
GIVE_UP = 3600.0  # an asset still processing after an hour is reported, not waited for forever


class Readiness(enum.Enum):
    PROCESSING = "processing"
    READY = "ready"
    FAILED = "failed"


@dataclass(frozen=True)
class AssetState:
    readiness: Readiness
    status: str = ""  # the vendor's own word (NOT_READY, UPLOADING...)
    message: str = ""  # the vendor's explanation of a failure, when it gives one


StateCheck = Callable[[], "AssetState | None"]


def wait_until_ready(
    first: AssetState | None,
    check: StateCheck,
    job: Job,
    *,
    provider: str,
    name: str,
    size: int,
    clock: Callable[[], float] = time.monotonic,
) -> None:
    """Return once the asset is ready (or the provider stops telling its state: None); raise ProcessingFailed
    for a vendor failure, TransferCancelled for a cancel. `first` is the state the upload's own answer gave."""
    state = first
    if state is None or state.readiness is Readiness.READY:
        return
    started, delay = clock(), FIRST_POLL
    job.report(Phase.PROCESSING, size, size)
    while True:
        if state.readiness is Readiness.FAILED:
            raise failure(state, provider, name)
        if clock() - started > GIVE_UP:
            raise still_processing(state, provider, name)
        _sleep(job, delay, size, clock)
        delay = min(delay * 2, MAX_POLL)
        try:
            polled = check()
        except errors.AssetdropError as exc:
            if isinstance(exc, errors.TransferCancelled) or not is_transient(exc):
                raise
            log.info("polling the state of %s failed (%s); polling again later", name, exc.message)
            if exc.retry_after:
                _sleep(job, min(exc.retry_after, MAX_POLL * 6), size, clock)
            continue
        if polled is None or polled.readiness is Readiness.READY:
            return
        state = polled


def failure(state: AssetState, provider: str, name: str) -> errors.ProcessingFailed:
    reason = state.message or f"it reports {state.status or 'a failure'}"
    return errors.ProcessingFailed(f"{provider} could not process {name}: {reason.rstrip('.')}.")


def still_processing(state: AssetState, provider: str, name: str) -> errors.ProcessingFailed:
    return errors.ProcessingFailed(
        f"{provider} is still processing {name} after {int(GIVE_UP // 60)} minutes ({state.status}); "
        f"it is uploaded, and Retry waits for it again."
    )


def _sleep(job: Job, seconds: float, size: int, clock: Callable[[], float]) -> None:
    """Wait, ticking once a second so the row's clock moves (a tick is no request)."""
    deadline = clock() + seconds
    while (left := deadline - clock()) > 0:
        if job.cancel.wait(min(1.0, left)):
            raise errors.TransferCancelled()
        job.report(Phase.PROCESSING, size, size)
