"""A big folder drop reaches the tables a slice at a time, the event loop turning in between, and every row ends
up in exactly one tab showing the queue's latest state."""

from __future__ import annotations

import threading

from PySide6.QtCore import QTimer

from assetdrop.core.local_files import expand_paths
from assetdrop.core.queue.items import Status
from assetdrop.qt import controller
from assetdrop.qt.queue_model import ITEM_ROLE
from tests.gui.conftest import rows
from tests.gui.test_main_window import drop

FILES = 1200


def shown_ids(window) -> list[int]:
    return [
        view.model().index(row, 0).data(ITEM_ROLE).id
        for view in window.views.values()
        for row in range(view.model().rowCount())
    ]


def test_a_big_drop_is_listed_over_several_event_loop_passes(qtbot, make_window, sandbox, tmp_path, monkeypatch):
    # No time budget: every slice of 100 rows gets a pass of its own, whatever the machine's speed.
    monkeypatch.setattr(controller, "FLUSH_BUDGET_S", 0.0)
    monkeypatch.setattr(controller, "FLUSH_SLICE", 100)
    folder = tmp_path / "big"
    folder.mkdir()
    for i in range(FILES):
        (folder / f"f{i:04d}.txt").write_bytes(b"x" * (i % 7 + 1))
    window = make_window(concurrency=2)
    window.quitting = True  # closing at the end will not ask about the transfers still queued
    turns = [0]
    heartbeat = QTimer(interval=0, timeout=lambda: turns.__setitem__(0, turns[0] + 1))
    heartbeat.start()
    inserted_at_turn = []
    for view in window.views.values():
        view.model().rowsInserted.connect(lambda parent, first, last: inserted_at_turn.append(turns[0]))

    drop(qtbot, window.drop_zone, paths=[folder])
    qtbot.waitUntil(lambda: len(shown_ids(window)) >= FILES, timeout=30000)
    heartbeat.stop()
    assert len(set(inserted_at_turn)) >= FILES // 100  # not one long pass: the loop turned between slices

    window.controller.shutdown()  # workers stopped: the queue changes no more
    window.controller.flush()
    queue = {item.id: item.status for item in window.session.queue.items()}
    assert sorted(shown_ids(window)) == sorted(queue)  # each row once, in one tab
    assert {item.id: item.status for item in rows(window)} == queue


def test_a_newer_change_is_never_overtaken_by_an_older_one_still_waiting(qtbot, make_window, tmp_path, monkeypatch):
    monkeypatch.setattr(controller, "FLUSH_BUDGET_S", 0.0)
    monkeypatch.setattr(controller, "FLUSH_SLICE", 2)
    window = make_window()
    window.quitting = True
    window.controller.shutdown()  # no worker takes the items: only the calls below change them
    paths = [tmp_path / f"f{i}.txt" for i in range(6)]
    for path in paths:
        path.write_bytes(b"x")
    queue = window.session.queue
    ids = queue.add_uploads(paths, "Sandbox")
    window.controller.flush()
    for item_id in ids:
        queue.pause(item_id)
    window.controller._flush()  # one pass: two paused rows shown, the other four still waiting in the backlog
    assert sorted(i.id for i in window.controller.model.with_status(Status.PAUSED)) == ids[:2]
    for item_id in ids:
        queue.resume(item_id)  # newer than the waiting "paused" snapshots
    qtbot.waitUntil(lambda: not window.controller._backlog and not window.controller._pending, timeout=5000)
    window.controller.flush()
    assert [i.status for i in rows(window)] == [Status.QUEUED] * 6


def test_tables_wait_while_a_drop_is_being_queued_but_not_forever(qtbot, make_window, tmp_path, monkeypatch):
    gate = threading.Event()

    def expand_when_released(paths, **options):
        gate.wait(30)
        return expand_paths(paths, **options)

    monkeypatch.setattr(controller, "expand_paths", expand_when_released)
    monkeypatch.setattr(controller, "ADDING_FLUSH_MS", 3_600_000)
    folder = tmp_path / "held"
    folder.mkdir()
    for i in range(20):
        (folder / f"f{i}.txt").write_bytes(b"x")
    window = make_window()
    window.quitting = True
    window.add_paths([folder])
    window.controller.add_asset_ids(["0123456789abcdef0123456789abcdef"])  # a change while the drop is queued
    qtbot.wait(controller.FLUSH_MS * 5)
    assert shown_ids(window) == []  # held: the background thread is still queueing
    gate.set()
    qtbot.waitUntil(lambda: len(shown_ids(window)) == 21, timeout=10000)

    monkeypatch.setattr(controller, "ADDING_FLUSH_MS", 0)  # a drop slower than the cap: changes show anyway
    gate.clear()
    window.add_paths([folder])
    window.controller.add_asset_ids(["fedcba9876543210fedcba9876543210"])
    qtbot.waitUntil(lambda: len(shown_ids(window)) == 22, timeout=10000)
    gate.set()
    qtbot.waitUntil(lambda: len(shown_ids(window)) == 42, timeout=10000)
