"""The API service: the HTTP server plus the state its endpoints share (key, storage, assets, result sets).

Limits and switches such as `upload_url_expiry`, `get_link_enabled`, `processing_delay` or the rate limits are
plain attributes read on every request, so tests can flip them while the server runs. Their defaults are what
the vendor documents (docs/sandbox-contract.md); where it is silent, the sandbox's choice.
"""

from __future__ import annotations

import threading
from pathlib import Path

from ..httpserver import BackgroundServer
from ..ratelimit import InvalidRequestLimit, RateLimit
from .assets import AssetStore
from .handler import ApiHandler
from .search import ResultSets


class ApiService(BackgroundServer):
    def __init__(
        self,
        storage,
        db_path: Path,
        *,
        api_key: str,
        host: str = "127.0.0.1",
        port: int = 0,
        upload_url_expiry: int = 86400,
        max_upload_size: int = 5 * 1024**3,
        get_link_enabled: bool = True,
        rate_limits: bool = True,
    ):
        self.storage = storage
        self.api_key = api_key
        self.upload_url_expiry = upload_url_expiry
        self.max_upload_size = max_upload_size
        self.get_link_enabled = get_link_enabled
        self.processing_delay = 0.3  # seconds an asset stays NOT_READY after register_asset
        self.processing_error: str | None = None  # set: assets registered from now on end in ERROR, this message
        self.processing_lock = threading.Lock()
        self.not_ready_download = "refuse"  # or "serve": what reading an asset that is not OK gets (inferred)
        self.repeat_register_status = 409  # the status of a repeated register_asset (undocumented)
        self.auth_refusal: str | None = None  # "authentication_failed", "upload_limit" or "account_disabled": 403
        # About 30 requests a second per API; over it, 429 for up to a minute (the documented worst case).
        self.rate_limit = RateLimit(30, 1.0, cooldown=60.0, enabled=rate_limits)
        # The separate, long-lived limit on invalid requests (the threshold is the sandbox's choice).
        self.invalid_limit = InvalidRequestLimit(100, 60.0, enabled=rate_limits)
        self.store = AssetStore(db_path)
        self.results = ResultSets()
        self.mounts: list = []  # other vendors' APIs on their own prefixes (sandbox/mounts.py)
        super().__init__(ApiHandler, host, port)

    def mount_for(self, path: str):
        for mount in self.mounts:
            if path == mount.prefix.rstrip("/") or path.startswith(mount.prefix):
                return mount
        return None

    def stop(self) -> None:
        super().stop()
        self.store.close()
