"""Issued upload slots and registered assets, persisted in SQLite so a restarted sandbox keeps its state.

Two tables keep the contract's central rule visible: an id in `pending` was only *issued* (a storage URL was
handed out); it becomes an asset only when `register_asset` copies it into `assets`. One connection shared by the
server threads, serialized by a lock; WAL so a crash mid-write cannot corrupt the file.

A registered asset is processed, as FileSpin processes it: `NOT_READY` until `processed_at`, then its `outcome`
(`OK`, or `ERROR` with a `message`); its conversions are made once, the first time it is read after that.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
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
_PROCESSING_COLUMNS = {  # added after the first version; older data folders gain them (their assets are OK)
    "processed_at": "REAL NOT NULL DEFAULT 0",
    "outcome": "TEXT NOT NULL DEFAULT 'OK'",
    "message": "TEXT NOT NULL DEFAULT ''",
    "conversions": "TEXT",
}


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
    processed_at: float = 0.0
    outcome: str = "OK"  # what processing ends in: OK, or ERROR with `message`
    message: str = ""
    conversions: dict | None = None  # None until processing made them

    def status(self, now: float | None = None) -> str:
        return "NOT_READY" if (time.time() if now is None else now) < self.processed_at else self.outcome

    def data(self, now: float | None = None) -> dict:
        """The contract's asset data (endpoint 3)."""

        def stamp(ts: float) -> str:
            return iso(datetime.fromtimestamp(ts, UTC))

        status = self.status(now)
        processing = {"message": self.message} if status == "ERROR" and self.message else {}
        return {
            "id": self.id,
            "status": status,
            "name": self.name,
            "size": self.size,
            "checksum": self.checksum,
            "provider": "sandbox",
            "storage_type": "AMAZON_S3",
            "bucket": self.bucket,
            "key": self.key,
            "public": False,
            "content_type": self.content_type,
            "creator_id": 1,
            "upload_time": stamp(self.upload_time),
            "update_time": stamp(self.update_time),
            "upload_source": "api",
            "metadata": {},
            "data": {},
            "conversions": (self.conversions or {}) if status == "OK" else {},
            "addons_info": {},
            "service_data": self.service_data,
            **processing,
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
        present = {row[1] for row in self._db.execute("PRAGMA table_info(assets)")}
        for column, ddl in _PROCESSING_COLUMNS.items():
            if column not in present:
                self._db.execute(f"ALTER TABLE assets ADD COLUMN {column} {ddl}")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def issue(self, slot: Pending) -> None:
        """A new slot, or a new storage URL for a slot issued before (a caller-chosen asset ID asked again)."""
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO pending VALUES (?, ?, ?, ?, ?)",
                (slot.id, slot.name, slot.key, slot.issued_at, slot.expires_at),
            )

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
                    " update_time, service_data, extra, processed_at, outcome, message)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        asset.id,
                        asset.name,
                        asset.key,
                        asset.bucket,
                        asset.size,
                        asset.checksum,
                        asset.content_type,
                        asset.upload_time,
                        asset.update_time,
                        json.dumps(asset.service_data),
                        json.dumps(asset.extra),
                        asset.processed_at,
                        asset.outcome,
                        asset.message,
                    ),
                )
            except sqlite3.IntegrityError:
                raise AssetExists(asset.id) from None
            row = self._db.execute("SELECT * FROM assets WHERE seq = ?", (cur.lastrowid,)).fetchone()
        return self._asset(row)

    def set_conversions(self, asset_id: str, conversions: dict) -> None:
        with self._lock:
            self._db.execute("UPDATE assets SET conversions = ? WHERE id = ?", (json.dumps(conversions), asset_id))

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
        seq, asset_id, name, key, bucket, size, checksum, ctype, up, upd, service_data, extra = row[:12]
        processed_at, outcome, message, conversions = row[12:16]
        return Asset(
            id=asset_id,
            name=name,
            key=key,
            bucket=bucket,
            size=size,
            checksum=checksum,
            content_type=ctype,
            upload_time=up,
            update_time=upd,
            service_data=json.loads(service_data),
            extra=json.loads(extra),
            seq=seq,
            processed_at=processed_at,
            outcome=outcome,
            message=message,
            conversions=None if conversions is None else json.loads(conversions),
        )
