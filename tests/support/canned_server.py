"""A loopback HTTP server that answers whatever a test scripts, and records what it received.

Used to confront the client with answers the sandbox never gives: HTML error pages, JSON errors with status 200,
truncated bodies, redirects to another origin. Real sockets, real HTTP; only the answers are scripted.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from assetdrop.sandbox.httpserver import BackgroundServer, QuietHandler


@dataclass
class Canned:
    status: int = 200
    body: bytes = b""
    headers: dict = field(default_factory=dict)
    declared_length: int | None = None  # send a Content-Length that differs from the body, then close
    no_length: bool = False  # send no Content-Length: the body ends when the connection closes (HTTP/1.1 allows it)


class _Handler(QuietHandler):
    def _answer(self) -> None:
        server = self.server.owner
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        with server.lock:
            server.received.append((self.command, self.path, dict(self.headers), body))
        canned = server.routes.get(self.path.split("?", 1)[0], Canned(404, b"no route"))
        self.send_response(canned.status)
        for key, value in canned.headers.items():
            self.send_header(key, value)
        declared = canned.declared_length if canned.declared_length is not None else len(canned.body)
        if not canned.no_length:
            self.send_header("Content-Length", str(declared))
        if canned.declared_length is not None or canned.no_length:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(canned.body)

    do_GET = do_POST = do_PUT = do_HEAD = _answer


class CannedServer(BackgroundServer):
    def __init__(self):
        super().__init__(_Handler)
        self.routes: dict[str, Canned] = {}
        self.received: list = []
        self.lock = threading.Lock()

    def route(self, path: str, status: int = 200, body: bytes | str = b"", **kwargs) -> None:
        if isinstance(body, str):
            body = body.encode()
        self.routes[path] = Canned(status, body, **kwargs)
