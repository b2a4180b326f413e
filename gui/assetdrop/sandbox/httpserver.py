"""A threaded HTTP/1.1 server that runs in the background of the calling process.

Both sandbox services (the FileSpin API and the S3-compatible storage) are built on it, so tests and the app can
start them on an ephemeral loopback port, learn the URL, and stop them cleanly.
"""

from __future__ import annotations

import logging
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

log = logging.getLogger(__name__)


class LoopbackServer(ThreadingHTTPServer):
    """ThreadingHTTPServer bound to loopback, with keep-alive friendly settings."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def handle_error(self, request, client_address) -> None:
        """A client that vanished mid-request (killed, cancelled) is normal; anything else goes to the log,
        never to stderr."""
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionResetError, BrokenPipeError, ConnectionAbortedError, TimeoutError)):
            return
        log.exception("error while serving %s", client_address)

    def server_bind(self) -> None:
        # Nagle + delayed ACK costs ~40 ms per small response on keep-alive connections.
        self.socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().server_bind()


class QuietHandler(BaseHTTPRequestHandler):
    """Base handler: HTTP/1.1, no stderr chatter per request, bigger socket buffers."""

    protocol_version = "HTTP/1.1"
    rbufsize = 1024 * 1024  # buffered reads of request bodies
    wbufsize = 0  # headers are small; bodies go out with sendfile or large writes
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib signature
        pass


class BackgroundServer:
    """Owns a LoopbackServer and the thread that serves it."""

    def __init__(self, handler: type[BaseHTTPRequestHandler], host: str = "127.0.0.1", port: int = 0):
        self._httpd = LoopbackServer((host, port), handler)
        self._httpd.owner = self  # handlers reach their service through self.server.owner
        self._thread: threading.Thread | None = None

    @property
    def host(self) -> str:
        return self._httpd.server_address[0]

    @property
    def port(self) -> int:
        return self._httpd.server_address[1]

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self):
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._httpd.serve_forever,
                kwargs={"poll_interval": 0.1},
                name=f"{type(self).__name__}:{self.port}",
                daemon=True,
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self._httpd.server_close()

    def serve_forever(self) -> None:
        """Serve on the calling thread (for the foreground `assetdrop-cli sandbox`)."""
        self._httpd.serve_forever(poll_interval=0.2)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
