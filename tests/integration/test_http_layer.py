"""The one HTTP layer against a real loopback server: every bad answer becomes a typed error in plain words."""

import socket

import pytest

from assetdrop.core import errors
from assetdrop.core.http import Credential, HttpClient
from assetdrop.core.providers.registry import connect
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
        yield connect("filespin", client, server.url, KEY)


def test_user_agent_names_assetdrop(server, api):
    server.route("/api/v1/assets/a/data", body='{"id": "a"}', headers={"Content-Type": "application/json"})
    api.asset_data("a")
    assert server.received[-1][2]["User-Agent"].startswith("Assetdrop/")
    assert server.received[-1][2]["X-FileSpin-Api-Key"] == KEY


@pytest.mark.parametrize(
    "status, body, kind, words",
    [
        (
            401,
            '{"error": {"code": "AUTHENTICATION_REQUIRED", "message": "API key missing"}}',
            errors.AuthError,
            "API key missing",
        ),
        (
            403,
            '{"error": {"code": "INVALID_API_KEY", "message": "Invalid API key"}}',
            errors.AuthError,
            "Invalid API key",
        ),
        (
            404,
            '{"error": {"code": "ASSET_NOT_FOUND", "message": "No asset abc"}}',
            errors.NotFoundError,
            "No asset abc",
        ),
        (
            409,
            '{"error": {"code": "ASSET_ID_EXISTS", "message": "already registered"}}',
            errors.ConflictError,
            "already registered",
        ),
        (429, '{"message": "slow down"}', errors.RateLimited, "slow down"),
        (500, "Internal failure in module X", errors.ServerError, "Internal failure in module X"),
        (
            502,
            "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
            errors.ServerError,
            "502 Bad Gateway",
        ),
        (
            400,
            '{"error": {"code": "MISSING_MANDATORY_PARAMETERS", "message": "filename is required"}}',
            errors.ClientRequestError,
            "filename is required",
        ),
    ],
)
def test_error_statuses_carry_the_servers_message(server, api, status, body, kind, words):
    content_type = (
        "text/html" if body.startswith("<html") else ("application/json" if body.startswith("{") else "text/plain")
    )
    server.route("/api/v1/assets/x/data", status, body, headers={"Content-Type": content_type})
    with pytest.raises(kind) as info:
        api.asset_data("x")
    assert words in info.value.message
    assert str(status) in info.value.message
    assert "Traceback" not in info.value.message


def test_retry_after_is_read(server, api):
    server.route(
        "/api/v1/assets/x/data",
        429,
        '{"message": "later"}',
        headers={"Content-Type": "application/json", "Retry-After": "7"},
    )
    with pytest.raises(errors.RateLimited) as info:
        api.asset_data("x")
    assert info.value.retry_after == 7.0


@pytest.mark.parametrize("content_type", ["text/html", "application/json", "text/plain", None])
def test_html_where_json_was_expected(server, api, content_type):
    """A captive portal or a proxy's login page, labelled honestly or not (many say application/json or nothing):
    the body itself tells it is a web page."""
    server.route(
        "/api/v1/assets/x/data",
        200,
        "\n  <!DOCTYPE html><html><body>Login</body></html>",
        headers={"Content-Type": content_type} if content_type else {},
    )
    with pytest.raises(errors.ProtocolError, match="web page where data was expected"):
        api.asset_data("x")


def test_json_error_body_with_status_200(server, api):
    server.route(
        "/api/v1/assets/x/data",
        200,
        '{"error": {"code": "ASSET_NOT_FOUND", "message": "gone"}}',
        headers={"Content-Type": "application/json"},
    )
    with pytest.raises(errors.ClientRequestError, match="gone"):
        api.asset_data("x")


def test_invalid_json(server, api):
    server.route("/api/v1/assets/x/data", 200, '{"id": ', headers={"Content-Type": "application/json"})
    with pytest.raises(errors.ProtocolError, match="not valid JSON"):
        api.asset_data("x")


def test_truncated_body(server, api):
    server.route(
        "/api/v1/assets/x/data", 200, '{"id": "abc"', declared_length=500, headers={"Content-Type": "application/json"}
    )
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


@pytest.mark.parametrize("status", [301, 302, 303])
def test_a_post_redirected_by_301_302_or_303_fails_in_words_and_sends_nothing_there(server, capture, status):
    """Following these would turn the POST into a GET of nothing (requests' and browsers' rule), so a registration
    or an upload would look done while nothing was sent: it fails in words, and the target hears nothing."""
    server.route("/register", status, headers={"Location": capture.url + "/moved"})
    capture.route("/moved", 200, '{"ok": true}', headers={"Content-Type": "application/json"})
    with HttpClient(timeout=(2, 2)) as http:
        with pytest.raises(errors.ProtocolError, match=f"redirect \\(HTTP {status}\\).*would drop what was sent"):
            http.request("POST", server.url + "/register", json={"asset_id": "a1"})
    assert capture.received == [], "the POST went to the redirect's target"


@pytest.mark.parametrize("status", [307, 308])
def test_a_post_redirected_by_307_or_308_is_sent_again_whole(server, capture, status):
    server.route("/register", status, headers={"Location": capture.url + "/moved"})
    capture.route("/moved", 200, '{"ok": true}', headers={"Content-Type": "application/json"})
    with HttpClient(timeout=(2, 2)) as http:
        http.request("POST", server.url + "/register", json={"asset_id": "a1"})
    [(method, path, _headers, body)] = capture.received
    assert (method, path, body) == ("POST", "/moved", b'{"asset_id": "a1"}')


@pytest.mark.parametrize("reason", ["Name or service not known", "Temporary failure in name resolution"])
def test_a_name_that_does_not_resolve_is_named(reason):
    """An unknown host, and the same on a machine with no DNS at all (glibc's two answers): "Could not find the
    server", never "Could not talk to ... (NameResolutionError...)". The first is a real lookup of a name that
    cannot exist (.invalid); the second's resolver answer cannot be had on demand here, so it is the one made-up
    thing: getaddrinfo answers as it does offline."""
    import socket as sockets
    from unittest import mock

    from assetdrop.core.http import HOST_NOT_FOUND

    offline = sockets.gaierror(sockets.EAI_AGAIN, reason)
    patch = mock.patch("socket.getaddrinfo", side_effect=offline) if "Temporary" in reason else mock.MagicMock()
    with patch, HttpClient(timeout=(2, 2)) as http:
        with pytest.raises(errors.NetworkError) as info:
            http.request("GET", "http://assetdrop-test.invalid/api/v1/assets/x/data")
    assert info.value.code == HOST_NOT_FOUND
    assert info.value.message == (
        "Could not find the server assetdrop-test.invalid. Check the address and your network."
    )


def test_a_connection_reset_as_it_opens_is_named():
    """A server (or a firewall) that resets the connection the moment it is accepted."""
    import struct
    import threading

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)

    def reset_each() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            conn.recv(65536)
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            conn.close()  # linger 0: an RST, not a FIN

    threading.Thread(target=reset_each, daemon=True).start()
    port = listener.getsockname()[1]
    try:
        with HttpClient(timeout=(2, 2)) as http, pytest.raises(errors.NetworkError) as info:
            http.request("GET", f"http://127.0.0.1:{port}/x")
    finally:
        listener.close()
    assert "was reset" in info.value.message and f"127.0.0.1:{port}" in info.value.message
