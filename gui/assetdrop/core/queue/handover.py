"""Handing transfers to the process that owns the queue, and following them until they end.

A process that finds the queue owned (ownership.py) writes its new items to the store's inbox; the owner adopts
each one into its queue in the same transaction that marks it adopted, so a crash between the two can neither
lose it nor queue it twice. The other process follows its items through the store, and when the owner dies it
takes the lock and finishes the queue itself (core/session.py).
"""

from __future__ import annotations

import logging
import os
import threading

from .items import FINISHED, Status, TransferItem
from .store import QueueStore
from .transfer_queue import TransferQueue

log = logging.getLogger(__name__)
POLL_SECONDS = 0.5


def adopt_waiting(store: QueueStore, queue: TransferQueue) -> list[int]:
    """The owner's side: queue every item waiting in the inbox; returns their new ids."""
    waiting = store.waiting_handovers()
    if not waiting:
        return []
    boxes = [box for box, _ in waiting]

    def record(items: list[TransferItem]) -> None:
        store.save(items, adopted=list(zip(boxes, [item.id for item in items], strict=True)))

    ids = queue.adopt([item for _, item in waiting], before_queueing=record)
    log.info("adopted %d transfer(s) handed over by another process", len(ids))
    return ids


class InboxWatch:
    """The owner's thread that adopts hand-overs as they arrive."""

    def __init__(self, store: QueueStore, queue: TransferQueue, *, poll: float = POLL_SECONDS):
        self._store, self._queue, self._poll = store, queue, poll
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="queue-inbox", daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._stop.wait(self._poll):
            try:
                adopt_waiting(self._store, self._queue)
            except Exception:  # a locked or damaged store must not end the watch; the next look may work
                log.exception("could not adopt handed-over transfers")

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


class Follower:
    """The other process's side: its items as the owner reports them in the store.

    `inbox` holds hand-overs not known by item id yet; `item_ids` the items being followed. `poll()` returns
    the snapshots that changed since the last look; `done` is True once every followed item has ended (or is
    paused: a paused item will not end by itself)."""

    def __init__(self, store: QueueStore, *, inbox: list[int] | None = None, item_ids: list[int] | None = None):
        self._store = store
        self._inbox = list(inbox or [])
        self._items: dict[int, TransferItem | None] = {i: None for i in item_ids or []}

    @classmethod
    def hand_over(cls, store: QueueStore, items: list[TransferItem]) -> Follower:
        return cls(store, inbox=store.hand_over(items, os.getpid()))

    @property
    def item_ids(self) -> list[int]:
        return list(self._items)

    @property
    def waiting_for_owner(self) -> int:
        """Hand-overs the owner has not taken into its queue yet."""
        return len(self._inbox)

    @property
    def done(self) -> bool:
        return not self._inbox and all(
            item is not None and (item.is_finished or item.status is Status.PAUSED) for item in self._items.values()
        )

    def poll(self) -> list[TransferItem]:
        if self._inbox:
            adoption = self._store.adoption_of(self._inbox)
            for box in list(self._inbox):
                item_id = adoption.get(box)
                if item_id is not None:
                    self._inbox.remove(box)
                    if item_id:  # 0: the owner could not read it
                        self._items.setdefault(item_id, None)
        changed = []
        for item in self._store.items([i for i, seen in self._items.items() if seen is None or not seen.is_finished]):
            seen = self._items.get(item.id)
            if seen is None or (item.status, item.asset_id, item.error_message) != (
                seen.status,
                seen.asset_id,
                seen.error_message,
            ):
                changed.append(item)
            self._items[item.id] = item
        return changed

    def unfinished(self) -> list[int]:
        return [i for i, item in self._items.items() if item is None or item.status not in FINISHED]
