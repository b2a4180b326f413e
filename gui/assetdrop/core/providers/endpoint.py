"""Where a transfer goes: a provider kind, its address and its options (never a secret).

A queue item keeps its `Endpoint` when it was queued with an address or options of its own (the command line's
`--api-url`), so a later `resume` knows where it goes without a profile; the key is looked up again then.
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

OptionValue = str | int | bool | None


@dataclass(frozen=True)
class Endpoint:
    kind: str
    base_url: str
    options: Mapping[str, OptionValue] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps({"kind": self.kind, "base_url": self.base_url, "options": dict(self.options)})

    @classmethod
    def from_json(cls, text: str) -> Endpoint | None:
        """The endpoint a queue row holds, or None for "the profile as it is now" (empty or unreadable)."""
        if not text:
            return None
        try:
            data: Any = json.loads(text)
            return cls(str(data["kind"]), str(data["base_url"]), dict(data.get("options") or {}))
        except (ValueError, KeyError, TypeError, AttributeError):
            return None


def unencrypted(base_url: str) -> bool:
    """An http:// address to another computer: the key and the files would cross the network readable by anyone on
    the way. An address on this computer (localhost, 127.0.0.0/8, ::1: the sandbox) is not counted."""
    parts = urlsplit(base_url.strip())
    if parts.scheme.lower() != "http":
        return False
    host = (parts.hostname or "").rstrip(".").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return False
    try:
        return not ipaddress.ip_address(host).is_loopback
    except ValueError:
        return True
