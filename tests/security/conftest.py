"""Fixtures for the hostile-server tests: a private PKI, TLS and plain malicious servers, capture hosts."""

from __future__ import annotations

import pytest

from tests.support.malicious_server import MaliciousServer, TestPKI

KEY = "sec-test-key-5f0c1d2e3a4b"  # a FileSpin-style key no server but the API origin may ever see


@pytest.fixture(scope="session")
def pki(tmp_path_factory):
    return TestPKI(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="session")
def good_cert(pki):
    return pki.leaf("good")


@pytest.fixture
def tls_server(good_cert):
    with MaliciousServer(tls=good_cert) as running:
        yield running


@pytest.fixture
def tls_capture(good_cert):
    with MaliciousServer(tls=good_cert) as running:
        yield running


@pytest.fixture
def server():
    with MaliciousServer() as running:
        yield running


@pytest.fixture
def capture():
    with MaliciousServer() as running:
        yield running
