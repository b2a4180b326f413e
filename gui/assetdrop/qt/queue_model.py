"""The transfer table: one model for every item, and a filter per tab (Uploads, Downloads, Finished/Failed).

Rows are found by item id in O(1), so thousands of queued items cost nothing per progress update; a row moves
between tabs by itself when its status changes (the filters re-filter on dataChanged).
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt

from ..core.formatting import human_bytes, human_duration, human_rate
from ..core.queue.items import Direction, Status, TransferItem


class Column(IntEnum):
    NAME = 0
    SIZE = 1
    PROGRESS = 2
    SPEED = 3
    ETA = 4
    STATUS = 5
    ASSET_ID = 6


HEADERS = {Column.NAME: "Name", Column.SIZE: "Size", Column.PROGRESS: "Progress", Column.SPEED: "Speed",
           Column.ETA: "ETA", Column.STATUS: "Status", Column.ASSET_ID: "Asset ID"}
ITEM_ROLE = Qt.UserRole + 1


class TransferTableModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._items: list[TransferItem] = []
        self._row_of: dict[int, int] = {}

    # -- Qt model API -----------------------------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return HEADERS[Column(section)]
        return None

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        item = self._items[index.row()]
        column = Column(index.column())
        if role == ITEM_ROLE:
            return item
        if role == Qt.DisplayRole:
            return self._display(item, column)
        if role == Qt.ToolTipRole:
            if column is Column.STATUS and item.error_message:
                return f"{item.error_title}: {item.error_message}"
            if column is Column.NAME:
                return item.saved_path or item.source
        if role == Qt.TextAlignmentRole and column in (Column.SIZE, Column.SPEED, Column.ETA):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None

    @staticmethod
    def _display(item: TransferItem, column: Column):
        if column is Column.NAME:
            return item.name
        if column is Column.SIZE:
            return human_bytes(item.size)
        if column is Column.PROGRESS:
            fraction = item.fraction
            return "" if fraction is None else f"{fraction * 100:.0f}%"
        if column is Column.SPEED:
            return human_rate(item.rate) if item.is_active else ""
        if column is Column.ETA:
            return human_duration(item.eta_seconds)
        if column is Column.STATUS:
            return item.status_text
        if column is Column.ASSET_ID:
            return item.asset_id
        return None

    # -- updates from the queue ---------------------------------------------------------------------------------------
    def upsert(self, item: TransferItem) -> None:
        row = self._row_of.get(item.id)
        if row is None:
            row = len(self._items)
            self.beginInsertRows(QModelIndex(), row, row)
            self._items.append(item)
            self._row_of[item.id] = row
            self.endInsertRows()
            return
        self._items[row] = item
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    def upsert_many(self, items: list[TransferItem]) -> None:
        """Apply a batch: new rows inserted in one block, changed rows announced as one span."""
        fresh = [item for item in items if item.id not in self._row_of]
        changed_rows = []
        for item in items:
            row = self._row_of.get(item.id)
            if row is not None:
                self._items[row] = item
                changed_rows.append(row)
        # One signal per run of adjacent rows: a span from the first to the last changed row would make every
        # filter re-check all the rows in between (thousands, in a long queue).
        for first, last in _runs(sorted(changed_rows)):
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(Column) - 1))
        if fresh:
            first = len(self._items)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            for offset, item in enumerate(fresh):
                self._items.append(item)
                self._row_of[item.id] = first + offset
            self.endInsertRows()

    def remove_ids(self, ids: set[int]) -> None:
        if not ids:
            return
        self.beginResetModel()
        self._items = [i for i in self._items if i.id not in ids]
        self._row_of = {item.id: row for row, item in enumerate(self._items)}
        self.endResetModel()

    def item(self, item_id: int) -> TransferItem | None:
        row = self._row_of.get(item_id)
        return None if row is None else self._items[row]

    def items(self) -> list[TransferItem]:
        return list(self._items)


def _runs(rows: list[int]):
    """[1, 2, 3, 7, 8] -> (1, 3), (7, 8)"""
    start = previous = None
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


class QueueFilter(QSortFilterProxyModel):
    """One tab's rows: unfinished uploads, unfinished downloads, or everything finished."""

    def __init__(self, direction: Direction | None, finished: bool, parent=None):
        super().__init__(parent)
        self.direction = direction
        self.finished = finished
        self.setDynamicSortFilter(True)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        item: TransferItem = self.sourceModel().index(source_row, 0, source_parent).data(ITEM_ROLE)
        if item is None:
            return False
        if self.finished:
            return item.is_finished
        return item.direction is self.direction and not item.is_finished


def counts(items: list[TransferItem]) -> dict[Status, int]:
    result: dict[Status, int] = {}
    for item in items:
        result[item.status] = result.get(item.status, 0) + 1
    return result
