"""What happens to a watched file after its upload: left, moved to a folder, or deleted.

Called only once the queue item ended DONE with its asset ID and the ledger says `uploaded` (watcher.py), so a
file is never moved or deleted before its registration succeeded; a failed upload leaves it where it is. Each
action can be repeated safely: a file already gone (moved or deleted before a crash) counts as done.
"""

from __future__ import annotations

import enum
import os
import shutil
from dataclasses import dataclass
from pathlib import Path


class AfterUpload(enum.Enum):
    LEAVE = "leave"
    MOVE = "move"
    DELETE = "delete"


@dataclass(frozen=True)
class Action:
    kind: AfterUpload = AfterUpload.LEAVE
    move_to: Path | None = None  # for MOVE: absolute, or relative to the watched folder

    def target_folder(self, watched: Path) -> Path | None:
        if self.kind is not AfterUpload.MOVE or self.move_to is None:
            return None
        return self.move_to if self.move_to.is_absolute() else watched / self.move_to

    def apply(self, path: Path, watched: Path) -> Path | None:
        """Carry the action out on `path`; returns where the file is now (None: deleted or already gone).
        Raises OSError when it cannot be done (the caller says so and leaves the file)."""
        if self.kind is AfterUpload.LEAVE:
            return path
        if not path.exists():
            return None
        if self.kind is AfterUpload.DELETE:
            path.unlink()
            return None
        folder = self.target_folder(watched)
        assert folder is not None
        try:
            relative = path.relative_to(watched)
        except ValueError:
            relative = Path(path.name)
        target = _free_name(folder / relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, target)  # "create if absent": never over a file that is already there
        except OSError:  # another file system, or one without hard links: copied, then the original removed
            shutil.move(path, target)
            return target
        path.unlink()
        return target


def _free_name(target: Path) -> Path:
    """`name.ext`, else `name (1).ext`, `name (2).ext`…"""
    candidate, n = target, 0
    while candidate.exists():
        n += 1
        candidate = target.with_name(f"{target.stem} ({n}){target.suffix}")
    return candidate
