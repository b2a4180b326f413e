"""Browse: look an asset up by ID, search with paging, list recent uploads; download, copy or drag out what is
selected.

Every API call runs in the background; results and errors come back to this panel's own labels. The rows are
browse_results.py's model, shown as a table or a grid (thumbnails.py); dragging rows onto a file manager downloads
them there (asset_drag.py, drag_stage.py).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..core.asset_ids import find_asset_ids
from ..core.providers.base import AssetSummary
from ..core.providers.spec import Capability, ProviderSpec
from .background import Background
from .browse_results import COLUMNS, ID_COLUMN, AssetResults
from .browse_selection import SelectionActions
from .core_text import localize
from .drag_stage import DragStager
from .icons import icon
from .locale_format import number as locale_number
from .thumbnails import ThumbnailLoader, grid_view
from .translations import fill


class _WrappedLabel(QLabel):
    """A word-wrapped label whose height does not follow its width. A wrapped QLabel asks for height-for-width
    layout, and the scroll area holding Browse (main_window.py) then sizes the whole panel to its preferred
    height: a scroll bar appeared and the bottom row of buttons was cut off at 1180x640."""

    def hasHeightForWidth(self) -> bool:
        return False


class BrowsePanel(QWidget):
    # [asset id], the folder chosen for these downloads ("": Settings'), the version ("": the original)
    download_requested = Signal(list, str, str)

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self._page = 1
        self._total_pages = 1
        self._cursor = None
        self._text = ""

        self.id_edit = QLineEdit(placeholderText=self.tr("Asset ID"))
        self.id_edit.setAccessibleName(self.tr("Asset ID to look up"))
        self.id_edit.setAccessibleDescription(self.tr("Type or paste an asset ID, then press Enter to look it up"))
        self.lookup_button = QPushButton(icon("search"), self.tr("Look up"))
        self.lookup_button.setAccessibleDescription(self.tr("Show the asset with the ID typed beside it"))
        self.search_edit = QLineEdit(placeholderText=self.tr("Search by name (Ctrl+F)"))
        self.search_edit.setAccessibleName(self.tr("Search text"))
        self.search_edit.setAccessibleDescription(self.tr("Part of an asset's name; press Enter to search"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_button = QPushButton(icon("search"), self.tr("Search"))
        self.search_button.setAccessibleDescription(self.tr("Search the assets by name"))
        self.recent_button = QPushButton(self.tr("Recent uploads"))
        self.recent_button.setAccessibleDescription(self.tr("List the assets uploaded from this computer"))
        self.prev_button = QPushButton(self.tr("‹ Previous"))
        self.prev_button.setAccessibleName(self.tr("Previous page"))
        self.prev_button.setAccessibleDescription(self.tr("Show the previous page of search results"))
        self.next_button = QPushButton(self.tr("Next ›"))
        self.next_button.setAccessibleName(self.tr("Next page"))
        self.next_button.setAccessibleDescription(self.tr("Show the next page of search results"))
        self.page_label = QLabel("")
        self.status_label = _WrappedLabel("")
        self.status_label.setWordWrap(True)
        self.status_label.setMinimumHeight(2 * self.status_label.fontMetrics().lineSpacing())
        self.status_label.setAccessibleName(self.tr("Browse status"))
        self.status_label.setAccessibleDescription(self.tr("What the last look-up or search found"))
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.results = AssetResults(self)
        self.stager = DragStager(session, lambda: self.rendition, self.status_label.setText, self)
        self.table = QTableView()
        self.table.setModel(self.results)
        self.table.setAccessibleName(self.tr("Assets found"))
        self.table.setAccessibleDescription(self.tr("The assets found; select some to download or copy them"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(ID_COLUMN, 250)
        header = self.table.horizontalHeader()
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the API's order until a header is clicked
        self.table.setSortingEnabled(True)  # a click on a column's header sorts by its value, not its text
        for column in range(len(COLUMNS)):  # each title whole (its sort arrow too), in any language
            self.table.setColumnWidth(
                column, max(self.table.columnWidth(column), header.sectionSizeFromContents(column).width())
            )
        self.details = QTextBrowser()
        self.details.setAccessibleName(self.tr("Asset details"))
        self.details.setAccessibleDescription(self.tr("All the data the server holds for the selected asset"))
        self.details.setPlaceholderText(self.tr("Select an asset to see its data"))

        self.download_button = QPushButton(icon("download"), self.tr("Download"))
        self.copy_id_button = QPushButton(icon("copy"), self.tr("Copy ID"))
        self.copy_link_button = QPushButton(icon("link"), self.tr("Copy link"))
        for button, tip in (
            (self.download_button, self.tr("Download the selected assets to the download folder")),
            (self.copy_id_button, self.tr("Copy the selected assets' IDs")),
            (self.copy_link_button, self.tr("Copy a signed link to the selected asset")),
        ):
            button.setToolTip(tip)

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
        self.rendition_combo = QComboBox()
        self.rendition_combo.setAccessibleName(self.tr("Version to download"))
        self.rendition_combo.setToolTip(self.tr("The original file, or a version the provider made of it"))
        self.rendition_combo.addItem(self.tr("Original"), "")
        paging.addWidget(self.rendition_combo)
        paging.addWidget(self.download_button)
        self.download_to_button = QPushButton(icon("download"), self.tr("Download &to…"))
        self.download_to_button.setToolTip(self.tr("Download the selected assets into a folder chosen now"))
        paging.addWidget(self.download_to_button)
        paging.addWidget(self.copy_id_button)
        paging.addWidget(self.copy_link_button)
        self.grid = grid_view(self.results, self.table.selectionModel())
        for view in (self.table, self.grid):  # rows dragged onto a file manager are downloaded there
            view.setDragEnabled(True)
            view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
            view.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.results.stage = self.stager
        self.views = QStackedWidget()
        self.views.addWidget(self.table)
        self.views.addWidget(self.grid)
        self.grid_button = QPushButton(self.tr("&Grid"))
        self.grid_button.setCheckable(True)
        self.grid_button.setToolTip(self.tr("Show the results as pictures, or as a list"))
        self.grid_button.toggled.connect(lambda on: self.views.setCurrentWidget(self.grid if on else self.table))
        top.addWidget(self.grid_button)  # up here: the row below is the wide one
        self.thumbnails = ThumbnailLoader(self)
        self.splitter = split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.views)
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
        self.selection = SelectionActions(self)
        self.download_button.clicked.connect(self.selection.download)
        self.download_to_button.clicked.connect(self.selection.download_chosen)
        self.copy_id_button.clicked.connect(self.selection.copy_ids)
        self.copy_link_button.clicked.connect(self.selection.copy_link)
        self.table.selectionModel().selectionChanged.connect(self.selection.show)
        self._update_paging()

    def show_capabilities(self, spec: ProviderSpec) -> None:
        """Offer only what the current profile's provider can do (its spec says), and say why the rest is off."""
        for widgets, capability, why in (
            ((self.id_edit, self.lookup_button), Capability.INFO, self.tr("%1 cannot look assets up.")),
            ((self.search_edit, self.search_button), Capability.SEARCH, self.tr("%1 offers no search.")),
            ((self.copy_link_button,), Capability.SIGNED_LINKS, self.tr("%1 offers no shareable links.")),
            ((self.download_button, self.download_to_button), Capability.DOWNLOAD, self.tr("%1 offers no downloads.")),
        ):
            able = spec.can(capability)
            for widget in widgets:
                widget.setEnabled(able)
                if not able:
                    widget.setToolTip(fill(why, spec.label))
        downloads = spec.can(Capability.DOWNLOAD)
        self.results.stage = self.stager if downloads else None
        for view in (self.table, self.grid):
            view.setDragEnabled(downloads)

    # -- actions ------------------------------------------------------------------------------------------------------
    def look_up(self) -> None:
        ids = find_asset_ids(self.id_edit.text()) or [self.id_edit.text().strip()]
        asset_id = ids[0]
        if not asset_id:
            return
        self._busy(fill(self.tr("Looking up %1…"), asset_id))
        found = self.tr("Found %1.")
        Background(self, lambda: self.session.provider().asset_info(asset_id)).success(
            lambda info: self._show_items([info], fill(found, info.name or asset_id), select=True)
        ).failure(self.failed).run()

    def search(self, text: str, page: int = 1) -> None:
        self._text = text
        cursor = self._cursor if page > 1 else None
        self._busy(self.tr("Searching…"))
        Background(self, lambda: self.session.provider().search(text, page=page, cursor=cursor)).success(
            self._show_results
        ).failure(self.failed).run()

    def show_recent(self) -> None:
        """This computer's uploads under the current profile (another profile's assets live elsewhere)."""
        profile = self.session.current_profile.name
        done = self.session.store.recent_uploads(profile=profile)
        items = [AssetSummary(asset_id=i.asset_id, name=Path(i.source).name, size=i.size) for i in done]
        self._page = self._total_pages = 1
        self._show_items(items, fill(self.tr("%n recent upload(s) to %1 from this computer.", "", len(items)), profile))

    def _go(self, page: int) -> None:
        if 1 <= page <= self._total_pages:
            self.search(self._text, page)

    # -- results ------------------------------------------------------------------------------------------------------
    def _show_results(self, found) -> None:
        self._page, self._total_pages, self._cursor = found.page, max(found.total_pages, 1), found.cursor
        total = found.total if isinstance(found.total, int) else len(found.items)
        self._show_items(found.items, self.tr("%Ln asset(s) found.", "", total))

    def _show_items(self, items, message: str, select: bool = False) -> None:
        self.results.show(items)
        section = self.table.horizontalHeader().sortIndicatorSection()
        if 0 <= section < len(COLUMNS):  # a new page keeps the order the person chose
            self.results.sort(section, self.table.horizontalHeader().sortIndicatorOrder())
        self.thumbnails.load(items)
        self.status_label.setText(message)
        self._update_paging()
        if select and items:
            self.table.selectRow(0)

    @property
    def rendition(self) -> str:
        """The version chosen for the next download ("": the original)."""
        return self.selection.rendition

    def download_to(self, folder: str) -> None:
        """The selected assets, into `folder` (kept with each download, through retries and restarts)."""
        self.selection.download_to(folder)

    # -- state ---------------------------------------------------------------------------------------------------------
    def _busy(self, message: str) -> None:
        self.status_label.setText(message)

    def failed(self, exc) -> None:
        """No stale results under an error: the table and details empty, so nothing old is downloaded by mistake."""
        self.results.removeRows(0, self.results.rowCount())
        self.thumbnails.load([])  # a page still fetching pictures is stale now
        self.details.clear()
        self._page = self._total_pages = 1
        self._update_paging()
        self.status_label.setText(fill(self.tr("%1: %2"), localize(exc.title), localize(exc.message)))

    def _update_paging(self) -> None:
        self.page_label.setText(
            fill(self.tr("Page %1 of %2"), locale_number(self._page), locale_number(self._total_pages))
        )
        self.prev_button.setEnabled(self._page > 1)
        self.next_button.setEnabled(self._page < self._total_pages)
