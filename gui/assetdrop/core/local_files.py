"""Expand dropped or named paths into the files to upload: folders recursively, problems reported, not fatal."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Expansion:
    files: list[Path] = field(default_factory=list)
    problems: list[tuple[Path, str]] = field(default_factory=list)


def expand_paths(paths, *, include_hidden: bool = True) -> Expansion:
    """Regular files under `paths`, in a stable order. Symlinked folders are not followed (no loops)."""
    result = Expansion()
    seen: set[tuple[int, int]] = set()

    def add(path: Path) -> None:
        try:
            st = path.stat()
        except OSError as exc:
            result.problems.append((path, exc.strerror or "cannot be read"))
            return
        key = (st.st_dev, st.st_ino)
        if key not in seen:
            seen.add(key)
            result.files.append(path)

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            def onerror(exc: OSError) -> None:
                result.problems.append((Path(exc.filename or path), exc.strerror or "cannot be read"))

            for root, dirs, names in os.walk(path, onerror=onerror, followlinks=False):
                dirs.sort()
                if not include_hidden:
                    dirs[:] = [d for d in dirs if not d.startswith(".")]
                for name in sorted(names):
                    if not include_hidden and name.startswith("."):
                        continue
                    child = Path(root, name)
                    if child.is_file():
                        add(child)
                    elif not child.exists():
                        result.problems.append((child, "broken link"))
        elif path.is_file():
            add(path)
        elif path.exists():
            result.problems.append((path, "not a regular file"))
        else:
            result.problems.append((path, "no such file or folder"))
    return result
