"""One window per data folder: a second `assetdrop` hands its files and asset IDs to the running window and exits.

The first instance holds a QLockFile in the data folder (where the queue store lives, so the scope is the queue's:
two windows never share one queue) and listens on a QLocalServer named after the user and that folder. A later
launch that cannot take the lock connects, sends one JSON line and waits for "ok". The lock, not the socket,
decides who is first: a crashed window leaves a lock that QLockFile sees is held by a dead process, and a socket
file that the next first instance removes before it listens.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from ..core.asset_ids import find_asset_ids

log = logging.getLogger("assetdrop.single_instance")
LOCK_FILE = "window.lock"
MAX_MESSAGE = 1 << 20  # a hand-over is a list of paths: a megabyte is thousands of them


def server_name(data_dir: Path) -> str:
    """Per user and per data folder (tests with their own ASSETDROP_HOME never meet). On Linux the socket goes in
    the user's private runtime folder when there is one, not in the shared /tmp."""
    user = str(os.getuid()) if hasattr(os, "getuid") else os.environ.get("USERNAME", "user")
    digest = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]
    name = f"assetdrop-{user}-{digest}"
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if sys.platform.startswith("linux") and runtime and os.path.isdir(runtime) and len(runtime) + len(name) < 100:
        return os.path.join(runtime, name)
    return name


def split_items(items: list[str], cwd: Path) -> tuple[list[str], list[str], list[str]]:
    """Command-line items as (absolute paths, asset IDs, neither): what exists is a file or folder to upload,
    the rest is read as asset IDs the way dropped text is."""
    paths, ids, unknown = [], [], []
    for item in items:
        path = (cwd / item).expanduser()
        if path.exists():
            paths.append(str(path.absolute()))
        elif found := find_asset_ids(item):
            ids += found
        else:
            unknown.append(item)
    return paths, ids, unknown


def claim(data_dir: Path) -> QLockFile | None:
    """The lock that makes this process the window for data_dir, or None when a live one already holds it."""
    lock = QLockFile(str(data_dir / LOCK_FILE))
    lock.setStaleLockTime(0)  # stale only when its process is gone: a window may run for weeks
    return lock if lock.tryLock(0) else None


def hand_over(name: str, paths: list[str], asset_ids: list[str], timeout: float = 10.0) -> str | None:
    """Send paths and IDs to the running window (no event loop needed); None when it answered, else why not.
    Connection attempts repeat until `timeout`: the window may hold the lock but not listen yet."""
    message = json.dumps({"paths": paths, "asset_ids": asset_ids}).encode() + b"\n"
    deadline = time.monotonic() + timeout
    socket = QLocalSocket()
    while True:
        socket.connectToServer(name)
        if socket.waitForConnected(500):
            break
        if time.monotonic() > deadline:
            return f"cannot reach it ({socket.errorString()})"
        time.sleep(0.1)
    socket.write(message)
    reply = b""
    while b"\n" not in reply and time.monotonic() < deadline:
        if socket.bytesToWrite():
            socket.waitForBytesWritten(200)
        elif not socket.waitForReadyRead(200) and socket.state() != QLocalSocket.LocalSocketState.ConnectedState:
            break
        reply += bytes(socket.readAll().data())
    socket.disconnectFromServer()
    return None if reply.strip() == b"ok" else f"it did not confirm ({socket.errorString()})"


class Listener(QObject):
    """The first instance's end: each connection brings one JSON line; `handler(paths, asset_ids)` gets it.
    Messages that arrive before a handler is set wait for it."""

    def __init__(self, name: str, parent: QObject | None = None):
        super().__init__(parent)
        self._handler: Callable[[list[str], list[str]], None] | None = None
        self._waiting: list[tuple[list[str], list[str]]] = []
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        QLocalServer.removeServer(name)  # a socket file left by a window that crashed (we hold the lock)
        if not self.server.listen(name):
            log.warning("cannot listen for second launches on %s: %s", name, self.server.errorString())
        else:
            log.info("listening for second launches on %s", self.server.fullServerName())
        self.server.newConnection.connect(self._accept)

    def set_handler(self, handler: Callable[[list[str], list[str]], None]) -> None:
        self._handler = handler
        for paths, ids in self._waiting:
            handler(paths, ids)
        self._waiting.clear()

    def _accept(self) -> None:
        while (socket := self.server.nextPendingConnection()) is not None:
            buffer = bytearray()
            socket.readyRead.connect(lambda s=socket, b=buffer: self._read(s, b))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket, buffer)

    def _read(self, socket: QLocalSocket, buffer: bytearray) -> None:
        buffer += bytes(socket.readAll().data())
        if b"\n" not in buffer:
            if len(buffer) > MAX_MESSAGE:
                socket.abort()
            return
        try:
            message = json.loads(buffer.split(b"\n", 1)[0])
            paths = [str(p) for p in message.get("paths", [])]
            ids = [str(i) for i in message.get("asset_ids", [])]
        except (ValueError, AttributeError, TypeError):
            log.warning("ignored a malformed message from a second launch")
            socket.abort()
            return
        buffer.clear()
        log.info("a second launch handed over %d path(s) and %d asset ID(s)", len(paths), len(ids))
        if self._handler is None:
            self._waiting.append((paths, ids))
        else:
            self._handler(paths, ids)
        socket.write(b"ok\n")
        socket.flush()
        socket.disconnectFromServer()
