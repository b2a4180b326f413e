"""A queue tab: a table over that tab's model, with per-row actions (context menu, Del).

Rows have one fixed height (the hidden row header never sizes them to their contents): 10,000 rows cost no
per-row layout, and only the rows on screen are ever asked for their data."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QMenu, QTableView

from ..core.queue.items import Direction, Status
from .icons import icon
from .progress_delegate import ProgressDelegate
from .queue_model import ITEM_ROLE, Column

# key, label (with its mnemonic), icon, shortcut (on the table: the selected rows), which rows it applies to
ROW_ACTIONS = [
    (
        "pause",
        QT_TRANSLATE_NOOP("TransfersView", "&Pause"),
        "pause",
        "Ctrl+P",
        lambda i: i.status is Status.QUEUED or i.is_active,
    ),
    ("resume", QT_TRANSLATE_NOOP("TransfersView", "&Resume"), "resume", "Ctrl+R", lambda i: i.status is Status.PAUSED),
    (
        "retry",
        QT_TRANSLATE_NOOP("TransfersView", "Re&try"),
        "retry",
        "F5",
        lambda i: i.status in (Status.FAILED, Status.CANCELLED, Status.RETRYING),
    ),
    (
        "cancel",
        QT_TRANSLATE_NOOP("TransfersView", "&Cancel"),
        "cancel",
        "Del",
        lambda i: not i.is_finished,
    ),  # Del on a finished row removes it
    (
        "remove",
        QT_TRANSLATE_NOOP("TransfersView", "Re&move from list"),
        "clear",
        "",
        lambda i: i.is_finished or i.status is Status.PAUSED,
    ),
]


def _local_file(item) -> Path | None:
    """The file on this computer a row is about: a download's saved file, an upload's source, if it exists."""
    if item.direction is Direction.DOWNLOAD:
        path = Path(item.saved_path) if item.saved_path else None
    else:
        path = Path(item.source)
    return path if path is not None and path.is_file() else None


class TransfersView(QTableView):
    # "cancel" | "pause" | "resume" | "retry" | "remove" | "download_again", [item ids]
    action_requested = Signal(str, list)
    open_requested = Signal(QUrl)  # Open / Show in folder: handed to QDesktopServices (the desktop's own opener)

    def __init__(self, model, name: str, parent=None):
        super().__init__(parent)
        self.setModel(model)
        self.setAccessibleName(name)
        self.setAccessibleDescription(
            self.tr("Transfers, one a row; Delete cancels or removes the selected ones, the context menu has more")
        )
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.STATUS, QHeaderView.ResizeMode.Interactive)
        for column, width in (
            (Column.SIZE, 80),
            (Column.PROGRESS, 140),
            (Column.SPEED, 95),
            (Column.ETA, 80),
            (Column.STATUS, 220),
            (Column.ASSET_ID, 250),
        ):
            self.setColumnWidth(column, max(width, header.sectionSizeFromContents(column).width()))  # the title whole
        self.setItemDelegateForColumn(Column.PROGRESS, ProgressDelegate(self))
        self.open_requested.connect(QDesktopServices.openUrl)
        self.setTabKeyNavigation(False)  # Tab leaves the table for the next control, as in a form
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.row_actions: dict[str, QAction] = {}
        for key, label, icon_name, shortcut, _applies in ROW_ACTIONS:
            action = QAction(icon(icon_name), self.tr(str(label)), self)
            if shortcut:
                action.setShortcut(shortcut)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            if key == "cancel":
                action.triggered.connect(self._delete_pressed)
            else:
                action.triggered.connect(lambda _=False, k=key: self._act_on_selection(k))
            self.addAction(action)
            self.row_actions[key] = action

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

    def _act_on_selection(self, key: str) -> None:
        applies = next(entry[4] for entry in ROW_ACTIONS if entry[0] == key)
        ids = self._ids(applies)
        if ids:
            self.action_requested.emit(key, ids)

    def _delete_pressed(self) -> None:
        running = self._ids(lambda i: not i.is_finished)
        finished = self._ids(lambda i: i.is_finished)
        if running:
            self.action_requested.emit("cancel", running)
        if finished:
            self.action_requested.emit("remove", finished)

    def _menu(self, pos) -> None:
        items = [i for i in self.selected_items() if i is not None]
        if items:
            self.menu_for(items).exec(self.viewport().mapToGlobal(pos))

    def _open(self, paths) -> None:
        for path in paths:
            self.open_requested.emit(QUrl.fromLocalFile(str(path)))

    def menu_for(self, items) -> QMenu:
        """The context menu for these rows (built, not shown: tests trigger its entries)."""
        menu = QMenu(self)
        for key, _label, _icon, _shortcut, applies in ROW_ACTIONS:
            ids = [i.id for i in items if applies(i)]
            shared = self.row_actions[key]
            action = menu.addAction(shared.icon(), shared.text())
            action.setShortcut(shared.shortcut())  # shown beside the entry; the view's own action handles the key
            action.setEnabled(bool(ids))
            action.triggered.connect(lambda _=False, k=key, ids=ids: self.action_requested.emit(k, ids))
        menu.addSeparator()
        local = [path for path in map(_local_file, items) if path is not None]
        open_file = menu.addAction(self.tr("&Open"))
        open_file.setEnabled(bool(local))
        open_file.triggered.connect(lambda: self._open(local))
        show = menu.addAction(self.tr("Show in &folder"))
        show.setEnabled(bool(local))
        folders = list(dict.fromkeys(p.parent for p in local))
        show.triggered.connect(lambda: self._open(folders))
        again = [i.id for i in items if i.is_finished and i.asset_id]
        download = menu.addAction(icon("download"), self.tr("&Download again"))
        download.setEnabled(bool(again))
        download.triggered.connect(lambda: self.action_requested.emit("download_again", again))
        asset_ids = [i.asset_id for i in items if i.asset_id]
        copy = menu.addAction(icon("copy"), self.tr("Copy asset &ID"))
        copy.setEnabled(bool(asset_ids))
        copy.triggered.connect(lambda: QApplication.clipboard().setText("\n".join(asset_ids)))
        return menu
