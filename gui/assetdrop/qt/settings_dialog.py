"""Settings: concurrency, download folder, what to do when a name is taken, hidden files."""

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
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        form = QFormLayout()
        form.addRow("&Transfers at once", self.concurrency)
        form.addRow("&Download folder", row)
        form.addRow("When a file &exists", self.conflict)
        form.addRow("", self.hidden)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

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
        self.session.save_settings()
