"""Thirty-odd faults and bad inputs, each asserting a clear message and that nothing is lost.

Transfers run through the real queue (retries with a fast test policy) against the real sandbox; network
faults come from a real TCP proxy in front of the API or the storage; the disk fills on a real tmpfs.
"""

from __future__ import annotations

import dataclasses
import email.utils
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assetdrop.core.formatting import human_bytes
from assetdrop.core.http import HttpClient
from assetdrop.core.providers.registry import connect
from assetdrop.core.queue.items import Status
from assetdrop.core.queue.store import QueueStore
from assetdrop.core.queue.transfer_queue import JobContext, TransferQueue
from assetdrop.core.transfer.download import ConflictPolicy
from assetdrop.core.transfer.retry import RetryPolicy
from tests.conftest import md5_of, write_file
from tests.reliability.rig import _done_identical, run_to_end
from tests.support import require
from tests.support.fault_proxy import Fault, http_response

MiB = 1024 * 1024
case = pytest.mark.case


# -- the network breaks -----------------------------------------------------------------------------------------
@case("Connection reset in the middle of a download", "retried; resumes; byte-identical")
def test_reset_mid_download(env):
    asset_id, digest = env.uploaded()
    env.inject(env.storage, Fault("reset", after=MiB))
    item = env.run(download=asset_id)
    _done_identical(item, digest)
    assert item.attempt == 2


@case("Connection reset after 'File exists' was answered", "retried without asking again; overwritten")
def test_conflict_answer_survives_a_retry(env):
    asset_id, digest = env.uploaded(name="taken.bin")
    dest = env.tmp / "down"
    dest.mkdir()
    (dest / "taken.bin").write_bytes(b"an older file of the same name")
    asked = []

    def ask(path):  # stands in for the window's dialog (tests/gui covers the dialog itself)
        asked.append(path)
        return ConflictPolicy.OVERWRITE

    env.inject(env.storage, Fault("reset", after=MiB))
    item = env.run(download=asset_id, context=JobContext(env.provider, dest, ask, RetryPolicy(4, 0.05, 0.2)))
    _done_identical(item, digest)
    assert item.attempt == 2 and asked == [dest / "taken.bin"]
    assert sorted(os.listdir(dest)) == ["taken.bin"]


@case("'Overwrite' answered where a folder has the name", "fails in words; Retry asks again; 'keep both' works")
def test_a_person_retrying_a_failed_answer_is_asked_again(env):
    asset_id, digest = env.uploaded(name="folder.bin")
    dest = env.tmp / "down"
    (dest / "folder.bin").mkdir(parents=True)
    asked = []

    def ask(path):  # stands in for the window's dialog: first "Overwrite", then "Keep both"
        asked.append(path)
        return ConflictPolicy.OVERWRITE if len(asked) == 1 else ConflictPolicy.RENAME

    context = JobContext(env.provider, dest, ask, RetryPolicy(4, 0.05, 0.2))
    queue = TransferQueue(store=QueueStore(env.tmp / "queue.sqlite3"))
    [item_id] = queue.add_downloads([asset_id], "P")
    failed = run_to_end(queue, item_id, context)
    assert failed.status is Status.FAILED and "Traceback" not in failed.error_message, failed.status_text
    print(f"\n{failed.error_title}: {failed.error_message}")
    queue.retry(item_id)
    done = run_to_end(queue, item_id, context)
    assert done.status is Status.DONE and len(asked) == 2, done.status_text
    assert md5_of(dest / "folder (1).bin") == digest and (dest / "folder.bin").is_dir()
    assert env.no_partial_files(dest)


@case("Server closes early: truncated body", "retried from the byte offset; byte-identical")
def test_truncated_body(env):
    asset_id, digest = env.uploaded()
    env.inject(env.storage, Fault("close", after=2 * MiB))
    before = len(env.sandbox.storage.received)
    item = env.run(download=asset_id)
    _done_identical(item, digest)
    ranges = [r.headers.get("Range") for r in env.sandbox.storage.received[before:] if r.method == "GET"]
    assert ranges[-1] and ranges[-1].startswith("bytes=") and ranges[-1] != "bytes=0-"


@case("Slow trickle past the read timeout", "read timeout, retried; byte-identical")
def test_trickle(env):
    asset_id, digest = env.uploaded(size=200_000)
    env.inject(env.storage, Fault("trickle", after=1000, trickle_delay=3))
    item = env.run(download=asset_id)
    _done_identical(item, digest)
    assert item.attempt == 2


