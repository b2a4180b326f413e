"""What each watched file became: a table in the queue's own SQLite file (queue.sqlite3 in core/paths.py's data
folder, created 0600 by core/queue/store.py), so the ledger and the queue items it points at live and die together.

A row is (folder, path, size, mtime_ns, md5) → the queue item it was given, then the asset ID, and a state:

- `queued`: the queue item exists (written before it can start: `TransferQueue.adopt`'s `before_queueing`);
- `uploaded`: the queue item ended DONE with this asset ID; the after-upload action may still be due;
- `done`: the action has been carried out (or there was none);
- `failed`: the queue gave up; the file stays where it is and is tried again at the next start.

Exactly once across a SIGKILL: the queue item is the truth. A `queued` row whose item ended DONE in the store
(killed between the registration and the ledger write) takes the item's asset ID at the next start instead of
being uploaded again (watcher.py `reconcile`). The same content at the same path (one `(path, md5)` row) is never
uploaded twice; changed content is a new row and a new upload.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

QUEUED, UPLOADED, DONE, FAILED = "queued", "uploaded", "done", "failed"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS watch_ledger (
    id INTEGER PRIMARY KEY AUTOINCREMENT, folder TEXT NOT NULL, path TEXT NOT NULL, size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL, md5 TEXT NOT NULL, item_id INTEGER, asset_id TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL, updated_at REAL NOT NULL, UNIQUE (path, md5)
);
CREATE INDEX IF NOT EXISTS watch_ledger_folder ON watch_ledger(folder, state);
CREATE INDEX IF NOT EXISTS watch_ledger_item ON watch_ledger(item_id);
"""
_FIELDS = "id, folder, path, size, mtime_ns, md5, item_id, asset_id, state"


@dataclass(frozen=True)
class Entry:
    id: int
    folder: str
    path: str
    size: int
    mtime_ns: int
    md5: str
    item_id: int | None
    asset_id: str
    state: str


class Ledger:
    def __init__(self, store_path: Path):
        """`store_path`: the queue's file (QueueStore.path), which already exists with mode 0600."""
        self._lock = threading.Lock()
        self._db = sqlite3.connect(store_path, check_same_thread=False, isolation_level=None, timeout=10.0)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)

    def _rows(self, where: str, params: tuple[Any, ...] = ()) -> list[Entry]:
        with self._lock:
            rows = self._db.execute(f"SELECT {_FIELDS} FROM watch_ledger {where}", params).fetchall()
        return [Entry(*row) for row in rows]

    def shapes(self, folder: str) -> dict[str, set[tuple[int, int]]]:
        """path -> every (size, mtime_ns) the ledger holds for it: a file looking like one of them is known
        without reading it again."""
        with self._lock:
            rows = self._db.execute(
                "SELECT path, size, mtime_ns FROM watch_ledger WHERE folder = ?", (folder,)
            ).fetchall()
        found: dict[str, set[tuple[int, int]]] = {}
        for path, size, mtime_ns in rows:
            found.setdefault(path, set()).add((size, mtime_ns))
        return found

    def lookup(self, path: str, md5: str) -> Entry | None:
        rows = self._rows("WHERE path = ? AND md5 = ?", (path, md5))
        return rows[0] if rows else None

    def touch(self, entry_id: int, size: int, mtime_ns: int) -> None:
        """The same content seen with another mtime (copied over itself, touched): remembered, not uploaded."""
        self._write("UPDATE watch_ledger SET size = ?, mtime_ns = ? WHERE id = ?", [(size, mtime_ns, entry_id)])

    def queued(self, rows: list[tuple[str, str, int, int, str, int]]) -> None:
        """(folder, path, size, mtime_ns, md5, item_id) rows, in one transaction; a failed row is replaced."""
        now = time.time()
        self._write(
            "INSERT OR REPLACE INTO watch_ledger (folder, path, size, mtime_ns, md5, item_id, asset_id, state, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, '', ?, ?)",
            [(*row, QUEUED, now) for row in rows],
        )

    def set_state(self, item_id: int, state: str, asset_id: str | None = None) -> None:
        if asset_id is None:
            self._write(
                "UPDATE watch_ledger SET state = ?, updated_at = ? WHERE item_id = ?", [(state, time.time(), item_id)]
            )
        else:
            self._write(
                "UPDATE watch_ledger SET state = ?, updated_at = ?, asset_id = ? WHERE item_id = ?",
                [(state, time.time(), asset_id, item_id)],
            )

    def forget(self, item_ids: list[int]) -> None:
        self._write("DELETE FROM watch_ledger WHERE item_id = ?", [(i,) for i in item_ids])

    def open_entries(self, folder: str) -> list[Entry]:
        """Rows whose story is not over: queued, uploaded (action due), failed."""
        return self._rows("WHERE folder = ? AND state != ? ORDER BY id", (folder, DONE))

    def by_item(self, item_id: int) -> Entry | None:
        rows = self._rows("WHERE item_id = ?", (item_id,))
        return rows[0] if rows else None

    def count(self, folder: str) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM watch_ledger WHERE folder = ?", (folder,)).fetchone()[0])

    def _write(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.executemany(sql, rows)
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            self._db.close()
