"""A queue file written by version 1 (everything an item was queued with, and its resume state, in one
`checkpoint` JSON column) opens with the typed columns filled in and the provider's state kept as it was."""

from __future__ import annotations

import json
import os
import sqlite3
import stat

from assetdrop.core.queue.items import Direction, Status
from assetdrop.core.queue.store import VERSION, QueueStore
from assetdrop.core.transfer.download import ConflictPolicy

V1_SCHEMA = """
CREATE TABLE transfers (
    id INTEGER PRIMARY KEY, direction TEXT NOT NULL, source TEXT NOT NULL, name TEXT NOT NULL,
    profile TEXT NOT NULL, size INTEGER, done INTEGER NOT NULL DEFAULT 0, status TEXT NOT NULL,
    asset_id TEXT NOT NULL DEFAULT '', saved_path TEXT NOT NULL DEFAULT '', error_title TEXT NOT NULL DEFAULT '',
    error_message TEXT NOT NULL DEFAULT '', created_at REAL NOT NULL, finished_at REAL,
    attempt INTEGER NOT NULL DEFAULT 0, max_attempts INTEGER NOT NULL DEFAULT 0, retry_at REAL,
    checkpoint TEXT NOT NULL DEFAULT '{}'
);
"""


def test_a_version_1_queue_file_is_migrated(tmp_path):
    path = tmp_path / "queue.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(V1_SCHEMA)
    download = {
        "dest": "/srv/in",
        "conflict_policy": "overwrite",
        "verify": False,
        "conflicts": {"/srv/in/a.bin": "skip"},
        "part": "/srv/in/a.bin.part",
        "name": "a.bin",
        "etag": '"e"',
    }
    upload = {"asset_id": "f" * 32, "issued_at": 1.5, "target": {"url": "https://s3/", "fields": {"k": "v"}}}
    db.execute(
        "INSERT INTO transfers (id, direction, source, name, profile, status, created_at, checkpoint) "
        "VALUES (1, 'download', 'a1', 'a1', 'P', 'downloading', 1, ?)",
        (json.dumps(download),),
    )
    db.execute(
        "INSERT INTO transfers (id, direction, source, name, profile, status, created_at, asset_id, checkpoint) "
        "VALUES (2, 'upload', '/x', 'x', 'P', 'queued', 1, ?, ?)",
        ("f" * 32, json.dumps(upload)),
    )
    db.commit()
    db.close()

    store = QueueStore(path)
    down, up = sorted(store.unfinished(), key=lambda item: item.id)
    assert (down.direction, down.status) == (Direction.DOWNLOAD, Status.DOWNLOADING)
    assert (down.dest, down.conflict, down.verify) == ("/srv/in", ConflictPolicy.OVERWRITE, False)
    assert down.conflict_answers == {"/srv/in/a.bin": "skip"} and down.part_path == "/srv/in/a.bin.part"
    assert json.loads(down.resume_state) == {"part": "/srv/in/a.bin.part", "name": "a.bin", "etag": '"e"'}
    assert json.loads(up.resume_state) == upload and (up.dest, up.conflict, up.verify) == ("", None, None)
    store.close()
    reopened = sqlite3.connect(path)
    assert reopened.execute("PRAGMA user_version").fetchone()[0] == VERSION
    assert reopened.execute("SELECT checkpoint FROM transfers").fetchall() == [("{}",), ("{}",)]  # emptied, once


def test_a_new_queue_file_is_private_and_a_damaged_one_is_moved_aside(tmp_path):
    path = tmp_path / "queue.sqlite3"
    QueueStore(path).close()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600  # it may hold signed storage URLs
    garbage = b"this is not a database" * 100
    path.write_bytes(garbage)
    store = QueueStore(path)
    assert store.moved_aside is not None and store.moved_aside.read_bytes() == garbage
    assert store.unfinished() == []
    store.close()
