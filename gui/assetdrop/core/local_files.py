"""Expand dropped or named paths into the files to upload: folders recursively, problems reported, not fatal.

Each path is judged on its own: one that cannot be read (missing, unreadable, a name too long for the system)
becomes a problem in words and the rest go on. Inside folders only regular files are taken; everything else is
named with the reason it was left out: named pipes and sockets (never opened, so never blocking), links to
folders (not followed, so no loops and no file twice), links that lead nowhere or loop, and a hard link's second
name (the same file already listed). A link to a file is followed: its target is uploaded under the link's name.

Files found inside a folder keep their path from that folder (`Expansion.names`, "photos/2024/a.jpg"), so a
queue shows where each came from. Junk (core/junk.py) inside folders is left out and counted, not reported as a
problem: it is no one's mistake.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .heap import keep_long_lived
from .junk import is_junk_file, is_junk_folder
from .sentence import translate

FREEZE_EVERY = 4096  # files found between two freezes of what lasts (heap.py)


@dataclass
class Expansion:
    files: list[Path] = field(default_factory=list)
    problems: list[tuple[Path, str]] = field(default_factory=list)
    names: dict[Path, str] = field(default_factory=dict)  # a file found in a folder: its path from that folder
    junk: list[Path] = field(default_factory=list)  # left out by the junk rule


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENAMETOOLONG:
        return translate("local_files", "the name is too long for this system")
    if exc.errno == errno.ELOOP:
        return translate("local_files", "a link that loops")
    if exc.errno == errno.ENOENT:
        return translate("local_files", "no such file or folder")
    return exc.strerror or translate("local_files", "cannot be read")


def _special(mode: int) -> str | None:
    if stat.S_ISFIFO(mode):
        return translate("local_files", "a named pipe, not a regular file")
    if stat.S_ISSOCK(mode):
        return translate("local_files", "a socket, not a regular file")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return translate("local_files", "a device, not a regular file")
    return None


def expand_paths(paths: Iterable[str | Path], *, include_hidden: bool = True, skip_junk: bool = True) -> Expansion:
    """Regular files under `paths`, in a stable order."""
    result = Expansion()
    seen: dict[int, Path] = {}  # (device, inode) as one int: a tuple and two ints were 10 MiB at 100,000 files

    def add(path: Path, st: os.stat_result) -> bool:
        key = st.st_dev << 64 | st.st_ino
        if key in seen:
            if seen[key] != path:
                result.problems.append(
                    (
                        path,
                        translate("local_files", "the same file as {path} (a hard link); uploaded once").format(
                            path=seen[key]
                        ),
                    )
                )
            return False
        seen[key] = path
        result.files.append(path)
        if len(result.files) % FREEZE_EVERY == 0:  # a folder of 100,000 files: its paths last (heap.py)
            keep_long_lived()
        return True

    def walk(top: Path) -> None:
        base = str(top.parent)
        # A file's name from the dropped folder, cut from the joined string: `Path.relative_to` and a Path made
        # of two parts took half the time of expanding a 100,000-file folder (docs/performance.md).
        prefix = base.rstrip(os.sep) + os.sep

        def onerror(exc: OSError) -> None:
            result.problems.append((Path(exc.filename or top), _reason(exc)))

        for root, dirs, names in os.walk(top, onerror=onerror, followlinks=False):
            folder = Path(root)  # each file's Path made from it shares its parts (a third less memory than each parsed)
            dirs.sort()
            kept = []
            for name in dirs:
                if not include_hidden and name.startswith("."):
                    continue
                if skip_junk and is_junk_folder(name):
                    result.junk.append(Path(root, name))
                    continue
                if os.path.islink(os.path.join(root, name)):
                    result.problems.append(
                        (Path(root, name), translate("local_files", "a link to a folder, not followed"))
                    )
                else:
                    kept.append(name)
            dirs[:] = kept
            for name in sorted(names):
                if not include_hidden and name.startswith("."):
                    continue
                if skip_junk and is_junk_file(name):
                    result.junk.append(Path(root, name))
                    continue
                full = os.path.join(root, name)
                path = folder / name
                if one(path, inside=True):
                    relative = full[len(prefix) :] if full.startswith(prefix) else os.path.relpath(full, base)  # "."
                    result.names[path] = relative.replace(os.sep, "/")

    def one(path: Path, *, inside: bool) -> bool:
        """True when `path` was added as a file."""
        try:
            st = os.stat(path)
        except OSError as exc:
            if os.path.islink(path) and exc.errno == errno.ENOENT:
                result.problems.append((path, translate("local_files", "a link to something that does not exist")))
            else:
                result.problems.append((path, _reason(exc)))
            return False
        if stat.S_ISREG(st.st_mode):
            return add(path, st)
        if stat.S_ISDIR(st.st_mode) and not inside:
            walk(path)
        else:
            result.problems.append((path, _special(st.st_mode) or translate("local_files", "not a regular file")))
        return False

    for raw in paths:
        one(Path(raw), inside=False)
    return result
