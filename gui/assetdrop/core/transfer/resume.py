"""Continue an interrupted download from its `.part`: the saved state, the Range/If-Range request, the saving.

`PartialDownload` is what an attempt leaves behind: the `.part` path, the final name, and the validator (ETag) the
server gave with the bytes. The next attempt asks for `Range: bytes=<size of the .part>-` with `If-Range: <etag>`,
so a file that changed in the meantime comes back whole (200) and `save_response` starts over cleanly; a 206 must
start exactly at the `.part`'s size to be appended. A 416 (the `.part` already holds every byte, or more) drops
the `.part` and asks once more for the whole file.

With `require_etag` (the default) no Range is sent without a validator: a server whose Range support is not
documented gets Range only when If-Range can guard it. A provider whose state holds more than the partial file
(an Xvid archive's ledger) passes `remember` to wrap it in its own state.

A download fetched over several connections (parallel.py) leaves a preallocated `.part` and the ranges still
missing: the next attempt asks for the first of them (`Range: bytes=a-b`, If-Range as above) and opens one more
connection for each of the others through the same `send`. `segmented=False` keeps to one connection (the files
of an Xvid archive, already fetched several at once).
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import requests

from .. import errors
from .download import DownloadRequest, DownloadResult, discard_part, save_response
from .job import Job

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True)
class PartialDownload:
    """What an attempt leaves: the temporary file, the final name, the validator; for a download fetched over
    several connections (parallel.py), its full size and the ranges still missing, [start, end)."""

    part: str = ""
    name: str = ""
    etag: str | None = None
    size: int = 0
    left: tuple[tuple[int, int], ...] = ()

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"part": self.part, "name": self.name, "etag": self.etag}
        if self.left:
            data.update(size=self.size, left=[list(r) for r in self.left])
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> PartialDownload | None:
        part = data.get("part")
        if not isinstance(part, str) or not part:
            return None
        etag = data.get("etag")
        left: tuple[tuple[int, int], ...] = ()
        try:
            left = tuple((int(a), int(b)) for a, b in data.get("left") or () if 0 <= int(a) < int(b))
            size = int(data.get("size") or 0)
        except (TypeError, ValueError):
            left, size = (), 0
        return cls(part, str(data.get("name") or ""), etag if isinstance(etag, str) and etag else None, size, left)

    @property
    def asset_id(self) -> str:
        return ""

    @property
    def partial_file(self) -> str:
        return self.part


class Resume:
    def __init__(
        self,
        job: Job,
        partial: PartialDownload | None = None,
        *,
        require_etag: bool = True,
        remember: Callable[[PartialDownload], None] | None = None,
        segmented: bool = True,
    ):
        self.job = job
        self.part = Path(partial.part) if partial is not None and job.resumable else None
        self.etag = partial.etag if partial is not None else None
        self._remember = remember or job.save
        self._segmented = segmented and job.connections > 1
        self._send: Callable[[dict[str, str] | None], Any] | None = None
        self._saved = PartialDownload()
        usable = self.part is not None and self.part.is_file() and not self.part.is_symlink()
        self.offset = self.part.stat().st_size if self.part and usable and (self.etag or not require_etag) else 0
        self.left: list[tuple[int, int]] = []
        self._size = partial.size if partial is not None else 0
        if partial is not None and partial.left and self.offset == partial.size and self.etag and self._segmented:
            self.left, self.offset = list(partial.left), 0  # a preallocated file: its size says nothing

    @classmethod
    def of(cls, job: Job, *, require_etag: bool = True) -> Resume:
        """For a provider whose whole download state is the partial file."""
        return cls(job, PartialDownload.from_json(job.saved()), require_etag=require_etag)

    @property
    def headers(self) -> dict[str, str] | None:
        """The request headers that ask for the rest of the file; None to ask for all of it."""
        if self.left:
            return {"Range": f"bytes={self.left[0][0]}-{self.left[0][1] - 1}", "If-Range": self.etag or ""}
        if not self.offset:
            return None
        headers = {"Range": f"bytes={self.offset}-"}
        if self.etag:
            headers["If-Range"] = self.etag
        return headers

    def open(self, send: Callable[[dict[str, str] | None], T]) -> T:
        """`send(headers)` opens the answer; a 416 to a resumed request starts over without Range."""
        self._send = send
        try:
            return send(self.headers)
        except errors.AssetdropError as exc:
            if exc.status != 416 or not (self.offset or self.left):
                raise
        log.info("the server cannot continue %s from byte %d (416); fetching the whole file", self.part, self.offset)
        discard_part(self.part)
        self.part, self.offset, self.left = None, 0, []
        return send(None)

    def _open_range(self, first: int, last: int) -> requests.Response:
        """One more connection for bytes first..last of the file `open` began (parallel.py)."""
        assert self._send is not None
        response = self._send({"Range": f"bytes={first}-{last}", "If-Range": self._saved.etag or ""})
        if not isinstance(response, requests.Response):
            raise TypeError("a download read through a peeking send cannot be fetched over several connections")
        return response

    def _on_part(self, part: Path, name: str, etag: str | None) -> None:
        self._saved = PartialDownload(str(part), name, etag)
        self.job.name_known(name)  # the row shows the asset's name from its first byte, not at the end
        if self.job.resumable:
            self._remember(self._saved)

    def _on_left(self, size: int, left: list[tuple[int, int]]) -> None:
        if self.job.resumable:
            self._remember(dataclasses.replace(self._saved, size=size, left=tuple(left)))

    def save(
        self,
        response: requests.Response,
        request: DownloadRequest,
        *,
        fallback_name: str,
        verify: bool,
        **kwargs: Any,
    ) -> DownloadResult:
        """`save_response` appending to the `.part` when the answer continues it; when the job is resumable, a
        failure keeps the `.part` for the next attempt (the queue removes it when the item is cancelled)."""
        return save_response(
            response,
            request.dest_dir,
            fallback_name=fallback_name,
            conflict=request.conflict,
            job=self.job,
            resume_part=self.part,
            on_part=self._on_part,
            keep_part=self.job.resumable,
            verify=verify,
            open_range=self._open_range if self._segmented and self._send is not None else None,
            resume_left=self.left or None,
            resume_size=self._size,
            on_left=self._on_left,
            **kwargs,
        )
