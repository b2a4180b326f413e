"""Upload -> register -> search -> download through the core, against the real sandbox over loopback."""

from __future__ import annotations

import json
import os

import pytest

from assetdrop.core import errors
from assetdrop.core.providers.registry import connect
from assetdrop.core.transfer.download import ConflictPolicy
from assetdrop.core.transfer.job import Job
from assetdrop.core.transfer.progress import CancelToken, Phase
from tests.conftest import md5_of, write_file

MiB = 1024 * 1024


def _registered(sandbox, asset_id):
    return [a for a in sandbox.assets() if a["id"] == asset_id]


@pytest.mark.parametrize(
    "size, name",
    [
        (0, "empty.bin"),
        (1, "one-byte.txt"),
        (5 * MiB, "résumé Ω 日本語.dat"),
        pytest.param(200 * MiB, "big 😀 file.bin", marks=pytest.mark.slow),
    ],
)
def test_round_trip_is_byte_identical(sandbox, provider, tmp_path, size, name):
    source = tmp_path / "up" / name
    digest = write_file(source, size)
    phases = []
    result = provider.upload(source, Job(progress=lambda p: phases.append(p.phase)))

    assert result.size == size and result.md5 == digest
    [asset] = _registered(sandbox, result.asset_id)
    assert (asset["name"], asset["size"], asset["checksum"]) == (name, size, digest)
    # the registration carried what the contract asks for
    assert asset["service_data"]["app"] == "Assetdrop"
    assert asset["service_data"]["network_bandwidth"] >= 0
    assert asset["upload_time"].endswith("Z")
    # a bar never reaches "done" before registration: registering comes after uploading, done last
    assert phases.index(Phase.REGISTERING) > phases.index(Phase.UPLOADING)
    assert phases[-1] is Phase.DONE

    stem = name.split(".")[0].split()[0]
    assert result.asset_id in set(provider.iter_search({"keyword": stem}))

    dest = tmp_path / "down"
    saved = provider.download(result.asset_id, dest)
    assert saved.path == dest / name
    assert saved.size == size and md5_of(saved.path) == digest
    assert not [p for p in os.listdir(dest) if p.endswith(".part")]


def test_storage_never_receives_the_api_key(sandbox, provider, tmp_path):
    source = tmp_path / "secret-check.txt"
    write_file(source, 1000)
    result = provider.upload(source)
    provider.download(result.asset_id, tmp_path / "down")
    seen = sandbox.storage.received
    assert any(r.method == "POST" for r in seen) and any(r.method == "GET" for r in seen)
    for record in seen:
        assert not any(k.lower() == "x-filespin-api-key" for k in record.headers), record.path
        assert sandbox.api_key not in " ".join(record.headers.values())
        assert sandbox.api_key not in record.path


def test_conflict_policies(sandbox, provider, tmp_path):
    source = tmp_path / "same.txt"
    write_file(source, 10)
    asset_id = provider.upload(source).asset_id
    dest = tmp_path / "down"
    first = provider.download(asset_id, dest)
    second = provider.download(asset_id, dest)
    assert (first.path.name, second.path.name) == ("same.txt", "same (1).txt")
    skipped = provider.download(asset_id, dest, conflict=ConflictPolicy.SKIP)
    assert skipped.skipped and skipped.path == first.path
    first.path.write_bytes(b"old")
    overwritten = provider.download(asset_id, dest, conflict=ConflictPolicy.OVERWRITE)
    assert overwritten.path == first.path and first.path.read_bytes() == source.read_bytes()
    assert sorted(os.listdir(dest)) == ["same (1).txt", "same.txt"]


def test_download_falls_back_to_the_download_endpoint(fresh_sandbox, provider, tmp_path):
    source = tmp_path / "fallback.bin"
    digest = write_file(source, 3 * MiB + 7)
    asset_id = provider.upload(source).asset_id
    fresh_sandbox.get_link_enabled = False
    before = len([r for r in fresh_sandbox.storage.received if r.method == "GET"])
    saved = provider.download(asset_id, tmp_path / "down")
    assert md5_of(saved.path) == digest and saved.path.name == "fallback.bin"
    after = len([r for r in fresh_sandbox.storage.received if r.method == "GET"])
    assert after == before, "the signed-link path was used although get_link was refused"


def test_cancel_mid_upload_registers_nothing(sandbox, provider, tmp_path):
    source = tmp_path / "cancel.bin"
    write_file(source, 64 * MiB)
    token = CancelToken()

    def progress(p):
        if p.phase is Phase.UPLOADING and p.done > 0:
            token.cancel()

    count = len(sandbox.assets())
    with pytest.raises(errors.TransferCancelled):
        provider.upload(source, Job(progress=progress, cancel=token))
    assert len(sandbox.assets()) == count


