"""`Sandbox`: the FileSpin API and the S3-compatible storage, started, stopped and inspected together.

Tests and `assetdrop-cli sandbox` need one object that owns both ports, one data directory (so state and the
API key survive a restart) and the run-time switches used to exercise client fallbacks.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
import shutil
import signal
import tempfile
import threading
from pathlib import Path

from .api import ApiService
from .storage import StorageService

log = logging.getLogger("assetdrop.sandbox")

KEY_FILE = "api_key"
DB_FILE = "api.sqlite3"
STORAGE_DIR = "storage"


def load_or_create_key(data_dir: Path) -> str:
    """The key persisted in `data_dir/api_key`, or a new `sbx_` + 32 hex written there (mode 0600)."""
    path = data_dir / KEY_FILE
    try:
        key = path.read_text("utf-8").strip()
        if re.fullmatch(r"[\x21-\x7e]{8,256}", key):
            return key
    except FileNotFoundError:
        pass
    key = "sbx_" + secrets.token_hex(16)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(key + "\n")
    return key


class Sandbox:
    def __init__(self, data_dir: Path | None = None, *, port: int = 0, storage_port: int = 0,
                 api_key: str | None = None, upload_url_expiry: int = 86400, max_upload_size: int = 5 * 1024**3,
                 get_link_enabled: bool = True):
        self._temp = data_dir is None
        self.data_dir = Path(tempfile.mkdtemp(prefix="assetdrop-sandbox-")) if data_dir is None else Path(data_dir)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        key = api_key if api_key is not None else load_or_create_key(self.data_dir)
        self.storage = StorageService(self.data_dir / STORAGE_DIR, port=storage_port)
        try:
            self._api = ApiService(self.storage, self.data_dir / DB_FILE, api_key=key, port=port,
                                   upload_url_expiry=upload_url_expiry, max_upload_size=max_upload_size,
                                   get_link_enabled=get_link_enabled)
        except BaseException:
            self.storage.stop()
            raise
        self._stopped = False

    # -- run-time view and switches -----------------------------------------------------------------------------

    @property
    def api_url(self) -> str:
        """Base URL without `/api/v1`."""
        return self._api.url

    @property
    def api_key(self) -> str:
        return self._api.api_key

    @property
    def get_link_enabled(self) -> bool:
        return self._api.get_link_enabled

    @get_link_enabled.setter
    def get_link_enabled(self, value: bool) -> None:
        self._api.get_link_enabled = bool(value)

    @property
    def upload_url_expiry(self) -> int:
        return self._api.upload_url_expiry

    @upload_url_expiry.setter
    def upload_url_expiry(self, value: int) -> None:
        self._api.upload_url_expiry = int(value)

    @property
    def max_upload_size(self) -> int:
        return self._api.max_upload_size

    def assets(self) -> list[dict]:
        """Every registered asset's data, in registration order."""
        return [asset.data() for asset in self._api.store.all()]

    # -- lifecycle ------------------------------------------------------------------------------------------------

    def start(self) -> Sandbox:
        self.storage.start()
        self._api.start()
        log.info("sandbox API at %s, storage at %s, data in %s", self.api_url, self.storage.endpoint, self.data_dir)
        return self

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        try:
            self._api.stop()
        finally:
            try:
                self.storage.stop()
            finally:
                if self._temp:
                    shutil.rmtree(self.data_dir, ignore_errors=True)

    def serve_forever(self) -> None:
        """Serve in the foreground until Ctrl+C (or SIGTERM), then stop cleanly."""
        done = threading.Event()
        previous = None
        if threading.current_thread() is threading.main_thread():
            previous = signal.signal(signal.SIGTERM, lambda *_: done.set())
        self.start()
        try:
            while not done.wait(0.5):
                pass
        except KeyboardInterrupt:
            pass
        finally:
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)
            self.stop()

    def __enter__(self) -> Sandbox:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
