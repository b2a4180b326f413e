"""Paints the progress column as a native progress bar (busy, not full, while registering).

Qt 6 dropped QStyleOptionProgressBar.orientation: a style reads the bar's direction from State_Horizontal, and
without it draws the bar vertically (at 27% an empty box with a thin line along its bottom). Checked by
tests/gui/test_progress_drawn.py on the drawn pixels."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionProgressBar

from ..core.queue.items import Status
from .queue_model import ITEM_ROLE

_PROGRESS_BAR = QStyle.ControlElement.CE_ProgressBar  # looked up once: each PySide6 enum lookup costs ~5 us
_HORIZONTAL = QStyle.StateFlag.State_Horizontal
_NO_BAR = frozenset({Status.QUEUED, Status.CANCELLED, Status.FAILED, Status.SKIPPED})


class ProgressDelegate(QStyledItemDelegate):
    def paint(self, painter, option, index) -> None:
        item = index.data(ITEM_ROLE)
        if item is None or item.status in _NO_BAR:
            super().paint(painter, option, index)
            return
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(2, 3, -2, -3)
        bar.minimum, bar.maximum = 0, 1000
        fraction = item.fraction
        if fraction is None:
            bar.progress = 0 if item.status is not Status.DONE else 1000
        else:
            bar.progress = int(fraction * 1000)
        bar.text = index.data() or ""
        bar.textVisible = True
        bar.state = option.state | _HORIZONTAL
        bar.palette = option.palette
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(_PROGRESS_BAR, bar, painter, option.widget)
