"""The key goes to the API origin and nowhere else: not to storage, not across a redirect to another origin, never in
a URL. Every provider kind, against hostile servers and end to end against the sandbox, asserting on what the
other servers actually received (or on every request the client put on the wire)."""

from __future__ import annotations

import base64
import json
from urllib.parse import quote, quote_plus

import pytest

from assetdrop.core import errors
from assetdrop.core.http import HttpClient, origin
from assetdrop.core.providers import xvid
from assetdrop.core.providers.registry import connect
from tests.conftest import write_file
from tests.security.conftest import KEY

TOKEN = "xvid-bearer-token-9b8a7c6d5e"
CLIENT_ID = "c1d2e3f4a5b6c7d8e9f0a1b2"
CLIENT_SECRET = base64.b64encode(b"hmac-secret-32-bytes-for-tests!!").decode()
MEMORIES_KEY = "sk-mavi-0123456789abcdef0123456789abcdef"


def _provider(kind: str, http: HttpClient, base: str):
    if kind == "filespin":
        return connect("filespin", http, base, KEY), KEY
    if kind == "xvid":
        return connect("xvid", http, base + "/v1", token=TOKEN), TOKEN
    return connect("memories", http, base + "/serve/api/v2", MEMORIES_KEY), MEMORIES_KEY


_CALL_PATHS = {"filespin": "/api/v1/assets/a1/data", "xvid": "/v1/files/a1", "memories": "/serve/api/v2/a1/download"}
_ANSWERS = {
    "filespin": b'{"id": "a1", "name": "a.bin", "size": 3}',
    "xvid": b'{"file": {"id": "a1", "name": "a.bin", "size": 3, "type": "file"}}',
}


def _call(kind, provider, tmp_path):
    if kind == "memories":
        return provider.download("a1", tmp_path / "dl")
    return provider.asset_info("a1")


def _assert_nothing_secret(received, secret):
    for request in received:
        text = f"{request.target}\n{request.header_values()}\n{request.body!r}"
        assert secret not in text
        assert not {k.lower() for k in request.headers} & {"authorization", "x-filespin-api-key", "cookie"}


@pytest.mark.parametrize("kind", ["filespin", "xvid", "memories"])
@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_redirect_to_a_capture_host_carries_no_credential(server, capture, tmp_path, kind, status):
    path = _CALL_PATHS[kind]
    if kind == "memories":
        capture.file("/captured", b"abc", disposition='attachment; filename="a.bin"')
    else:
        capture.json("/captured", _ANSWERS[kind])
    server.redirect(path, capture.url + "/captured", status=status)
    with HttpClient(timeout=(3, 3)) as http:
        provider, secret = _provider(kind, http, server.url)
        _call(kind, provider, tmp_path)
    assert len(server.received) == 1 and secret in server.received[0].header_values()
    assert secret not in server.received[0].target  # not in the URL at the API either
    assert len(capture.received) == 1, "the redirect was not followed"
    _assert_nothing_secret(capture.received, secret)


def test_a_chain_through_the_api_origin_keeps_the_key_only_there(server, capture):
    capture.json("/end", _ANSWERS["filespin"])
    server.redirect("/api/v1/assets/a1/data", "/hop1", status=307)
    server.redirect("/hop1", capture.url + "/hop2", status=302)
    capture.redirect("/hop2", server.url + "/back")  # back to the API origin: the key may go there again
    server.redirect("/back", capture.url + "/end")
    with HttpClient(timeout=(3, 3)) as http:
        connect("filespin", http, server.url, KEY).asset_info("a1")
    assert [r.target for r in server.received] == ["/api/v1/assets/a1/data", "/hop1", "/back"]
    assert all(r.headers.get("X-FileSpin-Api-Key") == KEY for r in server.received)
    assert [r.target for r in capture.received] == ["/hop2", "/end"]
    _assert_nothing_secret(capture.received, KEY)


def test_same_host_other_port_is_another_origin(server, capture):
    assert origin(server.url)[1] == origin(capture.url)[1] and server.port != capture.port
    capture.json("/x", _ANSWERS["filespin"])
    server.redirect("/api/v1/assets/a1/data", capture.url + "/x")
    with HttpClient(timeout=(3, 3)) as http:
        connect("filespin", http, server.url, KEY).asset_info("a1")
    _assert_nothing_secret(capture.received, KEY)


