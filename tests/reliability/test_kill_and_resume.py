"""Nothing lost when the process dies: SIGKILL the CLI mid-queue, run `resume`, and check the server's side.

Real processes, real signals, a real sandbox over loopback (its own data dir per test, so counts are exact).
"""

from __future__ import annotations

import collections
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assetdrop.core import errors
from assetdrop.core.http import HttpClient
from assetdrop.core.providers.filespin import FileSpinProvider
from assetdrop.core.transfer.progress import Phase
from assetdrop.core.transfer.upload import upload_file
from tests.conftest import md5_of, write_file

CLI = [sys.executable, "-m", "assetdrop.cli"]
MiB = 1024 * 1024


@pytest.fixture
def own_sandbox(tmp_path):
    from assetdrop.sandbox.server import Sandbox

    with Sandbox(tmp_path / "sandbox") as sandbox:
        yield sandbox


def cli(sandbox, *args):
    env = dict(os.environ, ASSETDROP_API_KEY=sandbox.api_key)
    return [*CLI, "--api-url", sandbox.api_url, "--profile", "Killable", *args], env


@pytest.mark.slow
def test_sigkill_during_a_200_file_upload_queue_then_resume(own_sandbox, tmp_path):
    folder = tmp_path / "two-hundred"
    digests = {write_file(folder / f"file-{i:03d}.bin", 40_000 + i, seed=i) for i in range(200)}
    assert len(digests) == 200
    command, env = cli(own_sandbox, "--jobs", "4", "upload", "--queued", str(folder))
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen = 0
    while seen < 40:  # let some finish, then kill it mid-flight
        line = proc.stdout.readline()
        assert line, f"the first run ended early: {proc.stderr.read()}"
        seen += 1
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    before_resume = len(own_sandbox.assets())
    assert before_resume < 200, "the kill came too late to prove anything"

    command, env = cli(own_sandbox, "--jobs", "4", "resume")
    resumed = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    assets = own_sandbox.assets()
    checksums = collections.Counter(a["checksum"] for a in assets)
    print(f"\nkilled after {seen} lines with {before_resume} registered; after resume {len(assets)} assets")
    assert len(assets) == 200 and set(checksums) == digests and max(checksums.values()) == 1
    names = collections.Counter(a["name"] for a in assets)
    assert max(names.values()) == 1


@pytest.mark.slow
def test_sigkill_during_a_500_mib_download_then_resume_from_the_offset(own_sandbox, tmp_path):
    source = tmp_path / "big.bin"
    digest = write_file(source, 500 * MiB)
    with HttpClient() as http:
        asset_id = upload_file(FileSpinProvider(http, own_sandbox.api_url, own_sandbox.api_key), source).asset_id
    source.unlink()  # room on disk; the digest is kept
    dest = tmp_path / "dest"
    command, env = cli(own_sandbox, "download", "--queued", asset_id, "--dest", str(dest))
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    part = dest / "big.bin.part"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (part.exists() and part.stat().st_size > 120 * MiB):
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    offset = part.stat().st_size
    assert 0 < offset < 500 * MiB, f"kill landed at {offset} bytes"
    gets_before = len([r for r in own_sandbox.storage.received if r.method == "GET"])

    command, env = cli(own_sandbox, "resume")
    resumed = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    saved = Path(resumed.stdout.strip().split("\t")[1])
    assert saved == dest / "big.bin" and md5_of(saved) == digest
    assert not part.exists()
    new_gets = [r for r in own_sandbox.storage.received if r.method == "GET"][gets_before:]
    ranges = [r.headers.get("Range") or r.headers.get("range") for r in new_gets]
    print(f"\nkilled at {offset / MiB:.0f} MiB; the resumed request asked for {ranges}")
    assert ranges and ranges[-1] is not None
    start = int(ranges[-1].split("=")[1].split("-")[0])
    assert 0 < start <= offset  # fetched from the offset on, not the whole file again


class Crash(Exception):
    """Stands in for the process dying at a chosen moment (deterministic, unlike a timed SIGKILL)."""


def test_crash_between_storage_post_and_registration_registers_once(own_sandbox, tmp_path):
    source = tmp_path / "once.bin"
    digest = write_file(source, 3 * MiB)
    saved = {}
    with HttpClient() as http:
        provider = FileSpinProvider(http, own_sandbox.api_url, own_sandbox.api_key)

        def crash_at_registration(progress):
            if progress.phase is Phase.REGISTERING:
                raise Crash()

        with pytest.raises(Crash):
            upload_file(provider, source, progress=crash_at_registration, save_checkpoint=saved.update)
        assert "stored" in saved and own_sandbox.assets() == []
        posts = len([r for r in own_sandbox.storage.received if r.method == "POST"])
        result = upload_file(provider, source, checkpoint=saved, save_checkpoint=saved.update)
        assert result.asset_id == saved["asset_id"]
        assert len([r for r in own_sandbox.storage.received if r.method == "POST"]) == posts  # not sent again
        # the registration happened but its answer was lost: a third run confirms, never duplicates
        again = upload_file(provider, source, checkpoint=saved, save_checkpoint=saved.update)
        assert again.asset_id == result.asset_id
    assert [a["checksum"] for a in own_sandbox.assets()] == [digest]


def test_expired_storage_url_in_a_checkpoint_gets_a_fresh_one(own_sandbox, tmp_path):
    source = tmp_path / "late.bin"
    write_file(source, 1000)
    with HttpClient() as http:
        provider = FileSpinProvider(http, own_sandbox.api_url, own_sandbox.api_key)
        target = provider.content_storage_url(source.name)
        stale = {"asset_id": target.asset_id, "issued_at": time.time() - 90_000,
                 "target": {"url": target.url, "fields": target.fields, "expiry": target.expiry}}
        result = upload_file(provider, source, checkpoint=stale)
    assert result.asset_id != target.asset_id and len(own_sandbox.assets()) == 1
    with pytest.raises(errors.NotFoundError):
        FileSpinProvider(HttpClient(), own_sandbox.api_url, own_sandbox.api_key).asset_data(target.asset_id)