@pytest.mark.parametrize("change", ["grow", "shrink"])
def test_file_changed_while_uploading_is_not_registered(sandbox, provider, tmp_path, change):
    source = tmp_path / f"{change}.bin"
    write_file(source, 2 * MiB)

    def progress(p):
        if p.phase is Phase.UPLOADING and p.done == 0:  # the POST is about to stream the file
            with open(source, "r+b") as handle:
                if change == "grow":
                    handle.seek(0, 2)
                    handle.write(b"more")
                else:
                    handle.truncate(1000)

    count = len(sandbox.assets())
    with pytest.raises(errors.FileChangedError, match="while it was being uploaded"):
        provider.upload(source, Job(progress=progress))
    assert len(sandbox.assets()) == count


def test_missing_and_unreadable_sources(provider, tmp_path):
    with pytest.raises(errors.LocalFileError, match="no longer exists"):
        provider.upload(tmp_path / "gone.txt")
    with pytest.raises(errors.LocalFileError, match="not a regular file"):
        provider.upload(tmp_path)


def test_wrong_api_key_is_a_clear_error(sandbox, http, tmp_path):

    wrong = connect("filespin", http, sandbox.api_url, "sbx_wrong")
    source = tmp_path / "x.txt"
    write_file(source, 5)
    with pytest.raises(errors.AuthError, match="rejected the API key") as info:
        wrong.upload(source)
    assert info.value.status == 401  # the vendor's status for an invalid or missing key


def test_unknown_asset_download_is_not_found(provider, tmp_path):
    with pytest.raises(errors.NotFoundError):
        provider.download("0" * 32, tmp_path)
    assert not list(tmp_path.iterdir())


def test_ask_policy_is_consulted_only_on_a_clash(sandbox, provider, tmp_path):
    source = tmp_path / "asked.txt"
    write_file(source, 10)
    asset_id = provider.upload(source).asset_id
    asked = []

    def ask(path):
        asked.append(path.name)
        return ConflictPolicy.SKIP

    dest = tmp_path / "down"
    assert provider.download(asset_id, dest, conflict=ask).path.name == "asked.txt"
    assert asked == []
    assert provider.download(asset_id, dest, conflict=ask).skipped
    assert asked == ["asked.txt"] and os.listdir(dest) == ["asked.txt"]


def test_ask_policy_is_asked_before_the_body_arrives(tmp_path):
    """A 'skip' answered from the headers costs no transfer: the 8 MiB body is never read to its end."""
    from assetdrop.core.http import HttpClient
    from assetdrop.core.transfer.download import save_response
    from tests.support.canned_server import CannedServer

    dest = tmp_path / "down"
    dest.mkdir()
    (dest / "big.bin").write_bytes(b"mine")
    seen = []

    def ask(path):
        seen.append(response.raw.tell())  # body bytes read so far when the question comes
        return ConflictPolicy.SKIP

    with CannedServer() as server, HttpClient() as http:
        server.route("/f", 200, b"x" * (8 << 20), headers={"Content-Disposition": 'attachment; filename="big.bin"'})
        response = http.request("GET", server.url + "/f", stream=True)
        result = save_response(response, dest, fallback_name="x", conflict=ask)
    assert result.skipped and seen == [0]
    assert (dest / "big.bin").read_bytes() == b"mine" and os.listdir(dest) == ["big.bin"]


def test_download_endpoint_resumes_only_the_same_version(fresh_sandbox, provider, tmp_path, monkeypatch):
    """The /download fallback resumes with Range guarded by If-Range: a .part of another version starts over."""
    source = tmp_path / "resumed.bin"
    digest = write_file(source, 2 * MiB)
    asset_id = provider.upload(source).asset_id
    fresh_sandbox.get_link_enabled = False
    statuses = []
    real_open = provider.open_download

    def watched_open(*args, **kwargs):  # the real request; only its status is noted
        response = real_open(*args, **kwargs)
        statuses.append(response.status_code)
        return response

    monkeypatch.setattr(provider, "open_download", watched_open)
    dest = tmp_path / "down"
    dest.mkdir()
    for etag, kept, status in ((f'"{digest}"', source.read_bytes()[:MiB], 206), ('"0123"', b"x" * MiB, 200)):
        part = dest / "resumed.bin.part"
        part.write_bytes(kept)
        saved = provider.download(
            asset_id,
            dest,
            conflict=ConflictPolicy.OVERWRITE,
            job=Job(
                state=json.dumps({"part": str(part), "name": "resumed.bin", "etag": etag}),
                save_state=lambda state: None,
            ),
        )
        assert md5_of(saved.path) == digest and not part.exists()
        assert statuses.pop() == status  # 206: the rest appended to the same version; 200: another one, whole
