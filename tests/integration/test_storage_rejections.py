"""Each storage rejection reaches the caller as a clear error, and nothing is registered."""

from __future__ import annotations

import time

import pytest

from assetdrop.core import errors
from assetdrop.core.http import HttpClient
from assetdrop.core.providers.filespin import FileSpinProvider
from assetdrop.core.transfer.download import save_response
from assetdrop.core.transfer.upload import post_file, registration_body, upload_file
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
        post_file(http, target, source)
    assert info.value.code == "AccessDenied"
    _assert_not_registered(fresh_sandbox, provider, target.asset_id)


def test_oversize_body(tmp_path):
    from assetdrop.sandbox.server import Sandbox

    with Sandbox(tmp_path / "small-sandbox", max_upload_size=1024) as small, HttpClient() as http:
        provider = FileSpinProvider(http, small.api_url, small.api_key)
        source = tmp_path / "too-big.bin"
        write_file(source, 4096)
        with pytest.raises(errors.StorageError, match="EntityTooLarge") as info:
            upload_file(provider, source)
        assert info.value.status == 400
        assert small.assets() == []


def test_bad_signature(sandbox, provider, http, tmp_path):
    source = tmp_path / "forged.txt"
    write_file(source, 100)
    target = provider.content_storage_url(source.name)
    signature = target.fields["x-amz-signature"]
    target.fields["x-amz-signature"] = ("0" if signature[0] != "0" else "1") + signature[1:]
    with pytest.raises(errors.StorageError, match="SignatureDoesNotMatch") as info:
        post_file(http, target, source)
    assert info.value.status == 403
    _assert_not_registered(sandbox, provider, target.asset_id)
    # and registration of that id is refused: the bytes never arrived
    with pytest.raises(errors.ClientRequestError, match="CONTENT_NOT_UPLOADED"):
        provider.register_asset({"asset_id": target.asset_id, "size": 100, "checksum": "0" * 32,
                                 "upload_time": "2026-01-01T00:00:00Z",
                                 "upload_started_at": "2026-01-01T00:00:00Z",
                                 "upload_completed_at": "2026-01-01T00:00:00Z", "service_data": {}})


def test_expired_get_link(sandbox, provider, http, tmp_path):
    source = tmp_path / "expiring.txt"
    write_file(source, 100)
    asset_id = upload_file(provider, source).asset_id
    url = provider.get_link(asset_id, expiry=1)
    time.sleep(2.1)
    with pytest.raises(errors.LinkExpired, match="expired"):
        save_response(http.request("GET", url, stream=True, source="storage"), tmp_path / "d", fallback_name="x")
    assert not (tmp_path / "d").exists() or not list((tmp_path / "d").iterdir())


def test_register_with_wrong_checksum_is_refused(sandbox, provider, http, tmp_path):
    source = tmp_path / "mismatch.txt"
    write_file(source, 100)
    target = provider.content_storage_url(source.name)
    stored = post_file(http, target, source)
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