@case("Connection reset during the upload body", "retried; registered exactly once")
def test_reset_mid_upload(env):
    path = env.tmp / "up.bin"
    digest = write_file(path, 4 * MiB)
    env.inject(env.storage, Fault("reset_upload", after=MiB))
    item = env.run(upload=path)
    assert item.status is Status.DONE and env.registered(item.asset_id) == 1
    assert [a["checksum"] for a in env.sandbox.assets() if a["id"] == item.asset_id] == [digest]


@case("API connection reset before answering", "retried; done")
def test_api_reset(env):
    path = env.tmp / "a.txt"
    write_file(path, 100)
    env.inject(env.api, Fault("reset", after=0))
    item = env.run(upload=path)
    assert item.status is Status.DONE


@case("Server down (connection refused)", "retried, then 'connection refused. Is the server running?'")
def test_server_down(env):
    down = connect("filespin", HttpClient(timeout=(1, 1)), "http://127.0.0.1:9", "k")
    path = env.tmp / "a.txt"
    write_file(path, 10)
    item = env.run(upload=path, provider=down, attempts=2)
    assert item.status is Status.FAILED and item.attempt == 2
    assert "connection refused" in item.error_message


# -- the server answers badly -------------------------------------------------------------------------------------
def _respond(status, reason, body=b"", **headers):
    return Fault("respond", response=http_response(status, reason, body, headers))


@case("503 with Retry-After", "waits at least Retry-After, then done")
def test_503_retry_after(env):
    path = env.tmp / "a.txt"
    write_file(path, 100)
    env.inject(env.api, _respond(503, "Service Unavailable", b"maintenance", **{"Retry-After": "1"}))
    start = time.monotonic()
    item = env.run(upload=path)
    assert item.status is Status.DONE and time.monotonic() - start >= 1.0


@case("503 without Retry-After", "backoff with jitter, then done")
def test_503(env):
    path = env.tmp / "a.txt"
    write_file(path, 100)
    env.inject(env.api, _respond(503, "Service Unavailable"), _respond(503, "Service Unavailable"))
    item = env.run(upload=path)
    assert item.status is Status.DONE and item.attempt >= 2


@case("500 once", "retried; done")
def test_500_once(env):
    path = env.tmp / "a.txt"
    write_file(path, 100)
    env.inject(env.api, _respond(500, "Internal Server Error", b"oops"))
    assert env.run(upload=path).status is Status.DONE


@case("429 Too Many Requests with Retry-After", "waits, then done")
@pytest.mark.parametrize("form", ["seconds", "http-date"])
def test_429(env, form):
    asset_id, digest = env.uploaded()
    # Retry-After as delay-seconds or as an HTTP-date (RFC 9110 allows both); the date is whole seconds, so 2 s
    # ahead is at least 1 s ahead
    retry_after = "1" if form == "seconds" else email.utils.formatdate(time.time() + 2, usegmt=True)
    env.inject(
        env.api,
        _respond(
            429,
            "Too Many Requests",
            b'{"message": "slow down"}',
            **{"Retry-After": retry_after, "Content-Type": "application/json"},
        ),
    )
    started = time.monotonic()
    item = env.run(download=asset_id)
    waited = time.monotonic() - started
    _done_identical(item, digest)
    # the server's wait was honoured (a lower bound, not a speed figure): the rig's own backoff is 0.05-0.2 s, so
    # a client that ignored Retry-After would be back within a fraction of a second
    assert waited >= 0.9, f"asked again {waited:.2f} s after a 429 that said Retry-After: {retry_after}"


@case("500 every time", "gives up after the limit with the server's message; nothing registered")
def test_500_always(env):
    path = env.tmp / "a.txt"
    write_file(path, 100)
    env.inject(env.api, *[_respond(500, "Internal Server Error", b"database is down")] * 3)
    count = len(env.sandbox.assets())
    item = env.run(upload=path, attempts=3)
    assert item.status is Status.FAILED and item.attempt == 3
    assert "database is down" in item.error_message and len(env.sandbox.assets()) == count


@case("HTML error page where JSON was expected", "'sent a web page where data was expected'")
def test_html_instead_of_json(env):
    path = env.tmp / "a.txt"
    write_file(path, 100)
    page = _respond(200, "OK", b"<!DOCTYPE html><html><title>Sign in</title></html>", **{"Content-Type": "text/html"})
    env.inject(env.api, page, page)
    item = env.run(upload=path, attempts=2)
    assert item.status is Status.FAILED and "web page where data was expected" in item.error_message


