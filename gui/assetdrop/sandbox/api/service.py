"""The API service: the HTTP server plus the state its endpoints share (key, storage, assets, result sets).

Limits such as `upload_url_expiry` and `get_link_enabled` are plain attributes read on every request, so tests
can flip them while the server runs.
"""

from __future__ import annotations

from pathlib import Path

from ..httpserver import BackgroundServer
from .assets import AssetStore
from .handler import ApiHandler
from .search import ResultSets


class ApiService(BackgroundServer):
    def __init__(self, storage, db_path: Path, *, api_key: str, host: str = "127.0.0.1", port: int = 0,
                 upload_url_expiry: int = 86400, max_upload_size: int = 5 * 1024**3,
                 get_link_enabled: bool = True):
        self.storage = storage
        self.api_key = api_key
        self.upload_url_expiry = upload_url_expiry
        self.max_upload_size = max_upload_size
        self.get_link_enabled = get_link_enabled
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
