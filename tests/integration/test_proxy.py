"""Uploads and downloads through a real proxy (tinyproxy) the test starts, over plain http and https CONNECT.

A recording tap in front of the proxy shows exactly what the proxy received; the sandbox's storage records what it
received. For https, TLS fronts made with a CA the test generates stand before the sandbox's API and storage (the
sandbox speaks plain http), and the client verifies them against that CA. Without core/proxy.py every request goes
straight to its server (trust_env was off), so the proxy sees nothing and these tests fail.
"""

from __future__ import annotations

import json

import pytest

from assetdrop.core import errors
from assetdrop.core.http import HttpClient
from assetdrop.core.providers.endpoint import Endpoint
from assetdrop.core.providers.registry import build, connect, make_http
from assetdrop.core.proxy import MANUAL, ProxyChoice
from tests.conftest import md5_of, write_file
from tests.integration.conftest import PASSWORD, USER
from tests.support.malicious_server import TestPKI
from tests.support.proxy_servers import Tap, Tinyproxy, free_port

pytestmark = [
    pytest.mark.usefixtures("clean_proxy_env"),
    pytest.mark.skipif(
        not Tinyproxy.available(), reason="tinyproxy is not installed (make system-deps installs tinyproxy-bin)"
    ),
]


def _round_trip(provider, tmp_path, size=300_000):
    source = tmp_path / "through-proxy.bin"
    digest = write_file(source, size)
    outcome = provider.upload(source)
    saved = provider.download(outcome.asset_id, tmp_path / "down")
    assert md5_of(saved.path) == digest
    return outcome


def _assert_storage_never_saw(sandbox, *secrets):
    seen = sandbox.storage.received
    assert any(r.method == "POST" for r in seen) and any(r.method == "GET" for r in seen)
    for record in seen:
        text = record.path + " " + json.dumps(dict(record.headers))
        assert "x-filespin-api-key" not in text.lower() and "proxy-authorization" not in text.lower()
        for secret in secrets:
            assert secret not in text


def test_plain_http_through_the_environment_proxy(proxy, plain_sandbox, tmp_path, monkeypatch):
    monkeypatch.setenv("http_proxy", f"http://127.0.0.1:{proxy.tap.port}")
    with HttpClient(timeout=(5, 10)) as http:
        _round_trip(connect("filespin", http, plain_sandbox.api_url, plain_sandbox.api_key), tmp_path)
    seen = proxy.tap.text()
    api_port = plain_sandbox.api_url.rsplit(":", 1)[1].split("/")[0]
    # every request, API and storage (upload and download), went through the proxy, as absolute-form requests
    assert f"http://127.0.0.1:{api_port}/" in seen
    assert "POST http://127.0.0.1:" in seen and "GET http://127.0.0.1:" in seen
    log = proxy.log()
    assert log.count("Request (file descriptor") >= 4, log
    # a plain-http API through a plain proxy: the proxy sees the key (docs/security.md says so) ...
    assert plain_sandbox.api_key in seen
    # ... and the storage still never receives it
    _assert_storage_never_saw(plain_sandbox, plain_sandbox.api_key)


def test_plain_http_through_the_profiles_proxy_with_basic_auth(auth_proxy, plain_sandbox, tmp_path):
    """Manual mode as a profile declares it: the address and user in the options, the password in the keyring
    entry (the JSON of the secret options), never in the settings."""
    endpoint = Endpoint(
        "filespin", plain_sandbox.api_url, {"proxy": f"127.0.0.1:{auth_proxy.tap.port}", "proxy_user": USER}
    )
    secret = json.dumps({"api_key": plain_sandbox.api_key, "proxy_password": PASSWORD})
    with make_http(endpoint, secret=secret, timeout=(5, 10)) as http:
        assert http.proxy.mode == MANUAL and PASSWORD not in repr(http.proxy)
        _round_trip(build(endpoint, secret, http), tmp_path)
    assert "Proxy-Authorization: Basic" in auth_proxy.tap.text()
    _assert_storage_never_saw(plain_sandbox, plain_sandbox.api_key, PASSWORD)


