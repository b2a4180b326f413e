"""A real HTTP reverse proxy on loopback that breaks chosen requests, one rule per request, not per connection.

The connection-level proxy (fault_proxy.py) cannot say "let register_asset reach the server, then lose its
answer": this one can. Each request is matched against the rules in order (method, a path regex, which
occurrence); the first rule that matches acts once:

- `after="500"`: the request is forwarded, the server acts on it, and the client gets a 500 instead of its answer;
- `respond=(status, body, headers)`: answered here, never forwarded;
- `reset`: the connection is cut before any answer.

Everything else is forwarded untouched. API requests and answers are small, so each is read whole.
"""

from __future__ import annotations

import http.client
import re
import socket
import struct
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


@dataclass
class Rule:
    method: str
    path: str  # a regular expression searched in the request target
    nth: int = 1  # act on the nth matching request (1 = the first)
    after: str | None = None  # "500": forward, then replace the answer with a 500
    respond: tuple[int, bytes, dict[str, str]] | None = None
    reset: bool = False
    times: int = 1  # how many matching requests it acts on from the nth on (0: every one)
    seen: int = 0
    fired: int = 0


@dataclass
class Record:
    method: str
    target: str
    status: int
    headers: dict[str, str] = field(default_factory=dict)


class ApiFaultProxy:
    def __init__(self, upstream: str):
        parts = urlsplit(upstream)
        self.upstream = (parts.hostname or "127.0.0.1", parts.port or 80)
        self.rules: list[Rule] = []
        self.chaos: Callable[[str, str], Rule | None] | None = None  # (method, target) -> a fault for this request
        self.log: list[Record] = []
        self._lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def _any(self) -> None:
                proxy._handle(self)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = _any

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True, name="api-fault-proxy").start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def add(self, rule: Rule) -> Rule:
        with self._lock:
            self.rules.append(rule)
        return rule

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _rule_for(self, method: str, target: str) -> Rule | None:
        with self._lock:
            for rule in self.rules:
                if rule.method != method or not re.search(rule.path, target):
                    continue
                if rule.times and rule.fired >= rule.times:
                    continue
                rule.seen += 1
                if rule.seen >= rule.nth:
                    rule.fired += 1
                    return rule
        return self.chaos(method, target) if self.chaos is not None else None

    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        length = int(h.headers.get("Content-Length") or 0)
        body = h.rfile.read(length) if length else b""
        rule = self._rule_for(h.command, h.path)
        if rule is not None and rule.reset:
            self.log.append(Record(h.command, h.path, 0))
            h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            h.connection.close()
            h.close_connection = True
            return
        if rule is not None and rule.respond is not None:
            status, payload, headers = rule.respond
            self._answer(h, status, payload, headers)
            return
        upstream = http.client.HTTPConnection(*self.upstream, timeout=60)
        try:
            headers = {k: v for k, v in h.headers.items() if k.lower() not in ("connection", "proxy-connection")}
            upstream.request(h.command, h.path, body=body, headers=headers)
            answer = upstream.getresponse()
            payload = answer.read()
            answer_headers = {
                k: v for k, v in answer.getheaders() if k.lower() not in ("connection", "transfer-encoding")
            }
            status = answer.status
        finally:
            upstream.close()
        if rule is not None and rule.after == "500":
            self._answer(
                h,
                500,
                b'{"error": {"code": "INTERNAL_ERROR", "message": "lost on the way"}}',
                {"Content-Type": "application/json"},
            )
            return
        answer_headers.pop("Content-Length", None)
        self._answer(h, status, payload, answer_headers)

    def _answer(self, h: BaseHTTPRequestHandler, status: int, payload: bytes, headers: dict[str, str]) -> None:
        self.log.append(Record(h.command, h.path, status, dict(headers)))
        h.send_response(status)
        for key, value in headers.items():
            if key.lower() != "content-length":
                h.send_header(key, value)
        h.send_header("Content-Length", str(len(payload)))
        h.end_headers()
        if h.command != "HEAD":
            h.wfile.write(payload)
