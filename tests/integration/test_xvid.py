"""The Xvid provider against the sandbox's Xvid API over loopback: upload, download (Bearer and HMAC), link
options as the server receives them, JSON and XML answers, redirects, archives and every error shape."""

from __future__ import annotations

import json
import time

import pytest

from assetdrop.core import errors
from assetdrop.core.providers import xvid
from assetdrop.core.providers.registry import connect
from assetdrop.core.providers.xvid import download as xvid_download
from assetdrop.core.transfer.job import Job
from tests.conftest import md5_of, write_file


@pytest.fixture
def hmac_provider(sandbox, http):
    creds = xvid.XvidCredentials(client_id=sandbox.xvid_client_id, client_secret=sandbox.xvid_client_secret)
    return connect("xvid", http, sandbox.xvid_url, creds.secret, pipeline_id="pipe-1")


@pytest.fixture
def token_provider(sandbox, http, hmac_provider):
    token = hmac_provider.access_token()
    return connect("xvid", http, sandbox.xvid_url, token=token, pipeline_id="pipe-1")


@pytest.fixture
def uploaded(hmac_provider, tmp_path):
    source = tmp_path / "clip ü.mp4"
    digest = write_file(source, 300_000, seed=7)
    outcome = hmac_provider.upload(source)
    return outcome.asset_id, digest, source.name


@pytest.fixture(autouse=True)
def _reset_switches(sandbox):
    yield
    sandbox.xvid.force_error = None


def _last_download_query(sandbox) -> dict:
    return [r for r in sandbox.xvid.requests if r["path"].startswith("/v1/files/downloads")][-1]["query"]


@pytest.mark.parametrize("which", ["hmac_provider", "token_provider"])
def test_upload_then_download_by_id_is_byte_identical(request, which, uploaded, tmp_path):
    provider = request.getfixturevalue(which)
    file_id, digest, name = uploaded
    saved = provider.download(file_id, tmp_path / "down")
    assert saved.path.name == name and md5_of(saved.path) == digest
    info = provider.asset_info(file_id)
    assert (info.name, info.size, info.checksum) == (name, 300_000, digest)


def test_upload_sends_v2_policy_fields_unchanged_and_storage_verifies_them(sandbox, hmac_provider, tmp_path):
    source = tmp_path / "v2.bin"
    write_file(source, 1000)
    hmac_provider.upload(source)
    post = [r for r in sandbox.storage.received if r.method == "POST"][-1]
    assert "Authorization" not in post.headers


def test_hmac_signed_request_carries_no_header_and_signature_last(sandbox, hmac_provider, uploaded, tmp_path):
    hmac_provider.download(uploaded[0], tmp_path / "d")
    record = [r for r in sandbox.xvid.requests if r["path"].startswith("/v1/files/downloads")][-1]
    assert "Authorization" not in record["headers"]
    assert record["target"].rsplit("&", 1)[1].startswith("signature=")
    assert record["query"]["client_id"] == sandbox.xvid_client_id


def test_tampered_signature_is_refused(sandbox, hmac_provider, uploaded, http):
    url = hmac_provider.signed_link(uploaded[0])
    tampered = url.replace(f"file_id={uploaded[0]}", "file_id=000000000000000000000000")
    with pytest.raises(errors.AuthError) as info:
        http.request("GET", tampered)
    assert "0x0000003" in str(info.value)


def test_signed_link_is_shareable_without_credentials(sandbox, hmac_provider, uploaded, http, tmp_path):
    url = hmac_provider.signed_link(uploaded[0])
    response = http.request("GET", url, stream=True)
    assert md5_of_bytes(response.content) == uploaded[1]


def md5_of_bytes(data: bytes) -> str:
    import hashlib

    return hashlib.md5(data).hexdigest()


