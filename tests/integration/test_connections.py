"""Connections (issue 18 section 5): kept alive and reused, pools as large as the concurrency, no Nagle delay, the
same through a proxy; and requests' trust_env stays off, so a netrc file never adds credentials.

TCP_NODELAY and reuse are urllib3's defaults: these tests read them off live sockets so that a change of library
or adapter that loses them fails here. Connections are counted from urllib3's "Starting new HTTP(S) connection"
log records (one per TCP connection opened; for https, one full TLS handshake each, as sessions are not resumed).
"""

from __future__ import annotations

import logging
import socket

import pytest

from assetdrop.core import settings
from assetdrop.core.http import SEND_BLOCK, HttpClient
from assetdrop.core.providers.registry import connect
from assetdrop.core.proxy import MANUAL, ProxyChoice
from assetdrop.core.session import AppSession
from tests.conftest import write_file
from tests.integration.conftest import PASSWORD, USER
from tests.support.proxy_servers import Tap, Tinyproxy


class _NewConnections(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += record.getMessage().startswith("Starting new HTTP")


@pytest.fixture
def new_connections():
    handler, logger = _NewConnections(), logging.getLogger("urllib3.connectionpool")
    level = logger.level
    logger.setLevel(logging.DEBUG)
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)
    logger.setLevel(level)


def _open_connections(manager, port):
    """The kept-alive connections a pool manager holds to `port` (the pools requests opened, whatever their key)."""
    pools = [pool for pool in manager.pools._container.values() if pool.port == port]
    return pools, [c for pool in pools for c in list(pool.pool.queue) if c is not None and c.sock is not None]


def test_connections_are_kept_alive_with_no_nagle_delay(sandbox, tmp_path, new_connections):
    with HttpClient(timeout=(5, 10)) as http:
        provider = connect("filespin", http, sandbox.api_url, sandbox.api_key)
        for index in range(20):
            source = tmp_path / f"small-{index}.bin"
            write_file(source, 16 * 1024, seed=index)
            provider.upload(source)
        # 20 three-step uploads (URL, storage POST, registration) over one API and one storage connection
        assert new_connections.count == 2
        port = int(sandbox.api_url.rsplit(":", 1)[1].split("/")[0])
        _, [conn] = _open_connections(http.session.get_adapter(sandbox.api_url).poolmanager, port)
        assert conn.sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
        assert conn.blocksize == SEND_BLOCK


def test_the_pools_are_sized_to_the_concurrency(tmp_path):
    conf = settings.Settings(concurrency=6, connections_per_download=8)
    profile = settings.Profile("P", base_url="https://api.example", options={"proxy": "none"})
    conf.profiles, conf.current_profile = [profile], "P"
    session = AppSession(conf, store_path=tmp_path / "q.sqlite3", settings_path=tmp_path / "s.json")
    session.set_runtime_key("P", "key-123456")
    try:
        http = session.provider("P").http
        adapter = http.session.get_adapter("https://api.example")
        assert adapter._pool_maxsize >= 6 * 8  # every transfer, each big download's segments too
        pool = adapter.poolmanager.connection_from_url("https://api.example")
        assert pool.pool.maxsize >= 48
    finally:
        session.close()


@pytest.mark.skipif(not Tinyproxy.available(), reason="tinyproxy is not installed (make system-deps installs it)")
def test_a_connect_tunnel_is_kept_alive_with_the_clients_own_socket_options(
    clean_proxy_env, auth_proxy, tls_sandbox, tmp_path, new_connections
):
    sandbox, api_front, storage_front, ca_bundle = tls_sandbox
    choice = ProxyChoice(MANUAL, f"http://127.0.0.1:{auth_proxy.tap.port}", USER, PASSWORD)
    with HttpClient(timeout=(5, 10), ca_bundle=ca_bundle, proxy=choice, pool_size=12) as http:
        provider = connect("filespin", http, api_front.url, sandbox.api_key)
        for index in range(10):
            source = tmp_path / f"tunnelled-{index}.bin"
            write_file(source, 16 * 1024, seed=index)
            provider.upload(source)
        assert new_connections.count == 2  # one tunnel to the API, one to the storage, each kept open
        assert auth_proxy.tap.text().count("CONNECT ") == 2
        route = choice.route(api_front.url)
        manager = http.session.get_adapter(api_front.url).proxy_manager[route.url]
        [pool], [conn] = _open_connections(manager, api_front.port)
        assert pool.pool.maxsize == 12  # the proxy's pools are as large as the direct ones
        assert conn.blocksize == SEND_BLOCK  # the adapter's own settings reach the proxy's pools
        assert conn.sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0


def test_a_netrc_file_never_adds_credentials(sandbox, tmp_path, monkeypatch):
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login netrc-user password netrc-password-leak\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / ".netrc").write_text(netrc.read_text())
    (tmp_path / ".netrc").chmod(0o600)
    with Tap(("127.0.0.1", int(sandbox.api_url.rsplit(":", 1)[1].split("/")[0]))) as tap:
        with HttpClient(timeout=(5, 5)) as http:
            connect("filespin", http, tap.url, sandbox.api_key).check_connection()
        assert "/api/v1/" in tap.text()
        assert "Authorization: Basic" not in tap.text() and "netrc" not in tap.text()
