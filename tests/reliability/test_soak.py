"""The soak: a mixed queue of 300 transfers (200 uploads, 100 downloads) run by real `assetdrop-cli resume`
processes through real proxies that break half the (kept-alive) storage connections and one API request in ten
(resets, drips, cut bodies, 5xx, 429), the running process SIGKILLed twice along the way.

At the end every file is registered exactly once, every download is byte-identical, nothing stands under a
final name that is not complete, and no temporary file is left. Bounded in time; prints its counts.
"""

from __future__ import annotations

import collections
import os
import random
import signal
import subprocess
import sys
import time

import pytest

from assetdrop.core import settings
from assetdrop.core.credentials import CredentialStore
from assetdrop.core.http import HttpClient
from assetdrop.core.providers.endpoint import Endpoint
from assetdrop.core.providers.registry import connect
from assetdrop.core.queue.items import QueueOptions, Status
from assetdrop.core.session import AppSession
from tests.conftest import md5_of, write_file
from tests.support.api_fault_proxy import ApiFaultProxy, Rule
from tests.support.fault_proxy import Fault, FaultProxy, http_response

CLI = [sys.executable, "-m", "assetdrop.cli"]
UPLOADS, DOWNLOADS = 200, 100
FAULT_RATE = 0.10  # of API requests
# Storage connections are kept alive and carry many transfers each (a handful per process), so one in ten of them
# would break almost nothing: half of them break, somewhere in their first 4 MB (a few dozen transfers).
STORAGE_FAULT_RATE, STORAGE_FAULT_WITHIN = 0.5, 4_000_000
DEADLINE = 170  # seconds for the whole run, kills and restarts included


def storage_fault(rng: random.Random):
    def pick() -> Fault | None:
        if rng.random() >= STORAGE_FAULT_RATE:
            return None
        kind = rng.choice(["reset", "close", "trickle", "reset_upload", "respond"])
        if kind == "trickle":  # a drip: the stall floor
            return Fault("trickle", after=rng.randrange(0, STORAGE_FAULT_WITHIN), trickle_delay=0.5)
        if kind == "respond":
            return Fault("respond", response=http_response(503, "Service Unavailable", b"busy"))
        return Fault(kind, after=rng.randrange(0, STORAGE_FAULT_WITHIN))

    return pick


def api_fault(rng: random.Random):
    def pick(method: str, target: str) -> Rule | None:
        if rng.random() >= FAULT_RATE:
            return None
        choice = rng.choice(["500-after", "503", "429", "reset"])
        if choice == "500-after":
            return Rule(method, ".", after="500")  # the server acted; the answer is lost
        if choice == "429":
            return Rule(method, ".", respond=(429, b'{"error": {"message": "slow down"}}', {"Retry-After": "1"}))
        if choice == "503":
            return Rule(method, ".", respond=(503, b"<html>maintenance</html>", {"Content-Type": "text/html"}))
        return Rule(method, ".", reset=True)

    return pick


def _failed_items() -> list[str]:
    import sqlite3

    from assetdrop.core import paths
    from assetdrop.core.session import QUEUE_DB

    db = sqlite3.connect(paths.data_dir() / QUEUE_DB)
    try:
        rows = db.execute("SELECT source, status, error_message FROM transfers WHERE status != 'done'").fetchall()
    finally:
        db.close()
    return [f"{source}: {status}: {message}" for source, status, message in rows]


