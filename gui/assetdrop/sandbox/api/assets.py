"""Issued upload slots and registered assets, persisted in SQLite so a restarted sandbox keeps its state.

Two tables keep the contract's central rule visible: an id in `pending` was only *issued* (a storage URL was
handed out); it becomes an asset only when `register_asset` copies it into `assets`. One connection shared by the
server threads, serialized by a lock; WAL so a crash mid-write cannot corrupt the file.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from .validate import iso

SCHEMA = """
CREATE TABLE IF NOT EXISTS pending (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, key TEXT NOT NULL,
    issued_at REAL NOT NULL, expires_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS assets (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, key TEXT NOT NULL,
    bucket TEXT NOT NULL, size INTEGER NOT NULL, checksum TEXT NOT NULL, content_type TEXT NOT NULL,
    upload_time REAL NOT NULL, update_time REAL NOT NULL, service_data TEXT NOT NULL, extra TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class Pending:
    id: str
    name: str
    key: str
    issued_at: float
    expires_at: float


@dataclass(frozen=True)
class Asset:
    """A registered asset. Times are Unix seconds; `extra` holds the client's upload timestamps."""

    id: str
    name: str
    key: str
    bucket: str
    size: int
    checksum: str
    content_type: str
    upload_time: float
    update_time: float
    service_data: dict
    extra: dict = field(default_factory=dict)
    seq: int = 0

    def data(self) -> dict:
        """The contract's asset data (endpoint 3)."""
        def stamp(ts: float) -> str:
            return iso(datetime.fromtimestamp(ts, timezone.utc))

        return {
            "id": self.id, "status": "OK", "name": self.name, "size": self.size, "checksum": self.checksum,
            "provider": "sandbox", "storage_type": "AMAZON_S3", "bucket": self.bucket, "key": self.key,
            "public": False, "content_type": self.content_type, "creator_id": 1,
            "upload_time": stamp(self.upload_time), "update_time": stamp(self.update_time), "upload_source": "api",
            "metadata": {}, "data": {}, "conversions": {}, "addons_info": {}, "service_data": self.service_data,
            **self.extra,
        }


class AssetExists(Exception):
    pass


class AssetStore:
    def __init__(self, path: Path):
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def issue(self, slot: Pending) -> None:
        with self._lock:
            self._db.execute("INSERT INTO pending VALUES (?, ?, ?, ?, ?)",
                             (slot.id, slot.name, slot.key, slot.issued_at, slot.expires_at))

    def pending(self, asset_id: str) -> Pending | None:
        with self._lock:
            row = self._db.execute("SELECT * FROM pending WHERE id = ?", (asset_id,)).fetchone()
        return Pending(*row) if row else None

    def register(self, asset: Asset) -> Asset:
        """Insert atomically; a second registration of the same id raises AssetExists (even when racing)."""
        with self._lock:
            try:
                cur = self._db.execute(
                    "INSERT INTO assets (id, name, key, bucket, size, checksum, content_type, upload_time,"
                    " update_time, service_data, extra) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (asset.id, asset.name, asset.key, asset.bucket, asset.size, asset.checksum, asset.content_type,
                     asset.upload_time, asset.update_time, json.dumps(asset.service_data), json.dumps(asset.extra)))
            except sqlite3.IntegrityError:
                raise AssetExists(asset.id) from None
            row = self._db.execute("SELECT * FROM assets WHERE seq = ?", (cur.lastrowid,)).fetchone()
        return self._asset(row)

    def get(self, asset_id: str) -> Asset | None:
        with self._lock:
            row = self._db.execute("SELECT * FROM assets WHERE id = ?", (asset_id,)).fetchone()
        return self._asset(row) if row else None

    def get_many(self, asset_ids: list[str]) -> dict[str, Asset]:
        found: dict[str, Asset] = {}
        for asset_id in dict.fromkeys(asset_ids):
            asset = self.get(asset_id)
            if asset is not None:
                found[asset_id] = asset
        return found

    def all(self) -> list[Asset]:
        """Every registered asset, in registration order."""
        with self._lock:
            rows = self._db.execute("SELECT * FROM assets ORDER BY seq").fetchall()
        return [self._asset(row) for row in rows]

    @staticmethod
    def _asset(row) -> Asset:
        seq, asset_id, name, key, bucket, size, checksum, ctype, up, upd, service_data, extra = row
        return Asset(id=asset_id, name=name, key=key, bucket=bucket, size=size, checksum=checksum,
                     content_type=ctype, upload_time=up, update_time=upd, service_data=json.loads(service_data),
                     extra=json.loads(extra), seq=seq)
