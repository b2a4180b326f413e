"""The main window's actions, toolbar and menus: every entry has a mnemonic, the row actions a shortcut.

Kept apart from main_window.py, which composes widgets; this only wires QActions to the window's slots."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QToolBar

from .translations import fill


def _action(window, text, slot, shortcut=None, icon_name=None, tip=None) -> QAction:
    from .icons import icon

    action = QAction(text, window)
    if icon_name:
        action.setIcon(icon(icon_name))
    if shortcut:
        action.setShortcut(shortcut)
    plain = text.replace("&", "").replace("…", "").strip()
    keys = QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText) if shortcut else ""
    action.setToolTip(
        fill(QCoreApplication.translate("MainWindow", "%1 (%2)"), tip or plain, keys) if keys else tip or plain
    )
    action.triggered.connect(slot)
    window.addAction(action)
    return action


def build_actions(window) -> None:
    """Actions on `window` (a MainWindow): attributes it keeps, the toolbar and the menu bar."""
    add_files = _action(
        window,
        QCoreApplication.translate("MainWindow", "Add &files…"),
        window.choose_files,
        QKeySequence.StandardKey.Open,
        "add-file",
    )
    add_folder = _action(
        window,
        QCoreApplication.translate("MainWindow", "Add f&older…"),
        window.choose_folder,
        "Ctrl+Shift+O",
        "add-folder",
    )
    window.add_files_action, window.add_folder_action = add_files, add_folder
    pause_all = _action(
        window,
        QCoreApplication.translate("MainWindow", "&Pause all"),
        lambda: window.all_rows("pause"),
        "Ctrl+Shift+P",
        "pause",
    )
    resume_all = _action(
        window,
        QCoreApplication.translate("MainWindow", "&Resume all"),
        lambda: window.all_rows("resume"),
        "Ctrl+Shift+R",
        "resume",
    )
    cancel_all = _action(
        window,
        QCoreApplication.translate("MainWindow", "&Cancel all"),
        lambda: window.all_rows("cancel"),
        None,
        "cancel",
    )
    retry_failed = _action(
        window,
        QCoreApplication.translate("MainWindow", "Re&try failed"),
        lambda: window.all_rows("retry"),
        "Ctrl+Shift+T",
        "retry",
    )
    clear = _action(
        window,
        QCoreApplication.translate("MainWindow", "C&lear finished"),
        lambda: window.all_rows("remove"),
        None,
        "clear",
        QCoreApplication.translate(
            "MainWindow", "Remove done, skipped and cancelled rows from the list (failed rows stay)"
        ),
    )
    window.pause_all_action, window.resume_all_action = pause_all, resume_all
    window.retry_failed_action, window.clear_action = retry_failed, clear
    profiles = _action(
        window, QCoreApplication.translate("MainWindow", "&Profiles…"), window.edit_profiles, None, "profiles"
    )
    prefs = _action(
        window,
        QCoreApplication.translate("MainWindow", "&Settings…"),
        window.edit_settings,
        QKeySequence.StandardKey.Preferences,
        "settings",
    )
    find = _action(
        window,
        QCoreApplication.translate("MainWindow", "&Find assets"),
        window.focus_search,
        QKeySequence.StandardKey.Find,
        "search",
    )
    paste = _action(
        window,
        QCoreApplication.translate("MainWindow", "&Paste asset IDs"),
        window.paste_ids,
        QKeySequence.StandardKey.Paste,
    )
    quit_action = _action(
        window, QCoreApplication.translate("MainWindow", "&Quit"), window.quit, QKeySequence.StandardKey.Quit
    )
    about = _action(window, QCoreApplication.translate("MainWindow", "&About Assetdrop"), window.about)
    window.quit_action = quit_action

    window.profile_combo = QComboBox()
    window.profile_combo.setAccessibleName(QCoreApplication.translate("MainWindow", "Current profile"))
    window.profile_combo.setToolTip(
        QCoreApplication.translate("MainWindow", "Profile used for new transfers and browsing")
    )
    window.profile_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    window.refresh_profiles()
    window.profile_combo.currentTextChanged.connect(window.switch_profile)

    toolbar = QToolBar(QCoreApplication.translate("MainWindow", "Main"))
    toolbar.setObjectName("mainToolbar")
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    toolbar.addWidget(window.profile_combo)  # first, so it never falls into the overflow menu
    toolbar.addAction(profiles)
    toolbar.addSeparator()
    for action in (add_files, add_folder, None, pause_all, resume_all, cancel_all, retry_failed, clear):
        toolbar.addSeparator() if action is None else toolbar.addAction(action)
    # The toolbar's own short words (the menus keep the long ones; the tooltips say it all)
    for action, short in (
        (profiles, QCoreApplication.translate("MainWindow", "Profiles", "toolbar")),
        (add_files, QCoreApplication.translate("MainWindow", "Add files", "toolbar")),
        (add_folder, QCoreApplication.translate("MainWindow", "Add folder", "toolbar")),
        (pause_all, QCoreApplication.translate("MainWindow", "Pause all", "toolbar")),
        (resume_all, QCoreApplication.translate("MainWindow", "Resume all", "toolbar")),
        (cancel_all, QCoreApplication.translate("MainWindow", "Cancel all", "toolbar")),
        (retry_failed, QCoreApplication.translate("MainWindow", "Retry failed", "toolbar")),
        (clear, QCoreApplication.translate("MainWindow", "Clear finished", "toolbar")),
    ):
        action.setIconText(short)
    window.addToolBar(toolbar)

    menus = window.menuBar()
    file_menu = menus.addMenu(QCoreApplication.translate("MainWindow", "&File"))
    for action in (add_files, add_folder, paste, None, quit_action):
        file_menu.addSeparator() if action is None else file_menu.addAction(action)
    transfers = menus.addMenu(QCoreApplication.translate("MainWindow", "&Transfers"))
    for action in (pause_all, resume_all, cancel_all, retry_failed, clear):
        transfers.addAction(action)
    transfers.addSeparator()
    window.remove_partials_action = transfers.addAction(
        QCoreApplication.translate("MainWindow", "Remove partial &downloads"), window.remove_partial_downloads
    )
    window.remove_partials_action.setToolTip(
        QCoreApplication.translate("MainWindow", "Delete the temporary files of downloads that will not be continued")
    )
    window.clear_history_action = transfers.addAction(
        QCoreApplication.translate("MainWindow", "Clear &history"), window.controller.clear_history
    )
    window.clear_history_action.setToolTip(
        QCoreApplication.translate("MainWindow", "Remove every finished and failed row, from this run and earlier ones")
    )
    window.transfers_menu = transfers
    tools = menus.addMenu(QCoreApplication.translate("MainWindow", "T&ools"))
    for action in (find, profiles, prefs):
        tools.addAction(action)
    help_menu = menus.addMenu(QCoreApplication.translate("MainWindow", "&Help"))
    help_menu.addAction(about)

    def copy_diagnostics() -> None:  # a redacted report (versions, profile hosts, last log lines), no secret
        from PySide6 import __version__ as pyside_version

        from ..core.diagnostics import report

        QGuiApplication.clipboard().setText(
            report(window.session.settings, extra={"Qt": f"{qVersion()} (PySide6 {pyside_version})"})
        )

    window.copy_diagnostics_action = help_menu.addAction(
        QCoreApplication.translate("MainWindow", "Copy &diagnostics"), copy_diagnostics
    )
    _tab_keys(window)


def _tab_keys(window) -> None:
    """Ctrl+Tab / Ctrl+PgDn and back switch the queue tabs from anywhere in the window (a focused table would
    otherwise keep Ctrl+Tab from reaching the tab widget)."""

    def step(delta: int) -> None:
        tabs = window.tabs
        tabs.setCurrentIndex((tabs.currentIndex() + delta) % tabs.count())

    for keys, delta in ((("Ctrl+Tab", "Ctrl+PgDown"), 1), (("Ctrl+Shift+Tab", "Ctrl+Backtab", "Ctrl+PgUp"), -1)):
        for key in keys:
            shortcut = QShortcut(QKeySequence(key), window)
            shortcut.activated.connect(lambda d=delta: step(d))
