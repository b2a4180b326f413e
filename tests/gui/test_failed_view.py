"""Failures a person sees (issue 19 section 2): a Failed tab whose title counts its rows, a red mark drawn on
each failed row, "N failed" in the status bar until the tab is looked at, Clear finished leaving failed rows,
and Retry failed acting on the rows as they stand."""

from __future__ import annotations

from PySide6.QtCore import Qt

from assetdrop.core.queue.items import Status
from assetdrop.qt.queue_model import Column
from tests.conftest import write_file
from tests.gui.conftest import rows


def _tab_title(window, key: str) -> str:
    return window.tabs.tabText(window.tabs.indexOf(window.views[key]))


def _red_pixels(view, row: int) -> int:
    """Pixels drawn in the failed mark's red inside the row's Name cell."""
    image = view.viewport().grab().toImage()
    rect = view.visualRect(view.model().index(row, Column.NAME))
    count = 0
    for x in range(rect.left(), rect.left() + rect.height() * 2):
        for y in range(rect.top(), rect.bottom()):
            r, g, b, _ = image.pixelColor(x, y).getRgb()
            count += r > 170 and g < 90 and b < 90
    return count


def test_failures_are_counted_marked_and_kept_until_looked_at(qtbot, make_window, sandbox, tmp_path):
    from assetdrop.core import settings

    window = make_window()
    session = window.session
    session.settings.upsert(settings.Profile("Bad", base_url=sandbox.api_url))
    session.set_runtime_key("Bad", "sbx_definitely_wrong")
    window.refresh_profiles()
    bad = [tmp_path / f"bad{i}.txt" for i in range(2)]
    good = tmp_path / "good.txt"
    for path in [*bad, good]:
        write_file(path, 1000)

    window.profile_combo.setCurrentText("Bad")
    window.add_paths(bad)
    qtbot.waitUntil(lambda: sum(r.status is Status.FAILED for r in rows(window)) == 2, timeout=20000)
    window.profile_combo.setCurrentText("Sandbox")
    window.add_paths([good])
    qtbot.waitUntil(lambda: any(r.status is Status.DONE for r in rows(window)), timeout=20000)
    window.controller.flush()
    if window.notice is not None:
        window.notice.close()

    assert window.tabs.currentWidget() is window.views["uploads"]
    assert _tab_title(window, "failed") == "Failed (2)"
    assert window.failures.button.isVisible() and window.failures.button.text() == "2 failed"
    failed = window.views["failed"]
    assert [failed.model().index(r, Column.NAME).data() for r in range(2)] == ["bad0.txt", "bad1.txt"]
    assert failed.model().index(0, Column.STATUS).data().startswith("Failed: ")

    # Clear finished removes the done row, not the failed ones
    window.clear_action.trigger()
    window.controller.flush()
    assert window.views["finished"].model().rowCount() == 0
    assert failed.model().rowCount() == 2
    assert window.failures.button.isVisible()  # not looked at yet

    # looking: a click on "2 failed" opens the tab, and the notice goes
    qtbot.mouseClick(window.failures.button, Qt.LeftButton)
    assert window.tabs.currentWidget() is failed
    assert not window.failures.button.isVisible()
    assert _red_pixels(failed, 0) > 20 and _red_pixels(failed, 1) > 20
    done_view = window.views["uploads"]  # no red on a row that has not failed
    window.add_paths([good])
    qtbot.waitUntil(lambda: done_view.model().rowCount() == 1, timeout=10000)
    window.tabs.setCurrentWidget(done_view)
    assert _red_pixels(done_view, 0) == 0

    # the key is fixed; Retry failed sends both again, and the tab empties
    session.set_runtime_key("Bad", sandbox.api_key)
    window.retry_failed_action.trigger()
    qtbot.waitUntil(lambda: [r.status for r in rows(window)] == [Status.DONE] * 3, timeout=20000)
    window.controller.flush()
    assert failed.model().rowCount() == 0 and _tab_title(window, "failed") == "Failed"
    assert not window.failures.button.isVisible()
