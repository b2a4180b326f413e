"""Plain `assetdrop-cli upload` / `download` run the window's queue engine: the same retries, exactly-once
registration and bandwidth limits, each input judged on its own, and a closed stdout ends the command promptly.

Real processes against a real sandbox; faults from real proxies: a TCP one in front of the storage
(tests/support/fault_proxy.py) and an HTTP one in front of the API (tests/support/api_fault_proxy.py).
"""

from __future__ import annotations

import collections
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assetdrop.core import settings
from tests.conftest import md5_of, write_file
from tests.support.api_fault_proxy import ApiFaultProxy, Rule
from tests.support.fault_proxy import Fault, FaultProxy

CLI = [sys.executable, "-m", "assetdrop.cli"]


@pytest.fixture
def rig(tmp_path):
    """A sandbox of this test's own (exact counts), its storage reached through a TCP fault proxy and its API
    through an HTTP fault proxy; fast retries in this test's settings."""
    from assetdrop.sandbox.server import Sandbox

    with Sandbox(tmp_path / "sandbox") as sandbox:
        storage = FaultProxy(sandbox.storage.host, sandbox.storage.port)
        sandbox.storage.public_endpoint = storage.url
        api = ApiFaultProxy(sandbox.api_url)
        settings.save(settings.Settings(retry_base_delay=0.1, retry_max_delay=0.5))
        yield sandbox, storage, api
        api.close()
        storage.close()


def cli(sandbox, api_url, *args, timeout=120):
    env = dict(os.environ, ASSETDROP_API_KEY=sandbox.api_key)
    return subprocess.run([*CLI, "--api-url", api_url, *args], capture_output=True, text=True, env=env, timeout=timeout)


def checksums(sandbox):
    return collections.Counter(asset["checksum"] for asset in sandbox.assets())


def test_a_reset_mid_upload_is_retried_and_registered_once(rig, tmp_path):
    sandbox, storage, api = rig
    source = tmp_path / "reset.bin"
    digest = write_file(source, 2 * 1024 * 1024)
    storage.then(Fault("reset_upload", after=300_000))  # the first POST to storage is cut in its body
    result = cli(sandbox, api.url, "upload", str(source))
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith(f"\t{source}\n") and result.stderr == ""
    assert checksums(sandbox) == {digest: 1}
    assert len([r for r in sandbox.storage.received if r.method == "POST"]) == 2  # the cut one, then the retry


def test_a_lost_answer_to_register_asset_is_confirmed_not_registered_twice(rig, tmp_path):
    sandbox, _, api = rig
    source = tmp_path / "registered.bin"
    digest = write_file(source, 300_000)
    api.add(Rule("POST", r"/register_asset", after="500"))  # the server registers; the client hears a 500
    result = cli(sandbox, api.url, "upload", str(source))
    assert result.returncode == 0, result.stderr
    asset_id = result.stdout.split("\t")[0]
    assert checksums(sandbox) == {digest: 1} and sandbox.assets()[0]["id"] == asset_id
    registrations = [r for r in api.log if r.method == "POST" and "register_asset" in r.target]
    assert [r.status for r in registrations] == [500, 409]  # asked again, refused as a repeat, confirmed by reading
    assert any(r.method == "GET" and f"/{asset_id}/data" in r.target for r in api.log)


def test_the_saved_bandwidth_limit_applies_to_a_plain_upload_and_download(rig, tmp_path):
    sandbox, _, api = rig
    source = tmp_path / "slow.bin"
    write_file(source, 768 * 1024)
    settings.save(settings.Settings(upload_limit_kib=256, download_limit_kib=256))
    started = time.monotonic()
    up = cli(sandbox, api.url, "upload", str(source))
    uploading = time.monotonic() - started
    assert up.returncode == 0, up.stderr
    started = time.monotonic()
    down = cli(sandbox, api.url, "download", up.stdout.split("\t")[0], "--dest", str(tmp_path / "d"))
    downloading = time.monotonic() - started
    assert down.returncode == 0, down.stderr
    # 768 KiB at 256 KiB/s is 3 s less the quarter-second burst; only the lower bound is asserted (a slower
    # machine only makes it longer), since it is what proves the limit was in force.
    assert uploading >= 2.5 and downloading >= 2.5, (uploading, downloading)