@pytest.mark.parametrize("which", ["hmac_provider", "token_provider"])
def test_redirect_mode_never_sends_credentials_to_the_target(request, sandbox, which, uploaded, tmp_path):
    provider = request.getfixturevalue(which)
    before = len(sandbox.storage.received)
    saved = provider.with_options(redirect=True).download(uploaded[0], tmp_path / "r")
    assert md5_of(saved.path) == uploaded[1]
    assert _last_download_query(sandbox)["redirect"] == "true"
    storage_hits = sandbox.storage.received[before:]
    assert storage_hits, "the redirect was not followed to storage"
    secrets = [provider.credentials.token or "", sandbox.xvid_client_secret]
    for record in storage_hits:
        assert "Authorization" not in record.headers
        assert not any(s and s in str(record.headers) + record.path for s in secrets)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_json_and_xml_answers_both_work(sandbox, token_provider, uploaded, tmp_path, fmt):
    saved = token_provider.with_options(format=fmt, human=True).download(uploaded[0], tmp_path / fmt)
    assert md5_of(saved.path) == uploaded[1]
    assert _last_download_query(sandbox).get("format", "json") == fmt  # json is the default, not sent


def test_ip_and_expiry_arrive_as_the_contract_says(sandbox, token_provider, hmac_provider, uploaded, tmp_path):
    expiry = int(time.time()) + 900
    opts = dict(ip="192.168.1.1", expiry_time=expiry, anti_fraud=True, streaming=True, max_parallel_downloads=2)
    for provider in (token_provider, hmac_provider):
        provider.with_options(**opts).download(uploaded[0], tmp_path / "o")
        query = _last_download_query(sandbox)
        assert query["ip"] == "3232235777"  # 192*2^24 + 168*2^16 + 1*2^8 + 1
        assert query["expiry_time"] == str(expiry)
        assert (query["anti_fraud"], query["streaming"], query["max_parallel_downloads"]) == ("true", "true", "2")


def test_object_key_with_pipeline_id(sandbox, token_provider, tmp_path):
    source = tmp_path / "by-key.bin"
    digest = write_file(source, 5000)
    token_provider.upload(source)
    saved = token_provider.with_options(object_key="uploads/by-key.bin", link_pipeline_id="pipe-1").download(
        "", tmp_path / "k"
    )
    assert md5_of(saved.path) == digest
    query = _last_download_query(sandbox)
    assert (query["object_key"], query["pipeline_id"]) == ("uploads/by-key.bin", "pipe-1")
    assert "file_id" not in query


def test_autograph_tag_refused_client_side_unless_the_file_is_marked(sandbox, token_provider, uploaded, tmp_path):
    asked = len(sandbox.xvid.requests)
    with pytest.raises(errors.ClientRequestError, match="AutoGraph"):
        token_provider.with_options(autograph_tag="buyer-7").download(uploaded[0], tmp_path / "a")
    assert not [r for r in list(sandbox.xvid.requests)[asked:] if r["path"].startswith("/v1/files/downloads")]
    sandbox.xvid.set_autograph(uploaded[0], True)
    saved = token_provider.with_options(autograph_tag="buyer-7").download(uploaded[0], tmp_path / "a")
    assert md5_of(saved.path) == uploaded[1]
    assert _last_download_query(sandbox)["autograph_tag"] == "buyer-7"


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_archive_downloads_every_item_into_a_folder(sandbox, token_provider, tmp_path, fmt, monkeypatch):
    ids, digests = [], {}
    for i in range(3):
        source = tmp_path / "src" / f"part-{i}.bin"
        digests[source.name] = write_file(source, 20_000 + i, seed=i)
        ids.append(token_provider.upload(source).asset_id)
    archive = sandbox.xvid.make_archive(f"Season {fmt}", ids)

    active, peak = [0], [0]
    real_fetch = xvid_download._fetch

    def counting_fetch(*args, **kwargs):
        active[0] += 1
        peak[0] = max(peak[0], active[0])
        try:
            time.sleep(0.05)
            return real_fetch(*args, **kwargs)
        finally:
            active[0] -= 1

    monkeypatch.setattr(xvid_download, "_fetch", counting_fetch)
    result = token_provider.with_options(format=fmt, max_parallel_downloads=1).download(archive, tmp_path / "down")
    assert result.path == tmp_path / "down" / f"Season {fmt}"
    assert {p.name: md5_of(p) for p in result.path.iterdir()} == digests
    assert peak[0] == 1  # the limit the client set is the limit it keeps


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_error_shapes_give_their_message_and_code(sandbox, token_provider, uploaded, tmp_path, fmt):
    opts = dict(format=fmt)
    with pytest.raises(errors.NotFoundError) as info:
        token_provider.with_options(**opts).download("0" * 24, tmp_path)
    assert "Requested file does not exist" in str(info.value) and "0x0230002" in str(info.value)

    with pytest.raises(errors.ClientRequestError) as info:
        token_provider.with_options(format=fmt, expiry_time=int(time.time()) - 10).download(uploaded[0], tmp_path)
    assert "Invalid Input" in str(info.value) and "0x0230001" in str(info.value)

    sandbox.xvid.force_error = (500, "0x0000001", "Internal Error")
    with pytest.raises(errors.ServerError) as info:
        token_provider.with_options(**opts).download(uploaded[0], tmp_path)
    assert "Internal Error" in str(info.value) and "0x0000001" in str(info.value)
    sandbox.xvid.force_error = None

    bad = connect("xvid", token_provider.http, sandbox.xvid_url, token="nope")
    with pytest.raises(errors.AuthError) as info:
        bad.with_options(**opts).download(uploaded[0], tmp_path)
    assert "Invalid access token" in str(info.value) and "0x0000003" in str(info.value)