def test_https_goes_through_a_connect_tunnel_the_proxy_cannot_read(auth_proxy, tls_sandbox, tmp_path, monkeypatch):
    sandbox, api_front, storage_front, ca_bundle = tls_sandbox
    monkeypatch.setenv("HTTPS_PROXY", f"http://{USER}:{PASSWORD}@127.0.0.1:{auth_proxy.tap.port}")
    monkeypatch.setenv("NO_PROXY", "example.invalid")  # set, but not for these hosts
    with HttpClient(timeout=(5, 10), ca_bundle=ca_bundle) as http:  # verified against the test's CA
        _round_trip(connect("filespin", http, api_front.url, sandbox.api_key), tmp_path)
    seen = auth_proxy.tap.text()
    assert f"CONNECT 127.0.0.1:{api_front.port}" in seen and f"CONNECT 127.0.0.1:{storage_front.port}" in seen
    assert "Proxy-Authorization: Basic" in seen
    # the proxy saw host names and TLS records: no key, no header, no path, no file name
    assert sandbox.api_key not in seen
    assert "x-filespin-api-key" not in seen.lower() and "through-proxy" not in seen and "GET /" not in seen
    assert f"CONNECT 127.0.0.1:{api_front.port}" in auth_proxy.log() or "CONNECT" in auth_proxy.log()
    # the API origin got the key (through the tunnel), the storage never did
    assert sandbox.api_key in api_front.text()
    _assert_storage_never_saw(sandbox, sandbox.api_key, PASSWORD)
    assert "proxy-authorization" not in (api_front.text() + storage_front.text()).lower()


def test_no_proxy_bypasses_the_proxy(proxy, plain_sandbox, tmp_path, monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy.tap.port}")
    monkeypatch.setenv("no_proxy", "localhost,127.0.0.1")
    with HttpClient(timeout=(5, 10)) as http:
        _round_trip(connect("filespin", http, plain_sandbox.api_url, plain_sandbox.api_key), tmp_path)
    assert proxy.tap.connections == 0 and proxy.tap.text() == ""


def test_all_proxy_is_honoured(proxy, plain_sandbox, monkeypatch):
    monkeypatch.setenv("ALL_PROXY", f"http://127.0.0.1:{proxy.tap.port}")
    with HttpClient(timeout=(5, 10)) as http:
        connect("filespin", http, plain_sandbox.api_url, plain_sandbox.api_key).check_connection()
    assert f"{plain_sandbox.api_url}/" in proxy.tap.text()


def test_a_proxy_that_wants_a_sign_in_is_a_sentence(auth_proxy, plain_sandbox):
    """No credentials for a proxy that asks for them: its 407 to a plain-http request, in words."""
    choice = ProxyChoice(MANUAL, f"http://127.0.0.1:{auth_proxy.port}")
    with HttpClient(timeout=(5, 5), proxy=choice) as http, pytest.raises(errors.ProxyAuthError) as info:
        connect("filespin", http, plain_sandbox.api_url, plain_sandbox.api_key).check_connection()
    assert info.value.message == (
        f"The proxy 127.0.0.1:{auth_proxy.port} wants a sign-in (HTTP 407). Check the profile's proxy setting: the "
        f"proxy user name, and the proxy password in Profiles."
    )


def test_a_wrong_proxy_password_on_a_tunnel_is_a_sentence(auth_proxy, tls_sandbox):
    """tinyproxy refuses a wrong password with 401 (not 407) even to a CONNECT; either way it is the proxy's
    refusal, said once (not retried: wrong passwords lock accounts)."""
    sandbox, api_front, _, ca_bundle = tls_sandbox
    choice = ProxyChoice(MANUAL, f"http://127.0.0.1:{auth_proxy.tap.port}", USER, "wrong-password")
    with HttpClient(timeout=(5, 5), ca_bundle=ca_bundle, proxy=choice) as http:
        with pytest.raises(errors.ProxyAuthError) as info:
            connect("filespin", http, api_front.url, sandbox.api_key).check_connection()
    assert info.value.title == "The proxy refused the sign-in" and not info.value.retryable
    assert info.value.message.startswith(
        f"The proxy 127.0.0.1:{auth_proxy.tap.port} refused the user name and password it was given (HTTP 407)."
    )
    assert "wrong-password" not in info.value.message
    assert auth_proxy.tap.text().count("CONNECT ") == 1  # asked once


