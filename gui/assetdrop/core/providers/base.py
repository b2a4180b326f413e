"""The provider base class: what every provider shares, and the few hooks each vendor fills.

The base owns the flow, as Dangerzone's base class does: the address check, URL joining, the credential bound to
the API origin, JSON calls with the vendor's error shape, the start of an upload (a regular file, "preparing",
cancellation) and of a download (the verification default). A vendor fills `send` (its upload), `fetch` (its
download), `credential`, `error_in` and `check_connection`, plus what its capabilities promise (`asset_info`,
`search`, `signed_link`). The window, its workers and the CLI call only the public methods here; results are
plain dataclasses so they cross threads freely.
"""

from __future__ import annotations

import dataclasses
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, ClassVar, Self
from urllib.parse import quote

import requests

from .. import errors
from ..http import Credential, HttpClient
from ..responses import read_json
from ..sentence import translate
from ..transfer.download import ConflictChoice, ConflictPolicy, DownloadRequest, DownloadResult
from ..transfer.job import Job, TransferState
from ..transfer.pacing import budget_for
from ..transfer.progress import Phase
from ..transfer.send import check_uploadable
from .processing import AssetState, Readiness, wait_until_ready
from .spec import Capability, Option, ProviderConfig, ProviderSpec

THUMBNAIL_MAX_BYTES = 2 * 1024 * 1024
PATHS_GROUP = "Endpoint paths"


class PathTemplates:
    """Base of a provider's endpoint paths (a dataclass of str fields); each is an option `path_<field>`, so a
    profile may override any path the vendor's documents do not confirm (docs/providers.md)."""

    @classmethod
    def from_config(cls, config: ProviderConfig) -> Self:
        given = {f.name: config.text(f"path_{f.name}") for f in fields(cls)}  # type: ignore[arg-type]
        return cls(**{name: value for name, value in given.items() if value})

    @classmethod
    def options(cls) -> tuple[Option, ...]:
        """One option per path, in the dialog's "Endpoint paths" box and as `--path-<name>` flags."""
        defaults = cls()
        return tuple(
            Option(
                f"path_{f.name}",
                str,
                getattr(defaults, f.name),
                f"API path of {f.name.replace('_', ' ')}, relative to the API address",
                f.name.replace("_", " ").capitalize(),
                group=PATHS_GROUP,
                placeholder=getattr(defaults, f.name),
            )
            for f in fields(cls)  # type: ignore[arg-type]
        )


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
    renditions: tuple[str, ...] = ()  # other versions it can be downloaded as (FileSpin conversions' keys)
    raw: dict[str, Any] = field(default_factory=dict, repr=False)


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
    asset: dict[str, Any] = field(default_factory=dict, repr=False)
    processing: AssetState | None = None  # registered, not usable yet: the queue waits for it (job.wait_elsewhere)


def checked_base_url(url: str) -> str:
    if not url.startswith(("http://", "https://")):
        raise errors.ConfigError(
            translate("providers.base", "The API address must start with https:// (got {url!r}).").format(url=url)
        )
    return url.rstrip("/")


