"""`assetdrop-cli watch` as a user runs it: a real process, a real folder written into by this test, the real
sandbox over loopback (its own per test, so asset counts are exact)."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import time

import pytest

from tests.conftest import md5_of, write_file
from tests.support.api_fault_proxy import ApiFaultProxy, Rule
from tests.support.watch_cli import WatchProcess, run_once


@pytest.fixture
def own_sandbox(tmp_path):
    from assetdrop.sandbox.server import Sandbox

    with Sandbox(tmp_path / "sandbox") as sandbox:
        yield sandbox


def stored_md5(sandbox, asset: dict) -> str:
    """The MD5 of the bytes the sandbox's storage holds for the asset (not the checksum the client declared)."""
    digest = hashlib.md5()
    with sandbox.storage.open(asset["key"].lstrip("/")) as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def test_a_file_written_slowly_is_uploaded_once_complete_and_byte_identical(own_sandbox, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    watcher = WatchProcess(own_sandbox.api_url, own_sandbox.api_key, folder, "--settle", "1")
    try:
        watcher.wait_for("err", lambda line: "watching:" in line)
        target, digest = folder / "render.mov", hashlib.md5()
        with open(target, "wb") as handle:
            for i in range(24):
                chunk = os.urandom(64 * 1024)
                handle.write(chunk)
                handle.flush()
                digest.update(chunk)
                time.sleep(0.6 if i != 12 else 2.5)  # one pause longer than the settle time, the file still open
                assert own_sandbox.assets() == [], f"uploaded half-written, after chunk {i}"
        line = watcher.next_line("out", timeout=60)
        assert line == f"{own_sandbox.assets()[0]['id']}\t{target}"
        time.sleep(2)  # a few more scans: nothing more is uploaded
        assert watcher.terminate() == 0
    finally:
        watcher.close()
    (asset,) = own_sandbox.assets()
    assert asset["size"] == 24 * 64 * 1024 and asset["checksum"] == digest.hexdigest()
    assert stored_md5(own_sandbox, asset) == digest.hexdigest() == md5_of(target)
    assert not any("Traceback" in line for line in watcher.stderr_lines), watcher.stderr_lines
    assert watcher.stderr_lines[-1].startswith("assetdrop-cli: stopped:")
    assert all("\x1b" not in line for line in watcher.stderr_lines + watcher.stdout_lines)  # no ANSI for journald


def test_changed_content_is_uploaded_again_and_unchanged_content_is_not(own_sandbox, tmp_path):
    folder = tmp_path / "hot"
    first = write_file(folder / "a.bin", 5000, seed=1)
    write_file(folder / "b.bin", 5000, seed=2)
    (folder / ".DS_Store").write_bytes(b"junk")
    (folder / "~$report.docx").write_bytes(b"lock")
    (folder / "half.crdownload").write_bytes(b"partial")
    run = run_once(own_sandbox.api_url, own_sandbox.api_key, folder)
    assert run.returncode == 0, run.stderr
    assert sorted(a["name"] for a in own_sandbox.assets()) == ["a.bin", "b.bin"]

    again = run_once(own_sandbox.api_url, own_sandbox.api_key, folder)
    assert again.returncode == 0 and again.stdout == "", again.stderr
    os.utime(folder / "a.bin", ns=(time.time_ns(), time.time_ns() + 10**9))  # touched: same bytes, new mtime
    touched = run_once(own_sandbox.api_url, own_sandbox.api_key, folder)
    assert touched.returncode == 0 and touched.stdout == "", touched.stderr
    assert len(own_sandbox.assets()) == 2

    changed = write_file(folder / "a.bin", 6000, seed=3)
    third = run_once(own_sandbox.api_url, own_sandbox.api_key, folder)
    assert third.returncode == 0, third.stderr
    assert third.stdout.endswith(f"\t{folder / 'a.bin'}\n") and len(third.stdout.splitlines()) == 1
    checksums = [a["checksum"] for a in own_sandbox.assets() if a["name"] == "a.bin"]
    assert checksums == [first, changed]


def test_include_and_exclude_patterns(own_sandbox, tmp_path):
    folder = tmp_path / "mixed"
    for name in ("keep.jpg", "raw/deep.jpg", "skip.txt", "raw/thumb_small.jpg"):
        write_file(folder / name, 100)
    run = run_once(own_sandbox.api_url, own_sandbox.api_key, folder, "--include", "*.jpg", "--exclude", "thumb_*")
    assert run.returncode == 0, run.stderr
    assert sorted(a["name"] for a in own_sandbox.assets()) == ["deep.jpg", "keep.jpg"]


@pytest.mark.parametrize("after", [["--move-to", "uploaded"], ["--delete-after"]], ids=["move-to", "delete-after"])
def test_nothing_is_moved_or_deleted_before_its_registration(own_sandbox, tmp_path, after):
    folder = tmp_path / "outbox"
    digests = {write_file(folder / f"shot-{i:02d}.jpg", 20_000 + i, seed=i): f"shot-{i:02d}.jpg" for i in range(12)}
    watcher = WatchProcess(own_sandbox.api_url, own_sandbox.api_key, folder, "--settle", "0.3", *after)
    gone_unregistered = []
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and watcher.proc.poll() is None:
            present = {p.name for p in folder.glob("*.jpg")}
            registered = {a["name"] for a in own_sandbox.assets()}  # read after the folder: a move before it shows
            gone_unregistered += [name for name in digests.values() if name not in present | registered]
            if not present:
                break
            time.sleep(0.01)
        assert watcher.terminate() == 0
    finally:
        watcher.close()
    assert gone_unregistered == []
    assets = own_sandbox.assets()
    assert sorted(a["checksum"] for a in assets) == sorted(digests)
    if after[0] == "--move-to":
        moved = {p.name: md5_of(p) for p in (folder / "uploaded").iterdir()}
        assert {v: k for k, v in moved.items()} == digests
    else:
        assert list(folder.iterdir()) == []


def test_a_failing_registration_leaves_the_file_where_it_is(own_sandbox, tmp_path):
    proxy = ApiFaultProxy(own_sandbox.api_url)
    proxy.add(Rule("POST", r"/register_asset", respond=(400, b'{"error": "refused by the test"}', {}), times=0))
    try:
        folder = tmp_path / "refused"
        digest = write_file(folder / "keep-me.bin", 3000)
        for after in (["--delete-after"], ["--move-to", "done"]):
            run = run_once(proxy.url, own_sandbox.api_key, folder, *after)
            assert run.returncode == 1, run.stderr
            assert "keep-me.bin" in run.stderr and "Traceback" not in run.stderr
            assert md5_of(folder / "keep-me.bin") == digest and not (folder / "done").exists()
        assert own_sandbox.assets() == []
    finally:
        proxy.close()
    # the sandbox answers again: the next start tries the file once more, and only then moves it
    run = run_once(own_sandbox.api_url, own_sandbox.api_key, folder, "--move-to", "done")
    assert run.returncode == 0, run.stderr
    assert [a["checksum"] for a in own_sandbox.assets()] == [digest]
    assert md5_of(folder / "done" / "keep-me.bin") == digest and not (folder / "keep-me.bin").exists()


def test_a_removed_folder_is_reported_and_watched_again_when_it_is_back(own_sandbox, tmp_path):
    folder = tmp_path / "share"
    write_file(folder / "before.bin", 1000, seed=1)
    watcher = WatchProcess(own_sandbox.api_url, own_sandbox.api_key, folder, "--settle", "0.3")
    try:
        assert watcher.next_line("out").endswith("before.bin")
        shutil.rmtree(folder)
        missing = watcher.wait_for("err", lambda line: "Watch folder missing" in line)
        assert str(folder) in missing and "resumes as soon as it is back" in missing
        write_file(folder / "after.bin", 1000, seed=2)
        back = watcher.wait_for("err", lambda line: "Watch folder back" in line)
        assert str(folder) in back
        assert watcher.next_line("out").endswith("after.bin")
        watcher.proc.send_signal(signal.SIGINT)  # Ctrl+C: as clean as SIGTERM
        assert watcher.proc.wait(timeout=30) == 0
    finally:
        watcher.close()
    assert sorted(a["name"] for a in own_sandbox.assets()) == ["after.bin", "before.bin"]
    assert sum("Watch folder missing" in line for line in watcher.stderr_lines) == 1  # said once, not every scan


def test_once_on_a_missing_folder_fails_in_one_line(own_sandbox, tmp_path):
    run = run_once(own_sandbox.api_url, own_sandbox.api_key, tmp_path / "nowhere")
    assert run.returncode == 1
    assert run.stderr.splitlines()[-1].startswith("assetdrop-cli: Watch folder missing: ")
    assert "Traceback" not in run.stderr


def test_watch_needs_the_queue_to_itself_and_says_so(own_sandbox, tmp_path, _isolated_home):
    from assetdrop.core import settings
    from assetdrop.core.credentials import CredentialStore
    from assetdrop.core.session import AppSession

    owner = AppSession(settings.Settings(), credentials=CredentialStore(session_only=True), program="a test")
    try:
        assert owner.owns_queue
        write_file(tmp_path / "busy" / "a.bin", 10)
        run = run_once(own_sandbox.api_url, own_sandbox.api_key, tmp_path / "busy")
    finally:
        owner.close()
    assert run.returncode == 1 and run.stdout == ""
    assert run.stderr.startswith("assetdrop-cli: Queue in use: ") and len(run.stderr.splitlines()) == 1
    assert own_sandbox.assets() == []


def test_an_unmounted_share_is_missing_not_empty(own_sandbox, tmp_path):
    """A real tmpfs mounted on the watched folder and unmounted under the watcher: the empty folder left behind is
    reported as missing (needs the right to mount: root, as in the project's container)."""
    share = tmp_path / "share"
    share.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(share)], capture_output=True).returncode:
        pytest.skip("mounting a tmpfs is not allowed here (needs root), so an unmount cannot be shown")
    try:
        write_file(share / "on-share.bin", 1000, seed=1)
        watcher = WatchProcess(own_sandbox.api_url, own_sandbox.api_key, share, "--settle", "0.3")
        try:
            assert watcher.next_line("out").endswith("on-share.bin")
            subprocess.run(["umount", str(share)], check=True)
            missing = watcher.wait_for("err", lambda line: "Watch folder missing" in line)
            assert "unmounted" in missing
            subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(share)], check=True)
            write_file(share / "remounted.bin", 1000, seed=2)
            watcher.wait_for("err", lambda line: "Watch folder back" in line)
            assert watcher.next_line("out").endswith("remounted.bin")
            assert watcher.terminate() == 0
        finally:
            watcher.close()
    finally:
        subprocess.run(["umount", str(share)], capture_output=True)
    assert sorted(a["name"] for a in own_sandbox.assets()) == ["on-share.bin", "remounted.bin"]
