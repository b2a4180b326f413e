"""The core reports through plain callbacks from worker threads; this QObject hands them to the GUI thread.

Changes are collected here, on the reporting thread, and announced with one signal until the GUI thread takes
them: ten thousand items queued at once cost one queued signal, not ten thousand slot calls in one event-loop
pass (which froze the window for a third of a second). Widgets are only ever touched on the GUI thread.

Each item is copied as it is reported. The queue reports copies already; this one keeps rows from changing
under the GUI's feet (a row drawn half from its old state, half from its new one) whoever reports an item.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal


class QueueBridge(QObject):
    changes_waiting = Signal()  # take() them on the GUI thread

    def __init__(self, parent=None):
        super().__init__(parent)
        self._lock = threading.Lock()
        self._pending: dict = {}
        self._announced = False

    def __call__(self, item) -> None:  # the core's on_change callback, any thread
        item = item.snapshot()
        with self._lock:
            self._pending[item.id] = item  # a newer snapshot of the same item replaces the older one
            if self._announced:
                return
            self._announced = True
        self.changes_waiting.emit()

    def take(self) -> list:
        with self._lock:
            items, self._pending, self._announced = list(self._pending.values()), {}, False
        return items
