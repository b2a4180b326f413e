"""A transfer table: one model per tab (Uploads, Downloads, Finished/Failed), fed directly by `QueueRows`.

No filter proxies: three proxies re-filtering in Python and remapping 10,000 rows on every insert froze the
window for a quarter of a second. Each tab keeps its rows in queue (id) order, so a row is found by bisection
and nothing needs re-indexing when rows come and go. A repaint asks data() ~1,100 times, so it is kept short:
plain-int roles, each row's texts computed once per snapshot, and a change announces only the cells it alters.
"""

from __future__ import annotations

from bisect import bisect_left
from enum import IntEnum
from operator import attrgetter

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from ..core.queue.items import Status, TransferItem
from . import locale_format
from .icons import icon
from .item_texts import TEXTS


class Column(IntEnum):
    NAME = 0
    SIZE = 1
    PROGRESS = 2
    SPEED = 3
    ETA = 4
    STATUS = 5
    ASSET_ID = 6


HEADERS = {
    Column.NAME: QT_TRANSLATE_NOOP("TabModel", "Name"),
    Column.SIZE: QT_TRANSLATE_NOOP("TabModel", "Size"),
    Column.PROGRESS: QT_TRANSLATE_NOOP("TabModel", "Progress"),
    Column.SPEED: QT_TRANSLATE_NOOP("TabModel", "Speed"),
    Column.ETA: QT_TRANSLATE_NOOP("TabModel", "ETA"),
    Column.STATUS: QT_TRANSLATE_NOOP("TabModel", "Status"),
    Column.ASSET_ID: QT_TRANSLATE_NOOP("TabModel", "Asset ID"),
}
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
# Plain ints: each lookup of an old-style name such as Qt.ItemDataRole.DisplayRole costs PySide6 ~5 us, and data() runs
# ~900 times per repaint of a tab.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_ITEM = int(ITEM_ROLE)
_ACCESSIBLE_TEXT = int(Qt.ItemDataRole.AccessibleTextRole)
_ACCESSIBLE_DESCRIPTION = int(Qt.ItemDataRole.AccessibleDescriptionRole)
_ROLES = frozenset({_DISPLAY, _ALIGNMENT, _TOOLTIP, _ITEM, _DECORATION, _ACCESSIBLE_TEXT, _ACCESSIBLE_DESCRIPTION})
_HORIZONTAL = Qt.Orientation.Horizontal
_COLUMNS = list(Column)
_COLUMN_COUNT = len(_COLUMNS)
_ROOT = QModelIndex()  # the invisible root: a table has no children
_RIGHT_ALIGNED = {Column.SIZE, Column.SPEED, Column.ETA}
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_item_id = attrgetter("id")