def test_expired_token_is_renewed_once(sandbox, hmac_provider, uploaded):
    hmac_provider.access_token()
    sandbox.xvid.state.tokens.clear()  # the server forgets every token
    assert hmac_provider.asset_info(uploaded[0]).asset_id == uploaded[0]


def test_bad_client_secret_is_an_auth_error(sandbox, http):
    creds = xvid.XvidCredentials(client_id=sandbox.xvid_client_id, client_secret="d3Jvbmc=")
    with pytest.raises(errors.AuthError, match="Invalid client credentials"):
        connect("xvid", http, sandbox.xvid_url, creds.secret).check_connection()


def test_search_and_check_connection(token_provider, uploaded):
    assert "store holds" in token_provider.check_connection()
    found = token_provider.search("clip")
    assert uploaded[0] in [item.asset_id for item in found.items]


@pytest.mark.parametrize("redirect", [False, True])
def test_download_resumes_from_the_part_with_range_and_if_range(sandbox, hmac_provider, uploaded, tmp_path, redirect):
    """The link is asked for afresh; storage gets `bytes=<part size>-` guarded by the ETag (also through a 302)."""
    file_id, digest, name = uploaded
    dest = tmp_path / "resume"
    dest.mkdir()
    part = dest / f"{name}.part"
    part.write_bytes((tmp_path / name).read_bytes()[:100_000])
    state = json.dumps({"part": str(part), "name": name, "etag": f'"{digest}"'})
    saved_states = []
    before = len(sandbox.storage.received)
    job = Job(state=state, save_state=lambda s: saved_states.append(s.to_json()))
    saved = hmac_provider.with_options(redirect=redirect).download(file_id, dest, job=job)
    assert saved.path == dest / name and md5_of(saved.path) == digest and not part.exists()
    [get] = [r for r in sandbox.storage.received[before:] if r.method == "GET"]
    assert (get.headers["Range"], get.headers["If-Range"]) == ("bytes=100000-", f'"{digest}"')
    assert saved_states == [json.loads(state)]


def test_archive_items_are_fetched_whole_even_with_a_checkpoint(sandbox, token_provider, tmp_path):
    source = tmp_path / "src" / "item.bin"
    digest = write_file(source, 30_000)
    archive = sandbox.xvid.make_archive("Not resumable", [token_provider.upload(source).asset_id])
    part = tmp_path / "down" / "item.bin.part"
    part.parent.mkdir()
    part.write_bytes(source.read_bytes()[:10_000])
    before = len(sandbox.storage.received)
    state = json.dumps({"part": str(part), "etag": f'"{digest}"'})
    result = token_provider.download(archive, tmp_path / "down", job=Job(state=state, save_state=lambda s: None))
    assert md5_of(result.path / "item.bin") == digest
    assert not [r for r in sandbox.storage.received[before:] if r.method == "GET" and "Range" in r.headers]
