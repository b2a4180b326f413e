"""A real TCP proxy on loopback that breaks connections on purpose.

Put it between the client and the sandbox's API or storage; each new connection takes the next planned fault
(None passes it through untouched), so a test can say "reset the first two, then let it heal". Faults act on
the server-to-client stream (a cut response body) or the client-to-server stream (a cut upload), or replace the
server's answer with one the test writes (a 503 with Retry-After, an HTML page).
"""

from __future__ import annotations

import socket
import struct
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Fault:
    kind: str  # "reset" | "close" | "trickle" | "respond" | "reset_upload"
    after: int = 0  # bytes passed before the fault strikes
    response: bytes = b""  # for "respond"
    trickle_delay: float = 0.5  # seconds between bytes for "trickle"


class FaultProxy:
    def __init__(self, target_host: str, target_port: int):
        self.target = (target_host, target_port)
        self.plan: deque[Fault | None] = deque()
        self.chaos: Callable[[], Fault | None] | None = None  # asked for each connection the plan leaves alone
        self.faulted = 0
        self.connections = 0
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._closed = False
        threading.Thread(target=self._accept, daemon=True, name="fault-proxy").start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._listener.getsockname()[1]}"

    def then(self, *faults: Fault | None) -> FaultProxy:
        with self._lock:
            self.plan.extend(faults)
        return self

    def close(self) -> None:
        self._closed = True
        self._listener.close()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            with self._lock:
                fault = self.plan.popleft() if self.plan else (self.chaos() if self.chaos else None)
                self.connections += 1
                self.faulted += fault is not None
            threading.Thread(target=self._serve, args=(client, fault), daemon=True).start()

    def _serve(self, client: socket.socket, fault: Fault | None) -> None:
        if fault is not None and fault.kind == "respond":
            _read_request_head(client)
            try:
                client.sendall(fault.response)
            finally:
                _close(client, reset=False)
            return
        try:
            upstream = socket.create_connection(self.target)
        except OSError:
            _close(client, reset=True)
            return
        upload_fault = fault if fault is not None and fault.kind == "reset_upload" else None
        download_fault = fault if fault is not None and fault.kind != "reset_upload" else None
        threading.Thread(target=_pump, args=(client, upstream, upload_fault), daemon=True).start()
        _pump(upstream, client, download_fault)


def _pump(source: socket.socket, sink: socket.socket, fault: Fault | None) -> None:
    passed = 0
    try:
        while True:
            data = source.recv(65536)
            if not data:
                break
            if fault is not None and passed + len(data) > fault.after:
                keep = max(fault.after - passed, 0)
                if keep:
                    sink.sendall(data[:keep])
                if fault.kind == "trickle":
                    for byte in data[keep:]:
                        time.sleep(fault.trickle_delay)
                        sink.sendall(bytes([byte]))
                    continue
                _close(sink, reset=fault.kind in ("reset", "reset_upload"))
                _close(source, reset=fault.kind in ("reset", "reset_upload"))
                return
            sink.sendall(data)
            passed += len(data)
    except OSError:
        pass
    _close(sink, reset=False)
    _close(source, reset=False)


def _close(sock: socket.socket, *, reset: bool) -> None:
    try:
        if reset:  # SO_LINGER 0: the peer sees a TCP RST, "connection reset by peer"
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.close()
    except OSError:
        pass


def _read_request_head(sock: socket.socket) -> None:
    data = b""
    sock.settimeout(5)
    try:
        while b"\r\n\r\n" not in data and len(data) < 65536:
            chunk = sock.recv(4096)
            if not chunk:
                return
            data += chunk
    except OSError:
        pass


def http_response(status: int, reason: str, body: bytes = b"", headers: dict | None = None) -> bytes:
    lines = [f"HTTP/1.1 {status} {reason}", f"Content-Length: {len(body)}", "Connection: close"]
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body
