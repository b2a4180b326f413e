"""Settings: concurrency, download folder, what to do when a name is taken, hidden files, limits, checksums, and
the watch folders (watch_folders_dialog.py)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from ..core.junk import DESCRIPTION
from .accessible import describe_buttons
from .translations import LANGUAGES, fill, language_label
from .watch_folders_dialog import WatchFoldersDialog

CONFLICT_CHOICES = [
    ("rename", QT_TRANSLATE_NOOP("SettingsDialog", "Keep both (name (1).ext)")),
    ("overwrite", QT_TRANSLATE_NOOP("SettingsDialog", "Overwrite")),
    ("skip", QT_TRANSLATE_NOOP("SettingsDialog", "Skip")),
    ("ask", QT_TRANSLATE_NOOP("SettingsDialog", "Ask each time")),
]


class SettingsDialog(QDialog):
    def __init__(self, session, parent=None, on_watch_folders=None):
        super().__init__(parent)
        self.session = session
        self._on_watch_folders = on_watch_folders  # told when the watch folders were saved
        conf = session.settings
        self.setWindowTitle(self.tr("Settings"))
        self.concurrency = QSpinBox(minimum=1, maximum=16, value=conf.concurrency)
        self.concurrency.setAccessibleName(self.tr("Transfers at once"))
        self.concurrency.setAccessibleDescription(self.tr("How many files are uploaded or downloaded at the same time"))
        self.folder = QLineEdit(str(conf.effective_download_dir()))
        self.folder.setAccessibleName(self.tr("Download folder"))
        self.folder.setAccessibleDescription(self.tr("Where downloaded files are saved"))
        browse = QPushButton(self.tr("Choose…"))
        browse.setAccessibleName(self.tr("Choose the download folder"))
        browse.setAccessibleDescription(self.tr("Pick the download folder in a folder dialog"))
        browse.clicked.connect(self._choose)
        self.conflict = QComboBox()
        self.conflict.setAccessibleName(self.tr("When a file already exists"))
        self.conflict.setAccessibleDescription(
            self.tr("What a download does when its name is taken in the download folder")
        )
        for value, label in CONFLICT_CHOICES:
            self.conflict.addItem(self.tr(str(label)), value)
        self.conflict.setCurrentIndex(max(self.conflict.findData(conf.conflict_policy), 0))
        self.hidden = QCheckBox(self.tr("Upload hidden files found in dropped folders"))
        self.hidden.setAccessibleDescription(self.tr("Files and folders whose names start with a dot are uploaded too"))
        self.hidden.setChecked(conf.include_hidden)
        self.junk = QCheckBox(self.tr("&Skip junk files in dropped folders"))
        self.junk.setToolTip(fill(self.tr("Leaves out %1. The command line follows the same setting."), DESCRIPTION))
        self.junk.setChecked(conf.skip_junk)
        self.upload_limit = self._limit_box(conf.upload_limit_kib, self.tr("Upload limit"))
        self.download_limit = self._limit_box(conf.download_limit_kib, self.tr("Download limit"))
        self.attempts = QSpinBox(minimum=1, maximum=20, value=conf.retry_attempts)
        self.attempts.setAccessibleName(self.tr("Attempts per transfer"))
        self.attempts.setAccessibleDescription(
            self.tr("How often a transfer is tried before it fails, the first try included")
        )
        self.resume = QCheckBox(
            self.tr("Resume unfinished transfers when Assetdrop starts (otherwise they wait, paused)")
        )
        self.resume.setAccessibleDescription(self.tr("What the last session left unfinished continues by itself"))
        self.resume.setChecked(conf.resume_on_start)
        self.verify = QCheckBox(self.tr("Verify each download against the server's MD5 checksum"))
        self.verify.setToolTip(
            self.tr(
                "Catches corrupted downloads. It costs about one CPU core at 750 MB/s; turn it off "
                "only on links faster than that."
            )
        )
        self.verify.setChecked(conf.verify_downloads)
        self.close_to_tray = QCheckBox(self.tr("&Keep running in the tray when the window is closed"))
        self.close_to_tray.setToolTip(
            self.tr("Transfers go on; the tray icon shows the window again. File > Quit quits.")
        )
        self.close_to_tray.setChecked(conf.close_to_tray)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("&Transfers at once"), self.concurrency)
        folder_label = QLabel(
            self.tr("&Download folder")
        )  # a row holding a layout gets no buddy: without one the & shows
        folder_label.setBuddy(self.folder)
        form.addRow(folder_label, row)
        form.addRow(self.tr("When a file &exists"), self.conflict)
        form.addRow("", self.hidden)
        form.addRow("", self.junk)
        form.addRow(self.tr("&Upload limit"), self.upload_limit)
        form.addRow(self.tr("Do&wnload limit"), self.download_limit)
        form.addRow(self.tr("&Attempts per transfer"), self.attempts)
        form.addRow("", self.resume)
        form.addRow("", self.verify)
        form.addRow("", self.close_to_tray)
        watch = QPushButton(self.tr("Watch &folders…"))
        watch.setAccessibleName(self.tr("Watch folders"))
        watch.setToolTip(self.tr("Folders whose new files are uploaded by themselves"))
        watch.clicked.connect(self.edit_watch_folders)
        form.addRow(self.tr("Watch folders"), watch)
        self.language = QComboBox()
        self.language.setAccessibleName(self.tr("Language"))
        self.language.setToolTip(self.tr("The language of the window; it changes when Assetdrop next starts"))
        for code, _name in LANGUAGES:
            self.language.addItem(language_label(code), code)
        self.language.setCurrentIndex(max(self.language.findData(conf.language), 0))
        form.addRow(self.tr("&Language"), self.language)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        describe_buttons(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    @staticmethod
    def _limit_box(value: int, name: str) -> QSpinBox:
        box = QSpinBox(minimum=0, maximum=10_000_000, value=value)
        box.setSuffix(QCoreApplication.translate("SettingsDialog", " KiB/s"))
        box.setSpecialValueText(QCoreApplication.translate("SettingsDialog", "Unlimited"))
        box.setSingleStep(256)
        box.setAccessibleName(name)
        box.setToolTip(QCoreApplication.translate("SettingsDialog", "For all transfers together; 0 is unlimited"))
        return box

    def edit_watch_folders(self) -> WatchFoldersDialog:
        dialog = WatchFoldersDialog(self.session, self)
        dialog.accepted.connect(lambda: self._on_watch_folders and self._on_watch_folders())
        dialog.open()
        return dialog

    def _choose(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Download folder"), self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def apply(self) -> None:
        conf = self.session.settings
        conf.concurrency = self.concurrency.value()
        conf.download_dir = self.folder.text().strip()
        conf.conflict_policy = self.conflict.currentData()
        conf.include_hidden = self.hidden.isChecked()
        conf.skip_junk = self.junk.isChecked()
        conf.upload_limit_kib = self.upload_limit.value()
        conf.download_limit_kib = self.download_limit.value()
        conf.retry_attempts = self.attempts.value()
        conf.resume_on_start = self.resume.isChecked()
        conf.verify_downloads = self.verify.isChecked()
        conf.language = self.language.currentData() or ""
        conf.close_to_tray = self.close_to_tray.isChecked()
        self.session.save_settings()  # applied at once: running transfers feel the new limits immediately
