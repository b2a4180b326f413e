"""One queued transfer: what it moves, where it stands, and what went wrong in words."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from enum import Enum


class Direction(str, Enum):
    UPLOAD = "upload"
    DOWNLOAD = "download"


class Status(str, Enum):
    QUEUED = "queued"
    PREPARING = "preparing"
    UPLOADING = "uploading"
    REGISTERING = "registering"
    DOWNLOADING = "downloading"
    RETRYING = "retrying"        # waiting before the next attempt
    PAUSED = "paused"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


ACTIVE = {Status.PREPARING, Status.UPLOADING, Status.REGISTERING, Status.DOWNLOADING, Status.RETRYING}
FINISHED = {Status.DONE, Status.FAILED, Status.CANCELLED}
LABELS = {
    Status.QUEUED: "Queued", Status.PREPARING: "Preparing", Status.UPLOADING: "Uploading",
    Status.REGISTERING: "Registering", Status.DOWNLOADING: "Downloading", Status.RETRYING: "Retrying",
    Status.PAUSED: "Paused",
    Status.DONE: "Done", Status.FAILED: "Failed", Status.CANCELLED: "Cancelled",
}


@dataclass
class TransferItem:
    id: int
    direction: Direction
    source: str              # the local path (upload) or the asset ID (download)
    name: str
    profile: str
    size: int | None = None
    done: int = 0
    rate: float = 0.0        # bytes/s, smoothed
    status: Status = Status.QUEUED
    asset_id: str = ""
    saved_path: str = ""
    error_title: str = ""
    error_message: str = ""
    created_at: float = field(default_factory=time.time)
    finished_at: float | None = None
    attempt: int = 0                 # attempts started so far
    max_attempts: int = 0            # the retry limit in force (0: not started)
    retry_at: float | None = None    # epoch seconds of the next attempt while RETRYING
    checkpoint: dict = field(default_factory=dict)  # provider resume state (storage URL, posted MD5, .part path)

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED

    @property
    def fraction(self) -> float | None:
        if self.status is Status.DONE:
            return 1.0
        if not self.size:
            return None
        # Bytes all sent but not registered yet: hold the bar just short of full (never 100% before "Done").
        return min(self.done / self.size, 0.999)

    @property
    def eta_seconds(self) -> float | None:
        if not self.is_active or not self.size or self.rate <= 0:
            return None
        return max(self.size - self.done, 0) / self.rate

    @property
    def status_text(self) -> str:
        if self.status is Status.FAILED and self.error_message:
            return f"Failed: {self.error_message}"
        if self.status is Status.RETRYING and self.retry_at is not None:
            wait = max(0, round(self.retry_at - time.time()))
            return (f"Retrying in {wait} s (attempt {self.attempt + 1} of {self.max_attempts})"
                    + (f": {self.error_message}" if self.error_message else ""))
        return LABELS[self.status]
