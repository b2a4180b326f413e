"""SVG icons from the resources folder, rendered by Qt at whatever size and device pixel ratio is asked."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from ..resources import resource_path

APP_ICON = "io.assetdrop.Assetdrop"


@cache
def icon(name: str) -> QIcon:
    path = resource_path("icons", f"{name}.svg")
    return QIcon(str(path)) if path.is_file() else QIcon()


def app_icon() -> QIcon:
    return icon(APP_ICON)
