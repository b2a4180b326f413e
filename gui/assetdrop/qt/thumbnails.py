"""Browse's pictures: each listed asset's small image (Provider.thumbnail: FileSpin's smallest conversion,
fetched by the core over its signed link), set as the icon of its Name cell, and a grid view of the same rows.

A page's thumbnails are fetched in one background task, one after another (a page of fifty is fifty small GETs;
fifty at once would be a burst the API's pacing holds back anyway). A newer page makes an older task's answer
stale: it is dropped, never drawn over the new rows."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QListView

from ..core import errors
from .background import Background

ICON_SIZE = QSize(96, 96)


def grid_view(model, selection_model) -> QListView:
    """The results as a grid of pictures and names, sharing the table's model and selection."""
    grid = QListView()
    grid.setModel(model)
    grid.setSelectionModel(selection_model)
    grid.setViewMode(QListView.ViewMode.IconMode)
    grid.setIconSize(ICON_SIZE)
    grid.setGridSize(QSize(ICON_SIZE.width() + 48, ICON_SIZE.height() + 40))
    grid.setResizeMode(QListView.ResizeMode.Adjust)
    grid.setMovement(QListView.Movement.Static)
    grid.setWordWrap(True)
    grid.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    grid.setAccessibleName(QCoreApplication.translate("BrowsePanel", "Assets found, as pictures"))
    grid.setAccessibleDescription(
        QCoreApplication.translate("BrowsePanel", "The assets found, as pictures; select some to download or copy them")
    )
    return grid


class ThumbnailLoader:
    def __init__(self, panel):
        self._panel = panel
        self._generation = 0
        self.loaded = 0  # thumbnails drawn since the last page (tests read it)

    def load(self, infos) -> None:
        self._generation += 1
        self.loaded = 0
        generation, wanted = self._generation, [i for i in infos if i.renditions]
        if not wanted:
            return
        session = self._panel.session

        def fetch() -> dict[str, bytes]:
            provider, found = session.provider(), {}
            for info in wanted:
                try:
                    data = provider.thumbnail(info)
                except errors.AssetdropError:
                    continue  # one missing picture is no error worth a word: the row keeps its plain look
                if data:
                    found[info.asset_id] = data
            return found

        Background(self._panel, fetch).success(lambda found: self._show(generation, found)).run()

    def _show(self, generation: int, found: dict[str, bytes]) -> None:
        if generation != self._generation:
            return
        model = self._panel.results
        for row in range(model.rowCount()):
            cell = model.item(row, 0)
            info = cell.data(Qt.ItemDataRole.UserRole)
            data = found.get(getattr(info, "asset_id", ""))
            if data:
                pixmap = QPixmap()
                if pixmap.loadFromData(data):
                    cell.setIcon(QIcon(pixmap))
                    self.loaded += 1
