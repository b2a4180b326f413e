"""The progress column as drawn: a table of rows at 0, 27, 64 and 100% rendered into an image, and the bar's
filled part read off its pixel columns (issue 19 section 1: the bar was drawn vertically, so 27% showed an
empty box with a thin line at its bottom)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage

from assetdrop.core.queue.items import Direction, Status, TransferItem
from assetdrop.qt.queue_model import Column
from assetdrop.qt.queue_rows import QueueRows
from assetdrop.qt.transfers_view import TransfersView

PERCENTS = (0, 27, 64, 100)


def _item(item_id: int, percent: int) -> TransferItem:
    return TransferItem(
        id=item_id,
        direction=Direction.UPLOAD,
        source=f"/data/f{item_id}.bin",
        name=f"f{item_id}.bin",
        profile="P",
        size=1000,
        done=percent * 10,
        status=Status.UPLOADING,
    )


def _render(qtbot) -> tuple[TransfersView, QImage]:
    rows = QueueRows()
    rows.apply([_item(n + 1, p) for n, p in enumerate(PERCENTS)])
    done = _item(len(PERCENTS), 100)
    done.status = Status.DONE
    rows.apply([done], hold_leaving=True)  # a row that has just finished, still shown in Uploads
    view = TransfersView(rows.tabs["uploads"], "Uploads")
    qtbot.addWidget(view)
    view.resize(900, 300)
    view.setColumnWidth(Column.PROGRESS, 200)
    view.show()
    qtbot.waitExposed(view)
    image = view.viewport().grab().toImage()  # the viewport as Qt paints it (widget.render into an image)
    return view, image


def _near_highlight(view, colour: QColor) -> bool:
    """Painted in (a shade of) the highlight colour: the chunk is drawn with a gradient."""
    highlight = view.palette().highlight().color()
    return sum(abs(a - b) for a, b in zip(colour.getRgb()[:3], highlight.getRgb()[:3], strict=True)) < 90


def _filled(view, image, row: int, start: float = 0.0, end: float = 1.0) -> float:
    """The share of the bar's pixel columns between `start` and `end` of its width painted as the chunk (read a
    little above the middle line too, where the percentage text does not cover it)."""
    rect = view.visualRect(view.model().index(row, Column.PROGRESS)).adjusted(4, 0, -4, 0)
    y = rect.center().y()
    xs = range(rect.left() + int(rect.width() * start), rect.left() + int(rect.width() * end))
    filled = [x for x in xs if any(_near_highlight(view, image.pixelColor(x, y + dy)) for dy in (0, -4))]
    return len(filled) / len(xs)


def test_bars_fill_from_the_left_by_their_share(qtbot):
    view, image = _render(qtbot)
    shares = [_filled(view, image, row) for row in range(len(PERCENTS))]
    assert shares[0] < 0.05, shares
    assert 0.20 < shares[1] < 0.34, shares
    assert 0.57 < shares[2] < 0.71, shares
    assert shares[3] > 0.95, shares
    # the chunk grows from the left edge: at 27% the bar's left fifth is filled and its right half is empty
    assert _filled(view, image, 1, 0.02, 0.2) > 0.9
    assert _filled(view, image, 1, 0.5, 1.0) == 0.0