@case("JSON error body with status 200", "the server's message; not retried")
def test_json_error_200(env):
    asset_id, _ = env.uploaded()
    env.inject(
        env.api,
        _respond(
            200,
            "OK",
            b'{"error": {"code": "QUOTA", "message": "Quota exceeded"}}',
            **{"Content-Type": "application/json"},
        ),
    )
    item = env.run(download=asset_id)
    assert item.status is Status.FAILED and "Quota exceeded" in item.error_message and item.attempt == 1


@case("Invalid JSON", "'not valid JSON'; nothing registered")
def test_invalid_json(env):
    path = env.tmp / "a.txt"
    write_file(path, 100)
    bad = _respond(200, "OK", b'{"asset_id": ', **{"Content-Type": "application/json"})
    env.inject(env.api, bad, bad)
    count = len(env.sandbox.assets())
    item = env.run(upload=path, attempts=2)
    assert item.status is Status.FAILED and "not valid JSON" in item.error_message
    assert len(env.sandbox.assets()) == count


@case("Wrong Content-Length (fewer bytes than declared)", "'cut short', retried; byte-identical")
def test_wrong_content_length(env):
    asset_id, digest = env.uploaded(size=50_000)
    env.inject(env.storage, _respond(200, "OK", b"x" * 10, **{"Content-Length-Ignored": "1"}))
    env.storage.plan[-1].response = b"HTTP/1.1 200 OK\r\nContent-Length: 50000\r\nConnection: close\r\n\r\n" + b"x" * 10
    _done_identical(env.run(download=asset_id), digest)


@case("502 Bad Gateway page on the signed link request", "retried; done")
def test_502(env):
    asset_id, digest = env.uploaded()
    env.inject(
        env.api,
        _respond(502, "Bad Gateway", b"<html><title>502 Bad Gateway</title></html>", **{"Content-Type": "text/html"}),
    )
    _done_identical(env.run(download=asset_id), digest)


# -- links and policies expire -------------------------------------------------------------------------------------
@case("Expired POST policy (storage URL)", "a fresh storage URL, re-uploaded; registered once")
def test_expired_policy(env, rig):
    sandbox, _ = rig
    sandbox.upload_url_expiry = 1
    path = env.tmp / "late.bin"
    digest = write_file(path, 1000)
    real_post = env.provider.content_storage_url
    calls = []

    def slow_first(name):  # the first URL goes stale before it is used (a long pause, a sleeping laptop)
        target = real_post(name)
        calls.append(target.asset_id)
        if len(calls) == 1:
            time.sleep(2.1)
            # only this first URL is short-lived: the retried one must not expire too (botocore rounds expiry
            # down to whole seconds, so a 1-second second URL could also be late; that was a flake)
            sandbox.upload_url_expiry = 86400
        return target

    env.provider.content_storage_url = slow_first
    try:
        item = env.run(upload=path)
    finally:
        sandbox.upload_url_expiry = 86400
    assert item.status is Status.DONE and len(calls) == 2 and item.asset_id == calls[1]
    assert env.registered(calls[0]) == 0 and env.registered(calls[1]) == 1
    assert [a["checksum"] for a in env.sandbox.assets() if a["id"] == item.asset_id] == [digest]


@case("Expired signed GET link", "renewed through the API, not reported; byte-identical")
def test_expired_link(env):
    asset_id, digest = env.uploaded()
    real = env.provider.get_link
    calls = []

    def stale_first(*args, **kwargs):
        kwargs["expiry"] = 1 if not calls else None
        calls.append(1)
        url = real(*args, **kwargs)
        if len(calls) == 1:
            time.sleep(2.1)
        return url

    env.provider.get_link = stale_first
    item = env.run(download=asset_id)
    _done_identical(item, digest)
    assert len(calls) == 2 and item.attempt == 1


@case("Stale .part that does not match the server's file", "started over cleanly; byte-identical")
def test_stale_part(env):
    asset_id, digest = env.uploaded(name="stale.bin")
    dest = env.tmp / "down"
    dest.mkdir()
    part = dest / "stale.bin.part"
    part.write_bytes(b"garbage from another file" * 100)
    queue = TransferQueue(store=QueueStore(env.tmp / "q2.sqlite3"))
    [item_id] = queue.add_downloads([asset_id], "P")
    queue._items[item_id].resume_state = json.dumps({"part": str(part), "name": "stale.bin", "etag": '"not-the-etag"'})
    queue._items[item_id].part_path = str(part)
    ctx = JobContext(env.provider, dest, ConflictPolicy.RENAME, RetryPolicy(3, 0.05, 0.2))
    _done_identical(run_to_end(queue, item_id, ctx), digest)


