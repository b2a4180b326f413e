"""Browse's results: one row per asset (name, size, type, uploaded, ID) that sorts by value, shared by the table and
the grid of pictures, and dragged out of either as files (asset_drag.py).

Each row's first cell holds the asset's `AssetSummary`; the other cells hold what a column sorts by (bytes, not
"1.5 MiB"; the instant, not its local text) under SORT_ROLE.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QMimeData, QModelIndex, QObject, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from ..core.providers.base import AssetSummary
from .asset_drag import URI_LIST, AssetMimeData
from .locale_format import api_time
from .locale_format import size as locale_size

COLUMNS = (
    QT_TRANSLATE_NOOP("BrowsePanel", "Name"),
    QT_TRANSLATE_NOOP("BrowsePanel", "Size"),
    QT_TRANSLATE_NOOP("BrowsePanel", "Type"),
    QT_TRANSLATE_NOOP("BrowsePanel", "Uploaded"),
    QT_TRANSLATE_NOOP("BrowsePanel", "Asset ID"),
)
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
ID_COLUMN = 4


class AssetResults(QStandardItemModel):
    """`stage`: what turns dragged asset IDs into local files when a drop asks for them (drag_stage.py); None
    while the profile's provider cannot download, so nothing is dragged then."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(0, len(COLUMNS), parent)
        self.setHorizontalHeaderLabels([QCoreApplication.translate("BrowsePanel", str(c)) for c in COLUMNS])
        self.setSortRole(SORT_ROLE)
        self.stage: Callable[[list[str]], list[Path]] | None = None
        self.last_drag: AssetMimeData | None = None  # kept alive while a drag may still ask for its files

    def show(self, items: Iterable[AssetSummary]) -> None:
        self.removeRows(0, self.rowCount())
        for info in items:
            cells = (
                (info.name, (info.name or "").lower()),
                (locale_size(info.size), info.size if info.size is not None else -1),
                (info.content_type, info.content_type or ""),
                (api_time(info.uploaded), info.uploaded or ""),
                (info.asset_id, info.asset_id),
            )
            row = []
            for text, key in cells:
                cell = QStandardItem(text)
                cell.setData(key, SORT_ROLE)
                row.append(cell)
            row[0].setData(info, Qt.ItemDataRole.UserRole)
            row[3].setToolTip(info.uploaded)
            self.appendRow(row)

    def infos(self, rows: Iterable[int]) -> list[AssetSummary]:
        return [self.item(row, 0).data(Qt.ItemDataRole.UserRole) for row in sorted(set(rows))]

    # -- dragging out ------------------------------------------------------------------------------------------------
    def mimeTypes(self) -> list[str]:
        return [URI_LIST, "text/plain"]

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction  # the files are made for the drop; nothing here is moved away

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids = [info.asset_id for info in self.infos(index.row() for index in indexes) if info.asset_id]
        stage = self.stage
        self.last_drag = AssetMimeData(ids, stage if stage is not None else lambda _ids: [])
        return self.last_drag
