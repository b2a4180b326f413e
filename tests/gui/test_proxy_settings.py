"""The proxy in the window: set per profile in Profiles (the password to the keyring, never to the settings file),
used by Test connection and by the session's providers; the desktop's setting handed to core as a plain value."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from assetdrop.core import proxy
from assetdrop.core.proxy import MANUAL
from assetdrop.qt.desktop_proxy import hand_to_core
from tests.gui.test_profiles_dialog import make_dialog
from tests.support.proxy_servers import Tap, Tinyproxy

USER, PASSWORD = "bob", "dialog-proxy-pw"


@pytest.fixture(autouse=True)
def clean_proxy_env(monkeypatch):
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    yield
    proxy.set_desktop_proxies({})


@pytest.mark.skipif(not Tinyproxy.available(), reason="tinyproxy is not installed (make system-deps installs it)")
def test_a_profiles_proxy_is_set_in_the_dialog_and_used(qtbot, sandbox, tmp_path):
    with Tinyproxy(tmp_path / "tp", user=USER, password=PASSWORD) as tinyproxy:
        with Tap(("127.0.0.1", tinyproxy.port)) as tap:
            dialog, session = make_dialog(qtbot, tmp_path)
            dialog.name_edit.setText("Office")
            dialog.url_edit.setText(sandbox.api_url)
            dialog.key_edit.setText(sandbox.api_key)
            dialog.field("proxy").setText(f"127.0.0.1:{tap.port}")
            dialog.field("proxy_user").setText(USER)
            dialog.field("proxy_password").setText(PASSWORD)
            qtbot.mouseClick(dialog.test_button, Qt.LeftButton)
            qtbot.waitUntil(lambda: dialog.result_label.text().startswith("Connected to"), timeout=10000)
            assert f"POST {sandbox.api_url}/" in tap.text() and "Proxy-Authorization: Basic" in tap.text()
            assert dialog.save_current()

            saved = (tmp_path / "settings.json").read_text()
            [office] = [p for p in json.loads(saved)["profiles"] if p["name"] == "Office"]
            assert office["options"]["proxy"] == f"http://127.0.0.1:{tap.port}"
            assert office["options"]["proxy_user"] == USER
            assert PASSWORD not in saved and sandbox.api_key not in saved
            stored = json.loads(session.credentials.get("Office"))
            assert stored == {"api_key": sandbox.api_key, "proxy_password": PASSWORD}

            provider = session.provider("Office")
            assert provider.http.proxy.mode == MANUAL and provider.http.proxy.password == PASSWORD
            before = tap.connections
            provider.check_connection()
            assert tap.connections > before
            session.close()


def test_a_proxy_address_with_a_password_in_it_is_refused(qtbot, tmp_path):
    dialog, _ = make_dialog(qtbot, tmp_path)
    dialog.name_edit.setText("Leaky")
    dialog.url_edit.setText("https://app.example")
    dialog.key_edit.setText("k-123456")
    dialog.field("proxy").setText("http://me:pw@proxy.example:3128")
    assert not dialog.save_current()
    assert dialog.result_label.text() == (
        "Proxy: put the user name in Proxy user and the password in Proxy password, not in the URL"
    )


def test_the_desktops_proxy_reaches_core_as_a_plain_mapping(monkeypatch):
    """On Linux without libproxy, Qt's systemProxyForQuery answers from the proxy variables: set one for this
    process and the window hands core {"http": ..., "https": ...} (core reads no Qt)."""
    monkeypatch.setenv("http_proxy", "http://desk-proxy.example:3128")
    found = hand_to_core()
    assert found.get("http") == "http://desk-proxy.example:3128"
    assert proxy.desktop_proxies() == found
    monkeypatch.delenv("http_proxy")
    # with no variable set, system mode falls back to what the window handed over
    assert proxy.ProxyChoice().route("http://api.example/x").url == "http://desk-proxy.example:3128"
    assert proxy.ProxyChoice().route("http://api.example/x").source == "the desktop's proxy setting"
