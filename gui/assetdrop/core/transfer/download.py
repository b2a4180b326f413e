"""Save a streamed HTTP answer into a folder, safely.

Bytes go to `<name>.part` (created exclusively, never following a symlink, never executable; their write-out to
disk starts as they arrive), are checked against Content-Length and, when storage gives a plain-MD5 ETag, against
that checksum; then fsync and an atomic rename under the conflict policy. A partial file never carries the final name.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Callable, Iterable

import requests

from .. import errors
from ..http import map_exception
from ..responses import md5_from_etag
from ..filenames import filename_from_content_disposition, numbered, safe_filename
from . import throttle
from .pipelined_md5 import PipelinedMD5
from .progress import CancelToken, Meter, Phase, ProgressCallback
from .writeback import Writeback

CHUNK = 1024 * 1024
DEFAULT_MAX_BYTES = 1 << 40  # 1 TiB: the cap for a body whose length the server does not declare
_CREATE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)


class ConflictPolicy(str, Enum):
    RENAME = "rename"        # keep both: `name (1).ext`
    OVERWRITE = "overwrite"
    SKIP = "skip"


@dataclass
class DownloadResult:
    path: Path
    size: int
    skipped: bool = False
    md5: str | None = None


def local_error(exc: OSError, where: Path) -> errors.LocalFileError:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return errors.LocalFileError(f"The disk holding {where} is full. Free some space and retry.",
                                     title="Disk full")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return errors.LocalFileError(f"Cannot write to {where}: permission denied. Choose another folder.",
                                     title="Folder not writable")
    return errors.LocalFileError(f"Cannot write to {where}: {exc.strerror or exc}.")


def choose_name(response: requests.Response, fallback_name: str) -> str:
    disposition = filename_from_content_disposition(response.headers.get("content-disposition"))
    return safe_filename(disposition, fallback=fallback_name)


def _open_part(dest_dir: Path, name: str) -> tuple[Path, int]:
    for candidate in (f"{name}.part", f"{name}.{secrets.token_hex(4)}.part"):
        part = dest_dir / safe_filename(candidate)
        try:
            return part, os.open(part, _CREATE_FLAGS, 0o644)
        except FileExistsError:
            continue
        except OSError as exc:
            raise local_error(exc, dest_dir) from exc
    raise errors.LocalFileError(f"Could not create a temporary file in {dest_dir}.")


def _write_all(fd: int, data: bytes | memoryview) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _finalize(part: Path, final: Path, policy: ConflictPolicy) -> tuple[Path, bool]:
    """Move `part` to `final` (or a numbered variant); returns (path, skipped)."""
    if policy is ConflictPolicy.OVERWRITE:
        if final.is_symlink() or final.is_dir():
            raise errors.LocalFileError(f"{final} exists and is not a regular file; not overwriting it.")
        os.replace(part, final)
        return final, False
    if policy is ConflictPolicy.SKIP and os.path.lexists(final):
        part.unlink()
        return final, True
    n = 0
    while True:
        target = final if n == 0 else final.with_name(numbered(final.name, n))
        try:
            os.link(part, target)  # atomic "create only if absent", unlike rename
        except FileExistsError:
            n += 1
            continue
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
                raise
            if os.path.lexists(target):  # file system without hard links: check, then rename
                n += 1
                continue
            os.rename(part, target)
            return target, False
        part.unlink()
        return target, False


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


ConflictChoice = ConflictPolicy | Callable[[Path], ConflictPolicy]


def _content_range_start(header: str | None) -> tuple[int, int | None] | None:
    """(first byte, total) from `Content-Range: bytes a-b/total`, or None."""
    match = re.match(r"^\s*bytes\s+(\d+)-(\d+)/(\d+|\*)\s*$", header or "")
    if not match:
        return None
    return int(match.group(1)), (None if match.group(3) == "*" else int(match.group(3)))


def _open_for_resume(part: Path, offset: int) -> int | None:
    """The existing `.part`, opened to append at `offset` (never through a symlink); None if it is not usable."""
    try:
        fd = os.open(part, os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    if os.fstat(fd).st_size != offset:
        os.ftruncate(fd, offset)
    os.lseek(fd, offset, os.SEEK_SET)
    return fd


def _hash_existing(part: Path, length: int, md5) -> None:
    with open(part, "rb") as handle:
        remaining = length
        while remaining > 0 and (block := handle.read(min(CHUNK, remaining))):
            md5.update(block)
            remaining -= len(block)


def save_response(response: requests.Response, dest_dir: Path, *, fallback_name: str,
                  conflict: ConflictChoice = ConflictPolicy.RENAME, progress: ProgressCallback | None = None,
                  cancel: CancelToken | None = None, name: str | None = None,
                  chunks: Iterable[bytes] | None = None, resume_part: Path | None = None,
                  on_part: Callable[[Path, str, str | None], None] | None = None, keep_part: bool = False,
                  max_bytes: int = DEFAULT_MAX_BYTES, verify: bool = True) -> DownloadResult:
    """Stream `response` (opened with stream=True) into `dest_dir`. Closes the response.

    `chunks`, when given, replaces `response.iter_content` (a caller that peeked at the body's start passes the
    peeked bytes followed by the rest of the same iterator).

    `conflict` is a policy, or a callable asked (only when the name is taken) which policy to apply to that path.
    It is asked once the answer's headers have named the file and before its body is read, so a "skip" costs no
    transfer; if the name is only taken by the time the bytes are in, it is asked then.

    Resuming: when `resume_part` names an earlier `.part` and the answer is a 206 starting exactly at its size,
    the new bytes are appended; any other answer starts the file over. `on_part(part, final_name, etag)` is
    called once the `.part` exists, so a caller can persist where to resume. With `keep_part`, a failure leaves
    the `.part` for a later resume (the caller deletes it when it gives up); otherwise it is removed.

    A body longer than Content-Length is never read past it; without a length, reading stops at `max_bytes`.

    `verify=False` skips the MD5 check against the ETag (the user's choice on links faster than MD5, ~750 MB/s a
    core); the length check and the fsync before the rename stay.
    """
    with response:
        dest_dir = Path(dest_dir)
        try:
            dest_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise local_error(exc, dest_dir) from exc
        final_name = safe_filename(name, fallback_name) if name else choose_name(response, fallback_name)
        final = dest_dir / final_name
        policy = conflict if isinstance(conflict, ConflictPolicy) else None
        if policy is None and os.path.lexists(final):
            policy = conflict(final)
        if policy is ConflictPolicy.SKIP and os.path.lexists(final):
            discard_part(resume_part)  # an earlier attempt's bytes: not wanted any more
            return DownloadResult(final, final.stat().st_size if final.is_file() else 0, skipped=True)
        declared = response.headers.get("content-length")
        remaining = int(declared) if declared and declared.isdigit() else None
        etag = response.headers.get("etag")
        offset, fd, part = 0, None, None
        content_range = _content_range_start(response.headers.get("content-range"))
        if response.status_code == 206:
            if resume_part is None or content_range is None or not resume_part.is_file() \
                    or resume_part.stat().st_size != content_range[0]:
                raise errors.ProtocolError("The server sent part of the file where the whole file was asked for.")
            offset = content_range[0]
            fd = _open_for_resume(resume_part, offset)
            if fd is not None:
                part = resume_part
        if fd is None:
            offset = 0
            if resume_part is not None and resume_part.is_file() and not resume_part.is_symlink():
                resume_part.unlink()  # the server started over (200): so do we, cleanly
            part, fd = _open_part(dest_dir, final_name)
        total = offset + remaining if remaining is not None else (content_range[1] if content_range else None)
        expected_md5 = md5_from_etag(etag)
        md5 = PipelinedMD5() if verify and expected_md5 and not response.headers.get("content-encoding") else None
        meter = Meter(Phase.DOWNLOADING, total, progress)
        meter.done = offset
        if on_part is not None:
            on_part(part, final_name, etag)
        writeback = Writeback(fd, offset)
        try:
            try:
                if md5 is not None and offset:
                    _hash_existing(part, offset, md5)
                for chunk in (chunks if chunks is not None else response.iter_content(CHUNK)):
                    if cancel is not None:
                        cancel.raise_if_cancelled()
                    if meter.done + len(chunk) > max_bytes:
                        raise errors.ProtocolError(f"The server kept sending past {max_bytes:,} bytes; "
                                                   f"the download was stopped.")
                    _write_all(fd, chunk)
                    writeback.wrote(len(chunk))
                    if md5 is not None:
                        md5.update(chunk)
                    meter.add(len(chunk))
                    throttle.DOWNLOAD.consume(len(chunk), cancel)
                if cancel is not None:
                    cancel.raise_if_cancelled()
                os.fsync(fd)
            except requests.RequestException as exc:  # before OSError: requests' exceptions subclass IOError
                raise map_exception(exc, response.url) from exc
            except OSError as exc:
                raise local_error(exc, dest_dir) from exc
            finally:
                os.close(fd)
            if total is not None and meter.done != total:
                raise errors.ProtocolError(f"The download was cut short: {meter.done:,} of {total:,} bytes "
                                           f"arrived. Retry to fetch it again.")
            digest = md5.hexdigest() if md5 is not None else None
            if digest is not None and digest != expected_md5:
                keep_part = False  # corrupt bytes must not be resumed from
                raise errors.ProtocolError(f"The downloaded bytes do not match the server's checksum "
                                           f"({digest} vs {expected_md5}). Retry the download.")
            if policy is None:
                policy = conflict(final) if os.path.lexists(final) else ConflictPolicy.RENAME
            try:
                path, skipped = _finalize(part, final, policy)
            except OSError as exc:
                raise local_error(exc, dest_dir) from exc
            _fsync_dir(dest_dir)
        except BaseException:
            if md5 is not None:
                md5.close()
            if not keep_part:
                discard_part(part)
            raise
        meter.finish()
        return DownloadResult(path=path, size=meter.done, skipped=skipped, md5=digest)


def discard_part(part: Path | str | None) -> None:
    """Remove a `.part` that will not be resumed (never follows a symlink)."""
    if not part:
        return
    try:
        os.unlink(part)
    except OSError:
        pass
