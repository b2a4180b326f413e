"""The main window: drop zone, the three queues, the browse panel, totals in the status bar.

It composes widgets and forwards intent to the controller; it builds no HTTP requests and moves no bytes.
"""

from __future__ import annotations

import functools
import gc
import platform
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, QTimer, qVersion
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (QComboBox, QFileDialog, QLabel, QMainWindow, QMessageBox,
                               QSystemTrayIcon, QTabWidget, QToolBar, QVBoxLayout, QWidget)

from .. import __version__
from ..core.asset_ids import find_asset_ids
from ..core.formatting import human_bytes, human_rate
from ..core.queue.items import Status
from .browse_panel import BrowsePanel
from .conflict_asker import ConflictAsker
from .controller import TransferController
from .drop_zone import DropZone, paths_and_ids
from .icons import app_icon, icon
from .profiles_dialog import ProfilesDialog
from .settings_dialog import SettingsDialog
from .transfers_view import TransfersView


@functools.cache
def _freeze_startup_heap() -> None:
    """What exists once the first window is built (modules, classes, Qt wrappers) lives as long as the app: keep
    it out of the collector's sight. A 10,000-file drop triggers a full collection, which scanned all of it while
    holding the GIL (the window stood still 25-50 ms); now it scans only the new objects."""
    gc.freeze()


