"""A hostile server on loopback: every answer is a script that may lie, redirect, never end or downgrade.

`MaliciousServer` is a real HTTP/1.1 server (optionally TLS with a certificate from a CA the test generates) whose
routes are Python functions writing raw bytes to the socket. It records every request it receives (method, target,
headers, body) and how many body bytes each scripted answer managed to push before the client hung up, so a test
can assert what the client sent (nothing, to a capture host) and how much it read (not an endless stream).

`TestPKI` makes a throw-away certificate authority and leaf certificates (valid, expired, wrong name, self-signed)
with `cryptography`, which keyring's SecretStorage already brings in.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from assetdrop.sandbox.httpserver import BackgroundServer, QuietHandler

SAFETY_LIMIT = 256 * 1024 * 1024  # an "endless" body stops here, so a broken client cannot fill the disk
BLOCK = 64 * 1024


# -- certificates -------------------------------------------------------------------------------------------------


@dataclass
class LeafCert:
    cert: Path
    key: Path


class TestPKI:
    """A private CA and leaf certificates signed by it (or not), written as PEM files under `directory`."""

    __test__ = False  # not a test class, despite the name

    def __init__(self, directory: Path):
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import NameOID

        self._x509, self._hashes, self._ser, self._ec, self._oid = x509, hashes, serialization, ec, NameOID
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self._ca_key = ec.generate_private_key(ec.SECP256R1())
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Assetdrop Test CA")])
        now = dt.datetime.now(dt.UTC)
        self._ca_name = name
        self._ca_cert = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(self._ca_key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(True, False, False, False, False, True, True, False, False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(self._ca_key.public_key()), critical=False)
            .sign(self._ca_key, hashes.SHA256())
        )
        self.ca_bundle = self.directory / "ca.pem"
        self.ca_bundle.write_bytes(self._ca_cert.public_bytes(serialization.Encoding.PEM))

    def leaf(
        self,
        name: str,
        *,
        hosts=("127.0.0.1", "localhost"),
        expired: bool = False,
        self_signed: bool = False,
        not_yet_valid: bool = False,
    ) -> LeafCert:
        x509, hashes, ser, oid = self._x509, self._hashes, self._ser, self._oid
        key = self._ec.generate_private_key(self._ec.SECP256R1())
        subject = x509.Name([x509.NameAttribute(oid.COMMON_NAME, hosts[0])])
        now = dt.datetime.now(dt.UTC)
        start, end = (
            (now - dt.timedelta(days=30), now - dt.timedelta(days=1))
            if expired
            else (now + dt.timedelta(days=1), now + dt.timedelta(days=8))
            if not_yet_valid
            else (now - dt.timedelta(days=1), now + dt.timedelta(days=7))
        )
        alt = []
        for host in hosts:
            try:
                alt.append(x509.IPAddress(ipaddress.ip_address(host)))
            except ValueError:
                alt.append(x509.DNSName(host))
        builder = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(subject if self_signed else self._ca_name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(start)
            .not_valid_after(end)
            .add_extension(x509.SubjectAlternativeName(alt), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        )
        if not self_signed:
            builder = builder.add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(self._ca_key.public_key()), critical=False
            )
        cert = builder.sign(key if self_signed else self._ca_key, hashes.SHA256())
        cert_path, key_path = self.directory / f"{name}.crt", self.directory / f"{name}.key"
        cert_path.write_bytes(cert.public_bytes(ser.Encoding.PEM))
        key_path.write_bytes(key.private_bytes(ser.Encoding.PEM, ser.PrivateFormat.PKCS8, ser.NoEncryption()))
        return LeafCert(cert_path, key_path)


# -- the server ---------------------------------------------------------------------------------------------------


@dataclass
class Received:
    method: str
    target: str
    headers: dict
    body: bytes

    def header_values(self) -> str:
        return "\n".join(f"{k}: {v}" for k, v in self.headers.items())


@dataclass
class Stats:
    body_bytes_sent: int = 0
    finished: threading.Event = field(default_factory=threading.Event)  # the script returned (or the client left)
    client_hung_up: bool = False


Script = Callable[["_Handler"], None]


class _Handler(QuietHandler):
    def _answer(self) -> None:
        server: MaliciousServer = self.server.owner
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        with server.lock:
            server.received.append(Received(self.command, self.path, dict(self.headers), body))
        script = server.routes.get(self.path.split("?", 1)[0])
        stats = server.stats.setdefault(self.path.split("?", 1)[0], Stats())
        try:
            if script is None:
                self.send_error(404)
            else:
                script(self)
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError, OSError):
            stats.client_hung_up = True
            self.close_connection = True
        finally:
            stats.finished.set()

    do_GET = do_POST = do_PUT = do_HEAD = _answer

    # helpers for scripts
    def head(self, status: int, headers: dict | None = None) -> None:
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()

    def body(self, data: bytes) -> None:
        stats = self.server.owner.stats[self.path.split("?", 1)[0]]
        self.wfile.write(data)
        stats.body_bytes_sent += len(data)


class MaliciousServer(BackgroundServer):
    def __init__(self, *, tls: LeafCert | None = None):
        super().__init__(_Handler)
        self.routes: dict[str, Script] = {}
        self.stats: dict[str, Stats] = {}
        self.received: list[Received] = []
        self.lock = threading.Lock()
        self.tls = tls
        self._httpd.handle_error = lambda request, client_address: None  # hostile tests end connections rudely
        if tls is not None:  # handshake on the handler's thread, so a refused certificate stays there
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(tls.cert, tls.key)
            self._httpd.socket = context.wrap_socket(
                self._httpd.socket, server_side=True, do_handshake_on_connect=False
            )

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://{self.host}:{self.port}"

    def route(self, path: str, script: Script) -> None:
        self.routes[path] = script

    def stat(self, path: str) -> Stats:
        return self.stats.setdefault(path, Stats())

    # -- ready-made scripts -----------------------------------------------------------------------------------------
    def json(self, path: str, payload: bytes | str, status: int = 200, headers: dict | None = None) -> None:
        data = payload.encode() if isinstance(payload, str) else payload

        def script(h: _Handler) -> None:
            h.head(status, {"Content-Type": "application/json", "Content-Length": str(len(data)), **(headers or {})})
            h.body(data)

        self.route(path, script)

    def redirect(self, path: str, location: str, status: int = 302) -> None:
        def script(h: _Handler) -> None:
            h.head(status, {"Location": location, "Content-Length": "0"})

        self.route(path, script)

    def file(self, path: str, data: bytes, *, disposition: str | None = None, extra_headers: dict | None = None):
        def script(h: _Handler) -> None:
            headers = {"Content-Type": "application/octet-stream", "Content-Length": str(len(data))}
            if disposition:
                headers["Content-Disposition"] = disposition
            h.head(200, {**headers, **(extra_headers or {})})
            h.body(data)

        self.route(path, script)

    def endless(
        self,
        path: str,
        *,
        declared_length: int | None = None,
        content_type="application/octet-stream",
        prefix: bytes = b"",
        filler: bytes = b"x",
        chunked: bool = False,
        disposition: str | None = None,
    ):
        """Send `prefix` then `filler` forever (up to SAFETY_LIMIT), claiming `declared_length` if given.

        Without a declared length the body is close-delimited (or chunked): only a cap in the client can end it.
        """
        block = (filler * (BLOCK // len(filler) + 1))[:BLOCK]

        def script(h: _Handler) -> None:
            headers = {"Content-Type": content_type, "Connection": "close"}
            if declared_length is not None:
                headers["Content-Length"] = str(declared_length)
            elif chunked:
                headers["Transfer-Encoding"] = "chunked"
            if disposition:
                headers["Content-Disposition"] = disposition
            h.close_connection = True
            h.head(200, headers)
            stats = h.server.owner.stat(path)
            first = prefix
            while stats.body_bytes_sent < SAFETY_LIMIT:
                data = first + block
                first = b""
                if chunked and declared_length is None:
                    h.wfile.write(b"%x\r\n" % len(data) + data + b"\r\n")
                else:
                    h.wfile.write(data)
                stats.body_bytes_sent += len(data)

        self.route(path, script)

    def wait_finished(self, path: str, timeout: float = 10.0) -> bool:
        return self.stat(path).finished.wait(timeout)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(predicate, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()
