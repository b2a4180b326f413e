"""The queue on disk: SQLite in the user data folder (WAL), so finished transfers form a local history and
unfinished ones come back after a restart or a crash.

Only the process that owns the queue (ownership.py) writes `transfers`; another process hands its new items over
through `inbox`, and the owner adopts them (handover.py). Progress ticks are not written (they come ten times a
second per row); status changes are. A file that is not a usable queue is moved aside, never a reason to stop.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Iterable
from dataclasses import fields
from operator import attrgetter
from pathlib import Path
from typing import Any

from ..providers.endpoint import Endpoint
from ..sentence import Sentence
from ..transfer.download import ConflictPolicy
from .items import FINISHED, Direction, Status, TransferItem

log = logging.getLogger(__name__)

VERSION = 4
SCRUB_EVERY = 2.0  # seconds between two foldings of the write-ahead log
# Every field but two (not stored), and `error_sentences`: the error's title and message as Sentences
# (core/sentence.py), so a failure read back after a restart is still shown in the window's language;
# error_title and error_message keep the English (what older versions and the command line read).
_COLUMNS = [f.name for f in fields(TransferItem) if f.name not in ("rate", "processing_since")] + ["error_sentences"]
_ERROR_TEXTS = ("error_title", "error_message")
_QUEUED_COLUMNS = (
    "endpoint",
    "dest",
    "conflict",
    "verify",
    "limit_kib",
    "resume_state",
    "part_path",
    "conflict_answers",
)
_SCHEMA = """
CREATE TABLE IF NOT EXISTS transfers (
    id INTEGER PRIMARY KEY, direction TEXT NOT NULL, source TEXT NOT NULL, name TEXT NOT NULL,
    profile TEXT NOT NULL, size INTEGER, done INTEGER NOT NULL DEFAULT 0, status TEXT NOT NULL,
    asset_id TEXT NOT NULL DEFAULT '', saved_path TEXT NOT NULL DEFAULT '', error_title TEXT NOT NULL DEFAULT '',
    error_message TEXT NOT NULL DEFAULT '', created_at REAL NOT NULL, finished_at REAL,
    attempt INTEGER NOT NULL DEFAULT 0, max_attempts INTEGER NOT NULL DEFAULT 0, retry_at REAL
);
CREATE INDEX IF NOT EXISTS transfers_status ON transfers(status);
CREATE INDEX IF NOT EXISTS transfers_asset ON transfers(asset_id);
CREATE TABLE IF NOT EXISTS inbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT, created_at REAL NOT NULL, requester INTEGER NOT NULL,
    item TEXT NOT NULL, item_id INTEGER
);
"""
_ADDED = {  # columns newer versions keep, with their definitions (older queue files lack them)
    "attempt": "INTEGER NOT NULL DEFAULT 0",
    "max_attempts": "INTEGER NOT NULL DEFAULT 0",
    "retry_at": "REAL",
    "endpoint": "TEXT NOT NULL DEFAULT ''",
    "dest": "TEXT NOT NULL DEFAULT ''",
    "conflict": "TEXT",
    "verify": "INTEGER",
    "limit_kib": "INTEGER NOT NULL DEFAULT 0",
    "rendition": "TEXT NOT NULL DEFAULT ''",
    "resume_state": "TEXT NOT NULL DEFAULT ''",
    "part_path": "TEXT NOT NULL DEFAULT ''",
    "conflict_answers": "TEXT NOT NULL DEFAULT '{}'",
    "error_sentences": "TEXT NOT NULL DEFAULT ''",
}
# Version 1 kept all of these in one `checkpoint` JSON column.
_V1_QUEUED = {"dest": "dest", "conflict_policy": "conflict", "verify": "verify", "conflicts": "conflict_answers"}


class QueueStore:
    def __init__(self, path: Path):
        self.path = path
        self.moved_aside: Path | None = None  # where a damaged queue file went, to tell the user
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._scrubbed = 0.0
        try:
            self._db = self._open(path)
        except sqlite3.DatabaseError as exc:
            self.moved_aside = _move_aside(path, exc)
            self._db = self._open(path)

    @staticmethod
    def _open(path: Path) -> sqlite3.Connection:
        if not path.exists():  # private from the first byte: it may hold signed storage URLs
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
        db = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=10.0)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("PRAGMA secure_delete=ON")  # a removed row's signed URL is overwritten, not left in the file
            db.executescript(_SCHEMA)
            _migrate(db)
        except BaseException:
            db.close()
            raise
        return db

    def next_id(self) -> int:
        with self._lock:
            row = self._db.execute("SELECT COALESCE(MAX(id), 0) FROM transfers").fetchone()
        return int(row[0]) + 1

    def save(self, items: list[TransferItem], *, adopted: list[tuple[int, int]] | None = None) -> None:
        """Write items; with `adopted` (inbox id, item id), mark those hand-overs taken in the same transaction."""
        rows = [to_row(item) for item in items]
        placeholders = ",".join("?" * len(_COLUMNS))
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.executemany(
                    f"INSERT OR REPLACE INTO transfers ({','.join(_COLUMNS)}) VALUES ({placeholders})", rows
                )
                self._db.executemany("UPDATE inbox SET item_id = ? WHERE id = ?", [(i, b) for b, i in adopted or []])
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
            if any(item.is_finished for item in items):
                self._scrub(force=False)

    def _scrub(self, *, force: bool) -> None:
        """Fold the write-ahead log into the file, so the old versions of rows (a finished upload's signed storage
        URL, say) do not linger there; at most every few seconds, and always at close. Called with the lock held."""
        now = time.monotonic()
        if not force and now - self._scrubbed < SCRUB_EVERY:
            return
        self._scrubbed = now
        try:
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error:
            log.debug("the queue's write-ahead log could not be folded in now", exc_info=True)

    def delete(self, ids: list[int]) -> None:
        with self._lock:
            self._db.executemany("DELETE FROM transfers WHERE id = ?", [(i,) for i in ids])
            self._scrub(force=False)

    def _load(self, where: str, params: tuple[Any, ...] = ()) -> list[TransferItem]:
        with self._lock:
            rows = self._db.execute(f"SELECT {','.join(_COLUMNS)} FROM transfers {where}", params).fetchall()
        return [from_row(row) for row in rows]

    def unfinished(self) -> list[TransferItem]:
        done = ",".join(f"'{s.value}'" for s in FINISHED)
        return self._load(f"WHERE status NOT IN ({done}) ORDER BY id")

    def finished(self, limit: int = 1000) -> list[TransferItem]:
        """The history: the `limit` most recently finished transfers, oldest first."""
        done = ",".join(f"'{s.value}'" for s in FINISHED)
        newest = self._load(
            f"WHERE status IN ({done}) ORDER BY COALESCE(finished_at, created_at) DESC, id DESC LIMIT ?", (limit,)
        )
        return newest[::-1]

    def items(self, ids: Iterable[int]) -> list[TransferItem]:
        wanted = list(ids)
        found: list[TransferItem] = []
        for start in range(0, len(wanted), 500):
            batch = wanted[start : start + 500]
            found += self._load(f"WHERE id IN ({','.join('?' * len(batch))})", tuple(batch))
        return found

    def download_folders(self) -> set[Path]:
        """Every folder a download was queued for or written to (where partial downloads can be)."""
        with self._lock:
            rows = self._db.execute(
                "SELECT DISTINCT dest, part_path, saved_path FROM transfers WHERE direction = 'download'"
            ).fetchall()
        folders: set[Path] = set()
        for dest, part, saved in rows:
            folders.update(Path(p) for p in (dest,) if p)
            folders.update(Path(p).parent for p in (part, saved) if p)
        return folders

    def recent_uploads(self, limit: int = 200, profile: str | None = None) -> list[TransferItem]:
        """Uploads done from this computer, newest first; under one profile only when `profile` is given."""
        if profile is None:
            return self._load(
                "WHERE direction = 'upload' AND status = 'done' ORDER BY finished_at DESC LIMIT ?", (limit,)
            )
        return self._load(
            "WHERE direction = 'upload' AND status = 'done' AND profile = ? ORDER BY finished_at DESC LIMIT ?",
            (profile, limit),
        )

    def uploads_of(self, asset_ids: Iterable[str], profile: str) -> list[TransferItem]:
        """The uploads done from this computer under `profile` that made these assets, newest first: only those
        rows, found by the asset ID's index, so a download of a few assets never reads the whole history."""
        wanted = sorted({a for a in asset_ids if a})
        found: list[TransferItem] = []
        for start in range(0, len(wanted), 500):
            batch = wanted[start : start + 500]
            found += self._load(
                f"WHERE asset_id IN ({','.join('?' * len(batch))}) AND direction = 'upload' AND status = 'done'"
                " AND profile = ?",
                (*batch, profile),
            )
        return sorted(found, key=lambda item: (item.finished_at or item.created_at, item.id), reverse=True)

    # -- the inbox: items handed to the owner by another process ------------------------------------------------
    def hand_over(self, items: list[TransferItem], requester: int) -> list[int]:
        """Put items in the owner's inbox; returns their inbox ids (to follow them by)."""
        now = time.time()
        ids = []
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            for item in items:
                cursor = self._db.execute(
                    "INSERT INTO inbox (created_at, requester, item) VALUES (?, ?, ?)",
                    (now, requester, json.dumps(dict(zip(_COLUMNS, to_row(item), strict=True)))),
                )
                ids.append(int(cursor.lastrowid or 0))
            self._db.execute("COMMIT")
        return ids

    def waiting_handovers(self) -> list[tuple[int, TransferItem]]:
        """Inbox rows no owner has adopted yet, oldest first."""
        with self._lock:
            rows = self._db.execute("SELECT id, item FROM inbox WHERE item_id IS NULL ORDER BY id").fetchall()
        found = []
        for inbox_id, text in rows:
            try:
                data = json.loads(text)
                found.append((int(inbox_id), from_row(tuple(data.get(c) for c in _COLUMNS))))
            except (ValueError, TypeError, AttributeError, KeyError):
                log.warning("an unreadable hand-over (inbox row %s) was dropped", inbox_id)
                self.adopted([(int(inbox_id), 0)])
        return found

    def adopted(self, pairs: list[tuple[int, int]]) -> None:
        """Record which queue item each inbox row became (0: dropped)."""
        with self._lock:
            self._db.executemany("UPDATE inbox SET item_id = ? WHERE id = ?", [(item, box) for box, item in pairs])

    def adoption_of(self, inbox_ids: Iterable[int]) -> dict[int, int | None]:
        """inbox id -> the queue item it became (None while not adopted)."""
        wanted = list(inbox_ids)
        found: dict[int, int | None] = {}
        for start in range(0, len(wanted), 500):
            batch = wanted[start : start + 500]
            with self._lock:
                rows = self._db.execute(
                    f"SELECT id, item_id FROM inbox WHERE id IN ({','.join('?' * len(batch))})", tuple(batch)
                ).fetchall()
            found.update({int(box): (None if item is None else int(item)) for box, item in rows})
        return found

    def close(self) -> None:
        with self._lock:
            self._scrub(force=True)
            self._db.close()


