"""Routes the queue's changes to the tab models and keeps the window's running totals.

Every change goes to its tab by status: unfinished uploads, unfinished downloads, finished (done, skipped,
cancelled) and failed. A row that finishes leaves its tab and joins Finished or Failed as a plain remove and
insert (optionally held back and moved in batches, see `QueueRows`).
"""

from __future__ import annotations

from ..core.queue.items import ACTIVE, FINISHED, Direction, Status, TransferItem
from .queue_model import TabModel

TABS = ("uploads", "downloads", "finished", "failed")
_DONE_TABS = ("finished", "failed")
_TO_DO = [status for status in Status if status not in FINISHED and status is not Status.PAUSED]


def tab_for(item: TransferItem) -> str:
    if item.status is Status.FAILED:
        return "failed"
    if item.is_finished:
        return "finished"
    return "uploads" if item.direction is Direction.UPLOAD else "downloads"


class QueueRows:
    """Every item the window knows, each in its tab's model, with running totals kept as changes arrive.

    The totals (bytes, rate, what is active, what is still to do) are updated per change, so the status bar and
    the "queue drained" check cost nothing per tick however long the queue is.

    With `hold_leaving`, a row that finishes stays in its tab (showing Done or Failed) until `settle()`: rows
    leaving the top of Uploads shift every row below, so each move repaints the whole tab.
    """

    def __init__(self, parent=None):
        self.tabs = {key: TabModel(parent) for key in TABS}
        self._items: dict[int, TransferItem] = {}
        self._counted: dict[int, tuple[str, Status, int, int]] = {}  # id -> tab, status, bytes done, bytes total
        self._by_status: dict[Status, dict[int, TransferItem]] = {status: {} for status in Status}
        self._bytes_done = self._bytes_total = 0  # over unfinished, unpaused items
        self._leaving: set[int] = set()  # finished, still shown in their Uploads or Downloads tab

    def __len__(self) -> int:
        return len(self._items)

    def item(self, item_id: int) -> TransferItem | None:
        return self._items.get(item_id)

    def status_of(self, item_id: int) -> Status | None:
        """The status the window shows for this item."""
        counted = self._counted.get(item_id)
        return None if counted is None else counted[1]

    def items(self) -> list[TransferItem]:
        """Every item, in the order the window first saw them."""
        return list(self._items.values())

    def with_status(self, status: Status) -> list[TransferItem]:
        return list(self._by_status[status].values())

    def to_do(self) -> int:
        """Items neither finished nor paused."""
        return sum(len(self._by_status[status]) for status in _TO_DO)

    def apply(self, items: list[TransferItem], *, hold_leaving: bool = False) -> None:
        """Newer snapshots (or new items): each lands in, stays in or moves to its tab."""
        inserts: dict[str, list[TransferItem]] = {key: [] for key in TABS}
        replaces: dict[str, list[TransferItem]] = {key: [] for key in TABS}
        removes: dict[str, list[int]] = {key: [] for key in TABS}
        for item in {item.id: item for item in items}.values():
            tab = tab_for(item)
            old_tab = self._forget(item.id)
            if old_tab is None:
                inserts[tab].append(item)
            elif old_tab == tab:
                replaces[tab].append(item)
            elif hold_leaving and tab in _DONE_TABS and old_tab not in _DONE_TABS:
                replaces[old_tab].append(item)
                tab = old_tab
            else:
                removes[old_tab].append(item.id)
                inserts[tab].append(item)
            if tab == tab_for(item):
                self._leaving.discard(item.id)
            else:
                self._leaving.add(item.id)
            self._count(tab, item)
        self._update(removes, replaces, inserts)

    def leaving(self) -> int:
        """Finished rows still shown in Uploads or Downloads."""
        return len(self._leaving)

    def settle(self) -> None:
        """Move every finished row still held in Uploads or Downloads to Finished or Failed, in one go."""
        removes: dict[str, list[int]] = {key: [] for key in TABS}
        inserts: dict[str, list[TransferItem]] = {key: [] for key in TABS}
        for item_id in self._leaving:
            tab, status, done, total = self._counted[item_id]
            removes[tab].append(item_id)
            item = self._items[item_id]
            self._counted[item_id] = (tab_for(item), status, done, total)
            inserts[tab_for(item)].append(item)
        self._leaving.clear()
        self._update(removes, {}, inserts)

    def remove_ids(self, ids) -> None:
        gone: dict[str, list[int]] = {key: [] for key in TABS}
        for item_id in ids:
            tab = self._forget(item_id)
            if tab is not None:
                del self._items[item_id]
                self._leaving.discard(item_id)
                gone[tab].append(item_id)
        self._update(gone, {}, {})

    def _update(self, removes: dict, replaces: dict, inserts: dict) -> None:
        for key, model in self.tabs.items():
            if removes.get(key):
                model.remove(removes[key])
            if replaces.get(key):
                model.replace(replaces[key])
            if inserts.get(key):
                model.insert(inserts[key])

    def totals(self) -> tuple[int, int, float, int]:
        """(bytes done, bytes total, rate, active count) over unfinished, unpaused items."""
        active = [item for status in ACTIVE for item in self._by_status[status].values()]
        return self._bytes_done, self._bytes_total, sum(item.rate for item in active), len(active)

    def _count(self, tab: str, item: TransferItem) -> None:
        status, done, total = item.status, item.done, item.size or 0
        if status not in FINISHED and status is not Status.PAUSED:
            self._bytes_done += done
            self._bytes_total += total
        else:
            done = total = 0
        self._items[item.id] = item
        self._by_status[status][item.id] = item
        self._counted[item.id] = (tab, status, done, total)

    def _forget(self, item_id: int) -> str | None:
        """Undo what _count did for this item; returns the tab it was in."""
        counted = self._counted.pop(item_id, None)
        if counted is None:
            return None
        tab, status, done, total = counted
        del self._by_status[status][item_id]
        self._bytes_done -= done
        self._bytes_total -= total
        return tab
