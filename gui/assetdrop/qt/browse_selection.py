"""What Browse does with the selected assets: show one's details, offer the versions they all have, download them
(to the download folder or one chosen now), copy their IDs or a signed link.

Downloads leave as the panel's `download_requested` signal (the main window queues them, qt/controller.py); the
signed link is asked for in the background and a failure clears the results as any failed call does.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QFileDialog

from ..core.providers.base import AssetSummary
from .asset_details import details_html
from .background import Background
from .translations import fill


class SelectionActions(QObject):
    def __init__(self, panel: Any):
        super().__init__(panel)
        self.panel = panel

    def infos(self) -> list[AssetSummary]:
        rows = (index.row() for index in self.panel.table.selectionModel().selectedRows())
        return list(self.panel.results.infos(rows))

    def _ids(self) -> list[str]:
        return [info.asset_id for info in self.infos() if info.asset_id]

    # -- what is selected ----------------------------------------------------------------------------------------
    @property
    def rendition(self) -> str:
        """The version chosen for the next download ("": the original)."""
        return str(self.panel.rendition_combo.currentData() or "")

    def show(self) -> None:
        infos = self.infos()
        self._offer_renditions(infos)
        if len(infos) == 1:
            self.panel.details.setHtml(details_html(infos[0]))
        else:
            self.panel.details.clear()

    def _offer_renditions(self, infos: list[AssetSummary]) -> None:
        """The versions every selected asset has (FileSpin's conversions), after Original."""
        common = set(infos[0].renditions) if infos else set()
        for info in infos[1:]:
            common &= set(info.renditions)
        combo = self.panel.rendition_combo
        combo.clear()
        combo.addItem(self.tr("Original"), "")
        for key in sorted(common):
            combo.addItem(key.replace("_", " ").capitalize(), key)
        combo.setEnabled(bool(common))

    # -- actions ---------------------------------------------------------------------------------------------------
    def download(self) -> None:
        ids = self._ids()
        if ids:
            self.panel.download_requested.emit(ids, "", self.rendition)
            self.panel.status_label.setText(self.tr("Queued %n download(s).", "", len(ids)))

    def download_chosen(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self.panel, self.tr("Download to"), str(self.panel.session.settings.effective_download_dir())
        )
        if folder:
            self.download_to(folder)

    def download_to(self, folder: str) -> None:
        ids = self._ids()
        if ids:
            self.panel.download_requested.emit(ids, folder, self.rendition)
            self.panel.status_label.setText(fill(self.tr("Queued %n download(s) to %1.", "", len(ids)), folder))

    def copy_ids(self) -> None:
        ids = [info.asset_id for info in self.infos()]
        if ids:
            QApplication.clipboard().setText("\n".join(ids))
            self.panel.status_label.setText(self.tr("Asset ID copied."))

    def copy_link(self) -> None:
        infos = self.infos()
        if not infos:
            return
        asset_id = infos[0].asset_id
        session, status = self.panel.session, self.panel.status_label
        status.setText(self.tr("Getting a signed link…"))

        def copied(url: str) -> None:
            QApplication.clipboard().setText(url)
            status.setText(self.tr("Signed link copied (valid for a limited time)."))

        Background(self, lambda: session.provider().signed_link(asset_id)).success(copied).failure(
            self.panel.failed
        ).run()
