"""Download one Xvid file, or an archive's items into `<dest>/<archive name>/`, through `/files/downloads/` links.

An interrupted single-file download continues from its `.part`: the link is asked for afresh, then the storage is
sent `Range` from the `.part`'s size with `If-Range` on the ETag it gave (a changed file comes back whole and
starts over; transfer/resume.py). Xvid does not document Range (docs/providers.md); its storage URLs are S3's.
An archive's items are fetched whole, but an attempt skips the items an earlier one saved (archive.py).

A file's name: the storage's Content-Disposition when it sends one (the vendor's documented link does not),
else the link's path when it ends in a file name (`…/test1.mp4?Expires=…`), else the name the API gives the file,
else its ID (names.py).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

import requests

from ... import errors
from ...filenames import safe_filename
from ...http import HttpClient
from ...sentence import translate
from ...transfer.download import DownloadRequest, DownloadResult, Expected
from ...transfer.job import Job
from ...transfer.resume import PartialDownload, Resume
from .archive import ArchiveLedger, Ledger, fetch_archive
from .links import DownloadAnswer, XvidLinkOptions
from .names import fallback_name

DEFAULT_PARALLEL = 4


@dataclass(frozen=True)
class XvidDownloadState:
    partial: PartialDownload | None = None
    archive_done: Ledger = field(default_factory=dict)

    @property
    def asset_id(self) -> str:
        return ""

    @property
    def partial_file(self) -> str:
        return self.partial.part if self.partial is not None else ""

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = self.partial.to_json() if self.partial is not None else {}
        if self.archive_done:
            data["archive_done"] = {k: dict(v) for k, v in self.archive_done.items()}
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> XvidDownloadState:
        ledger = data.get("archive_done")
        valid = isinstance(ledger, dict) and all(isinstance(v, dict) for v in ledger.values())
        return cls(PartialDownload.from_json(data), dict(ledger) if valid and isinstance(ledger, dict) else {})


class LinkSource(Protocol):
    """The Xvid calls a download needs (XvidProvider has them)."""

    http: HttpClient

    def file_info(self, file_id: str) -> dict[str, Any]: ...

    def request_links(self, file_id: str | None, options: XvidLinkOptions) -> DownloadAnswer: ...

    def open_downloads(
        self, pairs: list[tuple[str, str]], expiry_time: int | None, *, stream: bool, headers: dict[str, str] | None
    ) -> requests.Response: ...


def download(
    api: LinkSource, asset_id: str, opts: XvidLinkOptions, request: DownloadRequest, job: Job
) -> DownloadResult:
    opts.validate()
    state = XvidDownloadState.from_json(job.saved())
    resume = Resume(job, state.partial, remember=lambda partial: job.save(dataclasses.replace(state, partial=partial)))
    if opts.autograph_tag and not opts.object_key and not api.file_info(asset_id).get("autograph"):
        raise errors.ClientRequestError(
            translate(
                "providers.xvid.download",
                "File {asset_id} is not marked for AutoGraph, so it cannot carry an autograph tag. Clear "
                "the tag or enable AutoGraph on the file.",
            ).format(asset_id=asset_id),
            title=translate("providers.xvid.download", "AutoGraph not enabled"),
        )
    fallback = asset_id or (opts.object_key or "download").rsplit("/", 1)[-1]
    verify = bool(request.verify)

    def api_name(known: str | None = None) -> str | None:
        if known or not asset_id:
            return known
        try:
            name = api.file_info(asset_id).get("name")
        except errors.AssetdropError:
            return None
        return name if isinstance(name, str) else None

    if opts.redirect:
        query = opts.query(asset_id, include_expiry=False)
        response = resume.open(
            lambda headers: api.open_downloads(query, opts.expiry_time, stream=True, headers=headers)
        )
        ctype = response.headers.get("content-type", "").lower()
        if not ("json" in ctype or "xml" in ctype):  # the redirect was followed: this is the file
            name = fallback_name(response, api_name, fallback)
            return resume.save(response, request, fallback_name=name, verify=verify)
        response.close()  # the server answered links instead of redirecting: use them
    answer = api.request_links(asset_id, opts)
    if not answer.archive:

        def expected() -> tuple[int | None, str | None]:
            """What the file data says, for an answer that states neither size nor MD5 (by ID only)."""
            if not asset_id:
                return None, None
            data = api.file_info(asset_id)
            size, checksum = data.get("size"), data.get("md5_checksum")
            return (
                size if isinstance(size, int) and not isinstance(size, bool) else None,
                checksum if isinstance(checksum, str) and len(checksum) == 32 else None,
            )

        return _fetch(api, answer.urls[0], request, fallback, resume, verify, lambda: api_name(answer.name), expected)
    name = answer.name or (api.file_info(asset_id).get("name") if asset_id else None) or fallback
    ledger = ArchiveLedger(
        state.archive_done, lambda done: job.save(dataclasses.replace(state, partial=None, archive_done=done))
    )
    folder = request.dest_dir / safe_filename(str(name), fallback)
    return fetch_archive(
        answer.urls,
        folder,
        lambda url, into, item_fallback, item_job: _fetch(
            api,
            url,
            dataclasses.replace(request, dest_dir=into),
            item_fallback,
            Resume(item_job, segmented=False),
            verify,
        ),
        fallback=fallback,
        workers=opts.max_parallel_downloads or DEFAULT_PARALLEL,
        job=job,
        ledger=ledger,
    )


def _fetch(
    api: LinkSource,
    url: str,
    request: DownloadRequest,
    fallback: str,
    resume: Resume,
    verify: bool,
    api_name: Callable[[], str | None] = lambda: None,
    expected: Expected | None = None,
) -> DownloadResult:
    resume.job.check()
    response = resume.open(  # no credential: storage
        lambda headers: api.http.request("GET", url, stream=True, source="storage", headers=headers)
    )
    return resume.save(
        response, request, fallback_name=fallback_name(response, api_name, fallback), verify=verify, expected=expected
    )
