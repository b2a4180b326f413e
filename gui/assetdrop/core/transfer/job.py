"""What one attempt of a transfer is given besides its file or asset: progress, cancellation, its own bandwidth
limit, and the state an earlier attempt saved.

The queue (core/queue/transfer_queue.py) makes one `Job` per attempt; a direct call gets a fresh one. The state is
the provider's own typed value (`TransferState`), saved as JSON text that the queue stores without reading it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from .progress import CancelToken, Phase, ProgressCallback, report
from .stall import StallPolicy
from .throttle import Throttle

log = logging.getLogger(__name__)


class TransferState(Protocol):
    """A provider's resume state: what lets the next attempt go on instead of starting over."""

    def to_json(self) -> dict[str, Any]: ...

    @property
    def asset_id(self) -> str:
        """The asset the server has assigned, once known ("" before)."""
        ...

    @property
    def partial_file(self) -> str:
        """A temporary download file that is removed when the item is abandoned ("" for none)."""
        ...


@dataclass
class Job:
    progress: ProgressCallback | None = None
    cancel: CancelToken = field(default_factory=CancelToken)
    state: str = ""  # JSON text of the TransferState an earlier attempt saved ("" for none)
    save_state: Callable[[TransferState], None] | None = None
    throttle: Throttle | None = None  # the item's own limit, applied on top of the app's
    stall: StallPolicy = field(default_factory=StallPolicy)  # how slow a body may be before it is given up
    connections: int = 8  # at most this many at once for one big download (transfer/parallel.py); 1: one
    wait_elsewhere: bool = False  # an upload still being processed is returned, not waited for (queue/readiness.py)
    named: Callable[[str], None] | None = None  # a download's file name, as soon as the answer tells it

    def name_known(self, name: str) -> None:
        if self.named is not None and name:
            self.named(name)

    @property
    def resumable(self) -> bool:
        """True when saved state outlives this attempt (the queue keeps it); a direct call starts afresh."""
        return self.save_state is not None

    def saved(self) -> dict[str, Any]:
        """The saved state as a JSON object ({} for none, or when it cannot be read: then the transfer starts
        over, which is always safe)."""
        if not self.state:
            return {}
        try:
            data = json.loads(self.state)
        except ValueError:
            log.warning("ignoring unreadable resume state")
            return {}
        return data if isinstance(data, dict) else {}

    def save(self, state: TransferState) -> None:
        self.state = json.dumps(state.to_json())
        if self.save_state is not None:
            self.save_state(state)

    def report(self, phase: Phase, done: int = 0, total: int | None = None) -> None:
        report(self.progress, phase, done, total)

    def check(self) -> None:
        self.cancel.raise_if_cancelled()

    def block_size(self, shared: Throttle, wanted: int) -> int:
        """How much to move at once under the limits in force: an eighth of a second's worth (at least 16 KiB),
        so a limited transfer moves, and shows its progress, smoothly rather than one big block every few
        seconds; `wanted` when nothing limits it."""
        limits = [t.limit_kib for t in (shared, self.throttle) if t is not None and t.limit_kib > 0]
        if not limits:
            return wanted
        return max(16 * 1024, min(wanted, int(min(limits) * 1024 / 8)))

    def consume(self, shared: Throttle, nbytes: int) -> None:
        """Account for bytes moved: the app's limit for the direction, then the item's own."""
        shared.consume(nbytes, self.cancel)
        if self.throttle is not None:
            self.throttle.consume(nbytes, self.cancel)
