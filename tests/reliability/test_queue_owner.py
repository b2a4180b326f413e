"""One owner per queue, with real processes: two `resume`s, the window beside a `resume`, an `upload --queued`
beside the window, and a SIGKILLed owner whose follower finishes its queue. Each file is registered once.

The window is the real app (`python -m assetdrop.qt.app`, offscreen) with its key in the real keyring that
`make test` runs under dbus; the CLI is the real command. Each test has its own sandbox (exact counts) and its
own ASSETDROP_HOME (its own queue).
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

from assetdrop.core import errors, paths, settings
from assetdrop.core.credentials import CredentialStore
from assetdrop.core.providers.endpoint import Endpoint
from assetdrop.core.queue.items import QueueOptions
from assetdrop.core.session import QUEUE_DB, AppSession
from tests.conftest import write_file

CLI = [sys.executable, "-m", "assetdrop.cli"]
FILES = 40


@pytest.fixture
def own_sandbox(tmp_path):
    from assetdrop.sandbox.server import Sandbox

    with Sandbox(tmp_path / "sandbox") as sandbox:
        yield sandbox


@pytest.fixture
def files(tmp_path):
    folder = tmp_path / "forty"
    digests = {write_file(folder / f"file-{i:02d}.bin", 48 * 1024 + i, seed=i) for i in range(FILES)}
    assert len(digests) == FILES
    return folder, digests


def queue_unstarted(sandbox, folder: Path, profile: str | None = None) -> None:
    """What a killed `upload --queued` leaves: every file queued, none started; made with --api-url (the items
    keep their address), or for a profile (as the window's drops are)."""
    session = AppSession(settings.Settings(), credentials=CredentialStore(session_only=True))
    try:
        options = QueueOptions(endpoint=None if profile else Endpoint("filespin", sandbox.api_url, {}))
        session.queue.add_uploads(sorted(folder.iterdir()), profile or "command-line", options)
    finally:
        session.close()


def slow_settings(kib: int) -> None:
    """A shared bandwidth limit, so the first process is still busy when the second arrives."""
    settings.save(settings.Settings(upload_limit_kib=kib, retry_base_delay=0.1, retry_max_delay=0.5))


def cli_env(sandbox) -> dict[str, str]:
    return dict(os.environ, ASSETDROP_API_KEY=sandbox.api_key)


def once_each(sandbox, digests) -> None:
    counts = collections.Counter(a["checksum"] for a in sandbox.assets())
    assert set(counts) == digests and max(counts.values()) == 1, counts.most_common(3)


def wait_until(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def test_two_resumes_at_once_register_each_file_once(own_sandbox, files):
    folder, digests = files
    queue_unstarted(own_sandbox, folder)
    slow_settings(512)  # 40 x 48 KiB: about 4 s
    env = cli_env(own_sandbox)
    first = subprocess.Popen([*CLI, "resume"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wait_until(lambda: own_sandbox.storage.received, 30, "the first resume to start uploading")
    second = subprocess.Popen([*CLI, "resume"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out1, err1 = first.communicate(timeout=120)
    out2, err2 = second.communicate(timeout=120)
    assert (first.returncode, second.returncode) == (0, 0), (err1, err2)
    once_each(own_sandbox, digests)
    assert "assetdrop-cli resume (PID" in err2 and "is running this queue" in err2, err2  # it followed, ran nothing
    assert len(out1.splitlines()) == FILES
    assert set(out2.splitlines()) <= set(out1.splitlines())  # the follower printed what the owner did


def test_a_sigkilled_owner_is_taken_over_by_the_process_that_follows_it(own_sandbox, files):
    folder, digests = files
    slow_settings(256)  # about 8 s for the whole queue
    env = cli_env(own_sandbox)
    owner = subprocess.Popen(
        [*CLI, "--api-url", own_sandbox.api_url, "upload", "--queued", str(folder)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    for _ in range(5):
        assert owner.stdout.readline(), owner.stderr.read()
    follower = subprocess.Popen([*CLI, "resume"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1.5)  # the follower has found the queue owned and is following it
    owner.send_signal(signal.SIGKILL)
    owner.wait(timeout=30)
    killed_at = len(own_sandbox.assets())
    assert killed_at < FILES, "the kill came too late to prove anything"
    out, err = follower.communicate(timeout=180)
    assert follower.returncode == 0, err
    assert "is running this queue" in err and "the previous owner has gone; finishing the queue here" in err, err
    once_each(own_sandbox, digests)
    print(f"\nowner killed with {killed_at} of {FILES} registered; the follower finished the rest")


@pytest.fixture
def keyring_profile(own_sandbox):
    """The window's profile, its key in the real keyring (as a user would have saved it in Profiles)."""
    store = CredentialStore()
    if not store.keyring_available():
        if os.environ.get("ASSETDROP_REQUIRE_KEYRING") == "1":
            pytest.fail("make test runs under a real keyring, but none is available")
        pytest.skip("no Secret Service keyring here (make test starts one); the window reads its key from it")
    store.set("Sbx", own_sandbox.api_key)
    yield "Sbx"
    try:
        store.delete("Sbx")
    except errors.KeyringUnavailable:
        pass


def add_profile(sandbox, profile: str, **conf) -> None:
    conf_obj = settings.Settings(current_profile=profile, **conf)
    conf_obj.upsert(settings.Profile(profile, "filespin", sandbox.api_url))
    settings.save(conf_obj)


def window(profile: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "assetdrop.qt.app", "--profile", profile],
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def owner_of_queue() -> str:
    try:
        return Path(str(paths.data_dir() / QUEUE_DB) + ".owner").read_text()
    except OSError:
        return ""


def test_the_windows_recovery_beside_a_resume_registers_each_file_once(own_sandbox, files, keyring_profile):
    folder, digests = files
    queue_unstarted(own_sandbox, folder, profile=keyring_profile)
    add_profile(own_sandbox, keyring_profile, upload_limit_kib=512, retry_base_delay=0.1)
    app = window(keyring_profile)
    try:
        wait_until(lambda: "the Assetdrop window" in owner_of_queue(), 60, "the window to own the queue")
        resumed = subprocess.run(
            [*CLI, "resume"], env=cli_env(own_sandbox), capture_output=True, text=True, timeout=180
        )
        assert resumed.returncode == 0, resumed.stderr
        assert "the Assetdrop window (PID" in resumed.stderr
        wait_until(lambda: len(own_sandbox.assets()) >= FILES, 120, "the window to finish")
        time.sleep(1)  # nothing more arrives
    finally:
        app.terminate()
        app.wait(timeout=30)
    once_each(own_sandbox, digests)


def test_an_upload_queued_beside_the_window_is_handed_to_it(own_sandbox, tmp_path, keyring_profile):
    """With a profile whose key is in the keyring, the window takes the uploads and the command prints their
    IDs as the window registers them; with a key only in this command's environment, the window could not
    upload them (or would use another account's key), so they are refused in words and nothing is added."""
    add_profile(own_sandbox, keyring_profile)
    app = window(keyring_profile)
    try:
        wait_until(lambda: "the Assetdrop window" in owner_of_queue(), 60, "the window to own the queue")
        folder = tmp_path / "five"
        digests = {write_file(folder / f"{i}.bin", 10_000 + i, seed=i) for i in range(5)}
        env = {k: v for k, v in os.environ.items() if k != "ASSETDROP_API_KEY"}
        up = subprocess.run(
            [*CLI, "--profile", keyring_profile, "upload", "--queued", str(folder)],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert up.returncode == 0, up.stderr
        assert "the Assetdrop window (PID" in up.stderr and "your 5 uploads were added to it" in up.stderr
        printed = {line.split("\t")[0] for line in up.stdout.splitlines()}
        assert printed == {a["id"] for a in own_sandbox.assets()} and len(printed) == 5

        refused = subprocess.run(
            [*CLI, "--api-url", own_sandbox.api_url, "upload", "--queued", str(folder)],
            env=cli_env(own_sandbox),
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert refused.returncode == 1 and refused.stdout == ""
        assert "the key for profile 'command-line' is not in the keyring" in refused.stderr
        assert "your 5 uploads were not added" in refused.stderr and "Traceback" not in refused.stderr
        time.sleep(1)
    finally:
        app.terminate()
        app.wait(timeout=30)
    once_each(own_sandbox, digests)
