"""The drop target: files and folders become uploads; text holding asset IDs becomes downloads. Assets dragged out
of Browse are refused here (their files are made only when a drop reads them: asset_drag.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

from ..core.asset_ids import find_asset_ids
from .asset_drag import ASSET_IDS


def paths_and_ids(mime) -> tuple[list[Path], list[str]]:
    if mime.hasFormat(ASSET_IDS):  # assets dragged out of Browse: reading their files would download them
        return [], []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()] if mime.hasUrls() else []
    ids = [] if paths or not mime.hasText() else find_asset_ids(mime.text())
    return paths, ids


class DropZone(QFrame):
    files_dropped = Signal(list)  # [Path]
    ids_dropped = Signal(list)  # [str]

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setObjectName("dropZone")
        self.setAccessibleName(self.tr("Drop zone"))
        self.setAccessibleDescription(
            self.tr("Drop files or folders here to upload them, or text with asset IDs to download them")
        )
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumHeight(72)
        label = QLabel(self.tr("Drop files or folders here to upload · drop or paste asset IDs to download"))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        self._set_highlight(False)

    def _set_highlight(self, on: bool) -> None:
        self.setStyleSheet(
            "#dropZone { border: 2px dashed palette(highlight); border-radius: 8px; "
            f"background: {'palette(alternate-base)' if on else 'transparent'}; }}"
        )

    def dragEnterEvent(self, event) -> None:
        paths, ids = paths_and_ids(event.mimeData())
        if paths or ids:
            event.acceptProposedAction()
            self._set_highlight(True)
        else:
            event.ignore()

    def dragLeaveEvent(self, event) -> None:
        self._set_highlight(False)

    def dropEvent(self, event) -> None:
        self._set_highlight(False)
        paths, ids = paths_and_ids(event.mimeData())
        if paths:
            self.files_dropped.emit(paths)
        elif ids:
            self.ids_dropped.emit(ids)
        else:
            event.ignore()
            return
        event.acceptProposedAction()
