"""The main window: drop zone, the three queues, the browse panel, totals in the status bar.

It composes widgets and forwards intent to the controller; it builds no HTTP requests and moves no bytes.
"""

from __future__ import annotations

import functools
import gc
import platform
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal, qVersion
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSystemTrayIcon,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..core import errors
from ..core.asset_ids import find_asset_ids
from ..core.providers.registry import spec_for
from ..core.providers.spec import Capability
from ..core.queue.items import Status
from ..core.watch.config import watch_folders
from ..core.watch.service import WatchService
from . import desktop_notify, upload_check, window_memory
from .background import Background
from .browse_panel import BrowsePanel
from .conflict_asker import ConflictAsker
from .controller import TransferController
from .core_text import localize
from .drop_zone import DropZone, paths_and_ids
from .failure_notice import FailureNotice
from .focus_frame import FocusFrame
from .icons import app_icon, icon
from .locale_format import number as locale_number
from .locale_format import rate as locale_rate
from .locale_format import size as locale_size
from .profiles_dialog import ProfilesDialog
from .settings_dialog import SettingsDialog
from .timers import make_timer
from .transfers_view import TransfersView
from .translations import fill
from .tray import Tray
from .window_actions import build_actions


@functools.cache
def _freeze_startup_heap() -> None:
    """What exists once the first window is built (modules, classes, Qt wrappers) lives as long as the app: keep
    it out of the collector's sight. A 10,000-file drop triggers a full collection, which scanned all of it while
    holding the GIL (the window stood still 25-50 ms); now it scans only the new objects."""
    gc.freeze()


TAB_TITLES = {
    "uploads": QT_TRANSLATE_NOOP("MainWindow", "Uploads"),
    "downloads": QT_TRANSLATE_NOOP("MainWindow", "Downloads"),
    "finished": QT_TRANSLATE_NOOP("MainWindow", "Finished"),
    "failed": QT_TRANSLATE_NOOP("MainWindow", "Failed"),
}


