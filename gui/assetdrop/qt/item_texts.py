"""What the window says about one transfer, in the user's language: its status (the core's
TransferItem.status_text stays English, for the command line and the logs) and the one sentence a screen reader
reads for its row, "photo.jpg, 42 percent, uploading, 3 MiB/s" (the queue model's accessible text).

The error sentences come from the core (core/errors.py) and are shown in the window's language too
(qt/core_text.py)."""

from __future__ import annotations

import time

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject

from ..core.queue.items import Direction, Status, TransferItem
from . import locale_format
from .core_text import localize
from .translations import fill

# The status column's words, and the lower-case ones the row's sentence uses (read aloud mid-sentence).
LABELS = {
    Status.QUEUED: (QT_TRANSLATE_NOOP("ItemTexts", "Queued"), QT_TRANSLATE_NOOP("ItemTexts", "queued")),
    Status.PREPARING: (QT_TRANSLATE_NOOP("ItemTexts", "Preparing"), QT_TRANSLATE_NOOP("ItemTexts", "preparing")),
    Status.UPLOADING: (QT_TRANSLATE_NOOP("ItemTexts", "Uploading"), QT_TRANSLATE_NOOP("ItemTexts", "uploading")),
    Status.REGISTERING: (
        QT_TRANSLATE_NOOP("ItemTexts", "Registering"),
        QT_TRANSLATE_NOOP("ItemTexts", "registering"),
    ),
    Status.PROCESSING: (QT_TRANSLATE_NOOP("ItemTexts", "Processing"), QT_TRANSLATE_NOOP("ItemTexts", "processing")),
    Status.DOWNLOADING: (
        QT_TRANSLATE_NOOP("ItemTexts", "Downloading"),
        QT_TRANSLATE_NOOP("ItemTexts", "downloading"),
    ),
    Status.RETRYING: (QT_TRANSLATE_NOOP("ItemTexts", "Retrying"), QT_TRANSLATE_NOOP("ItemTexts", "retrying")),
    Status.PAUSED: (QT_TRANSLATE_NOOP("ItemTexts", "Paused"), QT_TRANSLATE_NOOP("ItemTexts", "paused")),
    Status.DONE: (QT_TRANSLATE_NOOP("ItemTexts", "Done"), QT_TRANSLATE_NOOP("ItemTexts", "done")),
    Status.SKIPPED: (
        QT_TRANSLATE_NOOP("ItemTexts", "Skipped: the name is taken"),
        QT_TRANSLATE_NOOP("ItemTexts", "skipped, the name is taken"),
    ),
    Status.FAILED: (QT_TRANSLATE_NOOP("ItemTexts", "Failed"), QT_TRANSLATE_NOOP("ItemTexts", "failed")),
    Status.CANCELLED: (QT_TRANSLATE_NOOP("ItemTexts", "Cancelled"), QT_TRANSLATE_NOOP("ItemTexts", "cancelled")),
}


class ItemTexts(QObject):
    """A QObject for its self.tr: lupdate gives numerus forms ("in 1 second", "in 5 seconds") only to those."""

    def status(self, item: TransferItem) -> str:
        """The status column: what TransferItem.status_text says, translated."""
        if item.status is Status.FAILED and item.error_message:
            return fill(self.tr("Failed: %1"), localize(item.error_message))
        if item.status is Status.PROCESSING and item.processing_since is not None:
            minutes, seconds = divmod(max(0, int(time.time() - item.processing_since)), 60)
            return fill(self.tr("Processing %1:%2"), minutes, f"{seconds:02d}")
        if item.status is Status.DONE and item.direction is Direction.UPLOAD and item.processing_since is not None:
            return self.tr("Ready")
        if item.status is Status.RETRYING and item.retry_at is not None:
            wait = max(0, round(item.retry_at - time.time()))
            text = fill(self.tr("Retrying in %1 s (attempt %2 of %3)"), wait, item.attempt + 1, item.max_attempts)
            return fill(self.tr("%1: %2"), text, localize(item.error_message)) if item.error_message else text
        if item.status is Status.PAUSED and item.direction is Direction.UPLOAD:
            return self.tr("Paused: restarts from the beginning")
        return self.tr(str(LABELS[item.status][0]))

    def detail(self, item: TransferItem) -> str:
        """The row's tooltip: what TransferItem.status_detail says, translated."""
        if item.error_message:
            return fill(self.tr("%1: %2"), localize(item.error_title), localize(item.error_message))
        if item.status is Status.PAUSED and item.direction is Direction.UPLOAD:
            return self.tr(
                "Uploads cannot be continued part-way (the storage link takes the whole file in one request): "
                "Resume sends this file again from its first byte."
            )
        if item.status is Status.SKIPPED:
            if item.saved_path:
                return fill(self.tr("Skipped: %1 already exists and was left as it is."), item.saved_path)
            return self.tr("Skipped: a file of that name already exists and was left as it is.")
        if item.status is Status.DONE and item.finished_at:
            when = locale_format.date_time(item.finished_at)
            if item.direction is Direction.UPLOAD:
                text = fill(self.tr("Uploaded %1 (%2)"), when, item.profile)
            else:
                text = fill(self.tr("Downloaded %1 (%2)"), when, item.profile)
            return fill(self.tr("%1, saved to %2"), text, item.saved_path) if item.saved_path else text
        return ""

    def sentence(self, item: TransferItem) -> str:
        """The row as one sentence: name, percent, status, speed (each only when it says something)."""
        parts = [item.name]
        fraction = item.fraction
        if fraction is not None and not item.is_finished:
            parts.append(self.tr("%n percent", "", int(fraction * 100)))
        if item.status is Status.FAILED and item.error_message:
            parts.append(fill(self.tr("failed: %1"), localize(item.error_message)))
        elif item.status is Status.RETRYING and item.retry_at is not None:
            parts.append(self.tr("retrying in %n second(s)", "", max(0, round(item.retry_at - time.time()))))
        else:
            parts.append(self.tr(str(LABELS[item.status][1])))
        if item.is_active and item.rate > 0:
            parts.append(locale_format.rate(item.rate))
        if item.asset_id and item.is_finished:
            parts.append(fill(self.tr("asset ID %1"), item.asset_id))
        return self.tr(", ").join(parts)


TEXTS = ItemTexts()  # one for the process: the table asks for these texts once per snapshot of each row
