"""Fixtures of the proxy and connection tests: a real tinyproxy (with or without basic auth) behind a recording tap,
and the sandbox over plain http or behind https fronts with a CA the test makes (tests/support/proxy_servers.py)."""

from __future__ import annotations

import pytest

from assetdrop.sandbox.server import Sandbox
from tests.support.malicious_server import TestPKI
from tests.support.proxy_servers import Tap, Tinyproxy

USER, PASSWORD = "alice", "pr0xy-s3cret-pw"


@pytest.fixture
def clean_proxy_env(monkeypatch):
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)


@pytest.fixture
def proxy(tmp_path):
    with Tinyproxy(tmp_path / "tinyproxy") as running, Tap(("127.0.0.1", running.port)) as tap:
        running.tap = tap  # type: ignore[attr-defined]
        yield running


@pytest.fixture
def auth_proxy(tmp_path):
    with Tinyproxy(tmp_path / "tinyproxy-auth", user=USER, password=PASSWORD) as running:
        with Tap(("127.0.0.1", running.port)) as tap:
            running.tap = tap  # type: ignore[attr-defined]
            yield running


@pytest.fixture
def plain_sandbox(tmp_path):
    """The sandbox over http, its storage behind a tap that records what reached it."""
    with Tap() as storage_tap:
        with Sandbox(tmp_path / "sandbox", storage_public_url=storage_tap.url) as sandbox:
            storage_tap.target = ("127.0.0.1", sandbox.storage.port)
            yield sandbox


@pytest.fixture
def tls_sandbox(tmp_path):
    """The sandbox behind https fronts (a CA made here): (sandbox, API front, storage front, CA bundle)."""
    pki = TestPKI(tmp_path / "pki")
    leaf = pki.leaf("front")
    with Tap(tls=leaf) as api_front, Tap(tls=leaf) as storage_front:
        with Sandbox(tmp_path / "sandbox", storage_public_url=storage_front.url) as sandbox:
            storage_front.target = ("127.0.0.1", sandbox.storage.port)
            api_front.target = ("127.0.0.1", int(sandbox.api_url.rsplit(":", 1)[1].split("/")[0]))
            yield sandbox, api_front, storage_front, str(pki.ca_bundle)
