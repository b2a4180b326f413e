"""The core reports through plain callbacks from worker threads; this QObject re-emits them as signals, which Qt
delivers on the GUI thread (queued connections), so widgets are only ever touched there."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class QueueBridge(QObject):
    item_changed = Signal(object)  # a TransferItem snapshot

    def __call__(self, item) -> None:  # the core's on_change callback
        self.item_changed.emit(item)
