"""The one HTTP layer against a real loopback server: every bad answer becomes a typed error in plain words."""

import socket

import pytest

from assetdrop.core import errors
from assetdrop.core.http import Credential, HttpClient
from assetdrop.core.providers.filespin import FileSpinProvider
from assetdrop.core.responses import read_json
from tests.support.canned_server import CannedServer

KEY = "test-key-0123456789"


@pytest.fixture
def server():
    with CannedServer() as running:
        yield running


@pytest.fixture
def capture():
    with CannedServer() as running:
        yield running


@pytest.fixture
def api(server):
    with HttpClient(timeout=(2, 2)) as client:
        yield FileSpinProvider(client, server.url, KEY)


def test_user_agent_names_assetdrop(server, api):
    server.route("/api/v1/assets/a/data", body='{"id": "a"}', headers={"Content-Type": "application/json"})
    api.asset_data("a")
    assert server.received[-1][2]["User-Agent"].startswith("Assetdrop/")
    assert server.received[-1][2]["X-FileSpin-Api-Key"] == KEY


@pytest.mark.parametrize("status, body, kind, words", [
    (401, '{"error": {"code": "AUTHENTICATION_REQUIRED", "message": "API key missing"}}', errors.AuthError,
     "API key missing"),
    (403, '{"error": {"code": "INVALID_API_KEY", "message": "Invalid API key"}}', errors.AuthError,
     "Invalid API key"),
    (404, '{"error": {"code": "ASSET_NOT_FOUND", "message": "No asset abc"}}', errors.NotFoundError, "No asset abc"),
    (409, '{"error": {"code": "ASSET_ID_EXISTS", "message": "already registered"}}', errors.ConflictError,
     "already registered"),
    (429, '{"message": "slow down"}', errors.RateLimited, "slow down"),
    (500, "Internal failure in module X", errors.ServerError, "Internal failure in module X"),
    (502, "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>", errors.ServerError,
     "502 Bad Gateway"),
    (400, '{"error": {"code": "MISSING_MANDATORY_PARAMETERS", "message": "filename is required"}}',
     errors.ClientRequestError, "filename is required"),
])
def test_error_statuses_carry_the_servers_message(server, api, status, body, kind, words):
    content_type = "text/html" if body.startswith("<html") else (
        "application/json" if body.startswith("{") else "text/plain")
    server.route("/api/v1/assets/x/data", status, body, headers={"Content-Type": content_type})
    with pytest.raises(kind) as info:
        api.asset_data("x")
    assert words in info.value.message
    assert str(status) in info.value.message
    assert "Traceback" not in info.value.message


def test_retry_after_is_read(server, api):
    server.route("/api/v1/assets/x/data", 429, '{"message": "later"}',
                 headers={"Content-Type": "application/json", "Retry-After": "7"})
    with pytest.raises(errors.RateLimited) as info:
        api.asset_data("x")
    assert info.value.retry_after == 7.0


def test_html_where_json_was_expected(server, api):
    server.route("/api/v1/assets/x/data", 200, "<!DOCTYPE html><html><body>Login</body></html>",
                 headers={"Content-Type": "text/html"})
    with pytest.raises(errors.ProtocolError, match="web page where data was expected"):
        api.asset_data("x")


def test_json_error_body_with_status_200(server, api):
    server.route("/api/v1/assets/x/data", 200, '{"error": {"code": "ASSET_NOT_FOUND", "message": "gone"}}',
                 headers={"Content-Type": "application/json"})
    with pytest.raises(errors.ClientRequestError, match="gone"):
        api.asset_data("x")


def test_invalid_json(server, api):
    server.route("/api/v1/assets/x/data", 200, '{"id": ', headers={"Content-Type": "application/json"})
    with pytest.raises(errors.ProtocolError, match="not valid JSON"):
        api.asset_data("x")


def test_truncated_body(server, api):
    server.route("/api/v1/assets/x/data", 200, '{"id": "abc"', declared_length=500,
                 headers={"Content-Type": "application/json"})
    with pytest.raises(errors.ProtocolError, match="broke before the whole answer|cut short"):
        api.asset_data("x")


def test_oversized_json_is_refused_before_reading(server):
    server.route("/big", 200, b"[" + b"1," * 10 + b"1]", headers={"Content-Type": "application/json"})
    with HttpClient() as client:
        response = client.request("GET", server.url + "/big")
        with pytest.raises(errors.ProtocolError, match="too large"):
            read_json(response, limit=8)


def test_connection_refused_is_a_sentence():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with HttpClient(timeout=(1, 1)) as client:
        with pytest.raises(errors.NetworkError, match=f"127.0.0.1:{port}: connection refused"):
            client.request("GET", f"http://127.0.0.1:{port}/x")


def test_key_never_follows_a_redirect_to_another_origin(server, capture, api):
    server.route("/api/v1/assets/x/data", 302, headers={"Location": capture.url + "/stolen"})
    capture.route("/stolen", 200, '{"id": "x"}', headers={"Content-Type": "application/json"})
    assert api.asset_data("x") == {"id": "x"}
    assert capture.received, "the redirect was not followed"
    for _method, _path, headers, _body in capture.received:
        assert KEY not in headers.values()
        assert not any(k.lower() == "x-filespin-api-key" for k in headers)


def test_key_follows_a_same_origin_redirect(server, api):
    server.route("/api/v1/assets/x/data", 307, headers={"Location": "/moved"})
    server.route("/moved", 200, '{"id": "x"}', headers={"Content-Type": "application/json"})
    assert api.asset_data("x") == {"id": "x"}
    assert server.received[-1][2].get("X-FileSpin-Api-Key") == KEY


def test_credential_applies_only_to_its_origin():
    cred = Credential("https://app.example.com", {"X-FileSpin-Api-Key": "k"})
    assert cred.applies_to("https://app.example.com:443/api/v1/x")
    assert not cred.applies_to("http://app.example.com/api/v1/x")
    assert not cred.applies_to("https://bucket.s3.amazonaws.com/")
    assert not cred.applies_to("https://app.example.com.evil.net/")
