"""Upload one file through the three-step presigned flow: storage URL, POST to storage, register.

The POST streams a multipart body (multipart_body.py) whose file part is read once from disk, hashed in the
same pass, and never held in memory. The asset is registered only after storage accepted every byte and
the file is unchanged; the key is never sent to storage (the provider's credential is bound to the API origin).
"""

from __future__ import annotations

import mimetypes
import time
import os
import platform
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ... import __version__
from .. import errors
from ..http import HttpClient
from ..responses import md5_from_etag
from ..providers.filespin import FileSpinProvider, StorageTarget
from .hashing_reader import HashingReader
from .multipart_body import MultipartBody
from .progress import CancelToken, Meter, Phase, ProgressCallback, report



@dataclass
class StoredUpload:
    """What step 2 produced: the bytes are in storage, measured as they left this machine."""

    size: int
    md5: str
    started_at: datetime
    completed_at: datetime
    seconds: float
    etag: str | None

    @property
    def bits_per_second(self) -> int:
        return int(self.size * 8 / self.seconds) if self.seconds > 0 else 0


@dataclass
class UploadResult:
    asset_id: str
    path: Path
    size: int
    md5: str
    asset: dict


def iso_utc(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def open_source(path: Path):
    """Open a file to upload, turning OS errors into sentences."""
    try:
        handle = open(path, "rb", buffering=0)
    except FileNotFoundError:
        raise errors.LocalFileError(f"{path} no longer exists.", title="File not found") from None
    except PermissionError:
        raise errors.LocalFileError(f"{path} cannot be read: permission denied.", title="File not readable") \
            from None
    except IsADirectoryError:
        raise errors.LocalFileError(f"{path} is a folder, not a file.") from None
    except OSError as exc:
        raise errors.LocalFileError(f"{path} cannot be read: {exc.strerror or exc}.") from None
    return handle


def post_file(http: HttpClient, target: StorageTarget, path: Path, *, progress: ProgressCallback | None = None,
              cancel: CancelToken | None = None, content_type: str | None = None) -> StoredUpload:
    """Step 2: POST the file to the presigned storage URL, policy fields first and `file` last."""
    path = Path(path)
    content_type = content_type or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    with open_source(path) as handle:
        before = os.fstat(handle.fileno())
        meter = Meter(Phase.UPLOADING, before.st_size, progress)
        reader = HashingReader(handle, before.st_size, meter, cancel)
        form = [(str(k), str(v)) for k, v in target.fields.items()]
        body = MultipartBody(form, "file", path.name, content_type, reader)
        started = datetime.now(timezone.utc)
        report(progress, Phase.UPLOADING, 0, before.st_size)
        try:
            response = http.request("POST", target.url, data=body, headers={"Content-Type": body.content_type},
                                    source="storage")
        except OSError as exc:  # reading the source failed mid-stream (e.g. a disk or network file system error)
            raise errors.LocalFileError(f"Reading {path.name} failed: {exc.strerror or exc}.") from exc
        finally:
            reader.close()  # the hashing thread ends with the request, whatever happened
        response.close()
        return finish_stored(path, handle, before, reader, meter, started, response)


def finish_stored(path: Path, handle, before: os.stat_result, reader: HashingReader, meter: Meter,
                  started: datetime, response) -> StoredUpload:
    """After storage accepted the body (POST or PUT): the file must not have changed meanwhile, and a storage
    ETag that states an MD5 must be the MD5 of what was sent."""
    seconds = meter.elapsed
    completed = datetime.now(timezone.utc)
    after = os.fstat(handle.fileno())
    if (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns) or reader.bytes_read != before.st_size:
        raise errors.FileChangedError(f"{path.name} changed while it was being uploaded; it was not registered. "
                                      f"Try again once the file is complete.")
    md5 = reader.md5.hexdigest()
    etag = response.headers.get("ETag")
    stored_md5 = md5_from_etag(etag)
    if stored_md5 is not None and stored_md5 != md5:
        raise errors.StorageError(f"Storage stored different bytes than were sent for {path.name} "
                                  f"(checksum {stored_md5} instead of {md5}).", code="ChecksumMismatch")
    meter.finish()
    return StoredUpload(size=before.st_size, md5=md5, started_at=started, completed_at=completed,
                        seconds=seconds, etag=etag)


def service_data(stored: StoredUpload) -> dict:
    return {
        "app": "Assetdrop",
        "build": __version__,
        "deployment_data": {
            "client": f"Assetdrop/{__version__} ({platform.system()} {platform.release()}; "
                      f"Python {sys.version.split()[0]})",
        },
        # Measured from this upload's own POST: bits per second.
        "network_bandwidth": stored.bits_per_second,
        "upload_seconds": round(stored.seconds, 3),
    }


def registration_body(asset_id: str, stored: StoredUpload) -> dict:
    return {
        "asset_id": asset_id,
        "size": stored.size,
        "checksum": stored.md5,
        "upload_started_at": iso_utc(stored.started_at),
        "upload_completed_at": iso_utc(stored.completed_at),
        "upload_time": iso_utc(stored.completed_at),
        "service_data": service_data(stored),
    }


Checkpoint = dict
_URL_MARGIN = 300  # seconds: a storage URL this close to expiry is not reused


def _target_from(checkpoint: Checkpoint) -> StorageTarget | None:
    """The storage URL of an earlier attempt, while it is still valid."""
    target = checkpoint.get("target")
    if not target or not checkpoint.get("asset_id"):
        return None
    expiry = target.get("expiry") or 0
    if time.time() > checkpoint.get("issued_at", 0) + expiry - _URL_MARGIN:
        return None
    return StorageTarget(asset_id=checkpoint["asset_id"], url=target["url"], fields=target["fields"],
                         expiry=expiry, key=target.get("key"))


def _stored_to_dict(stored: StoredUpload) -> dict:
    return {"size": stored.size, "md5": stored.md5, "started_at": iso_utc(stored.started_at),
            "completed_at": iso_utc(stored.completed_at), "seconds": stored.seconds, "etag": stored.etag}


def _stored_from(checkpoint: Checkpoint) -> StoredUpload | None:
    data = checkpoint.get("stored")
    if not data:
        return None
    parse = lambda text: datetime.fromisoformat(text.replace("Z", "+00:00"))  # noqa: E731
    return StoredUpload(size=data["size"], md5=data["md5"], started_at=parse(data["started_at"]),
                        completed_at=parse(data["completed_at"]), seconds=data["seconds"], etag=data.get("etag"))


def upload_file(provider: FileSpinProvider, path: Path, *, name: str | None = None,
                progress: ProgressCallback | None = None, cancel: CancelToken | None = None,
                checkpoint: Checkpoint | None = None, save_checkpoint=None) -> UploadResult:
    """Steps 1-3 for one file. Raises a typed error; on any failure before step 3 nothing is registered.

    With `checkpoint`/`save_checkpoint` the flow survives a crash or a retry: the storage URL is reused while
    valid, bytes already in storage are registered without sending them again, and a registration that
    already happened (409) is confirmed by checksum instead of creating a second asset.
    """
    path = Path(path)
    checkpoint = dict(checkpoint or {})
    save = save_checkpoint or (lambda cp: None)
    stored = _stored_from(checkpoint)
    if stored is None:
        if not path.is_file():
            if path.exists():
                raise errors.LocalFileError(f"{path} is not a regular file.")
            raise errors.LocalFileError(f"{path} no longer exists.", title="File not found")
        report(progress, Phase.PREPARING)
        if cancel is not None:
            cancel.raise_if_cancelled()
        target = _target_from(checkpoint)
        for attempt in (1, 2):
            if target is None:
                target = provider.content_storage_url(name or path.name)
                checkpoint = {"asset_id": target.asset_id, "issued_at": time.time(),
                              "target": {"url": target.url, "fields": target.fields, "expiry": target.expiry,
                                         "key": target.key}}
                save(checkpoint)
            try:
                stored = post_file(provider.http, target, path, progress=progress, cancel=cancel)
                break
            except errors.LinkExpired:
                if attempt == 2:
                    raise
                target = None  # the storage URL expired (a long pause, a queued weekend): ask for a new one
        checkpoint["stored"] = _stored_to_dict(stored)
        save(checkpoint)
    asset_id = checkpoint["asset_id"]
    if cancel is not None:
        cancel.raise_if_cancelled()
    report(progress, Phase.REGISTERING, stored.size, stored.size)
    try:
        asset = provider.register_asset(registration_body(asset_id, stored))
    except errors.ConflictError:
        asset = provider.asset_data(asset_id)  # registered by an earlier attempt that never heard the answer
        if asset.get("checksum") != stored.md5 or asset.get("size") != stored.size:
            raise
    report(progress, Phase.DONE, stored.size, stored.size)
    return UploadResult(asset_id=asset_id, path=path, size=stored.size, md5=stored.md5,
                        asset=asset if isinstance(asset, dict) else {})
