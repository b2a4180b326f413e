"""Provider-specific profile options: Xvid's "Advanced link options" and memories.ai's path and upload method.

Plain form widgets over the core's dataclasses; validation is the core's (XvidLinkOptions.validate), and its
message is shown as it is.
"""

from __future__ import annotations

from PySide6.QtCore import QDateTime, QTimeZone
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateTimeEdit, QFormLayout, QGroupBox, QLineEdit, QSpinBox,
                               QStackedWidget, QWidget)

from ..core.providers.xvid_links import XvidLinkOptions

MEMORIES_DEFAULT_DOWNLOAD = "/{asset_id}/download"


class XvidLinkOptionsBox(QGroupBox):
    def __init__(self, parent=None):
        super().__init__("Advanced link options", parent)
        self.setCheckable(True)
        self.setChecked(False)
        self.setAccessibleName("Advanced link options")
        self.object_key = QLineEdit(placeholderText="instead of a file ID: object key…")
        self.pipeline_id = QLineEdit(placeholderText="…with its pipeline ID")
        self.set_expiry = QCheckBox("Links expire at (UTC)")
        self.expiry = QDateTimeEdit(QDateTime.currentDateTimeUtc().addSecs(3600))
        self.expiry.setTimeZone(QTimeZone.utc())
        self.expiry.setDisplayFormat("yyyy-MM-dd HH:mm:ss 'UTC'")
        self.expiry.setCalendarPopup(True)
        self.redirect = QCheckBox("Redirect (302) straight to the file")
        self.format = QComboBox()
        self.format.addItems(["json", "xml"])
        self.human = QCheckBox("Human-readable answers")
        self.streaming = QCheckBox("Streaming link (opens in a browser)")
        self.ip = QLineEdit(placeholderText="e.g. 192.0.2.10 (sent as a 32-bit integer)")
        self.autograph_tag = QLineEdit(placeholderText="only for files marked autograph")
        self.anti_fraud = QCheckBox("Anti-fraud protection")
        self.limit_parallel = QCheckBox("Limit parallel downloads to")
        self.max_parallel = QSpinBox(minimum=1, maximum=64, value=4)
        form = QFormLayout(self)
        form.addRow("Object key", self.object_key)
        form.addRow("Pipeline ID", self.pipeline_id)
        form.addRow(self.set_expiry, self.expiry)
        form.addRow("Answer format", self.format)
        form.addRow("Client IP", self.ip)
        form.addRow("AutoGraph tag", self.autograph_tag)
        form.addRow(self.limit_parallel, self.max_parallel)
        for box in (self.redirect, self.human, self.streaming, self.anti_fraud):
            form.addRow("", box)
        for widget in (self.object_key, self.pipeline_id, self.expiry, self.format, self.ip, self.autograph_tag,
                       self.max_parallel):
            widget.setAccessibleName(form.labelForField(widget).text() if form.labelForField(widget) else "")

    def load(self, options: XvidLinkOptions) -> None:
        self.setChecked(options != XvidLinkOptions())
        self.object_key.setText(options.object_key or "")
        self.pipeline_id.setText(options.pipeline_id or "")
        self.set_expiry.setChecked(options.expiry_time is not None)
        if options.expiry_time is not None:
            self.expiry.setDateTime(QDateTime.fromSecsSinceEpoch(options.expiry_time, QTimeZone.utc()))
        self.redirect.setChecked(options.redirect)
        self.format.setCurrentText(options.format)
        self.human.setChecked(options.human)
        self.streaming.setChecked(options.streaming)
        self.ip.setText(options.ip or "")
        self.autograph_tag.setText(options.autograph_tag or "")
        self.anti_fraud.setChecked(options.anti_fraud)
        self.limit_parallel.setChecked(options.max_parallel_downloads is not None)
        self.max_parallel.setValue(options.max_parallel_downloads or 4)

    def options(self) -> XvidLinkOptions:
        """What the form says; raises ConfigError (with the core's words) when it does not add up."""
        if not self.isChecked():
            return XvidLinkOptions()
        options = XvidLinkOptions(
            object_key=self.object_key.text().strip() or None, pipeline_id=self.pipeline_id.text().strip() or None,
            expiry_time=self.expiry.dateTime().toSecsSinceEpoch() if self.set_expiry.isChecked() else None,
            redirect=self.redirect.isChecked(), format=self.format.currentText(), human=self.human.isChecked(),
            streaming=self.streaming.isChecked(), ip=self.ip.text().strip() or None,
            autograph_tag=self.autograph_tag.text().strip() or None, anti_fraud=self.anti_fraud.isChecked(),
            max_parallel_downloads=self.max_parallel.value() if self.limit_parallel.isChecked() else None)
        options.validate()
        return options


class MemoriesOptionsBox(QGroupBox):
    def __init__(self, parent=None):
        super().__init__("memories.ai options", parent)
        self.download_path = QLineEdit(placeholderText=MEMORIES_DEFAULT_DOWNLOAD)
        self.download_path.setAccessibleName("Download path template")
        self.upload_method = QComboBox()
        self.upload_method.setAccessibleName("Signed upload method")
        self.upload_method.addItem("POST form with a file field (vendor sample)", "POST")
        self.upload_method.addItem("PUT raw body", "PUT")
        form = QFormLayout(self)
        form.addRow("Download path", self.download_path)
        form.addRow("Signed upload", self.upload_method)

    def load(self, options: dict) -> None:
        self.download_path.setText((options.get("paths") or {}).get("download", ""))
        self.upload_method.setCurrentIndex(max(self.upload_method.findData(options.get("upload_method", "POST")), 0))

    def apply(self, options: dict) -> None:
        paths = dict(options.get("paths") or {})
        template = self.download_path.text().strip()
        if template:
            paths["download"] = template
        else:
            paths.pop("download", None)
        options["paths"] = paths
        options["upload_method"] = self.upload_method.currentData()


class ProviderOptions(QStackedWidget):
    """Shows the options box of the chosen provider kind (nothing for FileSpin)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.xvid = XvidLinkOptionsBox()
        self.memories = MemoriesOptionsBox()
        self._pages = {"xvid": self.xvid, "memories": self.memories}
        self.addWidget(QWidget())
        for page in self._pages.values():
            self.addWidget(page)

    def show_kind(self, kind: str) -> None:
        self.setCurrentWidget(self._pages.get(kind, self.widget(0)))

    def load(self, kind: str, options: dict) -> None:
        self.show_kind(kind)
        self.xvid.load(XvidLinkOptions.from_dict(options.get("link_options")))
        self.memories.load(options)

    def apply(self, kind: str, options: dict) -> dict:
        """Profile options with this form's values applied (ConfigError when the Xvid options are invalid)."""
        options = dict(options)
        if kind == "xvid":
            options["link_options"] = self.xvid.options().as_dict()
        elif kind == "memories":
            self.memories.apply(options)
        return options
