"""The window's intent, forwarded to the core queue; the queue's changes, folded into the tab models.

Thin on purpose: folder expansion runs in the background, transfers run on the worker pool, and this object only
routes. It announces `batch_finished(done, failed)` when the queue drains, for the tray notification.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ..core import folder_layout
from ..core.heap import keep_long_lived
from ..core.local_files import expand_paths
from ..core.queue.items import FINISHED, Direction, QueueOptions, Status, TransferItem
from .background import Background
from .bridge import QueueBridge
from .queue_rows import QueueRows
from .timers import make_timer
from .workers import WorkerPool

FLUSH_MS = 100  # at most ten model updates a second, whatever the number of rows reporting
FLUSH_BUDGET_S = 0.010  # a pass stops applying after this long and goes on at the next pass (a 10,000-file drop)
FLUSH_SLICE = 500  # rows applied between two looks at the clock
ADDING_FLUSH_MS = 1000  # while files are being queued in the background: see add_paths
FREEZE_AFTER = 2048  # changes applied between two freezes of lasting objects (core/heap.py)
SETTLE_MS = 500  # finished rows leave Uploads and Downloads at most twice a second (each move repaints a tab)


class TransferController(QObject):
    batch_finished = Signal(int, int)  # done, failed
    expansion_problems = Signal(list)  # [(path, reason)]
    totals_changed = Signal()
    item_failed = Signal(object)  # a TransferItem that has just failed

    def __init__(self, session, bridge: QueueBridge, parent=None):
        super().__init__(parent)
        self.session = session
        self.model = QueueRows(self)
        self._batch_done = self._batch_failed = 0
        # Changes are buffered and applied to the models in batches: one model update (and one repaint) per
        # interval however many transfers report. A batch too big for one pass (a 10,000-file drop) waits in
        # the backlog and is applied a time budget at a time, so the event loop keeps turning.
        self._pending: dict[int, TransferItem] = {}
        self._backlog: list[TransferItem] = []
        self._last_flush = 0.0
        self._since_freeze = 0  # changes applied since lasting objects were last frozen
        self._adding = 0  # folder drops being expanded and queued in the background
        self._hold_until = 0.0  # while adding, changes wait until then at the latest
        self._flush_timer = make_timer(self, FLUSH_MS, self._flush, single_shot=True)
        self._settle_timer = make_timer(self, SETTLE_MS, self.model.settle, single_shot=True)
        self._bridge = bridge
        bridge.changes_waiting.connect(self._on_changes_waiting)
        self._countdown = make_timer(self, 1000, self._refresh_countdowns, single_shot=False)
        self._countdown.start()
        self.pool = WorkerPool(session, session.settings.concurrency)

    # -- adding -----------------------------------------------------------------------------------------------------
    def add_paths(self, paths: list[Path]) -> None:
        """Expand folders and queue the files off the GUI thread (a 10,000-file folder is many stat calls and
        inserts); the rows arrive through the queue's change notifications."""
        include_hidden, skip_junk = self.session.settings.include_hidden, self.session.settings.skip_junk
        profile = self.session.current_profile.name
        session = self.session

        def expand_and_queue():
            found = expand_paths(paths, include_hidden=include_hidden, skip_junk=skip_junk)
            if found.files:  # to our queue, or to the process that owns it
                session.add_uploads(found.files, profile, names=found.names)
            return found.problems

        # Until they are queued, the tables wait (up to ADDING_FLUSH_MS): the background thread holds the GIL for
        # most of that time, so each repaint (a thousand calls into Python) took 50-100 ms instead of a few.
        self._adding += 1
        self._hold_until = time.perf_counter() + ADDING_FLUSH_MS / 1000
        Background(self, expand_and_queue).success(self._added).failure(lambda exc: self._added([])).run()

    def _added(self, problems) -> None:
        self._adding -= 1
        if not self._adding:
            self._flush_timer.start(0)
        if problems:
            self.expansion_problems.emit(problems)

    def add_asset_ids(self, asset_ids: list[str], dest: str = "", rendition: str = "") -> None:
        """Downloads into `dest` ("": the download folder in Settings when each starts), of the version
        `rendition` ("": the original); several that came from one folder upload recreate its folders there."""
        if asset_ids:
            options = QueueOptions(dest=dest, rendition=rendition) if dest or rendition else None
            profile = self.session.current_profile.name
            # several assets from one folder upload come back in its folders (core/folder_layout.py)
            uploads = folder_layout.history(self.session.store, asset_ids, profile)
            base = Path(dest) if dest else self.session.settings.effective_download_dir()
            for ids, queued_with in folder_layout.planned(asset_ids, uploads, base, options):
                self.session.add_downloads(ids, profile, queued_with)

    # -- flow control -------------------------------------------------------------------------------------------------
    def cancel(self, ids) -> None:
        for item_id in ids:
            self.session.queue.cancel(item_id)

    def pause(self, ids) -> None:
        for item_id in ids:
            self.session.queue.pause(item_id)

    def resume(self, ids) -> None:
        for item_id in ids:
            self.session.queue.resume(item_id)

    def retry(self, ids) -> None:
        """A row of this run goes back in line; a row from the history (an earlier run: the queue no longer
        holds it) is queued afresh from its file or asset ID, and its old row goes."""
        earlier = []
        for item_id in ids:
            if self._forgotten(item_id):
                item = self.model.item(item_id)
                if item is not None:
                    earlier.append(item)
            else:
                self.session.queue.retry(item_id)
        known = {p.name for p in self.session.settings.profiles}
        for item in earlier:  # with the profile it ran under, while that profile exists
            profile = item.profile if item.profile in known else self.session.current_profile.name
            if item.direction is Direction.UPLOAD:
                self.session.add_uploads([Path(item.source)], profile)
            else:
                self.session.add_downloads([item.source], profile)
        if earlier:
            self.remove([i.id for i in earlier])

    def download_again(self, ids) -> None:
        """New downloads of these rows' assets (the rows stay, as history)."""
        items = [self.model.item(i) for i in ids]
        self.add_asset_ids(list(dict.fromkeys(i.asset_id for i in items if i is not None and i.asset_id)))

    def load_history(self) -> None:
        """Finished rows of earlier runs, read off the GUI thread, into Finished and Failed."""
        Background(self, self.session.history).success(self._history_loaded).run()

    def _history_loaded(self, items) -> None:
        fresh = [i for i in items if self.model.item(i.id) is None]
        if fresh:
            self.model.apply(fresh)
            self.totals_changed.emit()

    def clear_history(self) -> None:
        """Every finished row, failed ones too, from the window and the store."""
        self.flush()
        self.remove([i.id for i in self.model.items() if i.is_finished])

    def remove(self, ids) -> None:
        ids = set(ids)
        for item_id in ids:
            self.session.queue.remove(item_id)
        self.model.remove_ids({i for i in ids if self._forgotten(i)})

    def _forgotten(self, item_id: int) -> bool:
        try:
            self.session.queue.get(item_id)
        except KeyError:
            return True
        return False

    def set_concurrency(self, limit: int) -> None:
        self.pool.resize(limit)

    @property
    def busy(self) -> bool:
        return self.model.to_do() > 0 or self.session.queue.has_pending()  # the rows first: no lock

    def shutdown(self) -> None:
        self.pool.stop()

    # -- from the queue (GUI thread) ----------------------------------------------------------------------------------
    def _on_changes_waiting(self) -> None:
        for item in self._bridge.take():
            self._pending[item.id] = item
        if not self._flush_timer.isActive():
            # the first change after a quiet spell shows at once; then at most one flush per FLUSH_MS
            due = max(self._last_flush + FLUSH_MS / 1000, self._hold_until if self._adding else 0.0)
            self._flush_timer.start(max(0, int((due - time.perf_counter()) * 1000)))

    def flush(self) -> None:
        """Apply all buffered changes now (tests and shutdown call this; the timer does otherwise)."""
        self._flush_timer.stop()
        for item in self._bridge.take():
            self._pending[item.id] = item
        self._apply(self._take_pending())
        self._flush_timer.stop()
        self.model.settle()

    def _take_pending(self) -> list[TransferItem]:
        batch = self._backlog
        batch.extend(self._pending.values())  # after the backlog: newer snapshots land last
        self._backlog, self._pending = [], {}
        return batch

    def _flush(self) -> None:
        self._last_flush = started = time.perf_counter()
        batch = self._take_pending()
        while batch:
            self._apply(batch[:FLUSH_SLICE])
            del batch[:FLUSH_SLICE]
            if batch and time.perf_counter() - started > FLUSH_BUDGET_S:
                self._backlog = batch
                self._flush_timer.start(0)  # the rest on the next pass, after the heartbeat and the paint
                return

    def _apply(self, items: list[TransferItem]) -> None:
        if not items:
            return
        self._since_freeze += len(items)
        if self._since_freeze >= FREEZE_AFTER:  # rows of a big drop last: keep full collections off them (heap.py)
            self._since_freeze = 0
            keep_long_lived()
        newly_finished = []
        for item in items:
            shown = self.model.status_of(item.id)
            if item.is_finished and (shown is None or shown not in FINISHED):
                newly_finished.append(item)
        self.model.apply(items, hold_leaving=True)
        if self.model.leaving() and not self._settle_timer.isActive():
            self._settle_timer.start()
        for item in newly_finished:
            if item.status is Status.DONE:
                self._batch_done += 1
            elif item.status is Status.FAILED:
                self._batch_failed += 1
                self.item_failed.emit(item)
        if newly_finished and not self.model.to_do():  # rows still to do are counted as they change
            self.model.settle()  # nothing left running: the last rows need not wait
            if not self.session.queue.has_pending():  # the core may know of more, not shown yet
                done, failed = self._batch_done, self._batch_failed
                self._batch_done = self._batch_failed = 0
                if done or failed:
                    self.batch_finished.emit(done, failed)
        self.totals_changed.emit()

    def _refresh_countdowns(self) -> None:
        """Rows waiting to retry show a live "retrying in N s"; repaint just those, once a second."""
        waiting = self.model.with_status(Status.RETRYING)
        if waiting:
            self.model.apply(waiting)

    def totals(self) -> tuple[int, int, float, int]:
        """(bytes done, bytes total, rate, active count) over unfinished items."""
        return self.model.totals()
