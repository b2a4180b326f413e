"""The memories.ai provider against the sandbox's memories API: signed-URL upload (POST form or PUT), direct
binary download, and error envelopes told apart from files even with HTTP 200."""

from __future__ import annotations

import json

import pytest

from assetdrop.core import errors
from assetdrop.core.providers.registry import connect
from tests.conftest import md5_of, write_file
from tests.support.canned_server import CannedServer
from tests.support.jobs import resumable


@pytest.fixture
def memories(sandbox, http):
    yield connect("memories", http, sandbox.memories_url, sandbox.memories_key)
    sandbox.memories.error_with_status_200 = False
    sandbox.memories.upload_method = "POST"


@pytest.mark.parametrize("method", ["POST", "PUT"])
def test_upload_then_download_by_id_is_byte_identical(sandbox, http, memories, tmp_path, method):
    sandbox.memories.upload_method = method
    provider = connect("memories", http, sandbox.memories_url, sandbox.memories_key, upload_method=method)
    source = tmp_path / "talk é.mp4"
    digest = write_file(source, 2 * 1024 * 1024 + 3)
    before = len(sandbox.storage.received)
    outcome = provider.upload(source)
    assert outcome.asset_id.startswith("re_") and outcome.md5 == digest
    [upload] = [r for r in sandbox.storage.received[before:] if r.method == method]
    assert "Authorization" not in upload.headers  # the signed URL carries its own signature

    saved = provider.download(outcome.asset_id, tmp_path / "down")
    assert saved.path.name == source.name and md5_of(saved.path) == digest
    request = sandbox.memories.requests[-1]
    assert request["headers"]["Authorization"] == sandbox.memories_key  # raw key, no Bearer


@pytest.mark.parametrize("status_200", [False, True])
def test_error_envelope_gives_its_message_and_leaves_no_file(sandbox, memories, tmp_path, status_200):
    sandbox.memories.error_with_status_200 = status_200
    with pytest.raises(errors.ClientRequestError, match="Asset not found"):
        memories.download("re_123", tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_bearer_prefix_or_wrong_key_is_refused(sandbox, http, tmp_path):
    for key in ("Bearer " + sandbox.memories_key, "sk-mavi-wrong"):
        provider = connect("memories", http, sandbox.memories_url, key)
        with pytest.raises(errors.AuthError, match="Invalid API key"):
            provider.download("re_1", tmp_path)


def test_check_connection(memories):
    assert "works" in memories.check_connection()


@pytest.fixture
def canned():
    with CannedServer() as server:
        yield server


def test_json_file_with_json_content_type_is_saved_not_parsed_as_error(http, canned, tmp_path):
    body = json.dumps({"code": 200, "msg": "a file that happens to be JSON", "rows": [1, 2, 3]}).encode()
    canned.route(
        "/re_9/download",
        200,
        body,
        headers={"Content-Type": "application/json", "Content-Disposition": 'attachment; filename="data.json"'},
    )
    saved = connect("memories", http, canned.url, "sk-x").download("re_9", tmp_path)
    assert saved.path.read_bytes() == body


def test_envelope_without_json_content_type_is_still_an_error(http, canned, tmp_path):
    body = b'{"code":"0429","msg":"Request has exceeded the limit.","data":null,"success":false,"failed":true}'
    canned.route("/re_9/download", 200, body, headers={"Content-Type": "application/octet-stream"})
    with pytest.raises(errors.RateLimited, match="exceeded the limit"):
        connect("memories", http, canned.url, "sk-x").download("re_9", tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_large_body_starting_like_an_envelope_is_a_file(http, canned, tmp_path):
    body = b'{"code": 1, "x": "' + b"a" * 200_000 + b'"}'
    canned.route("/re_9/download", 200, body, headers={"Content-Type": "application/json"})
    saved = connect("memories", http, canned.url, "sk-x").download("re_9", tmp_path)
    assert saved.path.read_bytes() == body and saved.path.name.startswith("re_9")


def test_short_body_against_content_length_is_refused(http, canned, tmp_path):
    canned.route("/re_9/download", 200, b"abc", headers={"Content-Type": "video/mp4"}, declared_length=10)
    with pytest.raises(errors.ProtocolError, match="broke before the whole answer arrived"):
        connect("memories", http, canned.url, "sk-x").download("re_9", tmp_path)
    assert not [p for p in tmp_path.iterdir() if not p.name.endswith(".part")]


def test_download_path_template_is_a_profile_setting(http, canned, tmp_path):
    canned.route("/assets/re_9/content", 200, b"video", headers={"Content-Type": "video/mp4"})
    provider = connect("memories", http, canned.url, "sk-x", path_download="/assets/{asset_id}/content")
    saved = provider.download("re_9", tmp_path)
    assert saved.path.name == "re_9.mp4" and saved.path.read_bytes() == b"video"
    assert canned.received[-1][2]["Authorization"] == "sk-x"


# -- resuming: Range is undocumented (docs/providers.md), so it is sent only with If-Range, and a 200 starts over --
def test_sandbox_ignores_range_as_the_contract_documents_none(sandbox, http, memories, tmp_path):
    source = tmp_path / "r.bin"
    digest = write_file(source, 100_000)
    asset_id = memories.upload(source).asset_id
    response = http.request(
        "GET",
        f"{sandbox.memories_url}/{asset_id}/download",
        stream=False,
        headers={"Authorization": sandbox.memories_key, "Range": "bytes=10-", "If-Range": f'"{digest}"'},
    )
    assert response.status_code == 200 and len(response.content) == 100_000
    assert "Content-Range" not in response.headers and "Accept-Ranges" not in response.headers


def _stale_part(tmp_path, data: bytes):
    part = tmp_path / "clip.mp4.part"
    part.write_bytes(data)
    return part


def test_a_server_that_honours_range_is_resumed_from_the_part(http, canned, tmp_path):
    """Should the live API support Range after all: a 206 from the `.part`'s size is appended to it."""
    body = bytes(range(256)) * 40
    part = _stale_part(tmp_path, body[:4000])
    canned.route(
        "/re_9/download",
        206,
        body[4000:],
        headers={
            "Content-Type": "video/mp4",
            "Content-Range": f"bytes 4000-{len(body) - 1}/{len(body)}",
            "ETag": '"v1"',
            "Content-Disposition": 'attachment; filename="clip.mp4"',
        },
    )
    job, saved_states = resumable({"part": str(part), "name": "clip.mp4", "etag": '"v1"'})
    saved = connect("memories", http, canned.url, "sk-x").download("re_9", tmp_path, job=job)
    assert saved.path.read_bytes() == body and not part.exists()
    assert canned.received[-1][2]["Range"] == "bytes=4000-" and canned.received[-1][2]["If-Range"] == '"v1"'
    assert saved_states == [{"part": str(part), "name": "clip.mp4", "etag": '"v1"'}]


def test_no_range_without_an_etag_to_guard_it(http, canned, tmp_path):
    body = b"the whole file" * 100
    part = _stale_part(tmp_path, b"older bytes")
    canned.route(
        "/re_9/download",
        200,
        body,
        headers={"Content-Type": "video/mp4", "Content-Disposition": 'attachment; filename="clip.mp4"'},
    )
    job, _ = resumable({"part": str(part), "name": "clip.mp4", "etag": None})
    saved = connect("memories", http, canned.url, "sk-x").download("re_9", tmp_path, job=job)
    assert saved.path.read_bytes() == body and not part.exists()
    assert "Range" not in canned.received[-1][2] and "If-Range" not in canned.received[-1][2]
