"""The window opens where it was left and always on the screen (issue 19 section 9): size, position, the
Browse splitter and the tables' columns come back from a 0600 file (core/window_state.py); a screen smaller
than the default size (the offscreen screen is 800x800; at QT_SCALE_FACTOR=2 it is 400x400 logical pixels)
gets a window inside it, not one hanging off its edges."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

from assetdrop.core import window_state
from assetdrop.qt.queue_model import Column

ROOT = Path(__file__).resolve().parents[2]


def _inside(window) -> bool:
    return window.screen().availableGeometry().contains(window.frameGeometry())


def test_the_window_fits_a_screen_smaller_than_its_default_size(qtbot, make_window):
    window = make_window()
    available = window.screen().availableGeometry()
    assert available.width() < 1100  # the offscreen screen: the default would not fit
    assert _inside(window), (window.frameGeometry(), available)


def test_at_scale_factor_two_the_window_fits_the_screen(tmp_path):
    script = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from assetdrop.core import settings\n"
        "from assetdrop.core.credentials import CredentialStore\n"
        "from assetdrop.core.session import AppSession\n"
        "from assetdrop.qt.bridge import QueueBridge\n"
        "from assetdrop.qt.main_window import MainWindow\n"
        "app = QApplication(sys.argv)\n"
        "bridge = QueueBridge()\n"
        "session = AppSession(settings.Settings(), credentials=CredentialStore(session_only=True), on_change=bridge)\n"
        "window = MainWindow(session, bridge)\n"
        "window.show()\n"
        "app.processEvents()\n"
        "f, a = window.frameGeometry(), window.screen().availableGeometry()\n"
        "print(f.x(), f.y(), f.width(), f.height(), a.x(), a.y(), a.width(), a.height(), window.devicePixelRatio())\n"
        "window.quitting = True\n"
        "window.close()\n"
        "session.close()\n"
    )
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        QT_SCALE_FACTOR="2",
        ASSETDROP_HOME=str(tmp_path),
        PYTHONPATH=os.pathsep.join([str(ROOT / "gui"), str(ROOT)]),
    )
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr[-2000:]
    x, y, w, h, ax, ay, aw, ah, ratio = (float(v) for v in result.stdout.split()[-9:])
    assert ratio == 2.0 and aw <= 400  # the scale factor was in force
    assert ax <= x and ay <= y and x + w <= ax + aw and y + h <= ay + ah, result.stdout


def test_size_position_columns_and_splitter_are_remembered(qtbot, make_window):
    first = make_window()
    first.resize(640, 420)
    first.move(30, 40)
    first.views["uploads"].setColumnWidth(Column.STATUS, 333)
    first.views["failed"].setColumnWidth(Column.ASSET_ID, 123)
    first.browse.splitter.setSizes([150, 250])
    sizes = first.browse.splitter.sizes()
    first.quitting = True
    first.close()
    path = window_state.state_path()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert set(json.loads(path.read_text())) >= {"geometry", "header.uploads", "splitter.browse"}

    second = make_window()
    assert (second.width(), second.height()) == (640, 420)
    assert (second.x(), second.y()) == (30, 40)
    assert second.views["uploads"].columnWidth(Column.STATUS) == 333
    assert second.views["failed"].columnWidth(Column.ASSET_ID) == 123
    assert second.browse.splitter.sizes() == sizes


def test_a_damaged_state_file_is_ignored(qtbot, make_window):
    path = window_state.state_path()
    path.write_text("{not json")
    window = make_window()
    assert _inside(window) and window.width() > 300
