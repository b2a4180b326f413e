"""A real HTTP proxy for the tests (tinyproxy, the Debian package `make system-deps` installs) and a recording tap.

`Tinyproxy` runs the real program on a free loopback port, optionally with basic auth, and keeps its log (each
request line and CONNECT it handled). `Tap` is a TCP relay that records every byte a client sends through it: in
front of the proxy it shows exactly what the proxy received (a CONNECT line and then only TLS records, or whole
plain-http requests with their headers); with a certificate it terminates TLS, standing in front of the sandbox as
an https server whose plaintext the test can read.
"""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
import threading
import time
from pathlib import Path

from tests.support.malicious_server import LeafCert


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Tinyproxy:
    def __init__(self, directory: Path, *, user: str = "", password: str = ""):
        self.directory, self.user, self.password = Path(directory), user, password
        self.port = free_port()
        # not *.log: the session's secret scan (tests/support/log_scan.py) reads Assetdrop's logs, and this is the
        # proxy's own record of what a plain-http proxy sees (signed storage URLs included, docs/security.md)
        self.log_path = self.directory / "tinyproxy-requests.txt"
        self.process: subprocess.Popen[bytes] | None = None

    @staticmethod
    def available() -> bool:
        return shutil.which("tinyproxy") is not None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def __enter__(self) -> Tinyproxy:
        self.directory.mkdir(parents=True, exist_ok=True)
        lines = [
            f"Port {self.port}",
            "Listen 127.0.0.1",
            "Timeout 30",
            f'LogFile "{self.log_path}"',
            "LogLevel Connect",
            "MaxClients 64",
            "DisableViaHeader Yes",
        ]
        if self.user:
            lines.append(f"BasicAuth {self.user} {self.password}")
        conf = self.directory / "tinyproxy.conf"
        conf.write_text("\n".join(lines) + "\n")
        self.process = subprocess.Popen(
            ["tinyproxy", "-d", "-c", str(conf)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return self
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.05)
        self.__exit__()
        raise RuntimeError(f"tinyproxy did not start; its log: {self.log()[-500:]}")

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)


class Tap:
    """Relays 127.0.0.1:<port> to `target` (set before the first connection), recording what clients sent."""

    def __init__(
        self, target: tuple[str, int] | None = None, *, tls: LeafCert | None = None, answer_delay: float = 0.0
    ):
        self.target = target
        self.answer_delay = answer_delay  # s before each connection's first answer byte: a WAN's round trip
        self.received = bytearray()
        self.connections = 0
        self._lock = threading.Lock()
        self._context: ssl.SSLContext | None = None
        if tls is not None:
            self._context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            self._context.load_cert_chain(tls.cert, tls.key)
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._server.getsockname()[1])
        self._closed = False
        threading.Thread(target=self._accept, daemon=True, name="tap-accept").start()

    @property
    def url(self) -> str:
        return f"{'https' if self._context else 'http'}://127.0.0.1:{self.port}"

    def text(self) -> str:
        with self._lock:
            return self.received.decode("latin-1")

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            with self._lock:
                self.connections += 1
            threading.Thread(target=self._serve, args=(client,), daemon=True, name="tap-conn").start()

    def _serve(self, client: socket.socket) -> None:
        try:
            if self._context is not None:
                client = self._context.wrap_socket(client, server_side=True)
            assert self.target is not None
            upstream = socket.create_connection(self.target, timeout=30)
        except (OSError, ssl.SSLError):
            client.close()
            return
        threading.Thread(target=self._pump, args=(upstream, client, False, self.answer_delay), daemon=True).start()
        self._pump(client, upstream, True)

    def _pump(self, source: socket.socket, sink: socket.socket, record: bool, delay: float = 0.0) -> None:
        try:
            while data := source.recv(256 * 1024):
                if delay:
                    time.sleep(delay)
                    delay = 0.0
                if record:
                    with self._lock:
                        self.received += data
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                sock.close()

    def close(self) -> None:
        self._closed = True
        self._server.close()

    def __enter__(self) -> Tap:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
