"""Each storage rejection reaches the caller as a clear error, and nothing is registered."""

from __future__ import annotations

import time

import pytest

from assetdrop.core import errors
from assetdrop.core.http import HttpClient
from assetdrop.core.providers.filespin.upload import registration_body
from assetdrop.core.providers.registry import connect
from assetdrop.core.transfer.download import save_response
from assetdrop.core.transfer.job import Job
from assetdrop.core.transfer.send import SendTarget, send_file
from tests.conftest import write_file


def _assert_not_registered(sandbox, provider, asset_id):
    assert asset_id not in {a["id"] for a in sandbox.assets()}
    with pytest.raises(errors.NotFoundError):
        provider.asset_data(asset_id)


def test_expired_policy(fresh_sandbox, provider, http, tmp_path):
    fresh_sandbox.upload_url_expiry = 1
    source = tmp_path / "late.txt"
    write_file(source, 100)
    target = provider.content_storage_url(source.name)
    time.sleep(2.1)
    with pytest.raises(errors.LinkExpired, match="expired") as info:
        send_file(http, source, SendTarget(target.url, "POST", target.fields), Job())
    assert info.value.code == "AccessDenied"
    _assert_not_registered(fresh_sandbox, provider, target.asset_id)


def test_oversize_body(tmp_path):
    from assetdrop.sandbox.server import Sandbox

    with Sandbox(tmp_path / "small-sandbox", max_upload_size=1024) as small, HttpClient() as http:
        provider = connect("filespin", http, small.api_url, small.api_key)
        source = tmp_path / "too-big.bin"
        write_file(source, 4096)
        with pytest.raises(errors.StorageError, match="EntityTooLarge") as info:
            provider.upload(source)
        assert info.value.status == 400
        assert small.assets() == []


def test_bad_signature(sandbox, provider, http, tmp_path):
    source = tmp_path / "forged.txt"
    write_file(source, 100)
    target = provider.content_storage_url(source.name)
    signature = target.fields["x-amz-signature"]
    target.fields["x-amz-signature"] = ("0" if signature[0] != "0" else "1") + signature[1:]
    with pytest.raises(errors.StorageError, match="SignatureDoesNotMatch") as info:
        send_file(http, source, SendTarget(target.url, "POST", target.fields), Job())
    assert info.value.status == 403
    _assert_not_registered(sandbox, provider, target.asset_id)
    # and registration of that id is refused: the bytes never arrived
    with pytest.raises(errors.ClientRequestError, match="CONTENT_NOT_UPLOADED"):
        provider.register_asset(
            {
                "asset_id": target.asset_id,
                "size": 100,
                "checksum": "0" * 32,
                "upload_time": "2026-01-01T00:00:00Z",
                "upload_started_at": "2026-01-01T00:00:00Z",
                "upload_completed_at": "2026-01-01T00:00:00Z",
                "service_data": {},
            }
        )


def test_expired_get_link(sandbox, provider, http, tmp_path):
    source = tmp_path / "expiring.txt"
    write_file(source, 100)
    asset_id = provider.upload(source).asset_id
    url = provider.get_link(asset_id, expiry=1)
    time.sleep(2.1)
    with pytest.raises(errors.LinkExpired, match="expired"):
        save_response(http.request("GET", url, stream=True, source="storage"), tmp_path / "d", fallback_name="x")
    assert not (tmp_path / "d").exists() or not list((tmp_path / "d").iterdir())


def test_register_with_wrong_checksum_is_refused(sandbox, provider, http, tmp_path):
    source = tmp_path / "mismatch.txt"
    write_file(source, 100)
    target = provider.content_storage_url(source.name)
    stored = send_file(http, source, SendTarget(target.url, "POST", target.fields), Job())
    body = registration_body(target.asset_id, stored)
    body["checksum"] = "f" * 32
    with pytest.raises(errors.ClientRequestError, match="CHECKSUM_MISMATCH"):
        provider.register_asset(body)
    body["checksum"], body["size"] = stored.md5, 99
    with pytest.raises(errors.ClientRequestError, match="SIZE_MISMATCH"):
        provider.register_asset(body)
    _assert_not_registered(sandbox, provider, target.asset_id)
    body["size"] = 100
    assert provider.register_asset(body)["id"] == target.asset_id
    with pytest.raises(errors.ConflictError, match="ASSET_ID_EXISTS"):
        provider.register_asset(body)


@pytest.mark.parametrize("method", ["POST", "PUT"])
def test_an_etag_that_is_not_the_md5_of_what_was_sent_is_never_taken_as_stored(tmp_path, method):
    """Storage's ETag of a single-part object is the MD5 of the bytes it kept: another MD5 means it kept other
    bytes (a proxy that rewrote them, a bad disk), so the upload fails and nothing may be registered."""
    from tests.support.canned_server import CannedServer

    source = tmp_path / "sent.bin"
    digest = write_file(source, 50_000)
    with CannedServer() as server, HttpClient() as http:
        server.route("/wrong", 204, headers={"ETag": '"' + "0" * 32 + '"'})
        server.route("/right", 204, headers={"ETag": f'"{digest}"'})
        with pytest.raises(errors.StorageError, match="stored different bytes than were sent") as raised:
            send_file(http, source, SendTarget(server.url + "/wrong", method), Job())
        assert raised.value.code == "ChecksumMismatch"
        stored = send_file(http, source, SendTarget(server.url + "/right", method), Job())
    assert (stored.md5, stored.size) == (digest, 50_000)
