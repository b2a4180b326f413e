"""One queued transfer: what it moves, where it stands, and what went wrong in words."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from enum import Enum

from ..providers.endpoint import Endpoint
from ..transfer.download import ConflictPolicy


class Direction(str, Enum):
    UPLOAD = "upload"
    DOWNLOAD = "download"


class Status(str, Enum):
    QUEUED = "queued"
    PREPARING = "preparing"
    UPLOADING = "uploading"
    REGISTERING = "registering"
    PROCESSING = "processing"  # registered, waiting for the provider to report the asset ready
    DOWNLOADING = "downloading"
    RETRYING = "retrying"  # waiting before the next attempt
    PAUSED = "paused"
    DONE = "done"
    SKIPPED = "skipped"  # a download whose name was taken, under the "skip" policy
    FAILED = "failed"
    CANCELLED = "cancelled"


ACTIVE = {
    Status.PREPARING,
    Status.UPLOADING,
    Status.REGISTERING,
    Status.PROCESSING,
    Status.DOWNLOADING,
    Status.RETRYING,
}
FINISHED = {Status.DONE, Status.SKIPPED, Status.FAILED, Status.CANCELLED}
LABELS = {
    Status.QUEUED: "Queued",
    Status.PREPARING: "Preparing",
    Status.UPLOADING: "Uploading",
    Status.REGISTERING: "Registering",
    Status.PROCESSING: "Processing",
    Status.DOWNLOADING: "Downloading",
    Status.RETRYING: "Retrying",
    Status.PAUSED: "Paused",
    Status.DONE: "Done",
    Status.SKIPPED: "Skipped: the name is taken",
    Status.FAILED: "Failed",
    Status.CANCELLED: "Cancelled",
}

# A presigned POST cannot be continued: a paused upload sends its file again from the first byte.
PAUSED_UPLOAD = "Paused: restarts from the beginning"
PAUSED_UPLOAD_DETAIL = (
    "Uploads cannot be continued part-way (the storage link takes the whole file in one request): "
    "Resume sends this file again from its first byte."
)


@dataclass(frozen=True)
class QueueOptions:
    """What an item is queued with besides its file or asset, kept with it ("" / None: the settings')."""

    endpoint: Endpoint | None = None
    dest: str = ""
    conflict: ConflictPolicy | None = None
    verify: bool | None = None
    limit_kib: int = 0
    rendition: str = ""


@dataclass
class TransferItem:
    id: int
    direction: Direction
    source: str  # the local path (upload) or the asset ID (download)
    name: str
    profile: str
    size: int | None = None
    done: int = 0
    rate: float = 0.0  # bytes/s, smoothed
    status: Status = Status.QUEUED
    asset_id: str = ""
    saved_path: str = ""
    error_title: str = ""
    error_message: str = ""
    created_at: float = field(default_factory=time.time)
    finished_at: float | None = None
    attempt: int = 0  # attempts started so far
    max_attempts: int = 0  # the retry limit in force (0: not started)
    retry_at: float | None = None  # epoch seconds of the next attempt while RETRYING
    # What it was queued with, kept through retries and restarts ("" / None: the settings' when an attempt starts).
    endpoint: Endpoint | None = None  # its own address and options (the command line's --api-url); never a key
    dest: str = ""  # the download folder
    conflict: ConflictPolicy | None = None  # what to do when the name is taken (ASK: a person answers)
    verify: bool | None = None  # check the download's MD5
    limit_kib: int = 0  # its own bandwidth cap in KiB/s, on top of the app's (0: none)
    rendition: str = ""  # a download of this version of the asset ("": the original)
    # What an attempt leaves for the next one.
    resume_state: str = ""  # the provider's TransferState as JSON; the queue stores it without reading it
    part_path: str = ""  # a download's temporary file: removed when the item is cancelled or removed
    conflict_answers: dict[str, str] = field(default_factory=dict)  # "File exists" answers, path -> policy
    # Not stored: when this run saw processing begin (the row's clock; an upload that waited shows "Ready").
    processing_since: float | None = None

    def snapshot(self) -> TransferItem:
        """A copy to hand to a listener, the store or a worker, sharing nothing it could see change.

        `dataclasses.replace` runs `__init__` over every field (4 µs); a 100,000-file drop made 400,000 copies,
        1.6 s of the queueing thread (docs/performance.md). The one mutable field is copied too, unless empty:
        it is only ever replaced, never changed in place, and an empty dict per copy was 12 MiB at 100,000."""
        twin = object.__new__(TransferItem)
        twin.__dict__.update(self.__dict__)
        if self.conflict_answers:
            twin.conflict_answers = dict(self.conflict_answers)
        return twin

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED

    def apply(self, options: QueueOptions) -> None:
        for name in ("endpoint", "dest", "conflict", "verify", "limit_kib", "rendition"):
            setattr(self, name, getattr(options, name))

    def forget_attempts(self) -> None:
        """A finished or abandoned item keeps no resume state (it may hold a signed storage URL)."""
        self.resume_state, self.part_path = "", ""

    @property
    def fraction(self) -> float | None:
        if self.status is Status.DONE:
            return 1.0
        if self.status is Status.SKIPPED or not self.size:  # a skipped download moved nothing: no "100%"
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
        if self.status is Status.PROCESSING and self.processing_since is not None:
            minutes, seconds = divmod(max(0, int(time.time() - self.processing_since)), 60)
            return f"Processing {minutes}:{seconds:02d}"
        if self.status is Status.DONE and self.direction is Direction.UPLOAD and self.processing_since is not None:
            return "Ready"
        if self.status is Status.RETRYING and self.retry_at is not None:
            wait = max(0, round(self.retry_at - time.time()))
            return f"Retrying in {wait} s (attempt {self.attempt + 1} of {self.max_attempts})" + (
                f": {self.error_message}" if self.error_message else ""
            )
        if self.status is Status.PAUSED and self.direction is Direction.UPLOAD:
            return PAUSED_UPLOAD
        return LABELS[self.status]

    @property
    def status_detail(self) -> str:
        """The longer word on the status (the row's tooltip): why it is so, and what comes next."""
        if self.error_message:
            return f"{self.error_title}: {self.error_message}"
        if self.status is Status.PAUSED and self.direction is Direction.UPLOAD:
            return PAUSED_UPLOAD_DETAIL
        if self.status is Status.SKIPPED:
            return f"Skipped: {self.saved_path or 'a file of that name'} already exists and was left as it is."
        if self.status is Status.DONE and self.finished_at:
            when = time.strftime("%Y-%m-%d %H:%M", time.localtime(self.finished_at))
            where = f", saved to {self.saved_path}" if self.saved_path else ""
            return (
                f"{'Uploaded' if self.direction is Direction.UPLOAD else 'Downloaded'} {when} ({self.profile}){where}"
            )
        return ""
