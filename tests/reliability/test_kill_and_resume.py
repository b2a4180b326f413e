"""Nothing lost when the process dies: SIGKILL the CLI mid-queue, run `resume`, and check the server's side.

Real processes, real signals, a real sandbox over loopback (its own data dir per test, so counts are exact).
"""

from __future__ import annotations

import collections
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assetdrop.core import errors
from assetdrop.core.http import HttpClient
from assetdrop.core.providers.registry import connect
from assetdrop.core.transfer.job import Job
from assetdrop.core.transfer.progress import Phase
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
        asset_id = connect("filespin", http, own_sandbox.api_url, own_sandbox.api_key).upload(source).asset_id
    source.unlink()  # room on disk; the digest is kept
    dest = tmp_path / "dest"
    # capped at 100 MiB/s so the kill lands mid-file after the saved state has recorded progress (every second)
    command, env = cli(own_sandbox, "download", "--queued", asset_id, "--dest", str(dest), "--limit-rate", "102400")
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60

    def partial() -> Path | None:
        found = list(dest.glob(".assetdrop-*.part")) if dest.exists() else []
        return found[0] if found else None

    def written(path: Path) -> int:
        return path.stat().st_blocks * 512  # a file fetched over several connections is preallocated (sparse)

    while time.monotonic() < deadline and not ((part := partial()) and written(part) > 250 * MiB):
        time.sleep(0.005)
    assert part is not None, "no temporary file appeared"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    held = written(part)
    assert 0 < held < 500 * MiB, f"kill landed at {held} bytes"
    gets_before = len([r for r in own_sandbox.storage.received if r.method == "GET"])

    command, env = cli(own_sandbox, "resume")
    resumed = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0 and resumed.stdout.count("\t") == 1, (resumed.stdout, resumed.stderr)
    saved = Path(resumed.stdout.strip().split("\t")[1])
    assert saved == dest / "big.bin" and md5_of(saved) == digest
    assert not part.exists()
    new_gets = [r for r in own_sandbox.storage.received if r.method == "GET"][gets_before:]
    ranges = [r.headers.get("Range") or r.headers.get("range") for r in new_gets]
    print(f"\nkilled with {held / MiB:.0f} MiB on disk; the resumed requests asked for {ranges}")
    assert ranges and None not in ranges, "the resume fetched the whole file again"

    def span(header: str) -> tuple[int, int]:
        first, _, last = header.split("=")[1].partition("-")
        return int(first), int(last) + 1 if last else 500 * MiB

    # a range split between connections is asked for again in part: what is fetched lies within the union
    asked, end = 0, 0
    for first, last in sorted(span(r) for r in ranges):
        asked += max(0, last - max(first, end))
        end = max(end, last)
    # only what the last saved state (at most a second, 100 MiB, before the kill) did not hold is fetched again
    assert asked <= 500 * MiB - (held - 110 * MiB), f"asked for {asked} bytes again"


class Crash(Exception):
    """Stands in for the process dying at a chosen moment (deterministic, unlike a timed SIGKILL)."""


def test_crash_between_storage_post_and_registration_registers_once(own_sandbox, tmp_path):
    source = tmp_path / "once.bin"
    digest = write_file(source, 3 * MiB)
    with HttpClient() as http:
        provider = connect("filespin", http, own_sandbox.api_url, own_sandbox.api_key)

        def crash_at_registration(progress):
            if progress.phase is Phase.REGISTERING:
                raise Crash()

        first = Job(progress=crash_at_registration, save_state=lambda state: None)
        with pytest.raises(Crash):
            provider.upload(source, first)
        saved = json.loads(first.state)
        assert "stored" in saved and own_sandbox.assets() == []
        posts = len([r for r in own_sandbox.storage.received if r.method == "POST"])
        result = provider.upload(source, Job(state=first.state, save_state=lambda state: None))
        assert result.asset_id == saved["asset_id"]
        assert len([r for r in own_sandbox.storage.received if r.method == "POST"]) == posts  # not sent again
        # the registration happened but its answer was lost: a third run confirms, never duplicates
        again = provider.upload(source, Job(state=first.state, save_state=lambda state: None))
        assert again.asset_id == result.asset_id
    assert [a["checksum"] for a in own_sandbox.assets()] == [digest]


def test_expired_storage_url_in_a_checkpoint_gets_a_fresh_one(own_sandbox, tmp_path):
    source = tmp_path / "late.bin"
    write_file(source, 1000)
    with HttpClient() as http:
        provider = connect("filespin", http, own_sandbox.api_url, own_sandbox.api_key)
        target = provider.content_storage_url(source.name)
        stale = {
            "asset_id": target.asset_id,
            "issued_at": time.time() - 90_000,
            "target": {"url": target.url, "fields": target.fields, "expiry": target.expiry},
        }
        result = provider.upload(source, Job(state=json.dumps(stale), save_state=lambda state: None))
    assert result.asset_id != target.asset_id and len(own_sandbox.assets()) == 1
    with pytest.raises(errors.NotFoundError):
        connect("filespin", HttpClient(), own_sandbox.api_url, own_sandbox.api_key).asset_data(target.asset_id)
