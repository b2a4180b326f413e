"""Continue an interrupted download from its `.part`: the checkpoint, the Range/If-Range request, the saving.

A checkpoint is the plain dict the queue persists through `save_checkpoint`: `part` (the `.part` path), `name` (the
final name) and `etag` (the validator the server gave with the bytes). The next attempt asks for
`Range: bytes=<size of the .part>-` with `If-Range: <etag>`, so a file that changed in the meantime comes back whole
(200) and `save_response` starts over cleanly; a 206 must start exactly at the `.part`'s size to be appended.
A 416 (the `.part` already holds every byte, or more) drops the `.part` and asks once more for the whole file.

With `require_etag` (the default) no Range is sent without a validator: a server whose Range support is not
documented gets Range only when If-Range can guard it. Without a checkpoint this is plain `save_response`.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable, TypeVar

from .. import errors
from .download import DownloadResult, discard_part, save_response

log = logging.getLogger(__name__)
T = TypeVar("T")


class Resume:
    def __init__(self, checkpoint: dict | None = None, save_checkpoint: Callable[[dict], None] | None = None, *,
                 require_etag: bool = True):
        checkpoint = checkpoint or {}
        self.part = Path(checkpoint["part"]) if checkpoint.get("part") else None
        self.etag = checkpoint.get("etag") or None
        self._save_checkpoint = save_checkpoint
        usable = self.part is not None and self.part.is_file() and not self.part.is_symlink()
        self.offset = self.part.stat().st_size if usable and (self.etag or not require_etag) else 0

    @property
    def headers(self) -> dict[str, str] | None:
        """The request headers that ask for the rest of the file; None to ask for all of it."""
        if not self.offset:
            return None
        headers = {"Range": f"bytes={self.offset}-"}
        if self.etag:
            headers["If-Range"] = self.etag
        return headers

    def open(self, send: Callable[[dict[str, str] | None], T]) -> T:
        """`send(headers)` opens the answer; a 416 to a resumed request starts over without Range."""
        try:
            return send(self.headers)
        except errors.AssetdropError as exc:
            if exc.status != 416 or not self.offset:
                raise
        log.info("the server cannot continue %s from byte %d (416); fetching the whole file", self.part, self.offset)
        discard_part(self.part)
        self.part, self.offset = None, 0
        return send(None)

    def _remember(self, part: Path, name: str, etag: str | None) -> None:
        if self._save_checkpoint is not None:
            self._save_checkpoint({"part": str(part), "name": name, "etag": etag})

    def save(self, response, dest_dir: Path, **kwargs) -> DownloadResult:
        """`save_response` appending to the `.part` when the answer continues it; with a `save_checkpoint`, a
        failure keeps the `.part` for the next attempt (the queue removes it when the item is cancelled)."""
        return save_response(response, dest_dir, resume_part=self.part, on_part=self._remember,
                             keep_part=self._save_checkpoint is not None, **kwargs)