def test_one_bad_argument_among_good_ones_fails_alone_and_every_id_is_printed(rig, tmp_path):
    sandbox, _, api = rig
    good = [tmp_path / f"good-{i}.txt" for i in range(3)]
    digests = {write_file(path, 1000 + i, seed=i) for i, path in enumerate(good)}
    too_long = tmp_path / ("n" * 5000)
    missing = tmp_path / "missing.txt"
    result = cli(sandbox, api.url, "upload", str(good[0]), str(too_long), str(good[1]), str(missing), str(good[2]))
    assert result.returncode == 1
    printed = [line.split("\t") for line in result.stdout.splitlines()]
    assert sorted(Path(path) for _, path in printed) == sorted(good)
    assert {a["id"] for a in sandbox.assets()} == {asset_id for asset_id, _ in printed}
    assert set(checksums(sandbox)) == digests
    errors = result.stderr.splitlines()
    assert len(errors) == 2 and "Traceback" not in result.stderr
    assert errors[0].endswith("the name is too long for this system") and errors[1].endswith("no such file or folder")


def test_a_malformed_answer_fails_that_file_and_the_others_go_on(rig, tmp_path):
    sandbox, _, api = rig
    settings.save(settings.Settings(retry_attempts=2, retry_base_delay=0.1, retry_max_delay=0.2))
    files = [tmp_path / name for name in ("a.bin", "bad.bin", "c.bin")]
    for i, path in enumerate(files):
        write_file(path, 2000, seed=i)
    malformed = json.dumps({"asset_id": 7, "storage": "not an object"}).encode()
    api.add(Rule("GET", r"content_storage_url\?filename=bad\.bin", respond=(200, malformed, {}), times=0))
    result = cli(sandbox, api.url, "--jobs", "1", "upload", *map(str, files))
    assert result.returncode == 1
    assert sorted(Path(line.split("\t")[1]) for line in result.stdout.splitlines()) == [files[0], files[2]]
    [error] = result.stderr.splitlines()
    assert error.startswith(f"assetdrop-cli: {files[1]}: The server's storage URL answer") and "Traceback" not in error
    assert len(sandbox.assets()) == 2


def test_a_closed_stdout_ends_the_command_promptly_and_resume_finishes(rig, tmp_path):
    sandbox, _, api = rig
    folder = tmp_path / "many"
    digests = {write_file(folder / f"f-{i:02d}.bin", 64 * 1024 + i, seed=i) for i in range(20)}
    settings.save(settings.Settings(upload_limit_kib=256))  # 20 x 64 KiB: about 5 s, so head closes early
    command = " ".join(f"'{part}'" for part in [*CLI, "--api-url", api.url, "upload", "--queued", str(folder)])
    started = time.monotonic()
    piped = subprocess.run(
        ["bash", "-c", f'{command} | head -1; echo "exit=${{PIPESTATUS[0]}}" >&2'],
        capture_output=True,
        text=True,
        timeout=60,
        env=dict(os.environ, ASSETDROP_API_KEY=sandbox.api_key),
    )
    elapsed = time.monotonic() - started
    assert len(piped.stdout.splitlines()) == 1
    assert "Traceback" not in piped.stderr and "exit=141" in piped.stderr, piped.stderr
    assert "the reader of standard output has gone" in piped.stderr
    assert elapsed < 30, f"took {elapsed:.1f} s to notice the closed pipe"
    assert len(sandbox.assets()) < 20
    settings.save(settings.Settings())
    env = dict(os.environ, ASSETDROP_API_KEY=sandbox.api_key)
    resumed = subprocess.run([*CLI, "resume"], capture_output=True, text=True, env=env, timeout=120)
    assert resumed.returncode == 0, resumed.stderr
    assert checksums(sandbox) == dict.fromkeys(digests, 1)  # each file once, the queue made with --api-url


def test_names_are_one_line_each_and_json_lines_for_scripts(rig, tmp_path):
    sandbox, _, api = rig
    odd = tmp_path / "two\nlines\tand \\ more.txt"
    write_file(odd, 10)
    result = cli(sandbox, api.url, "upload", str(odd))
    assert result.returncode == 0, result.stderr
    [line] = result.stdout.splitlines()
    assert line.split("\t")[1] == str(tmp_path) + "/two\\nlines\\tand \\\\ more.txt"
    as_json = cli(sandbox, api.url, "--json", "upload", str(odd))
    record = json.loads(as_json.stdout)
    assert (record["path"], record["status"], record["direction"]) == (str(odd), "done", "upload")
    assert record["asset_id"] in {a["id"] for a in sandbox.assets()}
    assert md5_of(odd) == sandbox.assets()[-1]["checksum"]
