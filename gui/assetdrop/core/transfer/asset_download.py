"""Download an asset by ID: a signed link first (the vendor's recommended path), `/download` when links are refused.

The signed GET carries no API key (the provider's credential is bound to the API origin). A link that expired
between issue and use is renewed once through the API instead of being reported as a failure.
"""

from __future__ import annotations

import logging
from pathlib import Path

from .. import errors
from ..providers.filespin import FileSpinProvider
from ..redact import redact_url
from .download import ConflictPolicy, DownloadResult
from .progress import CancelToken, Phase, ProgressCallback, report
from .resume import Resume

log = logging.getLogger(__name__)

# Answers to get_link that mean "this server will not give links", not "this asset is bad".
_LINKS_REFUSED = (400, 405, 422, 501)


def _links_refused(exc: errors.AssetdropError) -> bool:
    return isinstance(exc, errors.ProtocolError) or (
        isinstance(exc, errors.ClientRequestError) and exc.status in _LINKS_REFUSED)


def download_asset(provider: FileSpinProvider, asset_id: str, dest_dir: Path, *, content_key: str = "original",
                   conflict=ConflictPolicy.RENAME, progress: ProgressCallback | None = None,
                   cancel: CancelToken | None = None, checkpoint: dict | None = None,
                   save_checkpoint=None, verify: bool = True) -> DownloadResult:
    """With `checkpoint`/`save_checkpoint`, an interrupted download continues from its `.part` (HTTP Range with
    If-Range on the ETag, see resume.py); a server that will not resume sends the whole file and it starts over
    cleanly. FileSpin documents Range (PROVIDERS.md §1.9, §1.11), so it is asked for even without an ETag."""
    resume = Resume(checkpoint, save_checkpoint, require_etag=False)

    def save(response):
        return resume.save(response, dest_dir, fallback_name=asset_id, conflict=conflict, progress=progress,
                           cancel=cancel, verify=verify)

    report(progress, Phase.PREPARING)
    try:
        url = provider.get_link(asset_id, content_key=content_key)
    except errors.AssetdropError as exc:
        if not _links_refused(exc):
            raise
        log.info("get_link refused for %s (%s); falling back to /download", asset_id, exc)
        return save(resume.open(lambda headers: provider.open_download(asset_id, content_key=content_key,
                                                                       headers=headers)))
    for attempt in (1, 2):
        if cancel is not None:
            cancel.raise_if_cancelled()
        log.debug("GET %s", redact_url(url))
        try:
            response = resume.open(lambda headers: provider.http.request("GET", url, stream=True, source="storage",
                                                                         headers=headers))
        except errors.LinkExpired:
            if attempt == 2:
                raise
            url = provider.get_link(asset_id, content_key=content_key)  # renewed, not reported as a failure
            continue
        return save(response)
    raise AssertionError("unreachable")
