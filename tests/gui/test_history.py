"""History across restarts (issue 19 section 3): finished and failed rows come back in a new window over the
same queue store, with their asset IDs and files; rows offer Open and Show in folder (handed to
QDesktopServices), Download again, and Retry of an earlier run's failure; Clear history empties both tabs for
good."""

from __future__ import annotations

from assetdrop.core.queue.items import Status
from assetdrop.qt.queue_model import ITEM_ROLE, Column
from tests.conftest import md5_of, write_file
from tests.gui.conftest import rows


def _close(window) -> None:
    window.quitting = True
    window.close()
    window.session.close()


def _entry(menu, text: str):
    return next(a for a in menu.actions() if a.text().replace("&", "") == text)


def test_finished_rows_survive_a_restart_and_offer_their_actions(qtbot, make_window, sandbox, tmp_path):
    from assetdrop.core import settings

    first = make_window(store="history.sqlite3")
    first.session.settings.upsert(settings.Profile("Bad", base_url=sandbox.api_url))
    first.session.set_runtime_key("Bad", "sbx_definitely_wrong")
    source = tmp_path / "kept.txt"
    digest = write_file(source, 4000)
    first.add_paths([source])
    qtbot.waitUntil(lambda: any(r.status is Status.DONE for r in rows(first)), timeout=20000)
    asset_id = rows(first)[0].asset_id
    first.controller.add_asset_ids([asset_id])
    qtbot.waitUntil(lambda: [r.status for r in rows(first)] == [Status.DONE] * 2, timeout=20000)
    first.session.settings.current_profile = "Bad"
    failing = tmp_path / "refused.txt"
    write_file(failing, 10)
    first.add_paths([failing])
    qtbot.waitUntil(lambda: any(r.status is Status.FAILED for r in rows(first)), timeout=20000)
    saved = next(r.saved_path for r in rows(first) if r.saved_path)
    _close(first)

    second = make_window(store="history.sqlite3")
    second.session.settings.upsert(settings.Profile("Bad", base_url=sandbox.api_url))
    second.session.set_runtime_key("Bad", sandbox.api_key)  # the key is fixed now
    finished, failed = second.views["finished"], second.views["failed"]
    qtbot.waitUntil(lambda: finished.model().rowCount() == 2 and failed.model().rowCount() == 1, timeout=10000)
    texts = [
        [finished.model().index(r, c).data() for c in (Column.NAME, Column.STATUS, Column.ASSET_ID)] for r in range(2)
    ]
    assert texts == [["kept.txt", "Done", asset_id]] * 2  # the upload, then its download
    assert second.tabs.tabText(second.tabs.indexOf(failed)) == "Failed (1)"
    assert finished.model().index(1, Column.NAME).data(3) == saved  # the tooltip: where it was saved
    status_tip = finished.model().index(1, Column.STATUS).data(3)  # when, under which profile, where
    # the date written the locale's way (qt/locale_format.py)
    assert status_tip.startswith("Downloaded ") and "(Sandbox)" in status_tip and status_tip.endswith(saved)

    # What the row asks the desktop to open. QDesktopServices itself needs a desktop session to launch a viewer
    # (the offscreen platform has none, and PySide6 6.11 refuses setUrlHandler's receiver), so the test listens
    # to the view's request, which is connected to QDesktopServices.openUrl.
    opened: list[str] = []
    finished.open_requested.connect(lambda url: opened.append(url.toLocalFile()))
    download_row = finished.model().index(1, 0).data(ITEM_ROLE)
    menu = finished.menu_for([download_row])
    _entry(menu, "Open").trigger()
    _entry(menu, "Show in folder").trigger()
    assert opened == [saved, str(tmp_path / "downloads")]
    assert md5_of(tmp_path / "downloads" / "kept.txt") == digest

    _entry(finished.menu_for([download_row]), "Download again").trigger()
    again = lambda: [r for r in rows(second) if r.saved_path.endswith("kept (1).txt")]  # noqa: E731
    qtbot.waitUntil(lambda: bool(again()) and again()[0].status is Status.DONE, timeout=20000)

    second.retry_failed_action.trigger()  # an earlier run's failure: queued afresh, and now it goes through
    qtbot.waitUntil(lambda: failed.model().rowCount() == 0, timeout=10000)
    qtbot.waitUntil(
        lambda: any(r.name == "refused.txt" and r.status is Status.DONE for r in rows(second)), timeout=20000
    )

    second.clear_history_action.trigger()
    second.controller.flush()
    assert finished.model().rowCount() == 0 and failed.model().rowCount() == 0
    _close(second)
    third = make_window(store="history.sqlite3")
    third.controller.load_history()
    qtbot.wait(300)
    assert third.views["finished"].model().rowCount() == 0