def test_redirect_loop_stops_with_words(server):
    server.redirect("/api/v1/assets/a1/data", "/api/v1/assets/a1/data")
    with HttpClient(timeout=(3, 3)) as http, pytest.raises(errors.ProtocolError, match="Too many redirects"):
        connect("filespin", http, server.url, KEY).asset_info("a1")


def test_a_server_echoing_the_key_and_a_signed_url_does_not_get_them_into_the_error(server):
    from assetdrop.core.redact import register_secret

    register_secret(KEY)
    echo = json.dumps(
        {
            "error": {
                "code": "INVALID_API_KEY",
                "message": f"key {KEY} refused; try "
                f"https://s3.example/b/k?X-Amz-Credential=AKIAXX&X-Amz-Signature=feedface01",
            }
        }
    )
    server.json("/api/v1/assets/a1/data", echo, status=403)
    with HttpClient(timeout=(3, 3)) as http, pytest.raises(errors.AuthError) as info:
        connect("filespin", http, server.url, KEY).asset_info("a1")
    assert KEY not in info.value.message and "feedface01" not in info.value.message
    assert "AKIAXX" not in info.value.message and "s3.example/b/k" in info.value.message


# -- end to end against the sandbox: every request the client put on the wire ----------------------------------


class WireSpy:
    """Records every prepared request (final URL, headers, body) the HttpClient's session sends."""

    def __init__(self, http: HttpClient, monkeypatch):
        self.sent = []
        original = http.session.send

        def send(request, **kwargs):
            body = request.body if isinstance(request.body, (bytes, str)) else b""
            self.sent.append(
                (
                    request.method,
                    request.url,
                    dict(request.headers),
                    body.decode("latin-1") if isinstance(body, bytes) else body,
                )
            )
            return original(request, **kwargs)

        monkeypatch.setattr(http.session, "send", send)


@pytest.mark.parametrize("kind", ["filespin", "xvid-token", "xvid-hmac", "memories"])
def test_end_to_end_the_secret_goes_only_to_the_api_origin_and_never_in_a_url(sandbox, tmp_path, monkeypatch, kind):
    with HttpClient() as http:
        spy = WireSpy(http, monkeypatch)
        if kind == "filespin":
            provider, secrets = connect("filespin", http, sandbox.api_url, sandbox.api_key), [sandbox.api_key]
        elif kind == "memories":
            provider = connect("memories", http, sandbox.memories_url, sandbox.memories_key)
            secrets = [sandbox.memories_key]
        else:
            creds = xvid.XvidCredentials(client_id=sandbox.xvid_client_id, client_secret=sandbox.xvid_client_secret)
            provider = connect("xvid", http, sandbox.xvid_url, creds.secret, pipeline_id="pipe-1")
            if kind == "xvid-token":
                token = provider.access_token()
                provider = connect("xvid", http, sandbox.xvid_url, token=token, pipeline_id="pipe-1")
                secrets = [token, sandbox.xvid_client_secret]
            else:
                secrets = [sandbox.xvid_client_secret]
        source = tmp_path / "src" / f"{kind}.bin"
        write_file(source, 200_000)
        outcome = provider.upload(source)
        provider.download(outcome.asset_id, tmp_path / "dl")
        if kind != "memories":
            provider.asset_info(outcome.asset_id)
    secrets = [form for secret in secrets for form in {secret, quote(secret, safe=""), quote_plus(secret)}]
    api = origin(sandbox.api_url)
    storage = [s for s in spy.sent if origin(s[1]) != api]
    assert storage, "the test did not reach the storage"
    assert any(origin(s[1]) == api for s in spy.sent)
    for method, url, headers, body in spy.sent:
        for secret in secrets:
            assert secret not in url, f"secret in a URL: {method} {url[:80]}"
        if origin(url) != api:
            assert not {k.lower() for k in headers} & {"authorization", "x-filespin-api-key", "cookie"}
            for secret in secrets:
                assert secret not in str(headers) and secret not in (body or "")
    if kind == "xvid-hmac":  # the HMAC secret itself travels only to the token endpoint, in the POST body
        carrying = [(m, u) for m, u, h, b in spy.sent if any(s in f"{h}{b}" for s in secrets)]
        assert carrying and all(m == "POST" and u.endswith("/oauth2/token/") for m, u in carrying)
