"""`Sandbox`: the FileSpin, Xvid and memories.ai APIs (one process) and the S3-compatible storage, together.

Tests and `assetdrop-cli sandbox` need one object that owns both ports, one data directory (so state, the API
key and the ports survive a restart: a queue whose storage URLs name the old ports goes on after one) and the
run-time switches used to exercise client fallbacks.
"""

from __future__ import annotations

import base64
import errno
import json
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
from .memories import MemoriesApi
from .storage import StorageService
from .xvid import XvidApi

log = logging.getLogger("assetdrop.sandbox")

KEY_FILE = "api_key"
XVID_KEY_FILE = "xvid_credentials.json"
MEMORIES_KEY_FILE = "memories_key"
DB_FILE = "api.sqlite3"
STORAGE_DIR = "storage"
PORTS_FILE = "ports.json"


def remembered_ports(data_dir: Path) -> tuple[int, int]:
    """(API port, storage port) the sandbox last ran on with this data folder; 0 for none."""
    try:
        data = json.loads((data_dir / PORTS_FILE).read_text("utf-8"))
        api, storage = int(data["api"]), int(data["storage"])
    except (FileNotFoundError, ValueError, KeyError, TypeError):
        return 0, 0
    return (api, storage) if 0 < api < 65536 and 0 < storage < 65536 else (0, 0)


def _bind(make, wanted: int, remembered: int):
    """A server on the port asked for; else on the remembered one, or any free one when that is taken."""
    if wanted or not remembered:
        return make(wanted)
    try:
        return make(remembered)
    except OSError as exc:
        if exc.errno not in (errno.EADDRINUSE, errno.EACCES):
            raise
        log.warning("port %d is taken; the sandbox takes another one", remembered)
        return make(0)


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


def _write_private(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)


def load_or_create_xvid_credentials(data_dir: Path) -> tuple[str, str]:
    """Xvid app credentials: a 24-hex client_id and a base64 client_secret (HMAC uses its decoded bytes)."""
    path = data_dir / XVID_KEY_FILE
    try:
        data = json.loads(path.read_text("utf-8"))
        return str(data["client_id"]), str(data["client_secret"])
    except (FileNotFoundError, KeyError, ValueError, TypeError):
        pass
    client_id, secret = secrets.token_hex(12), base64.b64encode(secrets.token_bytes(32)).decode("ascii")
    _write_private(path, json.dumps({"client_id": client_id, "client_secret": secret}) + "\n")
    return client_id, secret


def load_or_create_memories_key(data_dir: Path) -> str:
    path = data_dir / MEMORIES_KEY_FILE
    try:
        key = path.read_text("utf-8").strip()
        if re.fullmatch(r"sk-[\x21-\x7e]{8,256}", key):
            return key
    except FileNotFoundError:
        pass
    key = "sk-mavi-" + secrets.token_hex(16)
    _write_private(path, key + "\n")
    return key


class Sandbox:
    def __init__(
        self,
        data_dir: Path | None = None,
        *,
        port: int = 0,
        storage_port: int = 0,
        api_key: str | None = None,
        upload_url_expiry: int = 86400,
        max_upload_size: int = 5 * 1024**3,
        get_link_enabled: bool = True,
        storage_public_url: str | None = None,
        rate_limits: bool = True,
    ):
        """`storage_public_url`: the address presigned links name when a proxy fronts the storage (a WAN emulator,
        a fault proxy); by default the storage's own. `rate_limits`: the vendors' documented request limits (on, as
        the vendors have them; tests of other things may turn them off). Ports: as given, else the ones this data
        folder last used, else free ones."""
        self._temp = data_dir is None
        self.data_dir = Path(tempfile.mkdtemp(prefix="assetdrop-sandbox-")) if data_dir is None else Path(data_dir)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        key = api_key if api_key is not None else load_or_create_key(self.data_dir)
        last_api, last_storage = (0, 0) if self._temp else remembered_ports(self.data_dir)
        self.storage = _bind(lambda p: StorageService(self.data_dir / STORAGE_DIR, port=p), storage_port, last_storage)
        self.storage.public_endpoint = storage_public_url.rstrip("/") if storage_public_url else None
        try:
            self._api = _bind(
                lambda p: ApiService(
                    self.storage,
                    self.data_dir / DB_FILE,
                    api_key=key,
                    port=p,
                    upload_url_expiry=upload_url_expiry,
                    max_upload_size=max_upload_size,
                    get_link_enabled=get_link_enabled,
                    rate_limits=rate_limits,
                ),
                port,
                last_api,
            )
            self.xvid_client_id, self.xvid_client_secret = load_or_create_xvid_credentials(self.data_dir)
            self.memories_key = load_or_create_memories_key(self.data_dir)
            self.xvid = XvidApi(
                self.storage,
                self.data_dir,
                client_id=self.xvid_client_id,
                client_secret=self.xvid_client_secret,
                base_url=lambda: self._api.url,
                max_upload_size=max_upload_size,
            )
            self.memories = MemoriesApi(self.storage, self.data_dir, api_key=self.memories_key, rate_limits=rate_limits)
            self._api.mounts.extend([self.xvid, self.memories])
            if not self._temp:
                _write_private(
                    self.data_dir / PORTS_FILE, json.dumps({"api": self._api.port, "storage": self.storage.port}) + "\n"
                )
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
    def xvid_url(self) -> str:
        """Xvid API base (the client's profile URL), like `https://api.xvid.com/v1`."""
        return self._api.url + "/v1"

    @property
    def memories_url(self) -> str:
        """memories.ai API base, like `https://mavi-backend.memories.ai/serve/api/v2`."""
        return self._api.url + "/serve/api/v2"

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

    @property
    def filespin(self):
        """The FileSpin API service, whose attributes are its switches (processing_delay, processing_error,
        not_ready_download, repeat_register_status, auth_refusal, rate_limit, invalid_limit)."""
        return self._api

    @property
    def rate_limits(self) -> bool:
        """Every vendor's request limits at once (FileSpin's two, memories.ai's)."""
        return self._api.rate_limit.enabled

    @rate_limits.setter
    def rate_limits(self, value: bool) -> None:
        for limit in (self._api.rate_limit, self._api.invalid_limit, self.memories.rate_limit):
            limit.enabled = bool(value)
            limit.reset()

    @property
    def processing_delay(self) -> float:
        """Seconds a new upload stays unprocessed (FileSpin NOT_READY, memories.ai WAITING then UPLOADING)."""
        return self._api.processing_delay

    @processing_delay.setter
    def processing_delay(self, value: float) -> None:
        self._api.processing_delay = self.memories.processing_delay = float(value)

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
