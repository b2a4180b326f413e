"""The storage's own access key and secret, generated once and kept (mode 0600) under its root.

Presigned links stay valid across a restart with the same root, and no real cloud credentials are ever needed.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import string
from pathlib import Path


def load_or_create(root: Path) -> tuple[str, str]:
    """(access key, secret key) from `root/credentials.json`, creating the file if it is missing or unreadable."""
    path = root / "credentials.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data["access_key"], data["secret_key"]
    except (FileNotFoundError, KeyError, ValueError):
        pass
    alphabet = string.ascii_uppercase + string.digits
    access = "AKIA" + "".join(secrets.choice(alphabet) for _ in range(16))
    secret = base64.b64encode(secrets.token_bytes(30)).decode()
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump({"access_key": access, "secret_key": secret}, f)
    os.replace(tmp, path)
    return access, secret
