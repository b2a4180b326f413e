"""The temporary file a download is written to, and its move to the final name.

A temporary file never shares a name space with real files: it is `.assetdrop-<random>.part`, hidden, unique per
transfer and recognisable (so `clean` and the start-up sweep find only our own), created exclusively, never
through a symlink and never executable. The move to the final name is a hard link (an atomic "create only if
absent", which a check-then-rename is not), then the temporary name is removed; afterwards the final name must be
the very file written (same device, inode and size), or the download is refused in words.
"""

from __future__ import annotations

import errno
import os
import secrets
import time
from collections.abc import Iterable, Iterator
from enum import Enum
from pathlib import Path

from .. import errors
from ..filenames import TEMPORARY_PREFIX, TEMPORARY_SUFFIX, numbered
from ..sentence import translate

PREFIX, SUFFIX = TEMPORARY_PREFIX, TEMPORARY_SUFFIX
STALE_AFTER = 3 * 24 * 3600  # seconds: the start-up sweep removes our temporary files older than this
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
_CREATE_FLAGS = os.O_RDWR | os.O_CREAT | os.O_EXCL | _NOFOLLOW
_NO_HARD_LINKS = (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK)


class ConflictPolicy(str, Enum):
    RENAME = "rename"  # keep both: `name (1).ext`
    OVERWRITE = "overwrite"
    SKIP = "skip"
    ASK = "ask"  # a person answers: whoever runs the job turns it into a callable (ConflictChoice) first


def local_error(exc: OSError, where: Path) -> errors.LocalFileError:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return errors.LocalFileError(
            translate("transfer.partfile", "The disk holding {where} is full. Free some space and retry.").format(
                where=where
            ),
            title=translate("transfer.partfile", "Disk full"),
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return errors.LocalFileError(
            translate("transfer.partfile", "Cannot write to {where}: permission denied. Choose another folder.").format(
                where=where
            ),
            title=translate("transfer.partfile", "Folder not writable"),
        )
    return errors.LocalFileError(
        translate("transfer.partfile", "Cannot write to {where}: {reason}.").format(
            where=where, reason=exc.strerror or exc
        )
    )


def is_partial(name: str) -> bool:
    return name.startswith(PREFIX) and name.endswith(SUFFIX)


def create(folder: Path) -> tuple[Path, int]:
    """A new temporary file in `folder`: its path and a descriptor open for writing (and reading back: the
    hash of a download fetched over several connections is taken from the file, parallel.py)."""
    for _ in range(8):
        part = folder / f"{PREFIX}{secrets.token_hex(8)}{SUFFIX}"
        try:
            return part, os.open(part, _CREATE_FLAGS, 0o644)
        except FileExistsError:
            continue
        except OSError as exc:
            raise local_error(exc, folder) from exc
    raise errors.LocalFileError(
        translate("transfer.partfile", "Could not create a temporary file in {folder}.").format(folder=folder)
    )


def reopen(part: Path, offset: int) -> int | None:
    """An earlier attempt's temporary file, opened to append at `offset` (never through a symlink); None if it
    is not there or not usable."""
    try:
        fd = os.open(part, os.O_RDWR | _NOFOLLOW)
    except OSError:
        return None
    if os.fstat(fd).st_size != offset:
        os.ftruncate(fd, offset)
    os.lseek(fd, offset, os.SEEK_SET)
    return fd


def finalize(part: Path, final: Path, policy: ConflictPolicy, written: os.stat_result) -> tuple[Path, bool]:
    """Give the written file its final name (or a numbered one); returns (path, skipped). `written` is the
    temporary file's status taken before it was closed: the final name must turn out to be that same file."""
    if policy is ConflictPolicy.SKIP and os.path.lexists(final):
        discard(part)
        return final, True
    if policy is ConflictPolicy.OVERWRITE:
        if final.is_symlink() or final.is_dir():
            raise errors.LocalFileError(
                translate("transfer.partfile", "{final} exists and is not a regular file; not overwriting it.").format(
                    final=final
                )
            )
        os.replace(part, final)
        return _checked(final, written), False
    n = 0
    while True:
        target = final if n == 0 else final.with_name(numbered(final.name, n))
        try:
            os.link(part, target, follow_symlinks=False)  # atomic "create only if absent", unlike rename
        except FileExistsError:
            n += 1
            continue
        except OSError as exc:
            if exc.errno not in _NO_HARD_LINKS:
                raise
            if os.path.lexists(target):  # a file system without hard links: check, then rename (a race, the best
                n += 1  # such a file system allows), and the check below still catches a swap
                continue
            os.rename(part, target)
            return _checked(target, written), False
        discard(part)
        return _checked(target, written), False


def _checked(path: Path, written: os.stat_result) -> Path:
    try:
        now = os.stat(path, follow_symlinks=False)
    except OSError:
        now = None
    if now is None or (now.st_dev, now.st_ino, now.st_size) != (written.st_dev, written.st_ino, written.st_size):
        raise errors.LocalFileError(
            translate(
                "transfer.partfile",
                "{path} was replaced by another program while the download was being saved; it is not "
                "the file that was downloaded. Retry the download.",
            ).format(path=path),
            title=translate("transfer.partfile", "File replaced"),
        )
    return path


def discard(part: Path | str | None) -> None:
    """Remove a temporary file that will not be resumed (never follows a symlink)."""
    if not part:
        return
    try:
        os.unlink(part)
    except OSError:
        pass


def found_in(folders: Iterable[Path], *, older_than: float = 0.0) -> Iterator[Path]:
    """Our temporary files in these folders (not below them), at least `older_than` seconds old."""
    now = time.time()
    for folder in dict.fromkeys(folders):
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            try:
                if is_partial(entry.name) and entry.is_file(follow_symlinks=False):
                    if now - entry.stat(follow_symlinks=False).st_mtime >= older_than:
                        yield Path(entry.path)
            except OSError:
                continue
