"""The tray (issue 19 section 10): its menu (show/hide, pause all, resume all, quit, each with a mnemonic), the
queue's progress in its tooltip, and close-to-tray as a setting that never strands a window where the desktop
has no tray (the offscreen platform and Xvfb have none, so closing quits there even with the setting on)."""

from __future__ import annotations

from assetdrop.core.queue.items import Status
from assetdrop.qt.settings_dialog import SettingsDialog
from assetdrop.qt.tray import Tray, tooltip
from tests.conftest import write_file
from tests.gui.conftest import rows


def _entry(menu, text: str):
    return next(a for a in menu.actions() if a.text().replace("&", "") == text)


def test_tooltip_words():
    assert tooltip(0, 0, 0.0, 0) == "Assetdrop: idle"
    assert tooltip(0, 0, 0.0, 0, failed=2) == "Assetdrop: idle · 2 failed"
    text = tooltip(3 * 1024**2, 12 * 1024**2, 1024**2, 2)
    assert text.startswith("Assetdrop: 2 active · 3.0 MiB of 12.0 MiB (25%) · 1.0 MiB/s"), text


def test_tray_menu_pauses_resumes_and_shows_progress(qtbot, make_window, tmp_path):
    window = make_window(upload_limit_kib=1024)
    menu = window.tray_menu.menu
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == ["&Show / hide Assetdrop", "&Pause all", "&Resume all", "&Quit"]
    big = tmp_path / "tray.bin"
    write_file(big, 24 * 1024 * 1024)
    window.add_paths([big])
    qtbot.waitUntil(lambda: bool(rows(window)) and rows(window)[0].done > 0, timeout=20000)
    qtbot.waitUntil(lambda: "1 active" in window.tray.toolTip() and "%" in window.tray.toolTip(), timeout=5000)
    _entry(menu, "Pause all").trigger()
    qtbot.waitUntil(lambda: rows(window)[0].status is Status.PAUSED, timeout=10000)
    qtbot.waitUntil(lambda: window.tray.toolTip() == "Assetdrop: idle", timeout=5000)
    _entry(menu, "Resume all").trigger()
    qtbot.waitUntil(lambda: rows(window)[0].status is not Status.PAUSED, timeout=10000)
    window.controller.cancel([rows(window)[0].id])
    qtbot.waitUntil(lambda: not window.controller.busy, timeout=10000)

    _entry(menu, "Show / hide Assetdrop").trigger()
    assert not window.isVisible()
    _entry(menu, "Show / hide Assetdrop").trigger()
    assert window.isVisible()


def test_close_to_tray_is_a_setting_and_never_strands_the_window(qtbot, make_window):
    window = make_window()
    dialog = SettingsDialog(window.session, window)
    qtbot.addWidget(dialog)
    assert not dialog.close_to_tray.isChecked()
    dialog.close_to_tray.setChecked(True)
    dialog.apply()
    assert window.session.settings.close_to_tray
    if Tray.available():
        window.close()
        assert not window.isVisible() and window.tray.isVisible()  # hidden to the tray, still running
        assert window.controller.pool is not None
        window.quit_for_good()
    else:
        window.close()  # no tray to come back from: closing quits as usual
        assert not window.isVisible()
        print("no system tray on this display: close-to-tray's hiding was not exercised, only its fallback")
