"""Staging folders: where assets dragged out of the window are downloaded before a file manager copies them to
where they were dropped (qt/asset_drag.py).

Each drag gets its own folder under the cache folder (core/paths.py), so names never clash between drags and
nothing in the download folder is touched. The file manager copies from here, so a folder is of no use once the
drop is over; folders older than a day are removed when the next one is made.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from pathlib import Path

from . import paths

log = logging.getLogger(__name__)
KEEP_SECONDS = 24 * 3600


def root() -> Path:
    return paths.cache_dir() / "dragged"


def new_folder(*, now: float | None = None) -> Path:
    """A fresh private folder for one drag (older ones removed first)."""
    base = root()
    base.mkdir(parents=True, exist_ok=True)
    prune(now=now)
    return Path(tempfile.mkdtemp(prefix=time.strftime("%Y%m%d-%H%M%S-"), dir=base))


def prune(*, now: float | None = None) -> int:
    """Remove the staging folders older than KEEP_SECONDS; returns how many went."""
    limit = (time.time() if now is None else now) - KEEP_SECONDS
    removed = 0
    for folder in root().iterdir() if root().is_dir() else ():
        try:
            if folder.is_dir() and not folder.is_symlink() and folder.stat().st_mtime < limit:
                shutil.rmtree(folder)
                removed += 1
        except OSError as exc:
            log.warning("could not remove the staging folder %s: %s", folder, exc)
    return removed


def entries(folder: Path) -> list[Path]:
    """What a drop gets: the files and folders the downloads made at the top of the staging folder (temporary
    files of unfinished downloads left out)."""
    return sorted(p for p in folder.iterdir() if not p.name.startswith(".")) if folder.is_dir() else []
