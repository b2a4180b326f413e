"""Every directory Assetdrop reads or writes, in one place.

Set `ASSETDROP_HOME` to put config, data, logs and cache under one folder (development, tests, portable use);
otherwise platformdirs' per-user folders are used. The download default is the user's Downloads folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from .errors import ConfigError
from .sentence import translate

APP_NAME = "assetdrop"
APP_AUTHOR = "Assetdrop"


def _home_override() -> Path | None:
    value = os.environ.get("ASSETDROP_HOME")
    return Path(value).expanduser() if value else None


def _dir(kind: str) -> Path:
    override = _home_override()
    if override is not None:
        path = override / kind
    else:
        getter = getattr(platformdirs, f"user_{kind}_path")
        path = getter(APP_NAME, APP_AUTHOR)
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        if os.stat(path).st_mode & 0o077:  # ours alone: the queue and settings name accounts and hold signed URLs
            os.chmod(path, 0o700)
    except OSError as exc:
        raise ConfigError(
            translate(
                "paths",
                "Cannot create the folder {path} ({reason}). Make it writable, or set ASSETDROP_HOME to "
                "a folder you can write to.",
            ).format(path=path, reason=exc.strerror or exc)
        ) from exc
    return path


def config_dir() -> Path:
    return _dir("config")


def data_dir() -> Path:
    return _dir("data")


def log_dir() -> Path:
    return _dir("log")


def cache_dir() -> Path:
    return _dir("cache")


def downloads_dir() -> Path:
    override = _home_override()
    if override is not None:
        return override / "downloads"
    return platformdirs.user_downloads_path()
