"""Where the window was left: its geometry, splitter and column layout, as opaque text the Qt layer writes.

A file of its own beside the settings (not QSettings, which would scatter an INI or registry entry elsewhere),
readable only by its owner like the rest of the config folder (core/paths.py). A file that cannot be read is
ignored: the window opens at its default size, which is never worth an error."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from . import paths
from .private_file import write_json

log = logging.getLogger(__name__)
STATE_FILE = "window-state.json"


def state_path() -> Path:
    return paths.config_dir() / STATE_FILE


def load(path: Path | None = None) -> dict[str, str]:
    path = path or state_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.info("ignoring the window state in %s (%s)", path, exc)
        return {}
    if not isinstance(raw, dict):
        return {}
    return {k: v for k, v in raw.items() if isinstance(k, str) and isinstance(v, str)}


def save(state: dict[str, str], path: Path | None = None) -> None:
    """Atomically, mode 0600; a failure is logged, not raised (the window is closing)."""
    path = path or state_path()
    try:
        write_json(path, state, indent=1, sort_keys=True)
    except OSError as exc:
        log.warning("could not save the window state to %s (%s)", path, exc)