class MainWindow(QMainWindow):
    def __init__(self, session, bridge, parent=None):
        super().__init__(parent)
        self.session = session
        self.controller = TransferController(session, bridge, self)
        session.ask_conflict = ConflictAsker(self, session.queue)
        self._auth_warned = False
        self.notice: QMessageBox | None = None  # the last notice shown (tests read it)
        self.quitting = False
        self.setWindowTitle("Assetdrop")
        self.setWindowIcon(app_icon())
        self.resize(1100, 680)
        self.setAcceptDrops(True)

        self.drop_zone = DropZone()
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Queues")
        self.views = {}
        for key, title in (("uploads", "Uploads"), ("downloads", "Downloads"), ("finished", "Finished / Failed")):
            view = TransfersView(self.controller.model.tabs[key], title)
            view.action_requested.connect(self._row_action)
            self.views[key] = view
            self.tabs.addTab(view, title)
        self.browse = BrowsePanel(session)
        self.browse.download_requested.connect(self._queue_downloads)
        self.tabs.addTab(self.browse, icon("search"), "Browse")

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.drop_zone)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.totals_label = QLabel("Idle")
        self.totals_label.setAccessibleName("Total progress")
        self.statusBar().addPermanentWidget(self.totals_label)

        self._build_actions()
        self.tray = QSystemTrayIcon(app_icon(), self)
        self.tray.setToolTip("Assetdrop")
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray.show()

        self.drop_zone.files_dropped.connect(self.add_paths)
        self.drop_zone.ids_dropped.connect(self._queue_downloads)
        self.controller.batch_finished.connect(self._batch_finished)
        self.controller.expansion_problems.connect(self._expansion_problems)
        self.controller.totals_changed.connect(self._schedule_totals)
        self.controller.item_failed.connect(self._item_failed)
        self._totals_timer = QTimer(self, singleShot=True, interval=200, timeout=self._update_totals)
        _freeze_startup_heap()

    # -- actions, menus, shortcuts --------------------------------------------------------------------------------
    def _action(self, text, slot, shortcut=None, icon_name=None, tip=None) -> QAction:
        action = QAction(text, self)
        if icon_name:
            action.setIcon(icon(icon_name))
        if shortcut:
            action.setShortcut(shortcut)
        action.setToolTip(tip or text.replace("&", "").replace("…", ""))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        add_files = self._action("Add &files…", self.choose_files, QKeySequence.Open, "add-file")
        add_folder = self._action("Add f&older…", self.choose_folder, "Ctrl+Shift+O", "add-folder")
        pause_all = self._action("&Pause all", lambda: self._all("pause"), None, "pause")
        resume_all = self._action("&Resume all", lambda: self._all("resume"), None, "resume")
        cancel_all = self._action("&Cancel all", lambda: self._all("cancel"), None, "cancel")
        retry_failed = self._action("Re&try failed", lambda: self._all("retry"), None, "retry")
        clear = self._action("C&lear finished", lambda: self._all("remove"), None, "clear")
        profiles = self._action("Pro&files…", self.edit_profiles, None, "profiles")
        prefs = self._action("&Settings…", self.edit_settings, QKeySequence.Preferences, "settings")
        find = self._action("&Find assets", self.focus_search, QKeySequence.Find, "search")
        paste = self._action("&Paste asset IDs", self.paste_ids, QKeySequence.Paste)
        quit_action = self._action("&Quit", self.quit, QKeySequence.Quit)
        about = self._action("&About Assetdrop", self.about)

        self.profile_combo = QComboBox()
        self.profile_combo.setAccessibleName("Current profile")
        self.profile_combo.setToolTip("Profile used for new transfers and browsing")
        self.refresh_profiles()
        self.profile_combo.currentTextChanged.connect(self._switch_profile)

        toolbar = QToolBar("Main")
        toolbar.setObjectName("mainToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        for action in (add_files, add_folder, None, pause_all, resume_all, cancel_all, retry_failed, clear, None):
            toolbar.addSeparator() if action is None else toolbar.addAction(action)
        toolbar.addWidget(self.profile_combo)
        toolbar.addAction(profiles)
        self.addToolBar(toolbar)

        menus = self.menuBar()
        file_menu = menus.addMenu("&File")
        for action in (add_files, add_folder, paste, None, quit_action):
            file_menu.addSeparator() if action is None else file_menu.addAction(action)
        transfers = menus.addMenu("&Transfers")
        for action in (pause_all, resume_all, cancel_all, retry_failed, clear):
            transfers.addAction(action)
        tools = menus.addMenu("T&ools")
        for action in (find, profiles, prefs):
            tools.addAction(action)
        help_menu = menus.addMenu("&Help")
        help_menu.addAction(about)

        def copy_diagnostics() -> None:  # a redacted report (versions, profile hosts, last log lines), no secret
            from ..core.diagnostics import report

            QGuiApplication.clipboard().setText(report(self.session.settings, extra={
                "Qt": f"{qVersion()} (PySide6 {pyside_version})"}))
        self.copy_diagnostics_action = help_menu.addAction("Copy &diagnostics", copy_diagnostics)

    def refresh_profiles(self) -> None:
        self.profile_combo.blockSignals(True)
        self.profile_combo.clear()
        for profile in self.session.settings.profiles:
            self.profile_combo.addItem(profile.name)
        current = self.session.settings.current_profile
        if current:
            self.profile_combo.setCurrentText(current)
        self.profile_combo.blockSignals(False)

    def _switch_profile(self, name: str) -> None:
        if name:
            self.session.settings.current_profile = name
            self.session.save_settings()

    # -- adding work ----------------------------------------------------------------------------------------------
    def add_paths(self, paths) -> None:
        self.controller.add_paths([Path(p) for p in paths])
        self.tabs.setCurrentWidget(self.views["uploads"])

    def _queue_downloads(self, ids) -> None:
        self.controller.add_asset_ids(list(ids))
        self.tabs.setCurrentWidget(self.views["downloads"])

    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, "Add files to upload")
        if files:
            self.add_paths(files)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Add a folder to upload")
        if folder:
            self.add_paths([folder])

    def paste_ids(self) -> None:
        mime = QGuiApplication.clipboard().mimeData()
        paths, ids = paths_and_ids(mime)
        if paths:
            self.add_paths(paths)
        elif ids or find_asset_ids(mime.text() if mime.hasText() else ""):
            self._queue_downloads(ids)
        else:
            self.statusBar().showMessage("The clipboard holds no files and no asset IDs.", 5000)

    def focus_search(self) -> None:
        self.tabs.setCurrentWidget(self.browse)
        self.browse.search_edit.setFocus()
        self.browse.search_edit.selectAll()

    # window-wide drops behave like the drop zone
    def dragEnterEvent(self, event) -> None:
        self.drop_zone.dragEnterEvent(event)

    def dropEvent(self, event) -> None:
        self.drop_zone.dropEvent(event)

    # -- row and queue actions -----------------------------------------------------------------------------------
    def _row_action(self, action: str, ids: list) -> None:
        getattr(self.controller, action)(ids)

    def _all(self, action: str) -> None:
        predicates = {
            "pause": lambda i: i.status is Status.QUEUED or i.is_active,
            "resume": lambda i: i.status is Status.PAUSED,
            "cancel": lambda i: not i.is_finished,
            "retry": lambda i: i.status is Status.FAILED,
            "remove": lambda i: i.is_finished,
        }
        ids = [i.id for i in self.controller.model.items() if predicates[action](i)]
        getattr(self.controller, action)(ids)

    # -- feedback ------------------------------------------------------------------------------------------------
    def _schedule_totals(self) -> None:
        if not self._totals_timer.isActive():
            self._totals_timer.start()

    def _update_totals(self) -> None:
        done, total, rate, active = self.controller.totals()
        if not active and not self.controller.busy:
            self.totals_label.setText("Idle")
            return
        size = f"{human_bytes(done)} of {human_bytes(total)}" if total else human_bytes(done)
        self.totals_label.setText(f"{active} active · {size} · {human_rate(rate) or '—'}")

    def _item_failed(self, item) -> None:
        """A key problem needs the user's action: say so once per batch, in a dialog."""
        if self._auth_warned or item.error_title not in ("API key rejected", "No API key", "No keyring available"):
            return
        self._auth_warned = True
        self.notice = self._open_notice(QMessageBox.Warning, item.error_title,
                                        f"{item.error_message}\n\nOpen Profiles to check or replace the key, "
                                        f"then use Retry failed.")

    def _batch_finished(self, done: int, failed: int) -> None:
        self._auth_warned = False
        if failed:
            title, text = "Transfers finished with problems", f"{done} done, {failed} failed."
            kind = QSystemTrayIcon.Warning
        else:
            title, text = "Transfers finished", f"{done} file{'s' if done != 1 else ''} done."
            kind = QSystemTrayIcon.Information
        self.statusBar().showMessage(f"{title}: {text}", 10000)
        if self.tray.isVisible():
            self.tray.showMessage(title, text, kind, 5000)
        self._update_totals()

    def _expansion_problems(self, problems) -> None:
        lines = "\n".join(f"{path}: {reason}" for path, reason in problems[:20])
        more = f"\n…and {len(problems) - 20} more" if len(problems) > 20 else ""
        self.notice = self._open_notice(QMessageBox.Information, "Some items were skipped",
                                        f"These could not be added:\n{lines}{more}")

    def _open_notice(self, kind, title: str, text: str) -> QMessageBox:
        """A window-modal message that does not block the event loop (transfers keep updating behind it)."""
        box = QMessageBox(kind, title, text, QMessageBox.Ok, self)
        box.setAttribute(Qt.WA_DeleteOnClose)
        box.open()
        return box

    # -- dialogs -------------------------------------------------------------------------------------------------
    def edit_profiles(self) -> None:
        ProfilesDialog(self.session, self).exec()
        self.refresh_profiles()

    def edit_settings(self) -> None:
        dialog = SettingsDialog(self.session, self)
        if dialog.exec():
            dialog.apply()
            self.controller.set_concurrency(self.session.settings.concurrency)

    def about(self) -> None:
        QMessageBox.about(self, "About Assetdrop",
                          f"<b>Assetdrop {__version__}</b><br>Uploads and downloads for signed-link asset APIs."
                          f"<br><br>Qt {qVersion()} · PySide6 {pyside_version} · Python {platform.python_version()}")

    # -- closing ---------------------------------------------------------------------------------------------------
    def quit(self) -> None:
        self.close()

    def closeEvent(self, event) -> None:
        if self.controller.busy and not self.quitting:
            later = ("continue the next time Assetdrop starts" if self.session.settings.resume_on_start
                     else "wait, paused, for the next time Assetdrop starts")
            answer = QMessageBox.question(self, "Transfers in progress",
                                          f"Transfers are still running or queued. Quit anyway? They {later}, "
                                          f"from where they stopped.")
            if answer != QMessageBox.Yes:
                event.ignore()
                return
        self.controller.shutdown()
        self.tray.hide()
        event.accept()
