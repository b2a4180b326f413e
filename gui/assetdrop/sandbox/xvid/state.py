"""Xvid files, upload sessions and issued tokens, kept in memory and saved to one JSON file in the data dir."""

from __future__ import annotations

import json
import os
import secrets
import threading
import time
from pathlib import Path


def new_id() -> str:
    return secrets.token_hex(12)  # 24 hex, like the vendor's object ids


def now_ms() -> int:
    return int(time.time() * 1000)


class XvidState:
    def __init__(self, path: Path):
        self.path = path
        self.lock = threading.RLock()
        self.files: dict[str, dict] = {}
        self.uploads: dict[str, dict] = {}
        self.tokens: dict[str, float] = {}  # access token -> expiry (epoch s); not persisted: restart = re-login
        self.used_signatures: set[str] = set()
        try:
            data = json.loads(path.read_text("utf-8"))
            self.files, self.uploads = dict(data.get("files", {})), dict(data.get("uploads", {}))
        except (FileNotFoundError, ValueError):
            pass

    def save(self) -> None:
        with self.lock:
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(json.dumps({"files": self.files, "uploads": self.uploads}), "utf-8")
            os.replace(tmp, self.path)

    def issue_token(self, lifetime: int) -> str:
        token = secrets.token_urlsafe(32)
        with self.lock:
            self.tokens[token] = time.time() + lifetime
        return token

    def token_valid(self, token: str) -> bool:
        with self.lock:
            expiry = self.tokens.get(token)
        return expiry is not None and expiry > time.time()

    def use_signature(self, signature: str) -> bool:
        """False when a single-use signature was already used."""
        with self.lock:
            if signature in self.used_signatures:
                return False
            self.used_signatures.add(signature)
            return True

    def add_file(self, record: dict) -> dict:
        with self.lock:
            self.files[record["id"]] = record
            self.save()
        return record

    def find(
        self, *, file_id: str | None = None, object_key: str | None = None, pipeline_id: str | None = None
    ) -> dict | None:
        with self.lock:
            if file_id is not None:
                return self.files.get(file_id)
            for record in self.files.values():
                if record.get("object_key") == object_key and record.get("pipeline_id") == pipeline_id:
                    return record
        return None
