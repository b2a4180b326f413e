"""Faults found in the field (issue 16), each a class of failure: temporary names that met real ones, short bodies
with nothing stated, redirects on uploads, stalls, answers that cost too much to read, orphans, odd names,
damaged state and secrets at rest. Real sandbox, real proxies, real processes; each case asserts what a person
sees and that nothing is lost."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
import tracemalloc
from pathlib import Path

import pytest

from assetdrop.core import errors, paths, settings
from assetdrop.core.http import HttpClient
from assetdrop.core.providers.registry import connect
from assetdrop.core.queue.items import Status
from assetdrop.core.queue.store import QueueStore
from assetdrop.core.queue.transfer_queue import JobContext, TransferQueue
from assetdrop.core.session import QUEUE_DB
from assetdrop.core.transfer import partfile
from assetdrop.core.transfer.download import ConflictPolicy
from assetdrop.core.transfer.retry import RetryPolicy
from assetdrop.core.transfer.stall import StallPolicy
from tests.conftest import md5_of, write_file
from tests.reliability.rig import Env, run_to_end
from tests.support.fault_proxy import Fault, http_response
from tests.support.malicious_server import MaliciousServer

CLI = [sys.executable, "-m", "assetdrop.cli"]
MiB = 1024 * 1024
case = pytest.mark.case


def _listing(folder: Path) -> list[str]:
    return sorted(os.listdir(folder)) if folder.exists() else []


# -- temporary names ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("policy", [ConflictPolicy.OVERWRITE, ConflictPolicy.SKIP, ConflictPolicy.RENAME])
@case("Assets named clip and clip.part downloaded together", "each under its own name, byte-identical; no temp left")
def test_a_temporary_name_never_meets_a_real_one(env: Env, policy):
    clip, clip_digest = env.uploaded(name="clip", size=3 * MiB)
    part, part_digest = env.uploaded(name="clip.part", size=2 * MiB)
    dest = env.tmp / f"down-{policy.value}"
    queue = TransferQueue(store=QueueStore(env.tmp / f"q-{policy.value}.sqlite3"), concurrency=2)
    context = JobContext(env.provider, dest, policy, RetryPolicy(3, 0.05, 0.2))
    ids = queue.add_downloads([clip, part], "P")

    def work() -> None:
        while (job := queue.next_job(timeout=2)) is not None:
            queue.run(*job, lambda item: context)

    workers = [threading.Thread(target=work) for _ in range(2)]  # both at once: their temporary files meet
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    items = {i: queue.get(i) for i in ids}
    assert all(item.status is Status.DONE for item in items.values()), [i.status_text for i in items.values()]
    assert _listing(dest) == ["clip", "clip.part"]
    assert md5_of(dest / "clip") == clip_digest and md5_of(dest / "clip.part") == part_digest


@case("A temporary file replaced before it is given its name", "refused in words; the other file kept, not renamed")
def test_the_final_name_must_be_the_file_written(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    part, fd = partfile.create(folder)
    os.write(fd, b"what was downloaded")
    written = os.fstat(fd)
    os.close(fd)
    assert part.name.startswith(".assetdrop-") and part.suffix == ".part"
    os.unlink(part)
    part.write_bytes(b"someone else's bytes, same name")  # another program swapped it in
    with pytest.raises(errors.LocalFileError, match="replaced by another program"):
        partfile.finalize(part, folder / "final.bin", ConflictPolicy.OVERWRITE, written)


# -- short bodies -------------------------------------------------------------------------------------------------
def _fake_filespin(server: MaliciousServer, data: bytes, sent: bytes, name: str = "short.bin") -> None:
    """A FileSpin whose link serves `sent` (close-delimited: no length, no ETag) for an asset of `data`."""
    digest = hashlib.md5(data).hexdigest()
    server.json("/api/v1/assets/a1/get_link", json.dumps({"url": server.url + "/f"}))
    server.json("/api/v1/assets/a1/data", json.dumps({"id": "a1", "name": name, "size": len(data), "checksum": digest}))

    def body(h):
        h.close_connection = True
        h.head(
            200,
            {
                "Content-Type": "application/octet-stream",
                "Connection": "close",
                "Content-Disposition": f'attachment; filename="{name}"',
            },
        )
        h.body(sent)

    server.route("/f", body)


@case("A body cut short with no Content-Length and no ETag", "checked against the asset data; no file saved")
def test_a_short_body_with_nothing_stated_is_checked_against_the_asset_data(tmp_path):
    data = os.urandom(300_000)
    with MaliciousServer() as server, HttpClient() as http:
        _fake_filespin(server, data, data[:200_000])
        provider = connect("filespin", http, server.url, "k")
        with pytest.raises(errors.ProtocolError, match=r"cut short: 200,000 of 300,000 bytes"):
            provider.download("a1", tmp_path / "d")
        assert _listing(tmp_path / "d") == []
        _fake_filespin(server, data, data[:150_000] + b"\0" * 150_000)  # the right length, other bytes
        with pytest.raises(errors.ProtocolError, match="do not match the server's checksum"):
            provider.download("a1", tmp_path / "d")
        assert _listing(tmp_path / "d") == []
        _fake_filespin(server, data, data)
        assert md5_of(provider.download("a1", tmp_path / "d").path) == hashlib.md5(data).hexdigest()


# -- redirects on an upload ---------------------------------------------------------------------------------------
@case("A 302 on the presigned POST", "fails in words; nothing stored, nothing registered")
def test_a_302_on_the_storage_post_is_a_failure(env: Env):
    path = env.tmp / "redirected.bin"
    write_file(path, 100_000)
    before = len(env.sandbox.assets())
    location = env.sandbox.storage.url + "/elsewhere"
    env.inject(env.storage, Fault("respond", response=http_response(302, "Found", headers={"Location": location})))
    item = env.run(upload=path, attempts=1)
    assert item.status is Status.FAILED and "redirect (HTTP 302)" in item.error_message, item.status_text
    assert len(env.sandbox.assets()) == before
    assert not [r for r in env.sandbox.storage.received if "elsewhere" in r.path]


@case("A 307 on the presigned POST", "the whole body sent again; registered once")
def test_a_307_on_the_storage_post_sends_the_whole_body_again(env: Env):
    path = env.tmp / "again.bin"
    digest = write_file(path, 3 * MiB)
    target = env.provider.content_storage_url(path.name)  # where the bytes should go: the storage, not the proxy
    real = env.sandbox.storage.url + "/" + target.url.split("/", 3)[3]
    env.inject(
        env.storage, Fault("respond", response=http_response(307, "Temporary Redirect", headers={"Location": real}))
    )
    started = time.monotonic()
    item = env.run(upload=path, attempts=1)
    assert item.status is Status.DONE, item.status_text
    assert time.monotonic() - started < 15
    assert [a["checksum"] for a in env.sandbox.assets() if a["id"] == item.asset_id] == [digest]


# -- stalls -------------------------------------------------------------------------------------------------------
@case("An API that accepts the connection and never answers", "'no answer from … for 2 s', retried, then given up")
def test_an_api_that_never_answers_is_named_and_retried(tmp_path):
    import socket

    listener = socket.create_server(("127.0.0.1", 0))  # accepts (the kernel does) and never answers
    url = f"http://127.0.0.1:{listener.getsockname()[1]}"
    queue = TransferQueue()
    with HttpClient(timeout=(2, 2)) as http:
        provider = connect("filespin", http, url, "k")
        source = tmp_path / "x.bin"
        write_file(source, 10)
        [item_id] = queue.add_uploads([source], "P")
        seen = []
        queue._on_change = seen.append
        started = time.monotonic()
        item = run_to_end(
            queue, item_id, JobContext(provider, tmp_path, ConflictPolicy.RENAME, RetryPolicy(2, 0.1, 0.1))
        )
    listener.close()
    assert (
        item.status is Status.FAILED
        and f"No answer from 127.0.0.1:{url.rsplit(':', 1)[1]} for 2 s" in item.error_message
    )
    waiting = [s.status_text for s in seen if s.status is Status.RETRYING]
    assert waiting and "(attempt 2 of 2): No answer from" in waiting[0]
    assert time.monotonic() - started < 15  # 2 attempts of 2 s, not minutes of hidden retries


@case("A download dripping a byte a second", "given up as stalled, retried; byte-identical")
def test_a_dripping_download_is_given_up_and_retried(env: Env):
    asset_id, digest = env.uploaded(size=300_000)
    env.inject(env.storage, Fault("trickle", after=5000, trickle_delay=0.2))  # 5 bytes a second, under the read timeout
    context = JobContext(
        env.provider,
        env.tmp / "down",
        ConflictPolicy.RENAME,
        RetryPolicy(3, 0.05, 0.2),
        stall=StallPolicy(seconds=2, min_bytes=1024),
    )
    started = time.monotonic()
    item = env.run(download=asset_id, context=context)
    assert item.status is Status.DONE and item.attempt == 2, item.status_text
    assert md5_of(Path(item.saved_path)) == digest and time.monotonic() - started < 20


# -- answers that cost too much -----------------------------------------------------------------------------------
@case("search --limit 1 against a server listing 3,000 IDs", "one asset fetched, not 3,000")
def test_a_search_fetches_only_what_is_shown(tmp_path):
    with MaliciousServer() as server, HttpClient() as http:
        ids = [f"{i:032x}" for i in range(3000)]
        server.json("/api/v1/search", json.dumps({"result": ids, "search_result_id": "s", "total_pages": 1}))
        for asset in ids[:3]:
            server.json(f"/api/v1/assets/{asset}/data", json.dumps({"id": asset, "name": "n", "size": 1}))
        found = connect("filespin", http, server.url, "k").search("", page_size=1)
    assert [item.asset_id for item in found.items] == ids[:1]
    assert len([r for r in server.received if r.target.endswith("/data")]) == 1


@pytest.mark.parametrize(
    "payload, words",
    [
        (b"[" + b"{}," * (5 * MiB) + b"{}]", "too many parts"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'{"url": 12345}', "holds no link"),
    ],
    ids=["16 MiB of empty objects", "nested 100,000 deep", "numeric url"],
)
@case("Answers that would cost too much to read, or have the wrong shape", "refused in words; memory bounded")
def test_an_answer_that_costs_too_much_is_refused_in_words(tmp_path, payload, words):
    with MaliciousServer() as server, HttpClient() as http:
        server.json("/api/v1/assets/a1/get_link", payload)
        provider = connect("filespin", http, server.url, "k")
        tracemalloc.start()
        with pytest.raises(errors.ProtocolError, match=words):
            provider.get_link("a1")
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert peak < 100 * MiB, f"reading the answer took {peak / MiB:.0f} MiB"


# -- orphans ------------------------------------------------------------------------------------------------------
@case("A partial download left by a failed download", "removed by assetdrop-cli clean; old ones swept at start")
def test_partial_downloads_are_removed_by_clean_and_swept_when_old(tmp_path):
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    settings.save(settings.Settings(download_dir=str(downloads)))
    kept = downloads / "a real file.part"  # a user's own file that happens to end in .part
    kept.write_bytes(b"mine")
    orphan, fd = partfile.create(downloads)
    os.write(fd, b"x" * 5000)
    os.close(fd)
    old = time.time() - 3600
    os.utime(orphan, (old, old))
    result = subprocess.run([*CLI, "clean"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["1", "5000"]
    assert _listing(downloads) == ["a real file.part"]

    stale, fd = partfile.create(downloads)
    os.close(fd)
    ancient = time.time() - partfile.STALE_AFTER - 60
    os.utime(stale, (ancient, ancient))
    fresh, fd = partfile.create(downloads)
    os.close(fd)
    os.utime(fresh, (old, old))  # an hour old: a paused download's, perhaps; not swept
    from assetdrop.core.session import AppSession

    session = AppSession(settings.load())
    try:
        deadline = time.monotonic() + 10
        while stale.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        session.close()
    assert not stale.exists() and fresh.exists() and kept.exists()


# -- names --------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "disposition, expected",
    [
        ('attachment; filename=".env"', ".env"),
        ('attachment; filename="café.txt"'.encode().decode("latin-1"), "café.txt"),
    ],
    ids=["leading dot", "raw UTF-8"],
)
@case("Names: a leading dot, raw UTF-8 in filename=", "kept as sent (.env, café.txt)")
def test_names_are_kept_as_the_server_meant_them(tmp_path, disposition, expected):
    with MaliciousServer() as server, HttpClient() as http:
        server.json("/api/v1/assets/a1/get_link", json.dumps({"url": server.url + "/f"}))
        server.route(
            "/f", lambda h: (h.head(200, {"Content-Length": "3", "Content-Disposition": disposition}), h.body(b"abc"))
        )
        saved = connect("filespin", http, server.url, "k").download("a1", tmp_path / "d")
    assert saved.path.name == expected and saved.path.read_bytes() == b"abc"


# -- damaged state and secrets at rest ----------------------------------------------------------------------------
@case(
    "A garbage queue file and a garbage settings file", "moved aside with a date, said in one line each; work goes on"
)
def test_damaged_state_is_moved_aside_and_the_command_goes_on(sandbox, tmp_path):
    settings.settings_path().write_text("{ this is not json")
    (paths.data_dir() / QUEUE_DB).write_bytes(b"garbage " * 1000)
    source = tmp_path / "fine.bin"
    digest = write_file(source, 1000)
    result = subprocess.run(
        [*CLI, "--api-url", sandbox.api_url, "upload", "--queued", str(source)],
        capture_output=True,
        text=True,
        env=dict(os.environ, ASSETDROP_API_KEY=sandbox.api_key),
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and "Traceback" not in result.stderr
    assert "settings file was damaged; it was moved to" in lines[0] and "queue file was damaged" in lines[1]
    assert [a["checksum"] for a in sandbox.assets() if a["id"] == result.stdout.split("\t")[0]] == [digest]
    assert list(paths.config_dir().glob("settings.json.damaged-*")) and list(
        paths.data_dir().glob(f"{QUEUE_DB}.damaged-*")
    )


@case("An upload that failed for good", "no signed POST fields left in the queue file")
def test_a_failed_upload_keeps_no_signed_fields(env: Env):
    path = env.tmp / "doomed.bin"
    write_file(path, 50_000)
    store_path = env.tmp / "secrets.sqlite3"
    queue = TransferQueue(store=QueueStore(store_path))
    [item_id] = queue.add_uploads([path], "P")
    env.inject(env.storage, *[Fault("reset_upload", after=1000)] * 2)
    context = JobContext(env.provider, env.tmp, ConflictPolicy.RENAME, RetryPolicy(2, 0.05, 0.1))
    item = run_to_end(queue, item_id, context)
    assert item.status is Status.FAILED and item.resume_state == ""
    queue._store.close()  # folds the write-ahead log in (it also does so every few seconds)
    db = sqlite3.connect(store_path)
    stored = " ".join(str(v) for row in db.execute("SELECT * FROM transfers") for v in row)
    db.close()
    assert "x-amz-signature" not in stored.lower() and "policy" not in stored.lower()
    raw = b"".join(Path(f).read_bytes() for f in [store_path, *store_path.parent.glob("secrets.sqlite3-*")])
    assert b"x-amz-signature" not in raw.lower()  # not in a free page or the WAL either (secure_delete)


@case(
    "A newline, a tab and a FIFO among the files of a dropped folder",
    "one line per file, escaped; FIFO named, never opened",
)
def test_odd_names_and_special_files_on_the_command_line(sandbox, tmp_path):
    import socket as socketlib

    folder = tmp_path / "drop"
    folder.mkdir()
    odd = folder / "two\nlines\tname.txt"
    digest = write_file(odd, 100)
    os.mkfifo(folder / "pipe")
    server = socketlib.socket(socketlib.AF_UNIX)
    server.bind(str(folder / "sock"))
    result = subprocess.run(
        [*CLI, "--api-url", sandbox.api_url, "upload", str(folder)],
        capture_output=True,
        text=True,
        env=dict(os.environ, ASSETDROP_API_KEY=sandbox.api_key),
        timeout=60,
    )
    server.close()
    assert result.returncode == 1  # two inputs could not be uploaded, and said so
    [line] = result.stdout.splitlines()
    assert line.split("\t")[1] == f"{folder}/two\\nlines\\tname.txt"
    assert sorted(result.stderr.splitlines()) == [
        f"assetdrop-cli: {folder}/pipe: a named pipe, not a regular file",
        f"assetdrop-cli: {folder}/sock: a socket, not a regular file",
    ]
    assert [a["checksum"] for a in sandbox.assets() if a["id"] == line.split("\t")[0]] == [digest]
