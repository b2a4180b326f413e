"""Interrupted downloads for Xvid and memories.ai, through the real queue, over a real TCP fault proxy.

Xvid's single-file downloads come from presigned storage GETs, which honour Range and If-Range: a body cut
mid-way resumes from exactly the `.part`'s size. memories.ai streams from its API, where Range is undocumented
(docs/providers.md) and the sandbox ignores it: the retry asks for the rest, gets the whole file (200) and starts
over cleanly. Uploads run through the same queue (they are not resumable for these providers).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from assetdrop.core.http import HttpClient
from assetdrop.core.providers.registry import connect
from assetdrop.core.providers.xvid import XvidCredentials
from assetdrop.core.queue.items import Status
from assetdrop.core.queue.store import QueueStore
from assetdrop.core.queue.transfer_queue import JobContext, TransferQueue
from assetdrop.core.transfer.download import ConflictPolicy
from assetdrop.core.transfer.retry import RetryPolicy
from tests.conftest import md5_of, write_file
from tests.reliability.test_faults import run_to_end
from tests.support.fault_proxy import Fault, FaultProxy

MiB = 1024 * 1024
SIZE = 3 * MiB


@pytest.fixture(scope="module")
def rig(tmp_path_factory):
    """One sandbox whose storage (Xvid's links) and API (memories.ai's stream) are each behind a fault proxy."""
    from assetdrop.sandbox.server import Sandbox

    with Sandbox(tmp_path_factory.mktemp("resume-sandbox")) as sandbox:
        storage_proxy = FaultProxy(sandbox.storage.host, sandbox.storage.port)
        sandbox.storage.public_endpoint = storage_proxy.url
        api_proxy = FaultProxy("127.0.0.1", int(sandbox.api_url.rsplit(":", 1)[1]))
        yield sandbox, storage_proxy, api_proxy
        storage_proxy.close()
        api_proxy.close()


class Env:
    def __init__(self, sandbox, storage, api, provider, tmp: Path):
        self.sandbox, self.storage, self.api, self.provider, self.tmp = sandbox, storage, api, provider, tmp
        self.queue = TransferQueue(store=QueueStore(tmp / "queue.sqlite3"))
        self.context = JobContext(provider, tmp / "down", ConflictPolicy.RENAME, RetryPolicy(4, 0.05, 0.2))

    def uploaded(self, name: str) -> tuple[str, str]:
        source = self.tmp / "src" / name
        digest = write_file(source, SIZE, seed=3)
        [item_id] = self.queue.add_uploads([source], "P")
        item = run_to_end(self.queue, item_id, self.context)
        assert item.status is Status.DONE, item.status_text
        return item.asset_id, digest

    def first_attempt(self, asset_id: str, proxy: FaultProxy, fault: Fault):
        """Queue a download, cut its first answer with `fault`; returns (item id, the `.part` left behind)."""
        self.provider.http.session.close()  # no pooled connection: the next request dials through the fault
        proxy.then(fault)
        [item_id] = self.queue.add_downloads([asset_id], "P")
        self.queue.run(*self.queue.next_job(timeout=30), lambda item: self.context)
        item = self.queue.get(item_id)
        assert item.status is Status.RETRYING, item.status_text
        return item_id, Path(item.part_path)

    def queued_with_part(self, asset_id: str, name: str, data: bytes, etag: str) -> int:
        """A download queued as if an earlier run had left `<name>.part` holding `data`, with this ETag."""
        part = self.context.dest_dir / f"{name}.part"
        part.parent.mkdir(parents=True, exist_ok=True)
        part.write_bytes(data)
        [item_id] = self.queue.add_downloads([asset_id], "P")
        self.queue._items[item_id].resume_state = json.dumps({"part": str(part), "name": name, "etag": etag})
        self.queue._items[item_id].part_path = str(part)
        return item_id

    def finish(self, item_id: int):
        return run_to_end(self.queue, item_id, self.context)


def _done_identical(item, digest: str) -> None:
    assert item.status is Status.DONE, item.status_text
    assert md5_of(Path(item.saved_path)) == digest
    assert not [p for p in os.listdir(Path(item.saved_path).parent) if p.endswith(".part")]


@pytest.fixture
def faultless(rig):
    """The rig with no fault left planned by an earlier test."""
    for proxy in rig[1:]:
        proxy.plan.clear()
    return rig


@pytest.fixture
def xvid_env(faultless, tmp_path):
    sandbox, storage, api = faultless
    creds = XvidCredentials(client_id=sandbox.xvid_client_id, client_secret=sandbox.xvid_client_secret)
    with HttpClient(timeout=(2, 2)) as http:
        yield Env(
            sandbox, storage, api, connect("xvid", http, sandbox.xvid_url, creds.secret, pipeline_id="resume"), tmp_path
        )


@pytest.fixture
def memories_env(faultless, tmp_path):
    sandbox, storage, api = faultless
    with HttpClient(timeout=(2, 2)) as http:
        provider = connect("memories", http, api.url + "/serve/api/v2", sandbox.memories_key)
        yield Env(sandbox, storage, api, provider, tmp_path)


def _storage_gets(env: Env, since: int) -> list:
    return [r for r in env.sandbox.storage.received[since:] if r.method == "GET"]


@pytest.mark.case("Xvid: body cut mid-download", "retried with Range + If-Range from the byte offset; byte-identical")
def test_xvid_download_cut_mid_body_resumes_from_the_byte_offset(xvid_env):
    env = xvid_env
    file_id, digest = env.uploaded("cut.bin")
    before = len(env.sandbox.storage.received)
    item_id, part = env.first_attempt(file_id, env.storage, Fault("close", after=2 * MiB))
    offset = part.stat().st_size
    assert 0 < offset < SIZE
    item = env.finish(item_id)
    _done_identical(item, digest)
    first, second = _storage_gets(env, before)
    assert "Range" not in first.headers
    assert second.headers["Range"] == f"bytes={offset}-"
    assert second.headers["If-Range"] == f'"{digest}"'  # the ETag the first answer gave (the object's MD5)
    assert item.attempt == 2 and item.size == SIZE


@pytest.mark.case("Xvid: stale .part of another file", "If-Range misses, 200: started over cleanly; byte-identical")
def test_xvid_stale_part_of_another_file_starts_over_cleanly(xvid_env):
    """If-Range with an ETag that no longer matches: storage answers 200 and the old bytes are dropped."""
    env = xvid_env
    file_id, digest = env.uploaded("stale.bin")
    item_id = env.queued_with_part(file_id, "stale.bin", b"bytes of some earlier version" * 1000, '"not-the-etag"')
    before = len(env.sandbox.storage.received)
    item = env.finish(item_id)
    _done_identical(item, digest)
    assert Path(item.saved_path).name == "stale.bin" and item.attempt == 1
    [get] = _storage_gets(env, before)
    assert get.headers["Range"] == f"bytes={29 * 1000}-" and get.headers["If-Range"] == '"not-the-etag"'


@pytest.mark.case("Xvid: .part damaged on disk, resumed (206)", "the whole file's MD5 catches it; fetched again whole")
def test_xvid_resumed_download_over_damaged_bytes_is_caught_by_the_md5(xvid_env):
    """A .part with the right ETag whose bytes were damaged meanwhile (a disk, another program): the 206 only
    brings the rest, so only an MD5 over the whole file, the kept bytes included, can tell; never saved as done."""
    env = xvid_env
    file_id, digest = env.uploaded("damaged.bin")
    item_id = env.queued_with_part(file_id, "damaged.bin", b"\0" * MiB, f'"{digest}"')
    before = len(env.sandbox.storage.received)
    item = env.finish(item_id)
    _done_identical(item, digest)
    first, second = _storage_gets(env, before)
    assert first.headers["Range"] == f"bytes={MiB}-"  # resumed from the damaged bytes: a 206
    assert "Range" not in second.headers and item.attempt == 2  # caught, dropped, fetched whole


@pytest.mark.case("Xvid: .part already complete (416 to the Range)", "the .part dropped, fetched whole; byte-identical")
def test_xvid_part_already_holding_every_byte_is_fetched_again_after_416(xvid_env):
    """Killed after the last byte but before the rename: `bytes=<size>-` is unsatisfiable (416)."""
    env = xvid_env
    file_id, digest = env.uploaded("whole.bin")
    item_id = env.queued_with_part(file_id, "whole.bin", (env.tmp / "src" / "whole.bin").read_bytes(), f'"{digest}"')
    before = len(env.sandbox.storage.received)
    item = env.finish(item_id)
    _done_identical(item, digest)
    assert Path(item.saved_path).name == "whole.bin" and item.attempt == 1
    first, second = _storage_gets(env, before)
    assert first.headers["Range"] == f"bytes={SIZE}-" and "Range" not in second.headers


@pytest.mark.case(
    "memories.ai: stream cut mid-download", "asks for the rest; the API answers 200: started over; byte-identical"
)
def test_memories_download_cut_mid_body_asks_for_the_rest_and_starts_over_on_200(memories_env):
    env = memories_env
    asset_id, digest = env.uploaded("talk.mp4")
    item_id, part = env.first_attempt(asset_id, env.api, Fault("close", after=2 * MiB))
    offset = part.stat().st_size
    assert 0 < offset < SIZE
    etag = json.loads(env.queue.get(item_id).resume_state)["etag"]
    assert etag.strip('"') == digest
    before = len(env.sandbox.memories.requests)
    item = env.finish(item_id)
    _done_identical(item, digest)  # the whole file, not the 200 body appended to the old bytes
    assert Path(item.saved_path).name == "talk.mp4" and item.size == SIZE and item.attempt == 2
    [retry] = [r for r in list(env.sandbox.memories.requests)[before:] if r["target"].endswith("/download")]
    assert retry["headers"]["Range"] == f"bytes={offset}-" and retry["headers"]["If-Range"] == etag


@pytest.mark.case(
    "Xvid archive: connection cut on its third item", "retried; only the third item fetched again, none saved twice"
)
def test_xvid_archive_retry_fetches_only_the_items_not_saved_yet(xvid_env):
    env = xvid_env
    sizes = (100_000, 100_001, 100_002)
    ids, digests = [], {}
    for i, size in enumerate(sizes):
        source = env.tmp / "src" / f"track-{i}.bin"
        digests[source.name] = write_file(source, size, seed=i)
        ids.append(env.provider.upload(source).asset_id)
    archive = env.sandbox.xvid.make_archive("Album", ids)
    env.provider.link_options.max_parallel_downloads = 1  # one keep-alive connection, in order
    env.provider.http.session.close()
    env.storage.then(Fault("reset", after=sum(sizes[:2]) + 50_000))  # inside the third item's body
    since = len(env.sandbox.storage.received)
    [item_id] = env.queue.add_downloads([archive], "P")
    item = env.finish(item_id)
    assert item.status is Status.DONE and item.attempt == 2, item.status_text
    folder = Path(item.saved_path)
    assert {p.name: md5_of(p) for p in folder.iterdir()} == digests  # no "track-0 (1).bin"
    fetched = [r.path.split("?")[0].rsplit("/", 1)[-1] for r in _storage_gets(env, since)]
    assert len(fetched) == 4 and fetched[3] == fetched[2], fetched  # 3 on the first attempt, then the third again