# -- this computer ---------------------------------------------------------------------------------------------------
@pytest.fixture
def tiny_disk(tmp_path):
    mount = tmp_path / "tiny"
    mount.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True)
    if result.returncode != 0:
        require.unavailable(f"cannot mount a tmpfs here: {result.stderr.decode().strip()}", require.ROOT)
    yield mount
    subprocess.run(["umount", "-l", str(mount)])


@case("Disk fills during a download (2 MiB tmpfs)", "'disk ... is full'; no file under the final name")
def test_disk_full(env, tiny_disk):
    asset_id, _ = env.uploaded(name="too-big.bin", size=5 * MiB)
    item = env.run(download=asset_id, dest=tiny_disk)
    assert item.status is Status.FAILED and item.attempt == 1
    assert "is full" in item.error_message and item.error_title == "Disk full"
    assert not (tiny_disk / "too-big.bin").exists()


@case("Destination not writable (read-only file system)", "'Cannot write to ...'; not retried")
def test_read_only_destination(env, tiny_disk):
    asset_id, _ = env.uploaded(name="ro.bin", size=1000)
    subprocess.run(["mount", "-o", "remount,ro", str(tiny_disk)], check=True)
    item = env.run(download=asset_id, dest=tiny_disk / "sub")
    assert item.status is Status.FAILED and item.attempt == 1
    assert "Cannot write to" in item.error_message


@case("Unreadable source file (as an unprivileged user)", "one line 'permission denied', exit 1")
def test_unreadable_source(env):
    """As root (CI), a root-only file read by the CLI run as `nobody`; as anyone else, the user's own file with
    its permissions taken away (root would read that one regardless)."""
    import shutil
    import tempfile

    base = Path(tempfile.mkdtemp(prefix="assetdrop-unreadable-"))  # traversable by another user, unlike tmp_path
    try:
        os.chmod(base, 0o755)
        secret = base / "secret.bin"
        write_file(secret, 100)
        os.chmod(secret, 0o600 if os.geteuid() == 0 else 0)  # root's, or nobody's to read
        home = base / "home"
        home.mkdir()
        os.chmod(home, 0o777)
        env_vars = dict(os.environ, ASSETDROP_API_KEY=env.sandbox.api_key, ASSETDROP_HOME=str(home))
        as_nobody = ["setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups"] if os.geteuid() == 0 else []
        result = subprocess.run(
            [
                *as_nobody,
                sys.executable,
                "-m",
                "assetdrop.cli",
                "--api-url",
                env.sandbox.api_url,
                "upload",
                str(secret),
            ],
            capture_output=True,
            text=True,
            env=env_vars,
            timeout=60,
            cwd="/",
        )
    finally:
        shutil.rmtree(base, ignore_errors=True)
    assert result.returncode == 1 and "permission denied" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


@case("File changes while it uploads", "detected, re-read; the final content is registered once")
def test_file_changes(env):
    path = env.tmp / "growing.log"
    write_file(path, MiB)
    changed = []

    def grow_once(progress):
        if progress.phase.value == "uploading" and progress.done == 0 and not changed:
            changed.append(1)
            with open(path, "ab") as handle:
                handle.write(b"appended while uploading")

    real_upload = env.provider.upload
    env.provider.upload = lambda p, job: real_upload(
        p, dataclasses.replace(job, progress=_chain(job.progress, grow_once))
    )
    item = env.run(upload=path)
    assert item.status is Status.DONE and item.attempt == 2
    assert [a["checksum"] for a in env.sandbox.assets() if a["id"] == item.asset_id] == [md5_of(path)]


def _chain(first, second):
    def both(progress):
        if first:
            first(progress)
        second(progress)

    return both


@case("File deleted after it was queued", "'no longer exists'; not retried")
def test_deleted_after_queueing(env):
    path = env.tmp / "gone.txt"
    write_file(path, 10)
    queue = TransferQueue()
    [item_id] = queue.add_uploads([path], "P")
    path.unlink()
    ctx = JobContext(env.provider, env.tmp, ConflictPolicy.RENAME, RetryPolicy(4, 0.05, 0.2))
    item = run_to_end(queue, item_id, ctx)
    assert item.status is Status.FAILED and item.attempt == 1 and "no longer exists" in item.error_message


@case("0-byte file", "uploaded and downloaded; 0 bytes")
def test_zero_bytes(env):
    asset_id, digest = env.uploaded(name="empty.dat", size=0)
    item = env.run(download=asset_id)
    _done_identical(item, digest)
    assert Path(item.saved_path).stat().st_size == 0


