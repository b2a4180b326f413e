"""A QTimer made in one call, typed (Qt's keyword-property constructor is not in PySide6's stubs)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


def make_timer(parent: QObject, interval_ms: int, slot: Callable[[], object], *, single_shot: bool) -> QTimer:
    timer = QTimer(parent)
    timer.setInterval(interval_ms)
    timer.setSingleShot(single_shot)
    timer.timeout.connect(slot)
    return timer
