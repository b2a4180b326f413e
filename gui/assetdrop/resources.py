"""Find bundled resources (icons, .desktop file) the same way from a source tree, an install, or a frozen bundle."""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resources_dir() -> Path:
    if getattr(sys, "frozen", False):  # PyInstaller one-folder bundle
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "resources"
    for candidate in (_PACKAGE.parent.parent / "resources", _PACKAGE / "resources"):
        if candidate.is_dir():
            return candidate
    return _PACKAGE.parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
