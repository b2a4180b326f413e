"""What every provider offers the app and the CLI, whatever API it speaks.

The window, its workers and the CLI call only these methods; each provider module maps them onto its own
endpoints, auth and error shapes. Results are plain dataclasses so they cross thread boundaries freely.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Protocol, runtime_checkable

from ..http import HttpClient
from ..transfer.download import ConflictPolicy, DownloadResult
from ..transfer.progress import CancelToken, ProgressCallback


class PathTemplates:
    """Base of a provider's endpoint paths (a dataclass of str fields); a profile may override any of them."""

    @classmethod
    def from_options(cls, options: dict | None):
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in (options or {}).items() if k in known and isinstance(v, str)})


@dataclass
class AssetSummary:
    """One asset as the browse panel shows it."""

    asset_id: str
    name: str = ""
    size: int | None = None
    content_type: str = ""
    uploaded: str = ""  # ISO-8601 UTC, or "" when the API does not say
    checksum: str = ""
    status: str = ""
    raw: dict = field(default_factory=dict, repr=False)


@dataclass
class SearchResults:
    items: list[AssetSummary]
    page: int
    total_pages: int
    total: int | None = None
    cursor: str | None = None  # provider-specific handle for the next page (e.g. FileSpin's search_result_id)


@dataclass
class UploadOutcome:
    asset_id: str
    path: Path
    size: int
    md5: str | None
    asset: dict = field(default_factory=dict, repr=False)


@runtime_checkable
class Provider(Protocol):
    kind: str
    http: HttpClient
    verify_downloads: bool  # check each download against the storage's MD5 ETag, when it gives one

    def upload(self, path: Path, *, name: str | None = None, progress: ProgressCallback | None = None,
               cancel: CancelToken | None = None) -> UploadOutcome: ...

    def download(self, asset_id: str, dest_dir: Path, *, conflict: ConflictPolicy = ConflictPolicy.RENAME,
                 progress: ProgressCallback | None = None, cancel: CancelToken | None = None,
                 verify: bool | None = None) -> DownloadResult: ...  # verify None: verify_downloads

    def asset_info(self, asset_id: str) -> AssetSummary: ...

    def search(self, text: str, *, page: int = 1, cursor: str | None = None,
               page_size: int = 50) -> SearchResults: ...

    def signed_link(self, asset_id: str) -> str: ...

    def check_connection(self) -> str:
        """Call the API with the configured key; return a sentence saying what it answered, or raise."""
        ...