@pytest.mark.slow
def test_soak_300_mixed_transfers_under_faults_and_two_kills(tmp_path):
    from assetdrop.sandbox.server import Sandbox

    rng = random.Random(20261202)
    with Sandbox(tmp_path / "sandbox") as sandbox:
        # assets to download, uploaded beforehand and directly (their names and bytes are what is checked)
        sources = tmp_path / "to-download"
        expected: dict[str, str] = {}
        processing_delay, sandbox.processing_delay = sandbox.processing_delay, 0  # setup: no wait for each
        with HttpClient() as http:
            direct = connect("filespin", http, sandbox.api_url, sandbox.api_key)  # paced to its budget
            download_ids = []
            for i in range(DOWNLOADS):
                path = sources / f"dl-{i:03d}.bin"
                expected[path.name] = write_file(path, rng.randrange(1, 300_000), seed=10_000 + i)
                download_ids.append(direct.upload(path).asset_id)
        sandbox.processing_delay = processing_delay  # the soak's own uploads are processed as usual
        uploads = tmp_path / "to-upload"
        upload_digests = {
            write_file(uploads / f"up-{i:03d}.bin", rng.randrange(0, 120_000), seed=i) for i in range(UPLOADS)
        }

        storage = FaultProxy(sandbox.storage.host, sandbox.storage.port)
        storage.chaos = storage_fault(rng)
        sandbox.storage.public_endpoint = storage.url
        api = ApiFaultProxy(sandbox.api_url)
        api.chaos = api_fault(rng)
        dest = tmp_path / "downloaded"
        settings.save(
            settings.Settings(
                retry_attempts=10, retry_base_delay=0.2, retry_max_delay=2.0, stall_seconds=2, stall_min_bytes=1024
            )
        )
        endpoint = Endpoint("filespin", api.url, {})
        session = AppSession(settings.load(), credentials=CredentialStore(session_only=True))
        try:
            options = QueueOptions(endpoint=endpoint)
            session.queue.add_uploads(sorted(uploads.iterdir()), "command-line", options)
            session.queue.add_downloads(
                download_ids, "command-line", options=QueueOptions(endpoint=endpoint, dest=str(dest))
            )
        finally:
            session.close()

        env = dict(os.environ, ASSETDROP_API_KEY=sandbox.api_key)
        started = time.monotonic()
        finished_before_kill = []

        def progress() -> int:
            done_up = sum(1 for a in sandbox.assets() if a["name"].startswith("up-"))
            done_down = len([p for p in dest.iterdir() if not p.name.startswith(".")]) if dest.exists() else 0
            return done_up + done_down

        for kill_at in (0.3, 0.6):
            run = subprocess.Popen(
                [*CLI, "--jobs", "8", "resume"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            while progress() < kill_at * (UPLOADS + DOWNLOADS) and run.poll() is None:
                assert time.monotonic() - started < DEADLINE, "the soak ran out of time before a kill"
                time.sleep(0.05)
            run.send_signal(signal.SIGKILL)
            run.wait(timeout=30)
            finished_before_kill.append(progress())
        last = subprocess.run(
            [*CLI, "--jobs", "8", "resume"],
            env=env,
            capture_output=True,
            text=True,
            timeout=max(10, DEADLINE - (time.monotonic() - started)),
        )
        elapsed = time.monotonic() - started
        storage.close()
        api.close()

        assert last.returncode == 0, last.stderr[-2000:]
        failed = _failed_items()
        assert failed == [], failed[:5]
        uploaded = collections.Counter(a["checksum"] for a in sandbox.assets() if a["name"].startswith("up-"))
        assert set(uploaded) == upload_digests and max(uploaded.values()) == 1, uploaded.most_common(3)
        saved = [p for p in dest.iterdir()]
        temporary = [p.name for p in saved if p.name.startswith(".assetdrop-")]
        assert temporary == [], temporary
        copies = collections.Counter()
        for path in saved:
            original = path.name.replace(" (1)", "").replace(" (2)", "")
            assert md5_of(path) == expected[original], f"{path.name} is not the asset's bytes"
            copies[original] += 1
        assert set(copies) == set(expected)
        store_session = AppSession(settings.load(), credentials=CredentialStore(session_only=True))
        try:
            left = store_session.store.unfinished()
        finally:
            store_session.close()
        assert left == [] or all(item.status is Status.PAUSED for item in left)
        print(
            f"\nsoak: {UPLOADS} uploads and {DOWNLOADS} downloads in {elapsed:.0f} s; killed twice at "
            f"{finished_before_kill[0]} and {finished_before_kill[1]} done; faults: {storage.faulted} of "
            f"{storage.connections} storage connections, {sum(1 for r in api.log if r.status in (0, 429, 500, 503))} "
            f"API answers broken; every upload registered once, every download byte-identical "
            f"({sum(copies.values()) - len(copies)} kept twice after a kill between rename and record), "
            f"no temporary file"
        )
