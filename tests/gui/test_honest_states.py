"""What a row says is what happened (issue 19 section 4): a skipped download says Skipped and draws no full bar,
a paused upload says it restarts from the beginning (row and tooltip), and a download row shows the asset ID
from the start and the file's name as soon as the answer names it. Over the sandbox, read off the cells."""

from __future__ import annotations

from PySide6.QtCore import Qt

from assetdrop.core.queue.items import Status
from assetdrop.qt.queue_model import Column
from tests.conftest import write_file
from tests.gui.conftest import rows


def _cells(view, row: int) -> dict[Column, str]:
    return {column: view.model().index(row, column).data() for column in Column}


def _highlight_columns(view, row: int) -> int:
    image = view.viewport().grab().toImage()
    rect = view.visualRect(view.model().index(row, Column.PROGRESS))
    highlight = view.palette().highlight().color().getRgb()[:3]
    y = rect.center().y() - 4
    return sum(
        sum(abs(a - b) for a, b in zip(image.pixelColor(x, y).getRgb()[:3], highlight, strict=True)) < 90
        for x in range(rect.left(), rect.right())
    )


def test_a_skipped_download_says_skipped_and_draws_no_bar(qtbot, make_window, provider, tmp_path):
    source = tmp_path / "twice.txt"
    write_file(source, 20_000)
    asset_id = provider.upload(source).asset_id
    window = make_window(conflict_policy="skip")
    (tmp_path / "downloads").mkdir()
    (tmp_path / "downloads" / "twice.txt").write_bytes(b"mine")  # the name is taken
    window.controller.add_asset_ids([asset_id])
    qtbot.waitUntil(lambda: bool(rows(window)) and rows(window)[0].is_finished, timeout=20000)
    window.controller.flush()
    view = window.views["finished"]
    window.tabs.setCurrentWidget(view)
    cells = _cells(view, 0)
    assert cells[Column.STATUS].startswith("Skipped") and cells[Column.PROGRESS] == ""
    assert "already exists" in view.model().index(0, Column.STATUS).data(Qt.ToolTipRole)
    assert _highlight_columns(view, 0) == 0  # no bar at all, let alone a full one
    assert (tmp_path / "downloads" / "twice.txt").read_bytes() == b"mine"


def test_a_paused_upload_says_it_will_restart(qtbot, make_window, tmp_path):
    window = make_window(upload_limit_kib=2048)
    big = tmp_path / "big.bin"
    write_file(big, 64 * 1024 * 1024)
    window.add_paths([big])
    qtbot.waitUntil(lambda: bool(rows(window)) and rows(window)[0].done > 0, timeout=20000)
    window.controller.pause([rows(window)[0].id])
    qtbot.waitUntil(lambda: rows(window)[0].status is Status.PAUSED, timeout=20000)
    window.controller.flush()
    view = window.views["uploads"]
    status = view.model().index(0, Column.STATUS)
    assert status.data() == "Paused: restarts from the beginning"
    assert "from its first byte" in status.data(Qt.ToolTipRole)
    window.controller.cancel([rows(window)[0].id])
    qtbot.waitUntil(lambda: not window.controller.busy, timeout=10000)  # else closing asks first


def test_a_download_row_shows_the_asset_id_at_once_and_the_name_when_known(qtbot, make_window, provider, tmp_path):
    source = tmp_path / "named later.bin"
    write_file(source, 24 * 1024 * 1024)
    asset_id = provider.upload(source).asset_id
    window = make_window(download_limit_kib=4096)
    view = window.views["downloads"]
    window.controller.add_asset_ids([asset_id])
    qtbot.waitUntil(lambda: view.model().rowCount() == 1, timeout=10000)
    assert view.model().index(0, Column.ASSET_ID).data() == asset_id  # before any byte
    qtbot.waitUntil(lambda: rows(window)[0].status is Status.DOWNLOADING and rows(window)[0].done > 0, timeout=20000)
    qtbot.waitUntil(lambda: view.model().index(0, Column.NAME).data() == "named later.bin", timeout=5000)
    assert not rows(window)[0].is_finished  # named while it downloads, not at the end
    assert view.model().index(0, Column.ASSET_ID).data() == asset_id
    window.controller.cancel([rows(window)[0].id])
    qtbot.waitUntil(lambda: not window.controller.busy, timeout=10000)  # else closing asks first