def test_a_wrong_proxy_password_for_plain_http_says_the_proxy_may_be_refusing(auth_proxy, plain_sandbox):
    choice = ProxyChoice(MANUAL, f"http://127.0.0.1:{auth_proxy.port}", USER, "wrong-password")
    with HttpClient(timeout=(5, 5), proxy=choice) as http, pytest.raises(errors.AuthError) as info:
        connect("filespin", http, plain_sandbox.api_url, plain_sandbox.api_key).check_connection()
    assert f"If it was the proxy 127.0.0.1:{auth_proxy.port} that refused" in info.value.message
    assert "wrong-password" not in info.value.message


def test_a_dead_proxy_is_a_sentence(plain_sandbox, monkeypatch):
    dead = free_port()  # nothing listens there
    monkeypatch.setenv("HTTP_PROXY", f"http://{USER}:{PASSWORD}@127.0.0.1:{dead}")
    with HttpClient(timeout=(2, 2)) as http, pytest.raises(errors.ProxyProblem) as info:
        connect("filespin", http, plain_sandbox.api_url, plain_sandbox.api_key).check_connection()
    message = info.value.message
    assert message.startswith(f"Could not connect to the proxy 127.0.0.1:{dead}: connection refused.")
    assert "HTTP_PROXY" in message and PASSWORD not in message and USER not in message
    assert info.value.title == "Proxy problem"


def test_an_https_proxy_is_verified_and_tunnels_https(tmp_path, tls_sandbox):
    """TLS to the proxy itself (an https:// proxy address), verified against the profile's CA bundle, with the
    CONNECT tunnel to the API inside it (TLS in TLS); a proxy whose certificate nobody trusts gets nothing."""
    sandbox, api_front, _, ca_bundle = tls_sandbox
    proxy_pki, stranger = TestPKI(tmp_path / "proxy-pki"), TestPKI(tmp_path / "stranger-pki")
    bundle = tmp_path / "bundle.pem"  # the profile trusts the fronts' CA and the proxy's
    bundle.write_bytes(open(ca_bundle, "rb").read() + proxy_pki.ca_bundle.read_bytes())
    with Tinyproxy(tmp_path / "tp-https") as tinyproxy:
        with Tap(("127.0.0.1", tinyproxy.port), tls=proxy_pki.leaf("proxy")) as tls_front:
            choice = ProxyChoice(MANUAL, tls_front.url)
            with HttpClient(timeout=(5, 5), ca_bundle=str(bundle), proxy=choice) as http:
                connect("filespin", http, api_front.url, sandbox.api_key).check_connection()
            assert f"CONNECT 127.0.0.1:{api_front.port}" in tls_front.text()
            assert sandbox.api_key not in tls_front.text()  # even with the proxy's TLS taken off: a tunnel
        with Tap(("127.0.0.1", tinyproxy.port), tls=stranger.leaf("proxy")) as untrusted:
            choice = ProxyChoice(MANUAL, untrusted.url)
            with HttpClient(timeout=(5, 5), ca_bundle=str(bundle), proxy=choice) as http:
                with pytest.raises(errors.ProxyProblem) as info:
                    connect("filespin", http, api_front.url, sandbox.api_key).check_connection()
            assert info.value.title == "Certificate problem"
            assert info.value.message.startswith(
                f"The secure connection to the proxy {untrusted.url[8:]} failed: the certificate of 127.0.0.1 was "
                f"issued by an authority this computer does not trust."
            ), info.value.message
            assert untrusted.text() == ""  # nothing was sent to a proxy that could not prove who it is