@case("4 GiB+ sparse file", "size reported exactly (queue, display, multipart length)")
def test_huge_sparse(env):
    from assetdrop.core.transfer.hashing_reader import HashingReader
    from assetdrop.core.transfer.multipart_body import MultipartBody
    from assetdrop.core.transfer.progress import Meter, Phase

    path = env.tmp / "huge.bin"
    size = 4 * 1024**3 + 123_456_789
    with open(path, "wb") as handle:
        handle.truncate(size)
    queue = TransferQueue()
    [item_id] = queue.add_uploads([path], "P")
    assert queue.get(item_id).size == size and human_bytes(size) == "4.1 GiB"
    with open(path, "rb") as handle:
        reader = HashingReader(handle, size, Meter(Phase.UPLOADING, size, None), None)
        body = MultipartBody([("key", "k")], "file", "huge.bin", "application/octet-stream", reader)
        assert body.len > size and body.len - size < 1000  # Content-Length exact past 4 GiB (no 32-bit wrap)


# -- names ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "name",
    [
        pytest.param("🎉 party 🎈.png", marks=case("Name with emoji", "round trip; same name")),
        pytest.param("مستند عربي.pdf", marks=case("Right-to-left name", "round trip; same name")),
        pytest.param("line\nbreak.txt", marks=case("Name with a newline", "uploaded as it is; saved on one line")),
        pytest.param("é" * 123 + ".txt", marks=case("255-byte UTF-8 name", "round trip; name within 255 bytes")),
    ],
)
def test_names(env, name):
    from assetdrop.core.filenames import safe_filename

    path = env.tmp / "names" / name  # Linux file names may hold newlines: the upload carries it as it is
    digest = write_file(path, 1000)
    queue_item = env.run(upload=path)
    assert queue_item.status is Status.DONE
    assert [a["name"] for a in env.sandbox.assets() if a["id"] == queue_item.asset_id] == [name]
    item = env.run(download=queue_item.asset_id)
    _done_identical(item, digest)
    saved = Path(item.saved_path).name
    assert len(saved.encode()) <= 255 and "\n" not in saved
    if "\n" in name:  # a header cannot carry a newline: the server's name for it, made safe, one line
        assert saved in (safe_filename(name), safe_filename(name.replace("\n", "_")))
    else:
        assert saved == name


@case("Duplicate names in one drop", "two assets; saved as 'x.txt' and 'x (1).txt'")
def test_duplicate_names(env):
    first, second = env.tmp / "a" / "x.txt", env.tmp / "b" / "x.txt"
    digests = [write_file(first, 10, seed=1), write_file(second, 20, seed=2)]
    ids = [env.run(upload=p).asset_id for p in (first, second)]
    assert len(set(ids)) == 2
    saved = [env.run(download=i, dest=env.tmp / "same") for i in ids]
    assert sorted(Path(s.saved_path).name for s in saved) == ["x (1).txt", "x.txt"]
    assert sorted(md5_of(Path(s.saved_path)) for s in saved) == sorted(digests)


# -- credentials ---------------------------------------------------------------------------------------------------
@case("Wrong API key", "'rejected the API key'; not retried")
def test_wrong_key(env):
    path = env.tmp / "a.txt"
    write_file(path, 10)
    wrong = connect("filespin", env.provider.http, env.provider.base_url, "sbx_wrong")
    item = env.run(upload=path, provider=wrong)
    assert item.status is Status.FAILED and item.attempt == 1 and "rejected the API key" in item.error_message


@case("Keyring unavailable", "'No usable keyring ... gnome-keyring'; the item fails in words")
def test_keyring_unavailable(env, monkeypatch):
    import keyring
    from keyring.backends import fail

    from assetdrop.core import settings
    from assetdrop.core.session import AppSession

    monkeypatch.setattr(keyring, "get_keyring", lambda: fail.Keyring())  # what a machine without one has
    conf = settings.Settings(current_profile="P")
    conf.upsert(settings.Profile("P", base_url=env.sandbox.api_url))
    session = AppSession(conf, store_path=env.tmp / "s.sqlite3", settings_path=env.tmp / "settings.json")
    path = env.tmp / "a.txt"
    write_file(path, 10)
    item = env.run(upload=path, context=session.job_context)
    session.close()
    assert item.status is Status.FAILED and item.error_title == "No keyring available"
    assert "gnome-keyring" in item.error_message


@case("Unknown asset ID (404)", "'ASSET_NOT_FOUND'; not retried (no hammering)")
def test_unknown_asset(env):
    item = env.run(download="0" * 32)
    assert item.status is Status.FAILED and item.attempt == 1 and "ASSET_NOT_FOUND" in item.error_message