def to_row(item: TransferItem) -> tuple[Any, ...]:
    """The stored columns of `item`. All fields are read in one call and only the columns that are not plain
    values are encoded: a per-column `getattr` and type test made saving a 100,000-file drop take 5 s
    (docs/performance.md). The last column, `error_sentences`, is not a field (see `_COLUMNS`)."""
    row = list(_read_fields(item))
    for index in _ENCODED:
        row[index] = _encode(row[index])
    row.append(_sentences(item))
    return tuple(row)


_FIELD_COLUMNS = _COLUMNS[:-1]
assert _COLUMNS[-1] == "error_sentences"
_read_fields = attrgetter(*_FIELD_COLUMNS)
_TYPES = {f.name: str(f.type) for f in fields(TransferItem)}
_ENCODED = [  # the columns whose type is not a plain value sqlite stores as it is
    i
    for i, name in enumerate(_FIELD_COLUMNS)
    if any(t in _TYPES[name] for t in ("Direction", "Status", "Endpoint", "Policy", "dict"))
]


def _sentences(item: TransferItem) -> str:
    kept = {name: text.to_json() for name in _ERROR_TEXTS if isinstance(text := getattr(item, name), Sentence)}
    return json.dumps(kept) if kept else ""


def _error_texts(data: dict[str, Any]) -> None:
    """error_title and error_message as Sentences again, when error_sentences holds them for the same English."""
    try:
        kept = json.loads(data.pop("error_sentences", None) or "{}")
    except ValueError:
        return
    for name in _ERROR_TEXTS:
        sentence = Sentence.from_json(kept.get(name)) if isinstance(kept, dict) else None
        if sentence is not None and sentence == data[name]:
            data[name] = sentence


