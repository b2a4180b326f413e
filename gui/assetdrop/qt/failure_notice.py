"""Failures a person cannot miss: the Failed tab's title counts its rows, and the status bar says "N failed"
until that tab has been looked at (a click on it opens the tab).

Counts come from the window's rows (`QueueRows`), so a failed row that is retried stops counting at once."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject
from PySide6.QtWidgets import QPushButton

from ..core.queue.items import Status
from .locale_format import number as locale_number
from .translations import fill

FAILED_TITLE = QT_TRANSLATE_NOOP("MainWindow", "Failed")  # the Failed tab's title


class FailureNotice(QObject):
    def __init__(self, window, rows, parent=None):
        super().__init__(parent or window)
        self._window, self._rows = window, rows
        self._unseen: set[int] = set()
        self.button = QPushButton("")
        self.button.setFlat(True)
        self.button.setAccessibleName(self.tr("Failed transfers not looked at"))
        self.button.setToolTip(self.tr("Show the Failed tab"))
        self.button.setStyleSheet("QPushButton { color: #c62828; font-weight: bold; padding: 0 6px; }")
        self.button.clicked.connect(self.show_failed)
        self.button.hide()
        window.statusBar().addPermanentWidget(self.button)
        model = rows.tabs["failed"]
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset):
            signal.connect(self.refresh)
        window.tabs.currentChanged.connect(lambda _index: self._maybe_seen())

    @property
    def unseen(self) -> int:
        return len(self._unseen)

    def failed(self, item) -> None:
        """An item has just failed (the controller's item_failed)."""
        self._unseen.add(item.id)
        self._maybe_seen()
        self.refresh()

    def show_failed(self) -> None:
        self._window.tabs.setCurrentWidget(self._window.views["failed"])

    def _maybe_seen(self) -> None:
        if self._window.tabs.currentWidget() is self._window.views["failed"] and self._window.isVisible():
            self._unseen.clear()
            self.refresh()

    def refresh(self, *_args) -> None:
        self._unseen = {i for i in self._unseen if self._rows.status_of(i) is Status.FAILED}
        tabs, view = self._window.tabs, self._window.views["failed"]
        count = self._rows.tabs["failed"].rowCount()
        title = QCoreApplication.translate("MainWindow", str(FAILED_TITLE))
        tabs.setTabText(tabs.indexOf(view), fill(self.tr("%1 (%2)"), title, locale_number(count)) if count else title)
        if self._unseen:
            self.button.setText(self.tr("%n failed", "", len(self._unseen)))
            self.button.show()
        else:
            self.button.hide()
