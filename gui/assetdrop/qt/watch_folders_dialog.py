"""Settings → Watch folders: one row per folder (folder, profile, include and exclude patterns, what happens after
upload). Thin: the entries are core/watch/config.py's WatchFolder, checked there, saved in the settings, and run
by core/watch/service.py."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..core.errors import ConfigError
from ..core.watch.actions import AfterUpload
from ..core.watch.config import WatchFolder, set_watch_folders, watch_folders
from .accessible import describe_buttons
from .core_text import localize

COLUMNS = [
    QT_TRANSLATE_NOOP("WatchFoldersDialog", "Folder"),
    QT_TRANSLATE_NOOP("WatchFoldersDialog", "Profile"),
    QT_TRANSLATE_NOOP("WatchFoldersDialog", "Include"),
    QT_TRANSLATE_NOOP("WatchFoldersDialog", "Exclude"),
    QT_TRANSLATE_NOOP("WatchFoldersDialog", "After upload"),
    QT_TRANSLATE_NOOP("WatchFoldersDialog", "Move to"),
]
FOLDER, PROFILE, INCLUDE, EXCLUDE, AFTER, MOVE_TO = range(len(COLUMNS))
AFTER_CHOICES = [
    (AfterUpload.LEAVE, QT_TRANSLATE_NOOP("WatchFoldersDialog", "Leave it")),
    (AfterUpload.MOVE, QT_TRANSLATE_NOOP("WatchFoldersDialog", "Move it to")),
    (AfterUpload.DELETE, QT_TRANSLATE_NOOP("WatchFoldersDialog", "Delete it")),
]
CURRENT = QT_TRANSLATE_NOOP("WatchFoldersDialog", "(current profile)")
MAX_COLUMN = 340  # px: a longer folder path is elided in the middle (its tooltip and the cell editor show it all)


def _patterns(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in text.split(",") if p.strip())


class WatchFoldersDialog(QDialog):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.problem: QMessageBox | None = None  # the last problem shown (tests read it)
        self.setWindowTitle(self.tr("Watch folders"))
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(str(c)) for c in COLUMNS])
        self.table.setAccessibleName(self.tr("Watch folders"))
        self.table.setAccessibleDescription(
            self.tr("One folder a row: its profile, the file patterns, and what happens to a file after its upload")
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a long path keeps its start and its name
        self._fit_columns()
        add = QPushButton(self.tr("&Add folder…"))
        add.setAccessibleName(self.tr("Add folder"))
        add.setAccessibleDescription(self.tr("Choose a folder to watch"))
        add.clicked.connect(self._choose)
        remove = QPushButton(self.tr("&Remove"))
        remove.setAccessibleName(self.tr("Remove"))
        remove.setAccessibleDescription(self.tr("Stop watching the selected folders"))
        remove.clicked.connect(self._remove)
        hint = QLabel(
            self.tr(
                "Files that land in these folders are uploaded once complete, each once. Patterns are "
                "comma-separated globs such as *.jpg, raw/*. A file is moved or deleted only after its upload is "
                "registered."
            )
        )
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        describe_buttons(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(900, 360)
        for entry in watch_folders(session.settings):
            self.add_row(entry)

    def add_row(self, entry: WatchFolder) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in (
            (FOLDER, entry.folder),
            (INCLUDE, ", ".join(entry.include)),
            (EXCLUDE, ", ".join(entry.exclude)),
            (MOVE_TO, entry.move_to),
        ):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            self.table.setItem(row, column, item)
        profile = QComboBox()
        profile.setAccessibleName(self.tr("Profile"))
        profile.setAccessibleDescription(self.tr("The profile this folder's files are uploaded with"))
        profile.addItem(self.tr(str(CURRENT)), "")
        for p in self.session.settings.profiles:
            profile.addItem(p.name, p.name)
        profile.setCurrentIndex(max(profile.findData(entry.profile), 0))
        self.table.setCellWidget(row, PROFILE, profile)
        after = QComboBox()
        after.setAccessibleName(self.tr("After upload"))
        after.setAccessibleDescription(self.tr("What happens to a file once its upload is registered"))
        for value, label in AFTER_CHOICES:
            after.addItem(self.tr(str(label)), value.value)
        after.setCurrentIndex(max(after.findData(entry.after.value), 0))
        self.table.setCellWidget(row, AFTER, after)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Each column as wide as its title and its cells ask (a long folder path up to a limit; Move to takes the
        rest), in any language: a combo box cut to its column's header would hide "(current profile)"."""
        header = self.table.horizontalHeader()
        for column in range(len(COLUMNS) - 1):
            wanted = max(self.table.sizeHintForColumn(column), header.sectionSizeFromContents(column).width())
            for row in range(self.table.rowCount()):
                widget = self.table.cellWidget(row, column)
                wanted = max(wanted, widget.sizeHint().width() if widget is not None else 0)
            self.table.setColumnWidth(column, min(wanted, MAX_COLUMN))

    def _choose(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Folder to watch"))
        if chosen:
            self.add_row(WatchFolder(chosen))

    def _remove(self) -> None:
        for row in sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)

    def entries(self) -> list[WatchFolder]:
        def text(row: int, column: int) -> str:
            item = self.table.item(row, column)
            return item.text().strip() if item is not None else ""

        found = []
        for row in range(self.table.rowCount()):
            profile, after = self.table.cellWidget(row, PROFILE), self.table.cellWidget(row, AFTER)
            assert isinstance(profile, QComboBox) and isinstance(after, QComboBox)
            found.append(
                WatchFolder(
                    text(row, FOLDER),
                    profile.currentData() or "",
                    _patterns(text(row, INCLUDE)),
                    _patterns(text(row, EXCLUDE)),
                    AfterUpload(after.currentData()),
                    text(row, MOVE_TO),
                )
            )
        return found

    def accept(self) -> None:
        """Checked in core first; a problem is shown as its title and sentence and the dialog stays open."""
        entries = self.entries()
        try:
            for entry in entries:
                entry.check(self.session.settings)
        except ConfigError as exc:
            self.problem = QMessageBox(
                QMessageBox.Icon.Warning, localize(exc.title), localize(exc.message), parent=self
            )
            self.problem.open()
            return
        set_watch_folders(self.session.settings, entries)
        self.session.save_settings()
        super().accept()
