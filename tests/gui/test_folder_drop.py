"""A dropped folder as the queue shows it (issue 19 section 8): each row names its file by its path from the
dropped folder, and junk (core/junk.py) is not queued; the setting is in Settings, whose labels show no
literal "&" (section 9)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from assetdrop.core.queue.items import Status
from assetdrop.qt.queue_model import Column
from assetdrop.qt.settings_dialog import SettingsDialog
from tests.conftest import write_file
from tests.gui.conftest import rows


def _names(view) -> list[str]:
    return [view.model().index(row, Column.NAME).data() for row in range(view.model().rowCount())]


def test_a_dropped_folder_shows_relative_paths_and_leaves_junk_out(qtbot, make_window, sandbox, tmp_path):
    window = make_window()
    tree = tmp_path / "shoot"
    for name in ("cover.jpg", "day 1/a.jpg", "day 1/raw/a.cr2", "Thumbs.db", "day 1/.DS_Store", "~$list.xlsx"):
        write_file(tree / name, 500)
    (tree / "__MACOSX").mkdir()
    write_file(tree / "__MACOSX" / "._cover.jpg", 10)
    window.add_paths([tree])
    qtbot.waitUntil(
        lambda: len(rows(window)) == 3 and all(r.status is Status.DONE for r in rows(window)), timeout=30000
    )
    window.controller.flush()
    finished = window.views["finished"]
    assert _names(finished) == ["shoot/cover.jpg", "shoot/day 1/a.jpg", "shoot/day 1/raw/a.cr2"]
    tips = {finished.model().index(row, Column.NAME).data(3) for row in range(3)}  # ToolTipRole: the full path
    assert str(tree / "day 1" / "raw" / "a.cr2") in tips
    assert sorted(a["name"] for a in sandbox.assets()[-3:]) == ["a.cr2", "a.jpg", "cover.jpg"]  # uploaded by name


def test_settings_offer_the_junk_rule_and_show_no_literal_ampersand(qtbot, make_window):
    window = make_window()
    dialog = SettingsDialog(window.session, window)
    qtbot.addWidget(dialog)
    assert dialog.junk.isChecked() and ".DS_Store" in dialog.junk.toolTip()
    for label in dialog.findChildren(QLabel):  # a label shows "&" literally unless it has a buddy to focus
        if "&" in label.text():
            assert label.buddy() is not None, f"{label.text()!r} shows its ampersand"
    dialog.junk.setChecked(False)
    dialog.apply()
    assert window.session.settings.skip_junk is False