class TabModel(QAbstractTableModel):
    """One tab's rows, in id order."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[TransferItem] = []
        self._shown: dict[int, tuple[TransferItem, list[str], Status]] = {}  # id -> what its row was drawn from

    # -- Qt model API: called ~1,100 times per repaint, so kept to a few operations each ------------------------------
    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else _COLUMN_COUNT

    def headerData(self, section, orientation, role=_DISPLAY):
        if orientation == _HORIZONTAL and role == _DISPLAY:
            return QCoreApplication.translate("TabModel", str(HEADERS[Column(section)]))
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> object:
        if role not in _ROLES or not index.isValid():  # a view asks seven roles per cell; we answer five
            return None
        if role == _DISPLAY:
            item = self._rows[index.row()]
            shown = self._shown.get(item.id)
            if shown is None or shown[0] is not item:
                shown = self._shown[item.id] = (item, _texts(item), item.status)
            return shown[1][index.column()]
        if role == _ITEM:
            return self._rows[index.row()]
        if role == _ALIGNMENT:
            return _RIGHT if index.column() in _RIGHT_ALIGNED else None
        if role == _ACCESSIBLE_DESCRIPTION or (role == _ACCESSIBLE_TEXT and index.column() == Column.NAME):
            return TEXTS.sentence(self._rows[index.row()])  # a screen reader reads the row as one sentence
        if role == _ACCESSIBLE_TEXT:
            return None
        if role == _DECORATION:  # a failed row carries a red mark by its name, whichever tab shows it
            if index.column() == 0 and self._rows[index.row()].status is Status.FAILED:
                return icon("failed")
            return None
        item, column = self._rows[index.row()], index.column()
        if column == Column.STATUS:
            return TEXTS.detail(item) or None
        if column == Column.NAME:
            return item.saved_path or item.source
        return None

    # -- rows ---------------------------------------------------------------------------------------------------------
    def row_of(self, item_id: int) -> int | None:
        row = bisect_left(self._rows, item_id, key=_item_id)
        return row if row < len(self._rows) and self._rows[row].id == item_id else None

    def items(self) -> list[TransferItem]:
        return list(self._rows)

    def insert(self, items: list[TransferItem]) -> None:
        """Rows new to this tab, each at its id's place (a fresh batch is one block at the end)."""
        items = sorted(items, key=_item_id)
        while items:
            row = bisect_left(self._rows, items[0].id, key=_item_id)
            # everything up to the next existing id goes in as one block
            limit = self._rows[row].id if row < len(self._rows) else None
            count = (
                len(items)
                if limit is None
                else next((n for n, item in enumerate(items) if item.id > limit), len(items))
            )
            block, items = items[:count], items[count:]
            self.beginInsertRows(QModelIndex(), row, row + len(block) - 1)
            self._rows[row:row] = block
            self.endInsertRows()

    def replace(self, items: list[TransferItem]) -> None:
        """Newer snapshots of rows already here. Only the cells whose text changed are announced, so a progress
        tick repaints a few cells, not the rows (or, as a span, the whole view)."""
        last_column = _COLUMN_COUNT - 1
        for item in items:
            row = self.row_of(item.id)
            if row is None:
                continue
            self._rows[row] = item
            shown = self._shown.pop(item.id, None)  # the same snapshot again still re-reads the clock (countdown)
            if shown is None:  # not drawn since it last changed: if it is on screen, all of it is new
                self.dataChanged.emit(self.index(row, 0), self.index(row, last_column))
                continue
            texts = _texts(item)
            self._shown[item.id] = (item, texts, item.status)
            columns = [column for column in range(_COLUMN_COUNT) if texts[column] != shown[1][column]]
            if item.status is not shown[2] or _permille(item) != _permille(shown[0]):
                columns.append(Column.PROGRESS)  # the bar is drawn by status, in thousandths (the text in %)
            if item.status is not shown[2] and Status.FAILED in (item.status, shown[2]):
                columns.append(Column.NAME)  # the red mark comes or goes
            if columns:
                self.dataChanged.emit(self.index(row, min(columns)), self.index(row, max(columns)))

    def remove(self, ids) -> None:
        for item_id in ids:
            self._shown.pop(item_id, None)
        rows = sorted(row for row in map(self.row_of, ids) if row is not None)
        for first, last in reversed(list(_runs(rows))):
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._rows[first : last + 1]
            self.endRemoveRows()


def _texts(item: TransferItem) -> list[str]:
    return [_display(item, column) for column in _COLUMNS]


def _display(item: TransferItem, column: Column):
    if column is Column.NAME:
        return item.name
    if column is Column.SIZE:
        return locale_format.size(item.size)
    if column is Column.PROGRESS:
        fraction = item.fraction
        return "" if fraction is None else locale_format.percent(fraction)  # floored: never "100%" before Done
    if column is Column.SPEED:
        return locale_format.rate(item.rate) if item.is_active else ""
    if column is Column.ETA:
        return locale_format.duration(item.eta_seconds)
    if column is Column.STATUS:
        return TEXTS.status(item)
    return item.asset_id


def _permille(item: TransferItem) -> int | None:
    fraction = item.fraction
    return None if fraction is None else int(fraction * 1000)


def _runs(rows: list[int]):
    """[1, 2, 3, 7, 8] -> (1, 3), (7, 8)"""
    start: int | None = None
    previous = -2
    for row in rows:
        if start is None:
            start = previous = row
        elif row == previous + 1:
            previous = row
        else:
            yield start, previous
            start = previous = row
    if start is not None:
        yield start, previous
