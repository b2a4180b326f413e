"""Browse: look an asset up by ID, search with paging, list recent uploads; download or copy what is selected.

Every API call runs in the background; results and errors come back to this panel's own labels.
"""

from __future__ import annotations

import json

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPlainTextEdit, QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget)

from ..core.asset_ids import find_asset_ids
from ..core.formatting import human_bytes
from ..core.providers.base import AssetSummary
from .background import Background
from .icons import icon

COLUMNS = ("Name", "Size", "Type", "Uploaded", "Asset ID")
ID_COLUMN = 4


class BrowsePanel(QWidget):
    download_requested = Signal(list)  # [asset id]

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self._page = 1
        self._total_pages = 1
        self._cursor = None
        self._text = ""

        self.id_edit = QLineEdit(placeholderText="Asset ID")
        self.id_edit.setAccessibleName("Asset ID to look up")
        self.lookup_button = QPushButton(icon("search"), "Look up")
        self.search_edit = QLineEdit(placeholderText="Search by name (Ctrl+F)")
        self.search_edit.setAccessibleName("Search text")
        self.search_edit.setClearButtonEnabled(True)
        self.search_button = QPushButton(icon("search"), "Search")
        self.recent_button = QPushButton("Recent uploads")
        self.prev_button = QPushButton("‹ Previous")
        self.next_button = QPushButton("Next ›")
        self.page_label = QLabel("")
        self.status_label = QLabel("")
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName("Browse status")
        self.status_label.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.results = QStandardItemModel(0, len(COLUMNS), self)
        self.results.setHorizontalHeaderLabels(COLUMNS)
        self.table = QTableView()
        self.table.setModel(self.results)
        self.table.setAccessibleName("Assets found")
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.table.setColumnWidth(ID_COLUMN, 250)
        self.details = QPlainTextEdit(readOnly=True)
        self.details.setAccessibleName("Asset details")
        self.details.setPlaceholderText("Select an asset to see its data")

        self.download_button = QPushButton(icon("download"), "Download selected")
        self.copy_id_button = QPushButton(icon("copy"), "Copy asset ID")
        self.copy_link_button = QPushButton(icon("link"), "Copy signed link")

        top = QHBoxLayout()
        top.addWidget(self.id_edit, 2)
        top.addWidget(self.lookup_button)
        top.addSpacing(12)
        top.addWidget(self.search_edit, 3)
        top.addWidget(self.search_button)
        top.addWidget(self.recent_button)
        paging = QHBoxLayout()
        paging.addWidget(self.prev_button)
        paging.addWidget(self.page_label)
        paging.addWidget(self.next_button)
        paging.addStretch(1)
        paging.addWidget(self.download_button)
        paging.addWidget(self.copy_id_button)
        paging.addWidget(self.copy_link_button)
        split = QSplitter(Qt.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.details)
        split.setSizes([300, 120])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addLayout(paging)
        layout.addWidget(self.status_label)

        self.lookup_button.clicked.connect(self.look_up)
        self.id_edit.returnPressed.connect(self.look_up)
        self.search_button.clicked.connect(lambda: self.search(self.search_edit.text()))
        self.search_edit.returnPressed.connect(lambda: self.search(self.search_edit.text()))
        self.recent_button.clicked.connect(self.show_recent)
        self.prev_button.clicked.connect(lambda: self._go(self._page - 1))
        self.next_button.clicked.connect(lambda: self._go(self._page + 1))
        self.download_button.clicked.connect(self._download_selected)
        self.copy_id_button.clicked.connect(self._copy_ids)
        self.copy_link_button.clicked.connect(self._copy_link)
        self.table.selectionModel().selectionChanged.connect(self._show_selected)
        self._update_paging()

    # -- actions ------------------------------------------------------------------------------------------------------
    def look_up(self) -> None:
        ids = find_asset_ids(self.id_edit.text()) or [self.id_edit.text().strip()]
        asset_id = ids[0]
        if not asset_id:
            return
        self._busy(f"Looking up {asset_id}…")
        Background(self, lambda: self.session.provider().asset_info(asset_id)) \
            .success(lambda info: self._show_items([info], f"Found {info.name or asset_id}.", select=True)) \
            .failure(self._failed).run()

    def search(self, text: str, page: int = 1) -> None:
        self._text = text
        cursor = self._cursor if page > 1 else None
        self._busy("Searching…")
        Background(self, lambda: self.session.provider().search(text, page=page, cursor=cursor)) \
            .success(self._show_results).failure(self._failed).run()

    def show_recent(self) -> None:
        items = [AssetSummary(asset_id=i.asset_id, name=i.name, size=i.size) for i in
                 self.session.store.recent_uploads()]
        self._page = self._total_pages = 1
        self._show_items(items, f"{len(items)} recent upload{'s' if len(items) != 1 else ''} from this computer.")

    def _go(self, page: int) -> None:
        if 1 <= page <= self._total_pages:
            self.search(self._text, page)

    # -- results ------------------------------------------------------------------------------------------------------
    def _show_results(self, found) -> None:
        self._page, self._total_pages, self._cursor = found.page, max(found.total_pages, 1), found.cursor
        total = f"{found.total:,} assets" if isinstance(found.total, int) else f"{len(found.items)} assets"
        self._show_items(found.items, f"{total} found.")

    def _show_items(self, items, message: str, select: bool = False) -> None:
        self.results.removeRows(0, self.results.rowCount())
        for info in items:
            row = [QStandardItem(info.name), QStandardItem(human_bytes(info.size)),
                   QStandardItem(info.content_type), QStandardItem(info.uploaded), QStandardItem(info.asset_id)]
            row[0].setData(info, Qt.UserRole)
            self.results.appendRow(row)
        self.status_label.setText(message)
        self._update_paging()
        if select and items:
            self.table.selectRow(0)

    def _show_selected(self) -> None:
        infos = self._selected_infos()
        if len(infos) == 1:
            info = infos[0]
            data = info.raw or {"id": info.asset_id, "name": info.name, "size": info.size}
            self.details.setPlainText(json.dumps(data, indent=2, ensure_ascii=False))
        else:
            self.details.clear()

    def _selected_infos(self) -> list[AssetSummary]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.results.item(row, 0).data(Qt.UserRole) for row in rows]

    def _download_selected(self) -> None:
        ids = [info.asset_id for info in self._selected_infos() if info.asset_id]
        if ids:
            self.download_requested.emit(ids)
            self.status_label.setText(f"Queued {len(ids)} download{'s' if len(ids) != 1 else ''}.")

    def _copy_ids(self) -> None:
        ids = [info.asset_id for info in self._selected_infos()]
        if ids:
            QApplication.clipboard().setText("\n".join(ids))
            self.status_label.setText("Asset ID copied.")

    def _copy_link(self) -> None:
        infos = self._selected_infos()
        if not infos:
            return
        asset_id = infos[0].asset_id
        self._busy("Getting a signed link…")
        Background(self, lambda: self.session.provider().signed_link(asset_id)) \
            .success(lambda url: (QApplication.clipboard().setText(url),
                                  self.status_label.setText("Signed link copied (valid for a limited time)."))) \
            .failure(self._failed).run()

    # -- state ---------------------------------------------------------------------------------------------------------
    def _busy(self, message: str) -> None:
        self.status_label.setText(message)

    def _failed(self, exc) -> None:
        self.status_label.setText(f"{exc.title}: {exc.message}")

    def _update_paging(self) -> None:
        self.page_label.setText(f"Page {self._page} of {self._total_pages}")
        self.prev_button.setEnabled(self._page > 1)
        self.next_button.setEnabled(self._page < self._total_pages)