def _encode(value: Any) -> Any:
    if isinstance(value, Endpoint):
        return value.to_json()
    if isinstance(value, dict):
        return json.dumps(value) if value else "{}"
    if isinstance(value, Direction | Status | ConflictPolicy):
        return value.value
    return value


def from_row(row: tuple[Any, ...]) -> TransferItem:
    data = dict(zip(_COLUMNS, row, strict=True))
    data["direction"] = Direction(data["direction"])
    data["status"] = Status(data["status"])
    data["endpoint"] = Endpoint.from_json(data.get("endpoint") or "")
    conflict = data.get("conflict")
    data["conflict"] = ConflictPolicy(conflict) if conflict in {p.value for p in ConflictPolicy} else None
    verify = data.get("verify")
    data["verify"] = None if verify is None else bool(verify)
    data["conflict_answers"] = _answers(data.get("conflict_answers"))
    for text in (
        "dest",
        "resume_state",
        "part_path",
        "asset_id",
        "saved_path",
        "error_title",
        "error_message",
        "rendition",
    ):
        data[text] = data.get(text) or ""
    data["limit_kib"] = int(data.get("limit_kib") or 0)
    _error_texts(data)
    return TransferItem(**data)


def _answers(text: Any) -> dict[str, str]:
    try:
        value = json.loads(text) if isinstance(text, str) else text
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def _migrate(db: sqlite3.Connection) -> None:
    """Bring an older queue file up to VERSION: add the columns it lacks, and spread version 1's `checkpoint`
    over the typed columns (what a download was queued with) and the provider's resume state (the rest)."""
    (version,) = db.execute("PRAGMA user_version").fetchone()
    if version >= VERSION:
        return
    present = {row[1] for row in db.execute("PRAGMA table_info(transfers)")}
    for column, ddl in _ADDED.items():
        if column not in present:
            db.execute(f"ALTER TABLE transfers ADD COLUMN {column} {ddl}")
    if "checkpoint" in present:
        rows = db.execute("SELECT id, checkpoint FROM transfers WHERE checkpoint NOT IN ('', '{}')").fetchall()
        for item_id, text in rows:
            db.execute(
                f"UPDATE transfers SET {', '.join(f'{c} = ?' for c in _QUEUED_COLUMNS)}, checkpoint = '{{}}' "
                f"WHERE id = ?",
                (*_from_checkpoint(text), item_id),
            )
    db.execute(f"PRAGMA user_version = {VERSION}")


