"""TLS against real loopback servers with certificates from a CA made in the test: verification is always on,
a profile's CA bundle adds trust, the OS store is used (truststore), and every failure is explained in words."""

from __future__ import annotations

import pytest

from assetdrop.core import errors
from assetdrop.core.http import HttpClient, make_ssl_context, system_trust_available
from assetdrop.core.providers.registry import build, make_http
from assetdrop.core.settings import Profile
from tests.security.conftest import KEY
from tests.support.malicious_server import MaliciousServer, TestPKI


def _ok(server, path="/api/v1/assets/a/data"):
    server.json(path, '{"id": "a", "name": "a.bin", "size": 1}')
    return server.url + path


def test_unknown_ca_is_refused_in_words(tls_server):
    url = _ok(tls_server)
    with HttpClient(timeout=(3, 3)) as http, pytest.raises(errors.NetworkError) as info:
        http.request("GET", url)
    assert info.value.title == "Certificate problem"
    assert "authority this computer does not trust" in info.value.message
    assert "CA bundle" in info.value.message  # what to do about it
    assert not [r for r in tls_server.received]  # no request was sent over the untrusted connection


def test_profile_ca_bundle_makes_it_work_and_the_key_arrives(tls_server, pki):
    _ok(tls_server)
    profile = Profile("corp", "filespin", tls_server.url, options={"ca_bundle": str(pki.ca_bundle)})
    with make_http(profile.endpoint, pool_size=2) as http:
        provider = build(profile.endpoint, KEY, http)
        assert provider.asset_info("a").name == "a.bin"
    assert tls_server.received[-1].headers["X-FileSpin-Api-Key"] == KEY


def test_ca_bundle_directory_is_accepted(tls_server, pki, tmp_path):
    import shutil
    import subprocess

    if not shutil.which("openssl"):
        pytest.skip("openssl CLI needed to hash the CA directory")
    folder = tmp_path / "cas"
    folder.mkdir()
    digest = subprocess.run(
        ["openssl", "x509", "-hash", "-noout", "-in", str(pki.ca_bundle)], capture_output=True, text=True, check=True
    ).stdout.strip()
    shutil.copy(pki.ca_bundle, folder / f"{digest}.0")
    with HttpClient(ca_bundle=str(folder)) as http:
        assert http.request("GET", _ok(tls_server)).status_code == 200


@pytest.mark.parametrize(
    "kind, words",
    [
        ("expired", "has expired"),
        ("not-yet-valid", "is not valid yet. Check this computer's date and time"),
        ("wrong-name", "does not belong to 127.0.0.1"),
        ("self-signed", "self-signed"),
    ],
)
def test_bad_certificates_are_explained(pki, kind, words):
    leaf = {
        "expired": lambda: pki.leaf("expired", expired=True),
        "not-yet-valid": lambda: pki.leaf("early", not_yet_valid=True),  # a clock set back, or a fresh cert
        "wrong-name": lambda: pki.leaf("wrong", hosts=("other.example",)),
        "self-signed": lambda: pki.leaf("selfsigned", self_signed=True),
    }[kind]()
    with MaliciousServer(tls=leaf) as server, HttpClient(ca_bundle=str(pki.ca_bundle), timeout=(3, 3)) as http:
        with pytest.raises(errors.NetworkError) as info:
            http.request("GET", _ok(server))
    assert info.value.title == "Certificate problem"
    assert words in info.value.message
    assert "Traceback" not in info.value.message


def test_verification_cannot_be_turned_off_per_request(tls_server):
    url = _ok(tls_server)
    with HttpClient(timeout=(3, 3)) as http:
        assert http.session.verify is True
        with pytest.raises(errors.NetworkError, match="does not trust"):
            http.request("GET", url, verify=False)


def test_a_bundle_adds_trust_it_does_not_replace_it(tmp_path, monkeypatch, good_cert, pki):
    """SSL_CERT_FILE stands in for the OS store here: with truststore, a server trusted by the "system" and one
    trusted through the profile's bundle both work with the same client (storage is usually on a public CA)."""
    if not system_trust_available():
        pytest.skip("truststore is not installed")
    other = TestPKI(tmp_path / "other")
    monkeypatch.setenv("SSL_CERT_FILE", str(other.ca_bundle))
    with MaliciousServer(tls=other.leaf("sys")) as system_trusted, MaliciousServer(tls=good_cert) as profile_trusted:
        with HttpClient(ca_bundle=str(pki.ca_bundle), timeout=(3, 3)) as http:
            assert http.request("GET", _ok(system_trusted)).status_code == 200
            assert http.request("GET", _ok(profile_trusted)).status_code == 200


@pytest.mark.parametrize("content, words", [(None, "does not exist"), (b"not a certificate", "could not be read")])
def test_unusable_ca_bundle_is_a_config_error_in_words(tmp_path, content, words):
    path = tmp_path / "bundle.pem"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(errors.ConfigError, match=words):
        make_ssl_context(str(path))
    with pytest.raises(errors.ConfigError, match=words):
        make_http(Profile("p", options={"ca_bundle": str(path)}).endpoint)


def test_plain_http_server_at_an_https_address_is_explained(server):
    _ok(server)
    url = server.url.replace("http://", "https://") + "/api/v1/assets/a/data"
    with HttpClient(timeout=(3, 3)) as http, pytest.raises(errors.NetworkError) as info:
        http.request("GET", url)
    assert "does not speak TLS" in info.value.message


def test_https_to_http_redirect_is_refused_and_nothing_reaches_the_target(tls_server, capture, pki):
    capture.json("/stolen", '{"id": "a"}')
    tls_server.redirect("/api/v1/assets/a/data", capture.url + "/stolen?X-Amz-Signature=abc123")
    with HttpClient(ca_bundle=str(pki.ca_bundle), timeout=(3, 3)) as http:
        provider = build(Profile("p", "filespin", tls_server.url).endpoint, KEY, http)
        with pytest.raises(errors.ProtocolError, match="Refused a redirect from https") as info:
            provider.asset_info("a")
    assert "abc123" not in info.value.message  # the target is shown without its signature
    assert capture.received == []


def test_https_redirect_to_another_https_origin_carries_no_key(tls_server, tls_capture, pki):
    tls_capture.json("/elsewhere", '{"id": "a", "name": "a.bin", "size": 1}')
    tls_server.redirect("/api/v1/assets/a/data", tls_capture.url + "/elsewhere", status=307)
    with HttpClient(ca_bundle=str(pki.ca_bundle), timeout=(3, 3)) as http:
        provider = build(Profile("p", "filespin", tls_server.url).endpoint, KEY, http)
        assert provider.asset_info("a").name == "a.bin"
    assert tls_server.received[0].headers.get("X-FileSpin-Api-Key") == KEY
    assert len(tls_capture.received) == 1
    assert KEY not in tls_capture.received[0].header_values() + tls_capture.received[0].target
