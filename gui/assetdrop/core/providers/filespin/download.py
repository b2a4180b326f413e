"""Download a FileSpin asset: a signed link first (the vendor's recommended path), `/download` when links are refused.

The signed GET carries no API key (the provider's credential is bound to the API origin). A link that expired
between issue and use is renewed once through the API instead of being reported as a failure. An interrupted
download continues from its `.part` (HTTP Range with If-Range on the ETag, transfer/resume.py); FileSpin documents
Range on both paths (docs/providers.md), so Range is asked for even without an ETag.

An asset must be processed (status OK) before it is read. What a download of one that is not gets is not
documented; a 409 (a conflict with the asset's state) is checked against the asset's status, so a download asked
for too soon waits and retries ("still processing") and one of an asset that failed processing says so.
"""

from __future__ import annotations

import logging
from typing import Any, Protocol

import requests

from ... import errors
from ...http import HttpClient
from ...redact import redact_url
from ...sentence import translate
from ...transfer.download import DownloadRequest, DownloadResult
from ...transfer.job import Job
from ...transfer.resume import Resume
from ..processing import Readiness
from .endpoints import state_from_data

log = logging.getLogger(__name__)

# Answers to get_link that mean "this server will not give links", not "this asset is bad".
_LINKS_REFUSED = (400, 405, 422, 501)


class DownloadApi(Protocol):
    """The FileSpin calls a download needs (FileSpinProvider has them)."""

    http: HttpClient

    def asset_data(self, asset_id: str) -> dict[str, Any]: ...

    def get_link(self, asset_id: str, *, content_key: str = "original") -> str: ...

    def open_download(
        self, asset_id: str, *, content_key: str = "original", headers: dict[str, str] | None = None
    ) -> requests.Response: ...


def _links_refused(exc: errors.AssetdropError) -> bool:
    return isinstance(exc, errors.ProtocolError) or (
        isinstance(exc, errors.ClientRequestError) and exc.status in _LINKS_REFUSED
    )


def download_asset(
    api: DownloadApi, asset_id: str, request: DownloadRequest, job: Job, *, content_key: str = "original"
) -> DownloadResult:
    try:
        return _download(api, asset_id, request, job, content_key)
    except errors.ConflictError as exc:
        raise _why_not_readable(api, asset_id, exc) from exc


def _why_not_readable(api: DownloadApi, asset_id: str, exc: errors.ConflictError) -> errors.AssetdropError:
    """A 409 to a download: the asset's status says whether it is still being processed or failed processing."""
    try:
        state = state_from_data(api.asset_data(asset_id))
    except errors.AssetdropError:
        return exc
    if state is not None and state.readiness is Readiness.PROCESSING:
        return errors.NotReady(
            translate(
                "providers.filespin.download",
                "FileSpin is still processing asset {asset_id} ({status}); the download waits.",
            ).format(asset_id=asset_id, status=state.status)
        )
    if state is not None and state.readiness is Readiness.FAILED:
        reason = state.message or f"it reports {state.status}"
        return errors.ProcessingFailed(
            translate(
                "providers.filespin.download",
                "FileSpin could not process asset {asset_id}, so it cannot be read: {reason}.",
            ).format(asset_id=asset_id, reason=reason)
        )
    return exc


def _download(api: DownloadApi, asset_id: str, request: DownloadRequest, job: Job, content_key: str) -> DownloadResult:
    resume = Resume.of(job, require_etag=False)
    verify = bool(request.verify)

    def expected() -> tuple[int | None, str | None]:
        """What the asset data says of the original, for an answer that states neither size nor MD5."""
        if content_key != "original":
            return None, None
        data = api.asset_data(asset_id)
        size, checksum = data.get("size"), data.get("checksum")
        return (
            size if isinstance(size, int) and not isinstance(size, bool) else None,
            checksum if isinstance(checksum, str) and len(checksum) == 32 else None,
        )

    try:
        url = api.get_link(asset_id, content_key=content_key)
    except errors.AssetdropError as exc:
        if not _links_refused(exc):
            raise
        log.info("get_link refused for %s (%s); falling back to /download", asset_id, exc)
        response = resume.open(lambda headers: api.open_download(asset_id, content_key=content_key, headers=headers))
        return resume.save(response, request, fallback_name=asset_id, verify=verify, expected=expected)
    for attempt in (1, 2):
        job.check()
        log.debug("GET %s", redact_url(url))

        def signed_get(headers: dict[str, str] | None, url: str = url) -> requests.Response:
            return api.http.request("GET", url, stream=True, source="storage", headers=headers)

        try:
            response = resume.open(signed_get)
        except errors.LinkExpired:
            if attempt == 2:
                raise
            url = api.get_link(asset_id, content_key=content_key)  # renewed, not reported as a failure
            continue
        return resume.save(response, request, fallback_name=asset_id, verify=verify, expected=expected)
    raise AssertionError("unreachable")
