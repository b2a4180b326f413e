"""Shared fixtures: a real sandbox (API + S3-compatible storage on loopback), a provider talking to it, test files.

Every test runs with ASSETDROP_HOME pointing at a temporary folder, so no test touches the user's settings,
logs or downloads.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from assetdrop.core.providers.registry import connect

pytest_plugins = ["tests.support.log_scan"]  # scans every log of the run for keys and signatures

try:  # written alongside the conformance tests
    from tests.support.localstack import localstack_endpoint  # noqa: F401  (fixture)
except ModuleNotFoundError:
    pass


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("assetdrop-home")
    monkeypatch.setenv("ASSETDROP_HOME", str(home))
    monkeypatch.delenv("ASSETDROP_API_KEY", raising=False)
    return home


@pytest.fixture(scope="session")
def sandbox(tmp_path_factory):
    from assetdrop.sandbox.server import Sandbox

    # The vendors' documented limits on, as users meet them: the client paces itself (core/transfer/pacing.py).
    with Sandbox(tmp_path_factory.mktemp("sandbox-data")) as running:
        yield running


@pytest.fixture
def fresh_sandbox(sandbox):
    """The session sandbox with its run-time switches reset after the test."""
    expiry, links = sandbox.upload_url_expiry, sandbox.get_link_enabled
    yield sandbox
    sandbox.upload_url_expiry, sandbox.get_link_enabled = expiry, links


@pytest.fixture
def http():
    from assetdrop.core.http import HttpClient

    with HttpClient() as client:
        yield client


@pytest.fixture
def provider(sandbox, http):

    return connect("filespin", http, sandbox.api_url, sandbox.api_key)


def write_file(path: Path, size: int, seed: int = 0) -> str:
    """Write `size` bytes of varied content (no two MiB blocks alike) and return their MD5."""
    path.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.md5()
    block = os.urandom(1 << 20) if size else b""
    with open(path, "wb") as handle:
        written, i = 0, 0
        while written < size:
            chunk = (i.to_bytes(8, "little") + seed.to_bytes(8, "little") + block[16:])[: size - written]
            handle.write(chunk)
            digest.update(chunk)
            written += len(chunk)
            i += 1
    return digest.hexdigest()


def md5_of(path: Path) -> str:
    digest = hashlib.md5()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()