class MainWindow(QMainWindow):
    queue_taken_over = Signal(int)  # this window now owns the queue (count of transfers it took over)
    watch_said = Signal(
        object, object, bool
    )  # a watch folder's event (title, sentence, a problem?), from a core thread

    # set by window_actions.build_actions
    profile_combo: QComboBox
    add_files_action: QAction
    add_folder_action: QAction
    pause_all_action: QAction
    resume_all_action: QAction
    retry_failed_action: QAction
    clear_action: QAction
    quit_action: QAction

    def __init__(self, session, bridge, parent=None):
        super().__init__(parent)
        self.session = session
        self.controller = TransferController(session, bridge, self)
        session.ask_conflict = ConflictAsker(self, session.queue)
        self._auth_warned = False
        self.notice: QMessageBox | None = None  # the last notice shown (tests read it)
        self.quitting = False
        self._leaving = False  # closing is quitting, not hiding to the tray
        self.setWindowTitle(self.tr("Assetdrop"))
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)

        self.drop_zone = DropZone()
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Queues"))
        self.tabs.setAccessibleDescription(self.tr("The transfer queues and Browse, one tab each"))
        self.views = {}
        for key, title in ((key, self.tr(str(text))) for key, text in TAB_TITLES.items()):
            view = TransfersView(self.controller.model.tabs[key], title)
            view.action_requested.connect(self._row_action)
            self.views[key] = view
            self.tabs.addTab(view, title)
        self.browse = BrowsePanel(session)
        self.browse.download_requested.connect(self._queue_downloads)
        # in a scroll area: its row of buttons would otherwise set the window's minimum width (674 px), too
        # wide for a small or scaled screen (window_memory.py)
        self.browse_page = QScrollArea()
        self.browse_page.setWidget(self.browse)
        self.browse_page.setWidgetResizable(True)
        self.browse_page.setFrameShape(QFrame.Shape.NoFrame)
        self.tabs.addTab(self.browse_page, icon("search"), self.tr("Browse"))
        for table in [*self.views.values(), self.browse.table, self.browse.grid]:
            FocusFrame(table)  # the current row framed while a table has the focus

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.drop_zone)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.totals_label = QLabel(self.tr("Idle"))
        self.totals_label.setAccessibleName(self.tr("Total progress"))
        self.owner_label = QLabel("")
        self.owner_label.setAccessibleName(self.tr("Queue owner"))
        self.owner_label.hide()
        self.statusBar().addPermanentWidget(self.owner_label)
        self.statusBar().addPermanentWidget(self.totals_label)
        self.queue_taken_over.connect(self._taken_over)
        self.watch = WatchService(session, say=self.watch_said.emit)
        self.watch_said.connect(self._watch_event)

        build_actions(self)
        self.failures = FailureNotice(self, self.controller.model)
        self.controller.item_failed.connect(self.failures.failed)
        self.tray_menu = Tray(self)
        self.tray = self.tray_menu.icon

        self.drop_zone.files_dropped.connect(self.add_paths)
        self.drop_zone.ids_dropped.connect(self._queue_downloads)
        self.controller.batch_finished.connect(self._batch_finished)
        self.controller.expansion_problems.connect(self._expansion_problems)
        self.controller.totals_changed.connect(self._schedule_totals)
        self.controller.item_failed.connect(self._item_failed)
        self._totals_timer = make_timer(self, 200, self._update_totals, single_shot=True)
        if self.session.settings.profiles:
            self._show_capabilities()
        self.controller.load_history()  # finished rows of earlier runs
        window_memory.restore(self)  # where it was left, inside the screen
        _freeze_startup_heap()

    def refresh_profiles(self) -> None:
        self.profile_combo.blockSignals(True)
        self.profile_combo.clear()
        for profile in self.session.settings.profiles:
            self.profile_combo.addItem(profile.name)
        current = self.session.settings.current_profile
        if current:
            self.profile_combo.setCurrentText(current)
        self.profile_combo.blockSignals(False)

    def switch_profile(self, name: str) -> None:
        if name:
            self.session.settings.current_profile = name
            self.session.save_settings()
            self._show_capabilities()

    def _show_capabilities(self) -> None:
        """The window offers what the current profile's provider can do (the others are disabled, not failing)."""
        try:
            spec = spec_for(self.session.current_profile.kind)
        except errors.ConfigError:
            return
        self.browse.show_capabilities(spec)
        for action in (self.add_files_action, self.add_folder_action):
            action.setEnabled(spec.can(Capability.UPLOAD))

    # -- adding work ----------------------------------------------------------------------------------------------
    def add_paths(self, paths) -> None:
        if not self._can_upload():
            return
        self.controller.add_paths([Path(p) for p in paths])
        self.tabs.setCurrentWidget(self.views["uploads"])

    def _can_upload(self) -> bool:
        """The profile has what an upload needs (Xvid's pipeline ID); else say which field, and queue nothing."""
        missing = upload_check.missing(self.session)
        if missing is not None:
            self.notice = self._open_notice(QMessageBox.Icon.Warning, self.tr("Nothing was uploaded"), missing)
        return missing is None

    def _queue_downloads(self, ids, dest: str = "", rendition: str = "") -> None:
        self.controller.add_asset_ids(list(ids), dest, rendition)
        self.tabs.setCurrentWidget(self.views["downloads"])

    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Add files to upload"))
        if files:
            self.add_paths(files)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Add a folder to upload"))
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
            self.statusBar().showMessage(self.tr("The clipboard holds no files and no asset IDs."), 5000)

    def focus_search(self) -> None:
        self.tabs.setCurrentWidget(self.browse_page)
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

    def all_rows(self, action: str) -> None:
        """Pause all, Resume all, Cancel all, Retry failed, Clear finished: over the rows as they stand now (the
        changes still buffered are applied first, so no row acts on a stale state)."""
        self.controller.flush()
        predicates = {
            "pause": lambda i: i.status is Status.QUEUED or i.is_active,
            "resume": lambda i: i.status is Status.PAUSED,
            "cancel": lambda i: not i.is_finished,
            "retry": lambda i: i.status is Status.FAILED,
            "remove": lambda i: i.is_finished and i.status is not Status.FAILED,  # failed rows wait to be looked at
        }
        ids = [i.id for i in self.controller.model.items() if predicates[action](i)]
        getattr(self.controller, action)(ids)

    def remove_partial_downloads(self) -> None:
        """The core removes our temporary files no unfinished download needs (off the GUI thread)."""

        def done(cleaned) -> None:
            size = locale_size(cleaned.bytes)
            self.statusBar().showMessage(
                fill(self.tr("Removed %n partial download(s) (%1).", "", cleaned.files), size)
                if cleaned.files
                else self.tr("No partial downloads to remove."),
                10000,
            )

        failed = self.tr("%1: %2")
        Background(self, self.session.remove_partial_downloads).success(done).failure(
            lambda exc: self.statusBar().showMessage(fill(failed, localize(exc.title), localize(exc.message)), 10000)
        ).run()

    # -- another process owns the queue ----------------------------------------------------------------------------
    def follow_queue_owner(self) -> None:
        """Another Assetdrop runs the queue: new transfers are handed to it (and shown as it reports them) until
        it ends; then this window takes the queue over and finishes what is left."""
        owner = self.session.owner()
        who = localize(owner.describe()) if owner else self.tr("Another Assetdrop")
        self.owner_label.setText(fill(self.tr("Queue run by %1"), who))
        self.owner_label.setToolTip(
            fill(
                self.tr(
                    "%1 is running the transfer queue. New transfers are handed to it; this window takes the queue "
                    "over when it ends."
                ),
                who,
            )
        )
        self.owner_label.show()
        self.session.on_took_over = lambda ids: self.queue_taken_over.emit(len(ids))  # from a core thread
        self.session.follow_in_background()

    def start_watching(self) -> None:
        """Watch the folders in Settings → Watch folders (after the last run's transfers are back in the queue)."""
        self.watch.apply(watch_folders(self.session.settings))

    def _watch_event(self, title: str, message: str, problem: bool) -> None:
        self.statusBar().showMessage(
            fill(self.tr("%1: %2"), localize(title), localize(message)), 30000 if problem else 10000
        )

    def _taken_over(self, count: int) -> None:
        self.start_watching()
        self.owner_label.hide()
        self.statusBar().showMessage(
            self.tr(
                "The queue's previous owner has gone; this window now runs it (%n unfinished transfer(s)).", "", count
            ),
            10000,
        )

    # -- feedback ------------------------------------------------------------------------------------------------
    def _schedule_totals(self) -> None:
        if not self._totals_timer.isActive():
            self._totals_timer.start()

    def _update_totals(self) -> None:
        done, total, rate, active = self.controller.totals()
        self.tray_menu.show_progress(done, total, rate, active, self.failures.unseen)
        if not active and not self.controller.busy:
            self.totals_label.setText(self.tr("Idle"))
            return
        size = fill(self.tr("%1 of %2"), locale_size(done), locale_size(total)) if total else locale_size(done)
        self.totals_label.setText(
            fill(self.tr("%1 active · %2 · %3"), locale_number(active), size, locale_rate(rate) or "—")
        )

    def _item_failed(self, item) -> None:
        """A key problem needs the user's action: say so once per batch, in a dialog."""
        if self._auth_warned or item.error_title not in ("API key rejected", "No API key", "No keyring available"):
            return
        self._auth_warned = True
        self.notice = self._open_notice(
            QMessageBox.Icon.Warning,
            localize(item.error_title),
            fill(
                self.tr("%1\n\nOpen Profiles to check or replace the key, then use Retry failed."),
                localize(item.error_message),
            ),
        )

    def _batch_finished(self, done: int, failed: int) -> None:
        self._auth_warned = False
        if failed:
            title = self.tr("Transfers finished with problems")
            text = fill(self.tr("%1 done, %2 failed."), locale_number(done), locale_number(failed))
            kind = QSystemTrayIcon.MessageIcon.Warning
        else:
            title, text = self.tr("Transfers finished"), self.tr("%n file(s) done.", "", done)
            kind = QSystemTrayIcon.MessageIcon.Information
        self.statusBar().showMessage(fill(self.tr("%1: %2"), title, text), 10000)
        if self.tray.isVisible():
            self.tray.showMessage(title, text, kind, 5000)
        else:  # no tray (GNOME, say): the desktop's notification service
            warning = bool(failed)
            Background(self, lambda: desktop_notify.notify(title, text, warning=warning)).run()
        self._update_totals()

    def _expansion_problems(self, problems) -> None:
        line = self.tr("%1: %2")
        lines = "\n".join(fill(line, path, localize(reason)) for path, reason in problems[:20])
        more = self.tr("\n…and %n more", "", len(problems) - 20) if len(problems) > 20 else ""
        self.notice = self._open_notice(
            QMessageBox.Icon.Information,
            self.tr("Some items were skipped"),
            fill(self.tr("These could not be added:\n%1%2"), lines, more),
        )

    def _open_notice(self, kind, title: str, text: str) -> QMessageBox:
        """A window-modal message that does not block the event loop (transfers keep updating behind it)."""
        box = QMessageBox(kind, title, text, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    # -- dialogs -------------------------------------------------------------------------------------------------
    def edit_profiles(self) -> None:
        dialog = ProfilesDialog(self.session, self)
        dialog.saved.connect(self.refresh_profiles)  # a save still being tested when it closes lands later
        dialog.exec()
        self.refresh_profiles()

    def edit_settings(self) -> None:
        dialog = SettingsDialog(self.session, self, on_watch_folders=self.start_watching)
        if dialog.exec():
            dialog.apply()
            self.controller.set_concurrency(self.session.settings.concurrency)

    def about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Assetdrop"),
            fill(
                self.tr(
                    "<b>Assetdrop %1</b><br>Uploads and downloads for signed-link asset APIs.<br><br>"
                    "Qt %2 · PySide6 %3 · Python %4"
                ),
                __version__,
                qVersion(),
                pyside_version,
                platform.python_version(),
            ),
        )

    # -- closing ---------------------------------------------------------------------------------------------------
    def quit(self) -> None:
        self.quit_for_good()

    def quit_for_good(self) -> None:
        """Quit (File > Quit, the tray's Quit): not to the tray, whatever the setting."""
        self._leaving = True
        self.close()

    def closeEvent(self, event) -> None:
        if self.tray_menu.keeps_running() and not self._leaving and not self.quitting:
            self.hide()  # close to tray: transfers go on, the tray brings the window back
            event.ignore()
            return
        self._leaving = False
        if self.controller.busy and not self.quitting:
            if self.session.settings.resume_on_start:
                text = self.tr(
                    "Transfers are still running or queued. Quit anyway? They continue the next time Assetdrop "
                    "starts, from where they stopped."
                )
            else:
                text = self.tr(
                    "Transfers are still running or queued. Quit anyway? They wait, paused, for the next time "
                    "Assetdrop starts, from where they stopped."
                )
            answer = QMessageBox.question(self, self.tr("Transfers in progress"), text)
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        window_memory.remember(self)
        self.watch.stop()
        self.controller.shutdown()
        self.tray.hide()
        event.accept()
