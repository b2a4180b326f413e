"""Settings: concurrency, download folder, what to do when a name is taken, hidden files, limits, checksums."""

from __future__ import annotations

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QHBoxLayout, QLineEdit, QPushButton, QSpinBox, QVBoxLayout)

CONFLICT_CHOICES = [("rename", "Keep both (name (1).ext)"), ("overwrite", "Overwrite"), ("skip", "Skip"),
                    ("ask", "Ask each time")]


class SettingsDialog(QDialog):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        conf = session.settings
        self.setWindowTitle("Settings")
        self.concurrency = QSpinBox(minimum=1, maximum=16, value=conf.concurrency)
        self.concurrency.setAccessibleName("Transfers at once")
        self.folder = QLineEdit(str(conf.effective_download_dir()))
        self.folder.setAccessibleName("Download folder")
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._choose)
        self.conflict = QComboBox()
        self.conflict.setAccessibleName("When a file already exists")
        for value, label in CONFLICT_CHOICES:
            self.conflict.addItem(label, value)
        self.conflict.setCurrentIndex(max(self.conflict.findData(conf.conflict_policy), 0))
        self.hidden = QCheckBox("Upload hidden files found in dropped folders")
        self.hidden.setChecked(conf.include_hidden)
        self.upload_limit = self._limit_box(conf.upload_limit_kib, "Upload limit")
        self.download_limit = self._limit_box(conf.download_limit_kib, "Download limit")
        self.attempts = QSpinBox(minimum=1, maximum=20, value=conf.retry_attempts)
        self.attempts.setAccessibleName("Attempts per transfer")
        self.resume = QCheckBox("Resume unfinished transfers when Assetdrop starts (otherwise they wait, paused)")
        self.resume.setChecked(conf.resume_on_start)
        self.verify = QCheckBox("Verify each download against the server's MD5 checksum")
        self.verify.setToolTip("Catches corrupted downloads. It costs about one CPU core at 750 MB/s; turn it off "
                               "only on links faster than that.")
        self.verify.setChecked(conf.verify_downloads)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        form = QFormLayout()
        form.addRow("&Transfers at once", self.concurrency)
        form.addRow("&Download folder", row)
        form.addRow("When a file &exists", self.conflict)
        form.addRow("", self.hidden)
        form.addRow("&Upload limit", self.upload_limit)
        form.addRow("Do&wnload limit", self.download_limit)
        form.addRow("&Attempts per transfer", self.attempts)
        form.addRow("", self.resume)
        form.addRow("", self.verify)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    @staticmethod
    def _limit_box(value: int, name: str) -> QSpinBox:
        box = QSpinBox(minimum=0, maximum=10_000_000, value=value, suffix=" KiB/s")
        box.setSpecialValueText("Unlimited")
        box.setSingleStep(256)
        box.setAccessibleName(name)
        box.setToolTip("For all transfers together; 0 is unlimited")
        return box

    def _choose(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Download folder", self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def apply(self) -> None:
        conf = self.session.settings
        conf.concurrency = self.concurrency.value()
        conf.download_dir = self.folder.text().strip()
        conf.conflict_policy = self.conflict.currentData()
        conf.include_hidden = self.hidden.isChecked()
        conf.upload_limit_kib = self.upload_limit.value()
        conf.download_limit_kib = self.download_limit.value()
        conf.retry_attempts = self.attempts.value()
        conf.resume_on_start = self.resume.isChecked()
        conf.verify_downloads = self.verify.isChecked()
        self.session.save_settings()  # applied at once: running transfers feel the new limits immediately
