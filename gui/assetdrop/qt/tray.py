"""The tray icon: a menu (show/hide, pause all, resume all, quit), the queue's progress in its tooltip, and
the window closing to it when Settings.close_to_tray is on and the desktop has a tray (issue 19 section 10).

Without a system tray (no panel, or the offscreen platform) the icon stays hidden and closing the window quits
as usual: a window hidden with no tray to bring it back would be lost."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from .icons import app_icon, icon
from .locale_format import number, size
from .locale_format import rate as locale_rate
from .translations import fill


def tooltip(done: int, total: int, rate: float, active: int, failed: int = 0) -> str:
    """What hovering the icon says: idle, or how many run, how far along, how fast."""
    if not active:
        text = QCoreApplication.translate("Tray", "Assetdrop: idle")
    else:
        share = fill(QCoreApplication.translate("Tray", " (%1%)"), done * 100 // total) if total else ""
        amount = (
            fill(QCoreApplication.translate("Tray", "%1 of %2"), size(done), size(total)) + share
            if total
            else size(done)
        )
        text = fill(
            QCoreApplication.translate("Tray", "Assetdrop: %1 active · %2 · %3"),
            number(active),
            amount,
            locale_rate(rate) or "—",
        )
    return fill(QCoreApplication.translate("Tray", "%1 · %2 failed"), text, number(failed)) if failed else text


class Tray(QObject):
    def __init__(self, window):
        super().__init__(window)
        self._window = window
        self.icon = QSystemTrayIcon(app_icon(), window)
        self.icon.setToolTip(tooltip(0, 0, 0.0, 0))
        self.menu = QMenu(window)
        self.show_action = self.menu.addAction(self.tr("&Show / hide Assetdrop"), self.toggle_window)
        self.menu.addSeparator()
        self.menu.addAction(icon("pause"), self.tr("&Pause all"), lambda: window.all_rows("pause"))
        self.menu.addAction(icon("resume"), self.tr("&Resume all"), lambda: window.all_rows("resume"))
        self.menu.addSeparator()
        self.menu.addAction(self.tr("&Quit"), window.quit_for_good)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        if self.available():
            self.icon.show()

    @staticmethod
    def available() -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def _activated(self, reason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.toggle_window()

    def toggle_window(self) -> None:
        window = self._window
        if window.isVisible() and not window.isMinimized():
            window.hide()
        else:
            window.showNormal()
            window.raise_()
            window.activateWindow()

    def show_progress(self, done: int, total: int, rate: float, active: int, failed: int) -> None:
        self.icon.setToolTip(tooltip(done, total, rate, active, failed))

    def keeps_running(self) -> bool:
        """Closing the window hides it instead (close to tray), when that is set and a tray is there."""
        return bool(self._window.session.settings.close_to_tray) and self.available()
