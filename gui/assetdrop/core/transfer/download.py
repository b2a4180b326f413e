"""Save a streamed HTTP answer into a folder, safely.

Bytes go to a hidden temporary file of their own (partfile.py; written out to disk as they arrive, a stall given
up as curl's speed limit does: stall.py), are checked against what is known of them (Content-Length, else the
size the provider's asset data gives; the storage ETag's MD5, else the asset data's), fsynced, and only then
given the final name under the conflict policy. A partial or wrong file never carries a final name.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import requests

from .. import errors
from ..filenames import filename_from_content_disposition, safe_filename
from ..http import map_exception
from ..responses import CHUNK, body_chunks, md5_from_etag
from ..sentence import translate
from . import partfile, throttle
from .job import Job
from .parallel import MIN_SIZE, OpenRange, ParallelDownload, Ranges
from .partfile import ConflictPolicy, local_error
from .pipelined_md5 import PipelinedMD5
from .progress import Meter, Phase
from .stall import SpeedFloor
from .writeback import Writeback

__all__ = ["ConflictPolicy", "local_error"]

DEFAULT_MAX_BYTES = 1 << 40  # 1 TiB: the cap for a body whose length the server does not declare
Expected = Callable[[], tuple[int | None, str | None]]  # (size, MD5) as the provider's asset data gives them


@dataclass
class DownloadResult:
    path: Path
    size: int
    skipped: bool = False
    md5: str | None = None


def choose_name(response: requests.Response, fallback_name: str) -> str:
    disposition = filename_from_content_disposition(response.headers.get("content-disposition"))
    return safe_filename(disposition, fallback=fallback_name)


def _write_all(fd: int, data: bytes | memoryview) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


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


@dataclass(frozen=True)
class DownloadRequest:
    """Where a download goes and how: the folder, what to do with a taken name, whether to check the MD5
    (None: as the provider is set, from Settings), and which version of the asset ("" = the original; else a
    rendition key the provider lists in AssetSummary.renditions)."""

    dest_dir: Path
    conflict: ConflictChoice = ConflictPolicy.RENAME
    verify: bool | None = None
    rendition: str = ""


def _content_range_start(header: str | None) -> tuple[int, int | None] | None:
    """(first byte, total) from `Content-Range: bytes a-b/total`, or None."""
    match = re.match(r"^\s*bytes\s+(\d+)-(\d+)/(\d+|\*)\s*$", header or "")
    if not match:
        return None
    return int(match.group(1)), (None if match.group(3) == "*" else int(match.group(3)))


def _hash_existing(part: Path, length: int, md5: PipelinedMD5) -> None:
    with open(part, "rb") as handle:
        remaining = length
        while remaining > 0 and (block := handle.read(min(CHUNK, remaining))):
            md5.update(block)
            remaining -= len(block)


def save_response(
    response: requests.Response,
    dest_dir: Path,
    *,
    fallback_name: str,
    conflict: ConflictChoice = ConflictPolicy.RENAME,
    job: Job | None = None,
    name: str | None = None,
    chunks: Iterable[bytes] | None = None,
    resume_part: Path | None = None,
    on_part: Callable[[Path, str, str | None], None] | None = None,
    keep_part: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    verify: bool = True,
    expected: Expected | None = None,
    open_range: OpenRange | None = None,
    resume_left: Ranges | None = None,
    resume_size: int = 0,
    on_left: Callable[[int, Ranges], None] | None = None,
) -> DownloadResult:
    """Stream `response` (opened with stream=True) into `dest_dir`. Closes the response.

    `chunks`, when given, replaces the body reader (a caller that peeked at the body's start passes the peeked
    bytes followed by the rest of the same reader).

    `conflict` is a policy, or a callable asked (only when the name is taken) which policy to apply to that path.
    It is asked once the answer's headers have named the file and before its body is read, so a "skip" costs no
    transfer; if the name is only taken by the time the bytes are in, it is asked then.

    Resuming: when `resume_part` names an earlier temporary file and the answer is a 206 starting exactly at its
    size, the new bytes are appended; any other answer starts the file over. `on_part(part, final_name, etag)`
    is called once the temporary file exists, so a caller can persist where to resume. With `keep_part`, a
    failure leaves it for a later resume (the caller deletes it when it gives up); otherwise it is removed.

    A body longer than Content-Length is never read past it; without a length, reading stops at `max_bytes`.
    When the answer states neither a length nor an MD5, `expected()` gives what the provider's asset data says
    (size, MD5), and the bytes are checked against that instead. `verify=False` skips the MD5 checks (the user's
    choice on links faster than MD5, ~750 MB/s a core); the length check and the fsync before the rename stay.

    Several connections (parallel.py): with `open_range(first, last)`, a whole answer of at least MIN_SIZE that
    says it takes ranges (Accept-Ranges: bytes, an ETag, no content coding) is fetched over up to
    `job.connections` at once into a preallocated temporary file; `on_left(size, ranges)` is told what is still
    missing as it shrinks. An answer that continues such a file (a 206 at the first of `resume_left`, the ranges
    an earlier attempt left of its `resume_size` bytes) fetches the rest the same way.
    """
    job = job or Job()
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
            policy = _ask(conflict, final)
        if policy is ConflictPolicy.SKIP and os.path.lexists(final):
            partfile.discard(resume_part)  # an earlier attempt's bytes: not wanted any more
            return DownloadResult(final, final.stat().st_size if final.is_file() else 0, skipped=True)
        declared = response.headers.get("content-length")
        remaining = int(declared) if declared and declared.isdigit() else None
        etag = response.headers.get("etag")
        content_range = _content_range_start(response.headers.get("content-range"))
        segments = (
            _segments(response, remaining, content_range, resume_part, resume_left, resume_size)
            if open_range and chunks is None
            else None
        )
        if segments is not None:
            total = resume_size if response.status_code == 206 else remaining
            part, fd, offset = _open_segmented(response, dest_dir, resume_part, segments, total or 0)
        else:
            part, fd, offset = _open(response, dest_dir, resume_part)
            total = offset + remaining if remaining is not None else (content_range[1] if content_range else None)
        expected_md5 = md5_from_etag(etag) if not response.headers.get("content-encoding") else None
        md5 = PipelinedMD5() if verify and segments is None else None
        meter = Meter(Phase.DOWNLOADING, total, job.progress)
        meter.done = offset
        floor = SpeedFloor(_host(response), job.stall)
        if on_part is not None:
            on_part(part, final_name, etag)
        if segments is not None and on_left is not None and total is not None:
            on_left(total, segments)  # before the first byte: a crash now resumes each range, not byte 0
        writeback = Writeback(fd, offset)
        digest: str | None = None
        try:
            try:
                if md5 is not None and offset:
                    _hash_existing(part, offset, md5)
                if segments is not None and total is not None and etag is not None and open_range is not None:
                    size = total
                    digest = ParallelDownload(
                        fd,
                        size,
                        etag,
                        open_range,
                        job,
                        meter,
                        host=_host(response),
                        folder=dest_dir,
                        on_left=(lambda left: on_left(size, left)) if on_left is not None else None,
                        hashing=verify,
                    ).run(response, segments)
                for chunk in () if segments is not None else chunks if chunks is not None else body_chunks(response):
                    job.check()
                    if meter.done + len(chunk) > max_bytes:
                        raise errors.ProtocolError(
                            translate(
                                "transfer.download",
                                "The server kept sending past {max_bytes:,} bytes; the download was stopped.",
                            ).format(max_bytes=max_bytes)
                        )
                    _write_all(fd, chunk)
                    writeback.wrote(len(chunk))
                    if md5 is not None:
                        md5.update(chunk)
                    meter.add(len(chunk))
                    floor.seen(len(chunk))
                    job.consume(throttle.DOWNLOAD, len(chunk))
                job.check()
                os.fsync(fd)
                written = os.fstat(fd)
            except requests.RequestException as exc:  # before OSError: requests' exceptions subclass IOError
                raise map_exception(exc, response.url) from exc
            except OSError as exc:
                raise local_error(exc, dest_dir) from exc
            finally:
                os.close(fd)
            if total is None and expected_md5 is None and expected is not None:
                total, expected_md5 = expected()  # the answer said nothing of its size or hash: the asset data does
            if total is not None and meter.done != total:
                keep_part = keep_part and meter.done < total  # more bytes than the asset has: none to resume from
                raise errors.ProtocolError(
                    f"The download was cut short: {meter.done:,} of {total:,} bytes arrived. Retry to fetch it again."
                    if meter.done < total
                    else f"The server sent {meter.done:,} bytes where the asset has {total:,}. Retry the download."
                )
            if md5 is not None:
                digest = md5.hexdigest()
            if digest is not None and expected_md5 is not None and digest != expected_md5.lower():
                keep_part = False  # corrupt bytes must not be resumed from
                raise errors.ProtocolError(
                    translate(
                        "transfer.download",
                        "The downloaded bytes do not match the server's checksum ({digest} vs {expected_md5}). "
                        "Retry the download.",
                    ).format(digest=digest, expected_md5=expected_md5)
                )
            if policy is None:
                policy = _ask(conflict, final) if os.path.lexists(final) else ConflictPolicy.RENAME
            try:
                path, skipped = partfile.finalize(part, final, policy, written)
            except OSError as exc:
                raise local_error(exc, dest_dir) from exc
            _fsync_dir(dest_dir)
        except BaseException:
            if md5 is not None:
                md5.close()
            if not keep_part:
                partfile.discard(part)
            raise
        meter.finish()
        return DownloadResult(path=path, size=meter.done, skipped=skipped, md5=digest)


def _open(response: requests.Response, dest_dir: Path, resume_part: Path | None) -> tuple[Path, int, int]:
    """(temporary file, descriptor, offset): the earlier attempt's file when the answer continues it (a 206
    starting exactly at its size), else a new one (an earlier file is removed: the server started over)."""
    if response.status_code == 206:
        content_range = _content_range_start(response.headers.get("content-range"))
        if (
            resume_part is None
            or content_range is None
            or not resume_part.is_file()
            or resume_part.stat().st_size != content_range[0]
        ):
            raise errors.ProtocolError(
                translate("transfer.download", "The server sent part of the file where the whole file was asked for.")
            )
        fd = partfile.reopen(resume_part, content_range[0])
        if fd is not None:
            return resume_part, fd, content_range[0]
    if resume_part is not None and resume_part.is_file() and not resume_part.is_symlink():
        resume_part.unlink()
    part, fd = partfile.create(dest_dir)
    return part, fd, 0


def _segments(
    response: requests.Response,
    remaining: int | None,
    content_range: tuple[int, int | None] | None,
    resume_part: Path | None,
    resume_left: Ranges | None,
    size: int,
) -> Ranges | None:
    """The ranges to fetch over several connections, or None for one stream: a whole answer big enough and
    served from a file that takes ranges, or a 206 that continues an earlier attempt's ranges."""
    headers = response.headers
    if not headers.get("etag") or headers.get("content-encoding") or remaining is None:
        return None
    if response.status_code == 200:
        takes_ranges = "bytes" in headers.get("accept-ranges", "").lower()
        return [(0, remaining)] if takes_ranges and remaining >= MIN_SIZE else None
    if response.status_code != 206 or not resume_left or content_range is None or resume_part is None:
        return None
    first, total = content_range
    try:
        usable = resume_part.stat().st_size == size and not resume_part.is_symlink()
    except OSError:
        usable = False
    if not usable or total != size or first != resume_left[0][0] or remaining != resume_left[0][1] - first:
        return None
    return list(resume_left)


def _open_segmented(
    response: requests.Response, dest_dir: Path, resume_part: Path | None, segments: Ranges, size: int
) -> tuple[Path, int, int]:
    """(temporary file, descriptor, bytes already there) for a download over several connections."""
    if response.status_code == 206 and resume_part is not None:
        fd = partfile.reopen(resume_part, size)
        if fd is not None:
            return resume_part, fd, size - sum(end - start for start, end in segments)
        raise errors.ProtocolError(
            translate(
                "transfer.download", "The earlier attempt's temporary file could not be reopened; retry to start over."
            )
        )
    partfile.discard(resume_part)
    part, fd = partfile.create(dest_dir)
    return part, fd, 0


def _host(response: requests.Response) -> str:
    return urlsplit(response.url or "").hostname or "the server"


def _ask(conflict: ConflictChoice, final: Path) -> ConflictPolicy:
    return conflict if isinstance(conflict, ConflictPolicy) else conflict(final)


def discard_part(part: Path | str | None) -> None:
    """Remove a temporary download file that will not be resumed (partfile.discard)."""
    partfile.discard(part)
