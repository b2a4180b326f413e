"""Settings → Watch folders in the real window: an entry is checked in words, saved in the settings, and its
folder is watched at once; a file written into it is uploaded to the sandbox, shows in the queue with its
folder, and is moved only after its registration."""

from __future__ import annotations

from assetdrop.core import settings
from assetdrop.core.watch.actions import AfterUpload
from assetdrop.core.watch.config import WatchFolder, watch_folders
from assetdrop.qt.settings_dialog import SettingsDialog
from assetdrop.qt.watch_folders_dialog import MOVE_TO
from tests.conftest import md5_of, write_file
from tests.gui.conftest import rows


def test_a_watch_folder_added_in_settings_uploads_what_lands_in_it(make_window, qtbot, sandbox, tmp_path):
    window = make_window()
    folder = tmp_path / "hot"
    folder.mkdir()
    settings_dialog = SettingsDialog(window.session, window, on_watch_folders=window.start_watching)
    qtbot.addWidget(settings_dialog)
    dialog = settings_dialog.edit_watch_folders()
    dialog.add_row(WatchFolder(str(folder), "Sandbox", ("*.jpg",), (), AfterUpload.MOVE, ""))
    dialog.accept()
    assert dialog.isVisible() and dialog.problem is not None  # moved where? said, and nothing saved
    assert dialog.problem.windowTitle() == "Watch folder" and "moved after upload" in dialog.problem.text()
    assert watch_folders(window.session.settings) == []
    dialog.problem.close()

    dialog.table.item(0, MOVE_TO).setText("done")
    dialog.accept()
    assert not dialog.isVisible()
    saved = watch_folders(settings.load(tmp_path / "settings.json"))
    assert saved == [WatchFolder(str(folder), "Sandbox", ("*.jpg",), (), AfterUpload.MOVE, "done")]
    qtbot.waitUntil(lambda: len(window.watch.watchers) == 1, timeout=5000)

    digest = write_file(folder / "poster.jpg", 50_000)
    write_file(folder / "notes.txt", 10)  # not included
    qtbot.waitUntil(lambda: (folder / "done" / "poster.jpg").exists(), timeout=30_000)
    (asset,) = [a for a in sandbox.assets() if a["checksum"] == digest]
    assert md5_of(folder / "done" / "poster.jpg") == digest and (folder / "notes.txt").exists()
    shown = [item for item in rows(window) if item.source == str(folder / "poster.jpg")]
    assert shown and shown[-1].asset_id == asset["id"]
