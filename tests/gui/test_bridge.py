"""The bridge hands the GUI snapshots that no other thread changes afterwards."""

from __future__ import annotations

from assetdrop.core.queue.items import Status
from assetdrop.core.queue.transfer_queue import TransferQueue
from assetdrop.qt.bridge import QueueBridge


def test_items_taken_by_the_gui_do_not_change_when_the_queue_changes_its_own(qtbot, tmp_path):
    bridge = QueueBridge()
    queue = TransferQueue(on_change=bridge)
    path = tmp_path / "a.txt"
    path.write_bytes(b"abc")
    with qtbot.waitSignal(bridge.changes_waiting):
        [item_id] = queue.add_uploads([path], "P")
    [taken] = bridge.take()
    queue.pause(item_id)  # the queue changes its own item...
    assert taken.status is Status.QUEUED  # ...not the snapshot the GUI holds
    [paused] = bridge.take()
    assert paused.id == item_id and paused.status is Status.PAUSED
    queue.close()
