"""Removing our own partial downloads: on request ("Remove partial downloads", `assetdrop-cli clean`) and, for
those older than a few days, whenever a process takes the queue (a crash, a full disk or a kill can leave them).

Only temporary files of ours are touched (transfer/partfile.py names them), only in the folders downloads go to
(the settings' download folder and every folder a download went to or was queued for), and never one an
unfinished transfer still needs or one written to in the last seconds. A failed download loses its own: a retry
then starts over (resume.py finds no file to continue).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path

from .queue.items import TransferItem
from .settings import Settings
from .transfer import partfile

log = logging.getLogger(__name__)
BUSY_SECONDS = 10.0  # a temporary file written to this recently may belong to a transfer just starting


@dataclass(frozen=True)
class Cleaned:
    files: int
    bytes: int


def remove_partials(
    conf: Settings, unfinished: list[TransferItem], folders: set[Path], *, older_than: float = 0.0
) -> Cleaned:
    """Remove our temporary files in `folders` (and the download folder) that none of the `unfinished`
    transfers needs; returns what went."""
    needed = {item.part_path for item in unfinished if item.part_path}
    files = size = 0
    now = time.time()
    for part in partfile.found_in([conf.effective_download_dir(), *sorted(folders)], older_than=older_than):
        if str(part) in needed:
            continue
        try:
            stat = part.stat()
        except OSError:
            continue
        if now - stat.st_mtime < BUSY_SECONDS:
            continue
        partfile.discard(part)
        files, size = files + 1, size + stat.st_size
        log.info("removed the partial download %s (%d bytes)", part, stat.st_size)
    return Cleaned(files, size)
