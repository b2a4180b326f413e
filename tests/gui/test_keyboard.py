"""The window by keyboard (issue 19 section 9): shortcuts pause, resume, cancel and retry the selected rows;
Tab leaves a table; Ctrl+Tab and Ctrl+PgDn switch tabs; every menu entry and context-menu entry has a mnemonic,
none taken twice in one menu."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication

from assetdrop.core.queue.items import Status
from assetdrop.qt.transfers_view import ROW_ACTIONS
from tests.conftest import write_file
from tests.gui.conftest import rows


def _mnemonic(text: str) -> str | None:
    at = text.replace("&&", "").find("&")
    return None if at < 0 else text.replace("&&", "")[at + 1].lower()


def _focused_on_first_row(qtbot, window, key: str):
    view = window.views[key]
    window.tabs.setCurrentWidget(view)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    view.setFocus()
    view.selectionModel().select(
        view.model().index(0, 0), QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows
    )
    return view


def test_row_shortcuts_pause_resume_cancel_and_retry(qtbot, make_window, tmp_path):
    window = make_window(upload_limit_kib=1024)
    big = tmp_path / "slow.bin"
    write_file(big, 32 * 1024 * 1024)
    window.add_paths([big])
    qtbot.waitUntil(lambda: bool(rows(window)) and rows(window)[0].done > 0, timeout=20000)
    window.controller.flush()
    view = _focused_on_first_row(qtbot, window, "uploads")
    qtbot.keyClick(view, Qt.Key_P, Qt.ControlModifier)
    qtbot.waitUntil(lambda: rows(window)[0].status is Status.PAUSED, timeout=10000)
    window.controller.flush()
    qtbot.keyClick(view, Qt.Key_R, Qt.ControlModifier)
    qtbot.waitUntil(lambda: rows(window)[0].status is not Status.PAUSED, timeout=10000)
    window.controller.flush()
    qtbot.keyClick(view, Qt.Key_Delete)
    qtbot.waitUntil(lambda: rows(window)[0].status is Status.CANCELLED, timeout=10000)
    window.controller.flush()
    finished = _focused_on_first_row(qtbot, window, "finished")
    qtbot.keyClick(finished, Qt.Key_F5)
    qtbot.waitUntil(lambda: rows(window)[0].status is not Status.CANCELLED, timeout=10000)
    window.controller.cancel([rows(window)[0].id])
    qtbot.waitUntil(lambda: not window.controller.busy, timeout=10000)  # else closing asks first


def test_tab_leaves_the_table_and_ctrl_tab_switches_tabs(qtbot, make_window):
    window = make_window()
    view = window.views["uploads"]
    window.tabs.setCurrentWidget(view)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key_Tab)
    assert QApplication.focusWidget() is not view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key_Tab, Qt.ControlModifier)
    assert window.tabs.currentWidget() is window.views["downloads"]
    qtbot.keyClick(QApplication.focusWidget() or window.tabs, Qt.Key_PageDown, Qt.ControlModifier)
    assert window.tabs.currentWidget() is window.views["finished"]


def test_every_menu_entry_has_its_own_mnemonic(make_window):
    window = make_window()
    menus = [action.menu() for action in window.menuBar().actions()]
    assert len({_mnemonic(a.text()) for a in window.menuBar().actions()}) == len(menus)
    for menu in menus:
        entries = [a for a in menu.actions() if not a.isSeparator()]
        letters = [_mnemonic(a.text()) for a in entries]
        assert None not in letters, [a.text() for a in entries]
        assert len(set(letters)) == len(letters), [a.text() for a in entries]
    row_letters = [_mnemonic(label) for _key, label, *_ in ROW_ACTIONS] + ["i"]  # and "Copy asset &ID"
    assert None not in row_letters and len(set(row_letters)) == len(row_letters)
    shortcuts = {key: window.views["uploads"].row_actions[key].shortcut().toString() for key, *_ in ROW_ACTIONS}
    assert all(shortcuts[key] for key in ("pause", "resume", "retry", "cancel")), shortcuts


def test_the_profile_selector_comes_first_and_shows_whole_names(make_window):
    from assetdrop.core import settings

    window = make_window()
    long_name = "Client archive (production, EU region)"
    window.session.settings.upsert(settings.Profile(long_name, base_url="https://example.invalid"))
    window.refresh_profiles()
    toolbar = window.profile_combo.parentWidget()
    assert toolbar.widgetForAction(toolbar.actions()[0]) is window.profile_combo  # first: never in the overflow
    assert window.profile_combo.sizeHint().width() > window.profile_combo.fontMetrics().horizontalAdvance(long_name)
