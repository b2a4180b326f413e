"""The build backend: setuptools', plus PySide6-Essentials when a wheel is built (not for an editable install or an
sdist), because the wheel's compiled translations come from pyside6-lrelease, which PySide6-Essentials ships
(setup.py compiles them; tests/e2e/test_wheel.py builds a wheel from the sdist and looks inside).

The pin is the app's own dependency in pyproject.toml (the test checks they agree), so the build needs no package
the app does not already need."""

from __future__ import annotations

from typing import Any

from setuptools import build_meta as _setuptools
from setuptools.build_meta import *  # noqa: F403  (the rest of the PEP 517 / 660 hooks, unchanged)

LRELEASE_FROM = "PySide6-Essentials>=6.7,<6.12"


def get_requires_for_build_wheel(config_settings: dict[str, Any] | None = None) -> list[str]:
    return [*_setuptools.get_requires_for_build_wheel(config_settings), LRELEASE_FROM]
