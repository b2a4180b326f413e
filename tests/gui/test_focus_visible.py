"""A keyboard focus you can see (issue 19, item 9): while a table has the focus its current row is framed (dark
outline, light line inside), on a plain row and on a selected one; with the focus elsewhere the frame goes. Checked
on the pixels of the real rendering (offscreen: the same painting code as on a screen)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from assetdrop.core.providers.base import AssetSummary
from assetdrop.core.queue.items import Status
from tests.conftest import write_file
from tests.gui.conftest import rows


def _edge(view, row: int):
    """The colours along the top of the row's frame and the line inside it, across the middle of the row."""
    image = view.viewport().grab().toImage()
    top = view.visualRect(view.model().index(row, 0)).top()
    xs = range(view.viewport().width() // 4, view.viewport().width() * 3 // 4, 7)
    return [image.pixelColor(x, top).name() for x in xs], [image.pixelColor(x, top + 2).name() for x in xs]


def _focus(qtbot, window, view, row: int, *, select: bool):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    view.setFocus()
    qtbot.waitUntil(view.hasFocus, timeout=5000)
    flags = QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows if select else QItemSelectionModel.Clear
    view.selectionModel().setCurrentIndex(view.model().index(row, 0), flags)


def test_the_current_row_is_framed_while_a_table_has_the_focus(qtbot, make_window, tmp_path):
    window = make_window()
    for i in range(3):
        write_file(tmp_path / f"focus{i}.txt", 500)
    window.add_paths([tmp_path / f"focus{i}.txt" for i in range(3)])
    qtbot.waitUntil(
        lambda: len(rows(window)) == 3 and all(r.status is Status.DONE for r in rows(window)), timeout=20000
    )
    window.controller.flush()
    view = window.views["finished"]
    window.tabs.setCurrentWidget(view)
    palette = view.palette()
    dark, light = (
        palette.color(QPalette.ColorRole.Text).name(),
        palette.color(QPalette.ColorRole.HighlightedText).name(),
    )

    _focus(qtbot, window, view, 1, select=False)
    outline, inside = _edge(view, 1)
    assert set(outline) == {dark} and set(inside) == {light}  # a plain row, framed
    assert set(_edge(view, 0)[0]) != {dark}  # only the current row
    window.grab().save(str(tmp_path / "focus.png"))  # to look at, when it fails

    _focus(qtbot, window, view, 2, select=True)  # a selected row: the frame stands out from the selection's fill
    outline, inside = _edge(view, 2)
    selection = palette.color(QPalette.ColorRole.Highlight).name()
    assert set(outline) == {dark} and set(inside) == {light} and selection not in outline
    assert set(_edge(view, 1)[0]) != {dark}  # the frame moved with the current row

    window.drop_zone.setFocus()  # the focus leaves the table: no frame
    qtbot.waitUntil(lambda: not view.hasFocus(), timeout=5000)
    qtbot.waitUntil(lambda: set(_edge(view, 2)[0]) != {dark}, timeout=5000)


def test_browse_frames_its_current_result_in_the_list_and_the_grid(qtbot, make_window):
    window = make_window()
    panel = window.browse
    window.tabs.setCurrentWidget(window.browse_page)
    panel.results.show([AssetSummary(asset_id=f"{i:032x}", name=f"asset {i}.jpg", size=100 * i) for i in range(4)])
    dark = panel.table.palette().color(QPalette.ColorRole.Text).name()
    _focus(qtbot, window, panel.table, 1, select=True)
    assert set(_edge(panel.table, 1)[0]) == {dark}
    panel.grid_button.setChecked(True)
    _focus(qtbot, window, panel.grid, 2, select=False)
    image = panel.grid.viewport().grab().toImage()
    rect = panel.grid.visualRect(panel.results.index(2, 0))
    top = [image.pixelColor(x, rect.top()).name() for x in range(rect.left() + 4, rect.right() - 4)]
    assert set(top) == {dark}
