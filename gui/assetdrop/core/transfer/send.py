"""Send one file's bytes to a signed storage URL: a multipart form POST or a raw PUT, streamed from disk.

This is the one place an upload body leaves the machine, whatever the provider. The file is read once (the same
pass feeds the socket and the MD5, hashing_reader.py); the form's fields go first and the file last, as S3
requires (multipart_body.py). Storage's success is checked before anyone may register the asset: the file must not
have changed meanwhile, and an ETag that states an MD5 must be the MD5 of what was sent. No credential is sent:
the URL carries its own signature.
"""

from __future__ import annotations

import mimetypes
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

import requests

from .. import errors
from ..http import HttpClient
from ..responses import md5_from_etag
from ..sentence import translate
from .hashing_reader import HashingReader
from .job import Job
from .multipart_body import MultipartBody
from .progress import Meter, Phase


@dataclass(frozen=True)
class SendTarget:
    """Where and how the bytes go: `POST` sends a form (`fields` first, the file as `file_field`), `PUT` the
    raw body."""

    url: str
    method: str = "POST"
    fields: Mapping[str, str] = field(default_factory=dict, repr=False)
    file_field: str = "file"
    content_type: str = ""  # "": guessed from the file name for a form, application/octet-stream for a PUT


@dataclass(frozen=True)
class StoredUpload:
    """What storage accepted: the bytes, measured as they left this machine."""

    size: int
    md5: str
    started_at: datetime
    completed_at: datetime
    seconds: float
    etag: str | None

    @property
    def bits_per_second(self) -> int:
        return int(self.size * 8 / self.seconds) if self.seconds > 0 else 0

    def to_json(self) -> dict[str, Any]:
        return {
            "size": self.size,
            "md5": self.md5,
            "started_at": iso_utc(self.started_at),
            "completed_at": iso_utc(self.completed_at),
            "seconds": self.seconds,
            "etag": self.etag,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> StoredUpload:
        return cls(
            size=int(data["size"]),
            md5=str(data["md5"]),
            started_at=parse_iso(str(data["started_at"])),
            completed_at=parse_iso(str(data["completed_at"])),
            seconds=float(data["seconds"]),
            etag=data.get("etag"),
        )


def iso_utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_iso(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def check_uploadable(path: Path) -> None:
    """A regular file, or a sentence saying what it is instead (a FIFO is never opened: that would block)."""
    try:
        if path.is_file():
            return
        exists = path.exists()
    except OSError as exc:
        raise errors.LocalFileError(
            translate("transfer.send", "{path} cannot be read: {reason}.").format(path=path, reason=exc.strerror or exc)
        ) from None
    if exists:
        raise errors.LocalFileError(translate("transfer.send", "{path} is not a regular file.").format(path=path))
    raise errors.LocalFileError(
        translate("transfer.send", "{path} no longer exists.").format(path=path),
        title=translate("transfer.send", "File not found"),
    )


def open_source(path: Path) -> IO[bytes]:
    """Open a file to upload, turning OS errors into sentences."""
    try:
        return open(path, "rb", buffering=0)
    except FileNotFoundError:
        raise errors.LocalFileError(
            translate("transfer.send", "{path} no longer exists.").format(path=path),
            title=translate("transfer.send", "File not found"),
        ) from None
    except PermissionError:
        raise errors.LocalFileError(
            translate("transfer.send", "{path} cannot be read: permission denied.").format(path=path),
            title=translate("transfer.send", "File not readable"),
        ) from None
    except IsADirectoryError:
        raise errors.LocalFileError(
            translate("transfer.send", "{path} is a folder, not a file.").format(path=path)
        ) from None
    except OSError as exc:
        raise errors.LocalFileError(
            translate("transfer.send", "{path} cannot be read: {reason}.").format(path=path, reason=exc.strerror or exc)
        ) from None


def send_file(http: HttpClient, path: Path, target: SendTarget, job: Job) -> StoredUpload:
    """Stream `path` to `target`; returns what storage accepted, or raises a typed error (nothing was stored
    that anyone may register)."""
    path = Path(path)
    guessed = mimetypes.guess_type(path.name)[0] if target.method == "POST" else None  # a signed PUT may sign it
    content_type = target.content_type or guessed or "application/octet-stream"
    with open_source(path) as handle:
        before = os.fstat(handle.fileno())
        meter = Meter(Phase.UPLOADING, before.st_size, job.progress)
        reader = HashingReader(handle, before.st_size, meter, job)
        body: Any
        if target.method == "PUT":
            body = reader
            headers = {"Content-Type": content_type, "Content-Length": str(before.st_size)}
        else:
            form = [(str(k), str(v)) for k, v in target.fields.items()]
            body = MultipartBody(form, target.file_field, path.name, content_type, reader)
            headers = {"Content-Type": body.content_type}
        started = datetime.now(UTC)
        job.report(Phase.UPLOADING, 0, before.st_size)
        try:
            response = http.request(target.method, target.url, data=body, headers=headers, source="storage")
        except OSError as exc:  # reading the source failed mid-stream (a disk or network file system error)
            raise errors.LocalFileError(
                translate("transfer.send", "Reading {name} failed: {reason}.").format(
                    name=path.name, reason=exc.strerror or exc
                )
            ) from exc
        finally:
            reader.close()  # the hashing thread ends with the request, whatever happened
        response.close()
        return _accepted(path, handle, before, reader, meter, started, response)


def _accepted(
    path: Path,
    handle: IO[bytes],
    before: os.stat_result,
    reader: HashingReader,
    meter: Meter,
    started: datetime,
    response: requests.Response,
) -> StoredUpload:
    seconds = meter.elapsed
    completed = datetime.now(UTC)
    after = os.fstat(handle.fileno())
    changed = (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns)
    if changed or reader.bytes_read != before.st_size:
        raise errors.FileChangedError(
            translate(
                "transfer.send",
                "{name} changed while it was being uploaded; it was not registered. Try again once the "
                "file is complete.",
            ).format(name=path.name)
        )
    md5 = reader.md5.hexdigest()
    etag = response.headers.get("ETag")
    stored_md5 = md5_from_etag(etag)
    if stored_md5 is not None and stored_md5 != md5:
        raise errors.StorageError(
            translate(
                "transfer.send",
                "Storage stored different bytes than were sent for {name} (checksum {stored_md5} instead of {md5}).",
            ).format(name=path.name, stored_md5=stored_md5, md5=md5),
            code="ChecksumMismatch",
        )
    meter.finish()
    return StoredUpload(
        size=before.st_size, md5=md5, started_at=started, completed_at=completed, seconds=seconds, etag=etag
    )