def _from_checkpoint(text: str) -> tuple[Any, ...]:
    try:
        checkpoint = json.loads(text)
    except ValueError:
        checkpoint = {}
    checkpoint = checkpoint if isinstance(checkpoint, dict) else {}
    queued = {column: checkpoint.pop(key, None) for key, column in _V1_QUEUED.items()}
    verify = queued["verify"]
    part = checkpoint.get("part") if isinstance(checkpoint.get("part"), str) else ""
    return (
        "",
        str(queued["dest"] or ""),
        queued["conflict"] if queued["conflict"] in {p.value for p in ConflictPolicy} else None,
        None if not isinstance(verify, bool) else int(verify),
        0,
        json.dumps(checkpoint) if checkpoint else "",
        part,
        json.dumps(queued["conflict_answers"] or {}),
    )


def _move_aside(path: Path, exc: Exception) -> Path:
    """A queue file SQLite cannot read: kept under a dated name beside it, so nothing is lost, and a fresh one
    is started."""
    aside = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
    log.error("the queue file %s is damaged (%s); moved to %s", path, exc, aside)
    os.replace(path, aside)
    for suffix in ("-wal", "-shm"):
        try:
            os.replace(f"{path}{suffix}", f"{aside}{suffix}")
        except FileNotFoundError:
            pass
    return aside
