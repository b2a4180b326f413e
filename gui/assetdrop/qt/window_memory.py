"""The main window opens where it was left (size, position, the Browse splitter, each table's columns), and
always inside the screen it opens on: at QT_SCALE_FACTOR=2 a 1440x900 screen has 720x450 logical pixels, and
the default 1100x680 would hang off it (issue 19 section 9).

The state is Qt's own saveGeometry/saveState bytes, base64 text in core/window_state.py's file."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect
from PySide6.QtGui import QGuiApplication

from ..core import window_state

DEFAULT_SIZE = (1100, 680)
MARGIN = 0.95  # at most this share of the available screen, so the frame and a panel stay visible


def _encode(data: QByteArray) -> str:
    return bytes(data.toBase64().data()).decode("ascii")


def _decode(text: str) -> QByteArray:
    return QByteArray.fromBase64(QByteArray(text.encode("ascii")))


def _parts(window) -> dict:
    """Everything remembered besides the geometry: name -> object with saveState/restoreState."""
    parts = {f"header.{key}": view.horizontalHeader() for key, view in window.views.items()}
    parts["header.browse"] = window.browse.table.horizontalHeader()
    parts["splitter.browse"] = window.browse.splitter
    return parts


def restore(window, path=None) -> None:
    state = window_state.load(path)
    window.resize(*DEFAULT_SIZE)
    if "geometry" in state:
        window.restoreGeometry(_decode(state["geometry"]))
    for name, part in _parts(window).items():
        if name in state:
            part.restoreState(_decode(state[name]))
    fit_to_screen(window)


def remember(window, path=None) -> None:
    state = {"geometry": _encode(window.saveGeometry())}
    state.update({name: _encode(part.saveState()) for name, part in _parts(window).items()})
    window_state.save(state, path)


def fit_to_screen(window) -> None:
    """Shrink and move the window so all of it lies on the available part of its screen."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    available: QRect = screen.availableGeometry()
    frame = window.frameGeometry()
    extra_w, extra_h = frame.width() - window.width(), frame.height() - window.height()  # title bar, borders
    width = min(window.width(), int(available.width() * MARGIN) - extra_w)
    height = min(window.height(), int(available.height() * MARGIN) - extra_h)
    width = max(width, min(window.minimumWidth(), available.width()))
    height = max(height, min(window.minimumHeight(), available.height()))
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    frame = window.frameGeometry()
    x = min(max(frame.x(), available.left()), available.right() + 1 - frame.width())
    y = min(max(frame.y(), available.top()), available.bottom() + 1 - frame.height())
    if (x, y) != (frame.x(), frame.y()):
        window.move(max(x, available.left()), max(y, available.top()))
