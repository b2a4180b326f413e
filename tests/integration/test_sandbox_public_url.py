"""The sandbox signs its storage links for a fronting address (`Sandbox(storage_public_url=...)`), so a proxy in
front of the storage (bench/wan.py's WAN emulator, a fault proxy) carries every storage byte."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
import requests

from assetdrop.core.http import HttpClient
from assetdrop.core.providers.registry import connect
from assetdrop.sandbox.server import Sandbox
from tests.conftest import md5_of, write_file
from tests.support.fault_proxy import FaultProxy


@pytest.fixture
def fronted(tmp_path):
    """A sandbox whose storage is reached through a plain proxy (no faults planned) that it signs its links for."""
    proxy = FaultProxy("127.0.0.1", 0)  # the storage's port is known only once the sandbox is built
    try:
        with Sandbox(tmp_path / "data", storage_public_url=proxy.url + "/") as sandbox:
            proxy.target = (sandbox.storage.host, sandbox.storage.port)
            with HttpClient() as http:
                yield sandbox, proxy, connect("filespin", http, sandbox.api_url, sandbox.api_key)
    finally:
        proxy.close()


def test_links_name_the_public_address_and_work_through_the_proxy(fronted, tmp_path):
    sandbox, proxy, provider = fronted
    assert proxy.url != sandbox.storage.url
    target = provider.content_storage_url("photo.jpg")
    assert target.url == f"{proxy.url}/{sandbox.storage.bucket}", "a trailing slash in the option is not doubled"

    source = tmp_path / "photo.jpg"
    digest = write_file(source, 300_000)
    uploaded = provider.upload(source)  # the full three-step flow: storage URL, POST to the link, register
    assert uploaded.md5 == digest
    assert proxy.connections >= 1, "the upload did not go through the proxy"
    posts = [r for r in sandbox.storage.received if r.method == "POST"]
    assert posts and all(r.headers["Host"] == proxy.url.split("//")[1] for r in posts)

    link = provider.get_link(uploaded.asset_id)
    assert link.startswith(proxy.url + "/") and "X-Amz-Signature" in link
    before = proxy.connections
    got = requests.get(link, timeout=30)
    assert got.status_code == 200 and proxy.connections == before + 1
    (tmp_path / "back.bin").write_bytes(got.content)
    assert md5_of(tmp_path / "back.bin") == digest

    # The host is part of what the link signs: the same link sent straight to the storage's own port is refused.
    direct = requests.get(link.replace(proxy.url, sandbox.storage.url), timeout=30)
    assert direct.status_code == 403 and ET.fromstring(direct.content).findtext("Code") == "SignatureDoesNotMatch"


def test_links_name_the_storage_itself_by_default(tmp_path):
    with Sandbox(tmp_path / "data") as sandbox:
        assert sandbox.storage.endpoint == sandbox.storage.url
        r = requests.get(
            f"{sandbox.api_url}/api/v1/assets/new/content_storage_url",
            params={"filename": "a.bin"},
            headers={"X-FileSpin-Api-Key": sandbox.api_key},
            timeout=30,
        )
        assert r.json()["storage"]["url"] == f"{sandbox.storage.url}/{sandbox.storage.bucket}"
