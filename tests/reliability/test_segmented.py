"""Big downloads over several connections (core/transfer/parallel.py), through the real queue and over real
sockets: the sandbox's storage behind a fault proxy (tests/support/fault_proxy.py), itself behind the user-space
WAN emulator (tests/support/wan_emulator.py, 20 ms RTT and 80 Mbit/s per connection), so the download meets what
makes it split: a round trip, and a cap per connection. Uploads go straight to the fault proxy (no WAN: quick).

Each case checks what it names on the storage's own record of the requests it received (Range, If-Range), and
ends with the file byte-identical under its final name and no temporary file left.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from assetdrop.core import settings
from assetdrop.core.http import HttpClient
from assetdrop.core.providers.registry import connect
from assetdrop.core.queue.items import Status
from assetdrop.core.queue.store import QueueStore
from assetdrop.core.queue.transfer_queue import JobContext, TransferQueue
from assetdrop.core.transfer import download as download_module
from assetdrop.core.transfer import parallel, partfile, throttle
from assetdrop.core.transfer.download import ConflictPolicy
from assetdrop.core.transfer.retry import RetryPolicy
from assetdrop.core.transfer.stall import StallPolicy
from tests.conftest import md5_of, write_file
from tests.reliability.rig import run_to_end
from tests.support.fault_proxy import Fault, FaultProxy
from tests.support.wan_emulator import WanEmulator

MiB = 1024 * 1024
SIZE = 40 * MiB  # above parallel.MIN_SIZE (32 MiB)
case = pytest.mark.case


@pytest.fixture(scope="module")
def wan_rig(tmp_path_factory):
    from assetdrop.sandbox.server import Sandbox

    with Sandbox(tmp_path_factory.mktemp("segmented-sandbox")) as sandbox, WanEmulator(rtt=0.02, mbit=80) as wan:
        faults = FaultProxy(sandbox.storage.host, sandbox.storage.port)
        route = wan.front(("127.0.0.1", int(faults.url.rsplit(":", 1)[1])), name="storage")
        yield sandbox, faults, route
        faults.close()


class Env:
    def __init__(self, sandbox, faults: FaultProxy, route, tmp: Path):
        self.sandbox, self.faults, self.route, self.tmp = sandbox, faults, route, tmp
        self.http = HttpClient(timeout=(5, 5))
        self.provider = connect("filespin", self.http, sandbox.api_url, sandbox.api_key)
        self.queue = TransferQueue(store=QueueStore(tmp / "queue.sqlite3"))
        self.dest = tmp / "down"

    def context(self, **kwargs) -> JobContext:
        return JobContext(self.provider, self.dest, ConflictPolicy.RENAME, RetryPolicy(4, 0.05, 0.2), **kwargs)

    def uploaded(self, name: str, seed: int = 0) -> tuple[str, str]:
        """An asset of SIZE bytes, uploaded past the WAN (to the fault proxy directly)."""
        self.sandbox.storage.public_endpoint = self.faults.url
        try:
            source = self.tmp / "src" / name
            digest = write_file(source, SIZE, seed=seed)
            [item_id] = self.queue.add_uploads([source], "P")
            item = run_to_end(self.queue, item_id, self.context())
            assert item.status is Status.DONE, item.status_text
            source.unlink()
            return item.asset_id, digest
        finally:
            self.sandbox.storage.public_endpoint = self.route.url  # downloads cross the WAN

    def gets_since(self, mark: int) -> list:
        return [r for r in self.sandbox.storage.received[mark:] if r.method == "GET"]

    def mark(self) -> int:
        return len(self.sandbox.storage.received)

    def fresh_connections(self) -> None:
        """Drop pooled keep-alive connections, so the next requests dial through the planned faults."""
        self.http.session.close()


@pytest.fixture
def env(wan_rig, tmp_path):
    sandbox, faults, route = wan_rig
    faults.plan.clear()
    environment = Env(sandbox, faults, route, tmp_path)
    yield environment
    sandbox.storage.public_endpoint = faults.url
    environment.http.close()


def ranges_of(gets) -> list[tuple[int, int]]:
    """[first, last] of each Range asked for (last inclusive), in the order the storage received them."""
    found = []
    for get in gets:
        match = re.fullmatch(r"bytes=(\d+)-(\d+)", get.headers.get("Range", ""))
        if match:
            found.append((int(match.group(1)), int(match.group(2))))
    return found


def within(asked: list[tuple[int, int]], left: list) -> bool:
    """Every range asked for lies inside one of the ranges an earlier attempt left ([start, end))."""
    return all(any(start <= first and last < end for start, end in left) for first, last in asked)


def done_identical(item, digest: str) -> None:
    assert item.status is Status.DONE, item.status_text
    saved = Path(item.saved_path)
    assert md5_of(saved) == digest and saved.stat().st_size == SIZE
    assert not [p for p in os.listdir(saved.parent) if partfile.is_partial(p)]


def download(env: Env, asset_id: str, **context) -> object:
    [item_id] = env.queue.add_downloads([asset_id], "P")
    return run_to_end(env.queue, item_id, env.context(**context))


@case("A 40 MiB download 20 ms away", "4 to 8 connections, each a Range with If-Range on the ETag; byte-identical")
def test_big_download_over_a_wan_uses_several_connections(env):
    asset_id, digest = env.uploaded("big.bin")
    mark, connections = env.mark(), env.route.connections
    item = download(env, asset_id)
    done_identical(item, digest)
    gets = env.gets_since(mark)
    whole, *pieces = gets
    assert "Range" not in whole.headers  # the first answer is the whole file; it says it takes ranges
    assert 3 <= len(pieces) and all(get.headers.get("If-Range") == f'"{digest}"' for get in pieces)
    asked = ranges_of(pieces)
    assert len(asked) == len(pieces) and all(first > 0 and last < SIZE for first, last in asked)
    assert env.route.connections - connections >= 4  # several at once over the WAN, not one after another
    assert item.attempt == 1


class Watched(parallel.ParallelDownload):
    """ParallelDownload that keeps what the tests below look at: how many connections were open at once, and how
    much of the file was left to hash once its last byte had arrived (the MD5 tail after the download)."""

    seen: list[Watched] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.tail: int | None = None
        Watched.seen.append(self)

    def _hash_upto(self, front: int) -> None:
        if front == self._size and self.tail is None:
            self.tail = front - self._hashed
        super()._hash_upto(front)


@pytest.fixture
def watched(monkeypatch):
    Watched.seen = []
    monkeypatch.setattr(download_module, "ParallelDownload", Watched)
    return Watched.seen


@case("A 40 MiB download 20 ms away, throughput never looked at", "all 8 connections open in the first round trip")
def test_over_a_wan_every_connection_opens_at_once(env, watched, monkeypatch):
    asset_id, digest = env.uploaded("at-once.bin", seed=8)
    monkeypatch.setattr(parallel, "GROW_EVERY", 1e9)  # no look at the throughput: only FAR can open them all
    mark = env.mark()
    done_identical(download(env, asset_id, connections=8), digest)
    [run] = watched
    assert run.connections == 8  # the ramp (4, then 6, 8 while throughput grows) would stop at START_CONNECTIONS
    assert len(ranges_of(env.gets_since(mark))) >= 7


@case("A 40 MiB download 20 ms away", "the MD5 keeps up: little of the file is left to hash after its last byte")
def test_the_md5_follows_the_bytes_not_one_connection(env, watched):
    asset_id, digest = env.uploaded("front.bin", seed=9)
    done_identical(download(env, asset_id, connections=8), digest)
    [run] = watched
    # Eight equal ranges would leave the front at the first range's end (5 MiB) until the end: 35 MiB to hash
    # after the last byte. Front-first ranges (SKEW) and connections that help the front (FRONT_HELP) keep it near.
    assert run.connections == 8 and run.tail is not None
    assert run.tail <= SIZE // 4, f"{run.tail / MiB:.1f} MiB left to hash after the last byte"


@case("One of the connections is reset mid-range", "retried; only the missing ranges are asked for; byte-identical")
def test_a_reset_connection_resumes_each_range_left(env):
    asset_id, digest = env.uploaded("reset.bin", seed=1)
    env.fresh_connections()
    # The whole answer, one range, then a cut range. Ranges are laid out front-first (parallel.SKEW: the shortest
    # after the first answer's is 1.5 MiB of 40), and which one comes third is the race of connections opened at
    # once: the cut comes within 1 MiB, so whichever it is, it is cut.
    env.faults.then(None, None, Fault("reset", after=1 * MiB))
    [item_id] = env.queue.add_downloads([asset_id], "P")
    env.queue.run(*env.queue.next_job(timeout=30), lambda item: env.context())
    assert env.queue.get(item_id).status is Status.RETRYING
    left = json.loads(env.queue.get(item_id).resume_state)["left"]
    missing = sum(end - start for start, end in left)
    assert 0 < missing < SIZE
    mark = env.mark()
    item = run_to_end(env.queue, item_id, env.context())
    done_identical(item, digest)
    assert item.attempt == 2
    asked = ranges_of(env.gets_since(mark))
    assert len(asked) == len(env.gets_since(mark)) and asked[0][0] == left[0][0]  # no byte 0 again
    assert within(asked, left)  # only bytes that were missing (a range split in flight is asked for in part again)


@case("The file changed on the server between two attempts", "If-Range misses, 200: started over whole; identical")
def test_a_changed_file_starts_over(env):
    asset_id, digest = env.uploaded("changed.bin", seed=2)
    env.dest.mkdir(parents=True, exist_ok=True)
    part, fd = partfile.create(env.dest)
    os.ftruncate(fd, SIZE)  # what an earlier attempt of an older version left: preallocated, two ranges missing
    os.close(fd)
    left = [[0, 10 * MiB], [20 * MiB, SIZE]]
    [item_id] = env.queue.add_downloads([asset_id], "P")
    state = {"part": str(part), "name": "changed.bin", "etag": '"an-older-version"', "size": SIZE, "left": left}
    env.queue._items[item_id].resume_state = json.dumps(state)
    env.queue._items[item_id].part_path = str(part)
    mark = env.mark()
    item = run_to_end(env.queue, item_id, env.context())
    done_identical(item, digest)
    first = env.gets_since(mark)[0]
    assert first.headers["Range"] == f"bytes=0-{10 * MiB - 1}" and first.headers["If-Range"] == '"an-older-version"'
    assert not part.exists() and item.attempt == 1


@case("One connection trickles (stall floor 2 s)", "the attempt is given up and retried; ranges resumed; identical")
def test_a_trickling_connection_is_a_stall(env):
    asset_id, digest = env.uploaded("trickle.bin", seed=3)
    env.fresh_connections()
    env.faults.then(None, Fault("trickle", after=2 * MiB, trickle_delay=0.5))
    item = download(env, asset_id, stall=StallPolicy(2, 64 * 1024))
    done_identical(item, digest)
    assert item.attempt == 2


@case("The bandwidth limit with several connections (8 MiB/s)", "held across all of them together; identical")
def test_the_bandwidth_limit_holds_across_connections(env):
    asset_id, digest = env.uploaded("limited.bin", seed=4)
    mark = env.mark()
    throttle.DOWNLOAD.set_limit(8 * 1024)
    try:
        started = time.monotonic()
        item = download(env, asset_id)
        seconds = time.monotonic() - started
    finally:
        throttle.DOWNLOAD.set_limit(0)
    done_identical(item, digest)
    assert len(env.gets_since(mark)) >= 2, "one connection only: the limit was not tested across several"
    rate = SIZE / seconds / MiB
    # The limit is a ceiling (a quarter second of burst over 5 s is 5%). Below it, this machine's load (the timed
    # span includes the API calls and the last MD5; it fell below 6.0 once on this loaded machine)
    # and a limit stricter than set: 4 MiB/s still tells a limit twice too strict, not a loaded machine.
    assert 4.0 <= rate <= 8 * 1.08, f"{rate:.2f} MiB/s under an 8 MiB/s limit"


@case("Cancelled mid-download", "every connection stops; no temporary file, nothing under the final name")
def test_cancel_stops_every_connection(env):
    asset_id, _ = env.uploaded("cancel.bin", seed=5)
    throttle.DOWNLOAD.set_limit(8 * 1024)  # about 5 s: time to cancel in the middle
    try:
        [item_id] = env.queue.add_downloads([asset_id], "P")
        job = env.queue.next_job(timeout=30)
        timer = threading.Timer(1.5, env.queue.cancel, args=(item_id,))
        timer.start()
        env.queue.run(*job, lambda item: env.context())
        timer.join()
    finally:
        throttle.DOWNLOAD.set_limit(0)
    item = env.queue.get(item_id)
    assert item.status is Status.CANCELLED, item.status_text
    assert not env.dest.exists() or not os.listdir(env.dest)


@case("Near and fast: one stream is enough", "no Range asked for when one connection outruns ONE_IS_ENOUGH")
def test_a_near_fast_server_gets_one_connection(env, monkeypatch):
    asset_id, digest = env.uploaded("near.bin", seed=6)
    env.sandbox.storage.public_endpoint = env.faults.url  # loopback, no WAN: the answer's headers come back at once
    monkeypatch.setattr(parallel, "ONE_IS_ENOUGH", 1.0)  # whatever this machine's load: one stream is "enough"
    mark = env.mark()
    done_identical(download(env, asset_id), digest)
    assert len(env.gets_since(mark)) == 1
    # Near but slow (here held to 20 MiB/s, so it outlasts the probe) and not enough: split all the same.
    monkeypatch.setattr(parallel, "ONE_IS_ENOUGH", 1e15)
    mark = env.mark()
    throttle.DOWNLOAD.set_limit(20 * 1024)
    try:
        done_identical(download(env, asset_id), digest)
    finally:
        throttle.DOWNLOAD.set_limit(0)
    assert len(env.gets_since(mark)) >= 4


@case("The downloading process is SIGKILLed, then `resume`", "each range resumed from the queue; byte-identical")
def test_a_killed_segmented_download_resumes_its_ranges(env, tmp_path):
    asset_id, digest = env.uploaded("killed.bin", seed=7)
    settings.save(settings.Settings(download_limit_kib=8 * 1024, retry_base_delay=0.1))  # ~5 s: time to kill it
    cli = [sys.executable, "-m", "assetdrop.cli", "--api-url", env.sandbox.api_url]
    cli_env = dict(os.environ, ASSETDROP_API_KEY=env.sandbox.api_key)
    dest = tmp_path / "cli-down"
    first = subprocess.Popen([*cli, "download", "--queued", "--dest", str(dest), asset_id], env=cli_env)
    queue_file = Path(os.environ["ASSETDROP_HOME"])
    try:
        deadline = time.monotonic() + 30
        while not _saved_ranges(queue_file):
            assert time.monotonic() < deadline and first.poll() is None, "no ranges were saved"
            time.sleep(0.1)
        time.sleep(1.2)  # past one more save of what is left
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        if first.poll() is None:
            first.kill()
    left = _saved_ranges(queue_file)
    assert left and sum(end - start for start, end in left) < SIZE
    mark = env.mark()
    settings.save(settings.Settings(retry_base_delay=0.1))
    done = subprocess.run([*cli, "resume"], env=cli_env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    [saved] = [p for p in dest.iterdir()]
    assert saved.name == "killed.bin" and md5_of(saved) == digest
    asked = ranges_of(env.gets_since(mark))
    assert asked and asked[0][0] == left[0][0]  # the first range left, not byte 0 again
    assert within(asked, left)


def _saved_ranges(home: Path) -> list[tuple[int, int]]:
    """The ranges the queue file (under ASSETDROP_HOME) says are still missing, read as another process would."""
    found = list(home.rglob("queue.sqlite3"))
    if not found:
        return []
    try:
        with sqlite3.connect(f"file:{found[0]}?mode=ro", uri=True, timeout=1) as db:
            rows = db.execute("SELECT resume_state FROM transfers WHERE direction = 'download'").fetchall()
    except sqlite3.Error:
        return []
    for (state,) in rows:
        left = json.loads(state or "{}").get("left")
        if left:
            return [(int(a), int(b)) for a, b in left]
    return []
