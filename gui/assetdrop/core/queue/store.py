"""The queue on disk: SQLite in the user data dir (WAL, one writer), so finished uploads form a local history
and unfinished items can come back after a restart.

Progress ticks are not written (they come ten times a second per row); status changes are.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from dataclasses import fields
from pathlib import Path

from .items import Direction, Status, TransferItem

_COLUMNS = [f.name for f in fields(TransferItem) if f.name != "rate"]
_SCHEMA = """
CREATE TABLE IF NOT EXISTS transfers (
    id INTEGER PRIMARY KEY, direction TEXT NOT NULL, source TEXT NOT NULL, name TEXT NOT NULL,
    profile TEXT NOT NULL, size INTEGER, done INTEGER NOT NULL DEFAULT 0, status TEXT NOT NULL,
    asset_id TEXT NOT NULL DEFAULT '', saved_path TEXT NOT NULL DEFAULT '', error_title TEXT NOT NULL DEFAULT '',
    error_message TEXT NOT NULL DEFAULT '', created_at REAL NOT NULL, finished_at REAL,
    attempt INTEGER NOT NULL DEFAULT 0, max_attempts INTEGER NOT NULL DEFAULT 0, retry_at REAL,
    checkpoint TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS transfers_status ON transfers(status);
"""


class QueueStore:
    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        self._migrate()

    def _migrate(self) -> None:
        """Add columns that newer versions keep (older queue files lack them)."""
        present = {row[1] for row in self._db.execute("PRAGMA table_info(transfers)")}
        for column, ddl in (("attempt", "INTEGER NOT NULL DEFAULT 0"), ("max_attempts", "INTEGER NOT NULL DEFAULT 0"),
                            ("retry_at", "REAL"), ("checkpoint", "TEXT NOT NULL DEFAULT '{}'")):
            if column not in present:
                self._db.execute(f"ALTER TABLE transfers ADD COLUMN {column} {ddl}")

    def next_id(self) -> int:
        with self._lock:
            row = self._db.execute("SELECT COALESCE(MAX(id), 0) FROM transfers").fetchone()
        return int(row[0]) + 1

    def save(self, items: list[TransferItem]) -> None:
        rows = [tuple(_value(getattr(item, c)) for c in _COLUMNS) for item in items]
        placeholders = ",".join("?" * len(_COLUMNS))
        with self._lock:
            self._db.execute("BEGIN")
            self._db.executemany(f"INSERT OR REPLACE INTO transfers ({','.join(_COLUMNS)}) VALUES ({placeholders})",
                                 rows)
            self._db.execute("COMMIT")

    def delete(self, ids: list[int]) -> None:
        with self._lock:
            self._db.executemany("DELETE FROM transfers WHERE id = ?", [(i,) for i in ids])

    def _load(self, where: str, params: tuple = ()) -> list[TransferItem]:
        with self._lock:
            rows = self._db.execute(f"SELECT {','.join(_COLUMNS)} FROM transfers {where}", params).fetchall()
        items = []
        for row in rows:
            data = dict(zip(_COLUMNS, row))
            data["direction"] = Direction(data["direction"])
            data["status"] = Status(data["status"])
            try:
                data["checkpoint"] = json.loads(data["checkpoint"] or "{}")
            except ValueError:
                data["checkpoint"] = {}
            items.append(TransferItem(**data))
        return items

    def unfinished(self) -> list[TransferItem]:
        done = ",".join(f"'{s.value}'" for s in (Status.DONE, Status.FAILED, Status.CANCELLED))
        return self._load(f"WHERE status NOT IN ({done}) ORDER BY id")

    def recent_uploads(self, limit: int = 200) -> list[TransferItem]:
        return self._load("WHERE direction = 'upload' AND status = 'done' ORDER BY finished_at DESC LIMIT ?",
                          (limit,))

    def close(self) -> None:
        with self._lock:
            self._db.close()


def _value(value):
    if isinstance(value, dict):
        return json.dumps(value)
    return value.value if isinstance(value, (Direction, Status)) else value