class Provider(ABC):
    spec: ClassVar[ProviderSpec[Provider]]

    def __init__(self, config: ProviderConfig, http: HttpClient):
        self.config = config
        self.http = http
        self.base_url = checked_base_url(config.base_url)
        self.verify_downloads = True  # MD5 against the storage's ETag; the session sets it from Settings
        rate = config.values.get("requests_per_second")
        per_second = float(rate) if isinstance(rate, int) and not isinstance(rate, bool) and rate > 0 else None
        self.budget = budget_for(self.base_url, per_second, self.spec.label)
        self.wait_ready = config.flag("wait_ready")  # an option of the providers that process uploads

    @property
    def kind(self) -> str:
        return self.spec.kind

    def with_options(self, **options: object) -> Self:
        """The same provider with some options changed (a download with its own link options), on the same
        HTTP client and secrets; a value that does not parse is a ConfigError naming its field."""
        values = self.spec.resolve({**self.config.values, **options})
        changed = type(self)(dataclasses.replace(self.config, values=values), self.http)
        changed.verify_downloads = self.verify_downloads
        return changed

    # -- talking to the API ---------------------------------------------------------------------------------
    def url(self, template: str, **params: object) -> str:
        return self.base_url + template.format(**{k: quote(str(v), safe="") for k, v in params.items()})

    @abstractmethod
    def credential(self) -> Credential:
        """The headers that authenticate to the API origin (and only there: the HTTP layer sees to that)."""

    def request(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        """An API call, paced to the provider's request budget; its answer tells the budget how it went."""
        return self.paced(lambda: self.http.request(method, url, credential=self.credential(), **kwargs))

    def paced(self, send: Callable[[], requests.Response]) -> requests.Response:
        self.budget.acquire()
        try:
            response = send()
        except errors.AssetdropError as exc:
            self.budget.answered(exc)
            raise
        self.budget.answered(None)
        return response

    def call(self, method: str, url: str, **kwargs: Any) -> Any:
        """A JSON API call; a vendor error envelope (even with status 200) raises its typed error."""
        response = self.request(method, url, **kwargs)
        return self.parse(response)

    def parse(self, response: requests.Response) -> Any:
        payload = read_json(response)
        error = self.error_in(payload, response.status_code)
        if error is not None:
            raise error
        return payload

    def error_in(self, payload: Any, status: int) -> errors.AssetdropError | None:
        """The typed error a successful-looking answer stands for, or None (the vendor's error shape)."""
        return None

    @staticmethod
    def require(payload: Any, *keys: str, what: str) -> dict[str, Any]:
        """`payload` as a JSON object holding `keys`, or a ProtocolError that says what is missing."""
        if not isinstance(payload, dict):
            raise errors.ProtocolError(
                translate("providers.base", "The server's {what} answer is not a JSON object.").format(what=what)
            )
        missing = [key for key in keys if key not in payload]
        if missing:
            raise errors.ProtocolError(
                translate("providers.base", "The server's {what} answer lacks {missing}.").format(
                    what=what, missing=", ".join(missing)
                )
            )
        return payload

    # -- the flow ---------------------------------------------------------------------------------------------
    def upload(self, path: Path | str, job: Job | None = None, *, name: str | None = None) -> UploadOutcome:
        """Send one file and register it; raises a typed error, and registers nothing unless storage took
        every byte of an unchanged file."""
        job = job or Job()
        path = Path(path)
        if self.upload_needs_file(job):
            check_uploadable(path)
        job.report(Phase.PREPARING)
        job.check()
        name = name or path.name
        outcome = self.send(path, name, job)
        if self.wait_ready:
            asset_id = outcome.asset_id
            first = self.asset_state(asset_id, outcome.asset)
            if job.wait_elsewhere and first is not None and first.readiness is Readiness.PROCESSING:
                job.report(Phase.PROCESSING, outcome.size, outcome.size)
                return dataclasses.replace(outcome, processing=first)
            wait_until_ready(
                first,
                lambda: self.asset_state(asset_id, None),
                job,
                provider=self.spec.label,
                name=name,
                size=outcome.size,
            )
        job.report(Phase.DONE, outcome.size, outcome.size)
        return outcome

    def asset_state(self, asset_id: str, answer: dict[str, Any] | None) -> AssetState | None:
        """Where the provider's processing of a new asset stands: read from `answer` (what the upload's last
        call answered), or asked for when `answer` is None. None: the provider does not tell (no wait)."""
        return None

    prepares_uploads = False  # whether prepare_upload can take an upload's first step ahead of it

    def prepare_upload(self, path: Path) -> TransferState | None:
        """An upload's first step (a storage URL to send to), taken ahead while another upload sends
        (core/queue/lookahead.py): the state its `send` goes on from. Sends no byte and registers nothing."""
        return None

    def upload_needs_file(self, job: Job) -> bool:
        """False when the saved state shows the bytes already stored (only the registration is left)."""
        return True

    @abstractmethod
    def send(self, path: Path, name: str, job: Job) -> UploadOutcome:
        """The vendor's upload of a checked, regular file."""

    def download(
        self,
        asset_id: str,
        dest_dir: Path | str,
        *,
        conflict: ConflictChoice = ConflictPolicy.RENAME,
        verify: bool | None = None,
        rendition: str = "",
        job: Job | None = None,
    ) -> DownloadResult:
        """Save one asset (or one of its renditions) into `dest_dir`: never a partial file under its final name."""
        job = job or Job()
        if rendition and not self.can(Capability.RENDITIONS):
            raise self.not_available("renditions")
        verify = self.verify_downloads if verify is None else verify
        request = DownloadRequest(Path(dest_dir), conflict, verify, rendition)
        job.report(Phase.PREPARING)
        return self.fetch(asset_id, request, job)

    @abstractmethod
    def fetch(self, asset_id: str, request: DownloadRequest, job: Job) -> DownloadResult:
        """The vendor's download; `request.verify` is resolved (never None)."""

    # -- what not every provider offers (the capabilities say which) --------------------------------------------
    def not_available(self, what: str) -> errors.AssetdropError:
        return errors.ClientRequestError(
            translate("providers.base", "{label} has no documented {what}.").format(label=self.spec.label, what=what),
            title=translate("providers.base", "Not available for this provider"),
        )

    def asset_info(self, asset_id: str) -> AssetSummary:
        raise self.not_available("asset-data endpoint; only download by ID")

    def search(self, text: str, *, page: int = 1, cursor: str | None = None, page_size: int = 50) -> SearchResults:
        raise self.not_available("search or listing endpoint")

    def signed_link(self, asset_id: str) -> str:
        raise self.not_available("shareable link (its downloads need the key)")

    def thumbnail_link(self, asset: AssetSummary) -> str | None:
        """A link to a small image of the asset (for Browse), or None when the provider has none for it."""
        return None

    def thumbnail(self, asset: AssetSummary, max_bytes: int = THUMBNAIL_MAX_BYTES) -> bytes | None:
        """The small image's bytes (for Browse), or None when there is none. The link is signed: it is fetched
        without the API's credential, its body capped (a thumbnail is kilobytes; more is not a thumbnail)."""
        link = self.thumbnail_link(asset)
        if link is None:
            return None
        response = self.http.request("GET", link, source="storage", max_body=max_bytes, timeout=(5, 15))
        return response.content

    def can(self, capability: Capability) -> bool:
        return self.spec.can(capability)

    @abstractmethod
    def check_connection(self) -> str:
        """Call the API with the configured key; return a sentence saying what it answered, or raise."""
