"""`assetdrop-cli` as a user runs it: a real process, the real sandbox, stdout for pipes, stderr for people."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import md5_of, write_file

CLI = [sys.executable, "-m", "assetdrop.cli"]


def run_cli(sandbox, *args, key=None, timeout=300):
    env = dict(os.environ, ASSETDROP_API_KEY=key or sandbox.api_key)
    return subprocess.run(
        [*CLI, "--api-url", sandbox.api_url, *args], capture_output=True, text=True, env=env, timeout=timeout
    )


def test_upload_folder_then_download_everything(sandbox, tmp_path):
    tree = tmp_path / "drop"
    files = {
        tree / "top.txt": 10,
        tree / "nested" / "deeper" / "ünïcödé name.bin": 300_000,
        tree / "nested" / "emoji 🎉.png": 1,
        tree / "nested" / "empty.dat": 0,
    }
    digests = {path: write_file(path, size, seed=i) for i, (path, size) in enumerate(files.items())}

    up = run_cli(sandbox, "upload", str(tree))
    assert up.returncode == 0, up.stderr
    assert up.stderr == ""
    lines = [line.split("\t") for line in up.stdout.splitlines()]
    assert sorted(Path(p) for _, p in lines) == sorted(files)
    uploaded = {Path(p): asset_id for asset_id, p in lines}
    registered = {a["id"]: a for a in sandbox.assets()}
    for path, asset_id in uploaded.items():
        assert registered[asset_id]["checksum"] == digests[path]

    dest = tmp_path / "out"
    down = run_cli(sandbox, "download", *uploaded.values(), "--dest", str(dest))
    assert down.returncode == 0, down.stderr
    saved = dict(line.split("\t") for line in down.stdout.splitlines())
    for path, asset_id in uploaded.items():
        assert Path(saved[asset_id]).parent == dest
        assert Path(saved[asset_id]).name == path.name
        assert md5_of(Path(saved[asset_id])) == digests[path]

    fast = run_cli(
        sandbox, "download", uploaded[tree / "top.txt"], "--dest", str(tmp_path / "fast"), "--no-verify"
    )  # the flag is taken and the file still lands whole (its effect on the
    # checksum is shown in tests/integration/test_hostile_names.py and tests/gui/test_verify_setting.py)
    assert fast.returncode == 0, fast.stderr
    assert md5_of(Path(fast.stdout.split("\t")[1].strip())) == digests[tree / "top.txt"]

    info = run_cli(sandbox, "info", uploaded[tree / "top.txt"])
    assert info.returncode == 0 and '"name": "top.txt"' in info.stdout

    found = run_cli(sandbox, "search", "ünïcödé")
    assert found.returncode == 0, found.stderr
    assert uploaded[tree / "nested" / "deeper" / "ünïcödé name.bin"] in found.stdout


def test_failures_are_one_readable_line_each_and_exit_non_zero(sandbox, tmp_path):
    good = tmp_path / "good.txt"
    write_file(good, 5)
    result = run_cli(sandbox, "upload", str(good), str(tmp_path / "missing.txt"))
    assert result.returncode == 1
    assert len(result.stdout.splitlines()) == 1 and result.stdout.endswith(f"\t{good}\n")
    assert result.stderr.strip() == f"assetdrop-cli: {tmp_path / 'missing.txt'}: no such file or folder"

    unknown = run_cli(sandbox, "download", "0" * 32, "--dest", str(tmp_path / "d"))
    assert unknown.returncode == 1 and "ASSET_NOT_FOUND" in unknown.stderr
    assert "Traceback" not in unknown.stderr and len(unknown.stderr.splitlines()) == 1


def test_wrong_key(sandbox, tmp_path):
    source = tmp_path / "a.txt"
    write_file(source, 5)
    result = run_cli(sandbox, "upload", str(source), key="sbx_not_the_key")
    assert result.returncode == 1
    assert "rejected the API key" in result.stderr and "Traceback" not in result.stderr
    assert "sbx_not_the_key" not in result.stderr


def test_no_key_and_no_server(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "ASSETDROP_API_KEY"}
    result = subprocess.run(
        [*CLI, "--api-url", "http://127.0.0.1:9", "info", "x"], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 1 and "ASSETDROP_API_KEY" in result.stderr
    result = subprocess.run(
        [*CLI, "--api-url", "http://127.0.0.1:9", "info", "x"],
        capture_output=True,
        text=True,
        env=dict(env, ASSETDROP_API_KEY="k"),
        timeout=60,
    )
    assert result.returncode == 1 and "connection refused" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_sandbox_command_keeps_state_across_restarts(tmp_path):
    data = tmp_path / "state"

    def start():
        proc = subprocess.Popen(
            [*CLI, "sandbox", "--data", str(data), "--api-key", "sbx_fixed_key_for_test"],
            stdout=subprocess.PIPE,
            text=True,
        )
        lines = [proc.stdout.readline() for _ in range(2)]
        url = lines[0].split()[-1]
        assert lines[1].split()[-1] == "sbx_fixed_key_for_test"
        return proc, url

    def cli(url, *args):
        return subprocess.run(
            [*CLI, "--api-url", url, *args],
            capture_output=True,
            text=True,
            timeout=120,
            env=dict(os.environ, ASSETDROP_API_KEY="sbx_fixed_key_for_test"),
        )

    source = tmp_path / "kept.txt"
    digest = write_file(source, 1234)
    proc, url = start()
    try:
        asset_id = cli(url, "upload", str(source)).stdout.split("\t")[0]
    finally:
        proc.terminate()
        assert proc.wait(timeout=30) == 0
    proc, url = start()
    try:
        down = cli(url, "download", asset_id, "--dest", str(tmp_path / "after"))
        assert down.returncode == 0, down.stderr
        assert md5_of(Path(down.stdout.strip().split("\t")[1])) == digest
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_ask_in_the_settings_keeps_both_on_the_command_line(sandbox, provider, tmp_path):
    """The window's "ask" cannot be asked on a command line: the CLI keeps both and says so, no traceback."""
    from assetdrop.core import settings

    settings.save(settings.Settings(conflict_policy="ask"))  # in this test's ASSETDROP_HOME
    source = tmp_path / "asked.txt"
    digest = write_file(source, 1000)
    asset_id = provider.upload(source).asset_id
    dest = tmp_path / "out"
    dest.mkdir()
    (dest / "asked.txt").write_text("already here")
    down = run_cli(sandbox, "download", asset_id, "--dest", str(dest))
    assert down.returncode == 0, down.stderr
    assert "both are kept" in down.stderr and "Traceback" not in down.stderr
    assert (dest / "asked.txt").read_text() == "already here" and md5_of(dest / "asked (1).txt") == digest
    queued = run_cli(sandbox, "download", "--queued", asset_id, "--dest", str(dest))
    assert queued.returncode == 0 and "both are kept" in queued.stderr, queued.stderr
    assert md5_of(dest / "asked (2).txt") == digest
    elsewhere = run_cli(sandbox, "download", asset_id, "--dest", str(tmp_path / "empty"))
    assert elsewhere.returncode == 0 and elsewhere.stderr == ""  # no name taken: nothing to say


def test_upload_leaves_junk_out_of_folders_by_the_windows_rule(sandbox, tmp_path):
    """The CLI and the window share core/junk.py: .DS_Store, Thumbs.db, Office lock and swap files inside a
    folder are not uploaded, unless the settings' skip_junk is off."""
    from assetdrop.core import settings

    tree = tmp_path / "drop"
    real = [tree / "a.txt", tree / "sub" / "b.txt"]
    for path in [*real, tree / ".DS_Store", tree / "sub" / "Thumbs.db", tree / "~$a.docx", tree / ".a.txt.swp"]:
        write_file(path, 100)
    up = run_cli(sandbox, "upload", str(tree))
    assert up.returncode == 0 and up.stderr == "", up.stderr
    assert sorted(Path(line.split("\t")[1]) for line in up.stdout.splitlines()) == sorted(real)

    settings.save(settings.Settings(skip_junk=False))  # in this test's ASSETDROP_HOME
    everything = run_cli(sandbox, "upload", str(tree))
    assert everything.returncode == 0, everything.stderr
    assert len(everything.stdout.splitlines()) == 6
