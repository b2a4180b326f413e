"""Other vendors' APIs served by the same API process under their own path prefixes (Xvid `/v1/`, memories.ai
`/serve/api/v2/`).

A mount gets the request already framed (body read in full) and answers a `Reply` or a `FileResponse`; its own
auth and error shapes stay inside it, so the FileSpin routes and their behaviour are untouched.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import parse_qsl, urlsplit


@dataclass
class MountRequest:
    method: str
    target: str  # the raw request target as it arrived (path + query), for signature checks
    body: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict)

    @property
    def path(self) -> str:
        return urlsplit(self.target).path

    @property
    def raw_query(self) -> str:
        return urlsplit(self.target).query

    @property
    def query(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for key, value in parse_qsl(self.raw_query, keep_blank_values=True, errors="replace"):
            out.setdefault(key, value)
        return out


@dataclass
class Reply:
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


class Mount(Protocol):
    prefix: str

    def handle(self, req: MountRequest):
        """A Reply or a download.FileResponse; never raises for a client's mistake."""
        ...

    def error_reply(self, status: int, message: str) -> Reply:
        """The mount's own error shape, for failures the handler meets before the mount runs."""
        ...
