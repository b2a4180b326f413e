"""The tab models without proxies: each change lands in the right tab, in queue order, with consistent Qt signals
(Qt's model tester watches every change), and selections survive rows leaving around them."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from pytestqt.modeltest import ModelTester

from assetdrop.core.queue.items import Direction, Status, TransferItem
from assetdrop.qt.queue_model import ITEM_ROLE, Column
from assetdrop.qt.queue_rows import QueueRows
from assetdrop.qt.transfers_view import TransfersView


def item(item_id, direction=Direction.UPLOAD, **changes):
    changes.setdefault("size", 1000)
    return TransferItem(
        id=item_id, direction=direction, source=f"/data/f{item_id}.bin", name=f"f{item_id}.bin", profile="P", **changes
    )


def ids(model):
    return [model.index(row, 0).data(ITEM_ROLE).id for row in range(model.rowCount())]


@pytest.fixture
def rows(qtbot, request):
    queue_rows = QueueRows()
    testers = []
    for model in queue_rows.tabs.values():  # pytest-qt's model tester re-checks a model on every signal it sends
        testers.append(ModelTester(request.config))
        testers[-1].check(model, force_py=True)
    yield queue_rows
    del testers


def test_each_item_lands_in_its_tab_in_queue_order(rows):
    rows.apply([item(5), item(2, Direction.DOWNLOAD), item(3), item(1), item(4, status=Status.DONE)])
    assert ids(rows.tabs["uploads"]) == [1, 3, 5]
    assert ids(rows.tabs["downloads"]) == [2]
    assert ids(rows.tabs["finished"]) == [4]
    assert [i.id for i in rows.items()] == [5, 2, 3, 1, 4]  # the order the window first saw them


def test_a_finished_row_moves_to_finished_and_back_on_retry(rows):
    rows.apply([item(i) for i in range(1, 7)])
    rows.apply(
        [
            item(2, status=Status.DONE, asset_id="a2"),
            item(5, status=Status.FAILED, error_message="boom"),
            item(3, status=Status.UPLOADING, done=400),
        ]
    )
    uploads, finished, failed = rows.tabs["uploads"], rows.tabs["finished"], rows.tabs["failed"]
    assert ids(uploads) == [1, 3, 4, 6] and ids(finished) == [2] and ids(failed) == [5]
    assert uploads.index(1, Column.PROGRESS).data() == "40%"
    rows.apply([item(4, status=Status.UPLOADING, done=998)])  # all but sent: not "100%" until it is Done
    assert uploads.index(2, Column.PROGRESS).data() == "99%"
    assert finished.index(0, Column.ASSET_ID).data() == "a2"
    assert failed.index(0, Column.STATUS).data() == "Failed: boom"
    assert failed.index(0, Column.NAME).data(Qt.DecorationRole) is not None  # the red mark
    assert finished.index(0, Column.NAME).data(Qt.DecorationRole) is None
    rows.apply([item(5)])  # retried: queued again, back at its place in the queue
    assert ids(uploads) == [1, 3, 4, 5, 6] and ids(finished) == [2] and ids(failed) == []
    assert uploads.index(3, Column.STATUS).data() == "Queued"


def test_a_batch_of_new_rows_between_existing_ones_keeps_id_order(rows):
    rows.apply([item(i) for i in (10, 20, 30)])
    rows.apply([item(i) for i in (35, 5, 15, 25, 12, 40)])
    assert ids(rows.tabs["uploads"]) == [5, 10, 12, 15, 20, 25, 30, 35, 40]


def test_removed_ids_leave_whichever_tab_holds_them(rows):
    rows.apply([item(1), item(2, status=Status.DONE), item(3, Direction.DOWNLOAD), item(4)])
    rows.remove_ids({2, 3, 99})
    assert ids(rows.tabs["uploads"]) == [1, 4]
    assert rows.tabs["finished"].rowCount() == rows.tabs["downloads"].rowCount() == 0
    assert len(rows) == 2 and rows.item(2) is None


def test_totals_follow_every_change(rows):
    rows.apply([item(1), item(2), item(3, Direction.DOWNLOAD, size=None)])
    assert rows.totals() == (0, 2000, 0.0, 0) and rows.to_do() == 3
    rows.apply([item(1, status=Status.UPLOADING, done=300, rate=50.0), item(2, status=Status.PAUSED)])
    assert rows.totals() == (300, 1000, 50.0, 1) and rows.to_do() == 2
    rows.apply([item(1, status=Status.DONE, done=1000), item(3, Direction.DOWNLOAD, status=Status.FAILED)])
    assert rows.totals() == (0, 0, 0.0, 0) and rows.to_do() == 0
    assert [i.id for i in rows.with_status(Status.PAUSED)] == [2]


def test_the_same_snapshot_again_is_redrawn_with_fresh_text(rows, monkeypatch):
    waiting = item(1, status=Status.RETRYING, retry_at=1000.0, attempt=1, max_attempts=3)
    monkeypatch.setattr("assetdrop.core.queue.items.time.time", lambda: 990.0)
    rows.apply([waiting])
    cell = rows.tabs["uploads"].index(0, Column.STATUS)
    assert cell.data().startswith("Retrying in 10 s")
    monkeypatch.setattr("assetdrop.core.queue.items.time.time", lambda: 997.0)
    rows.apply(rows.with_status(Status.RETRYING))  # what the controller's countdown does once a second
    assert cell.data().startswith("Retrying in 3 s")


def test_a_selected_row_stays_selected_when_rows_around_it_finish(qtbot, rows):
    rows.apply([item(i) for i in range(1, 11)])
    view = TransfersView(rows.tabs["uploads"], "Uploads")
    qtbot.addWidget(view)
    view.selectionModel().select(
        view.model().index(6, 0), QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows
    )
    rows.apply([dataclasses.replace(item(i), status=Status.DONE) for i in (1, 2, 3, 9)])
    assert [i.id for i in view.selected_items()] == [7]
    assert view.model().index(0, Column.NAME).data(Qt.ToolTipRole) == "/data/f4.bin"


def test_finished_rows_can_be_held_in_their_tab_until_settled(rows):
    rows.apply([item(i) for i in range(1, 6)])
    rows.apply(
        [item(1, status=Status.DONE), item(2, status=Status.FAILED), item(3, status=Status.DONE)], hold_leaving=True
    )
    uploads, finished = rows.tabs["uploads"], rows.tabs["finished"]
    assert ids(uploads) == [1, 2, 3, 4, 5] and rows.leaving() == 3
    assert uploads.index(0, Column.STATUS).data() == "Done"
    rows.apply([item(2)], hold_leaving=True)  # retried before it moved: it stays, and stays put
    rows.remove_ids({3})
    assert rows.leaving() == 1
    rows.settle()
    assert ids(uploads) == [2, 4, 5] and ids(finished) == [1] and rows.leaving() == 0
    assert rows.to_do() == 3


def test_a_change_announces_only_the_cells_whose_text_changed(rows):
    rows.apply([item(1), item(2)])
    uploads = rows.tabs["uploads"]
    for column in Column:  # drawn once, as a paint would
        uploads.index(1, column).data()
    announced = []
    uploads.dataChanged.connect(
        lambda first, last, roles=(): announced.append((first.row(), first.column(), last.row(), last.column()))
    )
    rows.apply([item(2, status=Status.UPLOADING, done=0, rate=0.0)])
    assert announced == [(1, Column.PROGRESS, 1, Column.STATUS)]  # "0%" again, but now drawn as a bar
    announced.clear()
    rows.apply([item(2, status=Status.UPLOADING, done=400, rate=0.0)])
    assert announced == [(1, Column.PROGRESS, 1, Column.PROGRESS)]
    announced.clear()
    rows.apply([item(2, status=Status.UPLOADING, done=400, rate=0.0)])
    assert announced == []  # nothing to redraw
    big = dataclasses.replace(item(2, status=Status.UPLOADING, rate=0.0), size=100_000_000)
    rows.apply([dataclasses.replace(big, done=1_200_000)])
    announced.clear()
    rows.apply([dataclasses.replace(big, done=1_290_000)])
    assert announced == []  # the bar is drawn in thousandths: 12.0 -> 12.9 is the same bar, "1%" the same text
    rows.apply([dataclasses.replace(big, done=1_400_000)])
    assert announced == [(1, Column.PROGRESS, 1, Column.PROGRESS)]  # still "1%", but a longer bar
