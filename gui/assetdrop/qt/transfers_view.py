"""A queue tab: a table over that tab's model, with per-row actions (context menu, Del).

Rows have one fixed height (the hidden row header never sizes them to their contents): 10,000 rows cost no
per-row layout, and only the rows on screen are ever asked for their data."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QMenu, QTableView

from ..core.queue.items import Status
from .icons import icon
from .progress_delegate import ProgressDelegate
from .queue_model import ITEM_ROLE, Column


class TransfersView(QTableView):
    action_requested = Signal(str, list)  # "cancel" | "pause" | "resume" | "retry" | "remove", [item ids]

    def __init__(self, model, name: str, parent=None):
        super().__init__(parent)
        self.setModel(model)
        self.setAccessibleName(name)
        self.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setSectionResizeMode(Column.NAME, QHeaderView.Stretch)
        header.setSectionResizeMode(Column.STATUS, QHeaderView.Interactive)
        for column, width in ((Column.SIZE, 80), (Column.PROGRESS, 140), (Column.SPEED, 95), (Column.ETA, 80),
                              (Column.STATUS, 220), (Column.ASSET_ID, 250)):
            self.setColumnWidth(column, width)
        self.setItemDelegateForColumn(Column.PROGRESS, ProgressDelegate(self))
        self.setContextMenuPolicy(Qt.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        delete = QAction("Cancel / remove", self)
        delete.setShortcut(QKeySequence.Delete)
        delete.setShortcutContext(Qt.WidgetShortcut)
        delete.triggered.connect(self._delete_pressed)
        self.addAction(delete)

    def paintEvent(self, event) -> None:
        """Entered from Python, the whole paint runs holding the GIL: its ~1,000 calls into the model no longer
        each wait for the GIL to come back from the transfer threads (Qt calling Python takes and drops it per
        call). The transfer threads wait for the few milliseconds a paint takes instead."""
        super().paintEvent(event)

    def selected_items(self):
        rows = {index.row() for index in self.selectionModel().selectedRows()}
        return [self.model().index(row, 0).data(ITEM_ROLE) for row in sorted(rows)]

    def _ids(self, predicate=lambda item: True) -> list[int]:
        return [item.id for item in self.selected_items() if item is not None and predicate(item)]

    def _delete_pressed(self) -> None:
        running = self._ids(lambda i: not i.is_finished)
        finished = self._ids(lambda i: i.is_finished)
        if running:
            self.action_requested.emit("cancel", running)
        if finished:
            self.action_requested.emit("remove", finished)

    def _menu(self, pos) -> None:
        items = [i for i in self.selected_items() if i is not None]
        if not items:
            return
        menu = QMenu(self)
        entries = [
            ("pause", "Pause", "pause", lambda i: i.status in (Status.QUEUED,) or i.is_active),
            ("resume", "Resume", "resume", lambda i: i.status is Status.PAUSED),
            ("retry", "Retry", "retry", lambda i: i.status in (Status.FAILED, Status.CANCELLED, Status.RETRYING)),
            ("cancel", "Cancel", "cancel", lambda i: not i.is_finished),
            ("remove", "Remove from list", "clear", lambda i: i.is_finished or i.status is Status.PAUSED),
        ]
        for key, label, icon_name, applies in entries:
            ids = [i.id for i in items if applies(i)]
            action = menu.addAction(icon(icon_name), label)
            action.setEnabled(bool(ids))
            action.triggered.connect(lambda _=False, k=key, ids=ids: self.action_requested.emit(k, ids))
        menu.addSeparator()
        asset_ids = [i.asset_id for i in items if i.asset_id]
        copy = menu.addAction(icon("copy"), "Copy asset ID")
        copy.setEnabled(bool(asset_ids))
        copy.triggered.connect(lambda: QApplication.clipboard().setText("\n".join(asset_ids)))
        menu.exec(self.viewport().mapToGlobal(pos))
