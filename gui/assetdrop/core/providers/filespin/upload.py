"""FileSpin's three-step upload: a storage URL from the API, the bytes POSTed straight to S3, then register_asset.

The bytes never pass through the API server, and the key never reaches storage (the provider's credential is
bound to the API origin; transfer/send.py sends no credential). The asset is registered only after storage
accepted every byte of an unchanged file. The state saved after each step (`FileSpinUploadState`) lets the next
attempt, or the next start after a crash, go on: the storage URL is reused while it can be used (a new one is
asked for when it has expired, or when storage cannot be reached at its address or refuses it: a sandbox or a
storage endpoint that moved), bytes already in storage are registered without sending them again, a registration
that may already have happened is confirmed by reading the asset back (its size and checksum) instead of creating
a second one, and a registered asset is only waited for (its processing, base.py).
"""

from __future__ import annotations

import logging
import platform
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol

from .... import __version__
from ... import errors
from ...http import CONNECTION_REFUSED, HOST_NOT_FOUND, HttpClient
from ...transfer.job import Job
from ...transfer.progress import Phase
from ...transfer.retry import is_transient
from ...transfer.send import SendTarget, StoredUpload, iso_utc, send_file
from ..base import UploadOutcome
from .endpoints import StorageTarget

log = logging.getLogger(__name__)

URL_MARGIN = 300  # seconds: a storage URL this close to expiry is not reused


class UploadApi(Protocol):
    """The FileSpin calls the flow needs (FileSpinProvider has them)."""

    http: HttpClient

    def content_storage_url(self, filename: str) -> StorageTarget: ...

    def register_asset(self, body: dict[str, Any]) -> Any: ...

    def asset_data(self, asset_id: str) -> dict[str, Any]: ...


@dataclass(frozen=True)
class FileSpinUploadState:
    """Where an upload stands: the asset ID and storage URL it was given, and what storage accepted."""

    asset_id: str = ""
    issued_at: float = 0.0
    target: StorageTarget | None = None
    stored: StoredUpload | None = None
    registered: bool = False

    @property
    def partial_file(self) -> str:
        return ""

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"asset_id": self.asset_id, "issued_at": self.issued_at}
        if self.target is not None and not self.registered:  # a registered upload needs no signed URL any more
            data["target"] = self.target.to_json()
        if self.stored is not None:
            data["stored"] = self.stored.to_json()
        if self.registered:
            data["registered"] = True
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FileSpinUploadState:
        """The saved state; anything unreadable counts as nothing saved (starting over is always safe)."""
        try:
            target = StorageTarget.from_json(data["target"], str(data["asset_id"])) if data.get("target") else None
            stored = StoredUpload.from_json(data["stored"]) if data.get("stored") else None
            registered = data.get("registered") is True and stored is not None
            return cls(str(data.get("asset_id") or ""), float(data.get("issued_at") or 0), target, stored, registered)
        except (KeyError, TypeError, ValueError, AttributeError):
            return cls()

    def usable_target(self) -> StorageTarget | None:
        """The storage URL of an earlier attempt, while it is still valid."""
        if self.target is None or not self.asset_id:
            return None
        if time.time() > self.issued_at + (self.target.expiry or 0) - URL_MARGIN:
            return None
        return self.target


def service_data(stored: StoredUpload) -> dict[str, Any]:
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


def registration_body(asset_id: str, stored: StoredUpload) -> dict[str, Any]:
    return {
        "asset_id": asset_id,
        "size": stored.size,
        "checksum": stored.md5,
        "upload_started_at": iso_utc(stored.started_at),
        "upload_completed_at": iso_utc(stored.completed_at),
        "upload_time": iso_utc(stored.completed_at),
        "service_data": service_data(stored),
    }


def saved_state(job: Job) -> FileSpinUploadState:
    return FileSpinUploadState.from_json(job.saved())


def upload_file(api: UploadApi, path: Path, name: str, job: Job) -> UploadOutcome:
    """Steps 1-3 for one file. Raises a typed error; on any failure before step 3 nothing is registered."""
    state = saved_state(job)
    if state.stored is None:
        state = _store(api, path, name, state, job)
    assert state.stored is not None
    job.check()
    job.report(Phase.REGISTERING, state.stored.size, state.stored.size)
    if state.registered:  # an earlier attempt registered it (and was stopped while it was processed)
        asset = api.asset_data(state.asset_id)
    else:
        asset = _register(api, state.asset_id, state.stored)
        job.save(replace(state, registered=True))
    return UploadOutcome(state.asset_id, path, state.stored.size, state.stored.md5, asset)


def unusable(exc: errors.AssetdropError) -> bool:
    """Whether a storage URL cannot be used, as opposed to storage having a bad moment: expired, refused (403)
    or unknown (404) by storage, or its address refuses connections or names no host."""
    if isinstance(exc, errors.LinkExpired):
        return True
    if isinstance(exc, errors.StorageError | errors.NotFoundError) and exc.status in (403, 404):
        return True
    return isinstance(exc, errors.NetworkError) and exc.code in (CONNECTION_REFUSED, HOST_NOT_FOUND)


def prepared_state(api: UploadApi, name: str) -> FileSpinUploadState:
    """Step 1 alone, taken ahead of the upload (core/queue/lookahead.py): an asset ID and where to POST."""
    target = api.content_storage_url(name)
    return FileSpinUploadState(target.asset_id, time.time(), target)


def _store(api: UploadApi, path: Path, name: str, state: FileSpinUploadState, job: Job) -> FileSpinUploadState:
    """Steps 1 and 2: a storage URL (reused while it can be used; else a new one, once), then the bytes."""
    target = state.usable_target()
    for attempt in (1, 2):
        if target is None:
            state = prepared_state(api, name)
            target = state.target
            assert target is not None
            job.save(state)  # before any byte moves: a crash after this reuses the URL and the asset ID
        try:
            stored = send_file(api.http, path, SendTarget(target.url, "POST", target.fields), job)
            break
        except errors.AssetdropError as exc:
            if attempt == 2 or not unusable(exc):
                raise
            log.info("the storage URL for %s cannot be used (%s); asking for a new one", name, exc.message)
            target = None  # expired (a long pause), or storage moved (a restarted sandbox): ask for a new one
    state = replace(state, stored=stored)
    job.save(state)
    return state


def _register(api: UploadApi, asset_id: str, stored: StoredUpload) -> dict[str, Any]:
    """Step 3, exactly once. A 4xx may mean an earlier attempt registered the asset and never heard the answer,
    whatever status the server uses for that: read the asset back and accept it only when it holds these bytes."""
    try:
        asset = api.register_asset(registration_body(asset_id, stored))
    except errors.AssetdropError as exc:
        if exc.status is None or not 400 <= exc.status < 500 or isinstance(exc, errors.AuthError):
            raise
        try:
            asset = api.asset_data(asset_id)
        except errors.AssetdropError as unread:
            if is_transient(unread):
                raise  # the check itself could not be made now: try again later, never a second registration
            raise exc from None
        if not isinstance(asset, dict) or asset.get("checksum") != stored.md5 or asset.get("size") != stored.size:
            raise exc from None
    return asset if isinstance(asset, dict) else {}
