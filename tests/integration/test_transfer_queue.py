"""The Qt-free queue with plain threads as workers, against the real sandbox: concurrency, cancel, pause,
retry, failures in words, and the SQLite history."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from assetdrop.core.queue.items import Direction, Status
from assetdrop.core.queue.store import QueueStore
from assetdrop.core.queue.transfer_queue import JobContext, TransferQueue
from assetdrop.core.transfer.download import ConflictPolicy
from tests.conftest import md5_of, write_file


class Workers:
    def __init__(self, queue: TransferQueue, context: JobContext, count: int):
        self.queue, self.context = queue, context
        self.threads = [threading.Thread(target=self._loop, daemon=True) for _ in range(count)]
        for t in self.threads:
            t.start()

    def _loop(self):
        while (job := self.queue.next_job()) is not None:
            self.queue.run(*job, lambda item: self.context)

    def stop(self):
        self.queue.close()
        for t in self.threads:
            t.join(10)


def wait_for(predicate, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.02)
    raise AssertionError("condition not reached in time")


@pytest.fixture
def queue_env(sandbox, provider, tmp_path):
    changes, lock = [], threading.Lock()

    def on_change(item):
        with lock:
            changes.append(item)

    store = QueueStore(tmp_path / "queue.sqlite3")
    queue = TransferQueue(store=store, on_change=on_change, concurrency=2)
    workers = Workers(queue, JobContext(provider, tmp_path / "downloads", ConflictPolicy.RENAME), 3)
    yield queue, store, changes
    workers.stop()
    store.close()


def test_uploads_then_downloads_with_a_concurrency_limit(sandbox, queue_env, tmp_path):
    queue, store, changes = queue_env
    paths = [tmp_path / f"q{i}.bin" for i in range(6)]
    digests = {p.name: write_file(p, 300_000 + i) for i, p in enumerate(paths)}
    ids = queue.add_uploads(paths, "Sandbox")
    max_active = 0
    deadline = time.monotonic() + 60
    while any(not queue.get(i).is_finished for i in ids) and time.monotonic() < deadline:
        max_active = max(max_active, queue.active_count)
        time.sleep(0.001)
    items = [queue.get(i) for i in ids]
    assert all(i.status is Status.DONE and i.asset_id for i in items), [i.status_text for i in items]
    assert max_active <= 2
    registered = {a["id"]: a["checksum"] for a in sandbox.assets()}
    assert {registered[i.asset_id] for i in items} == set(digests.values())
    assert [i.asset_id for i in store.recent_uploads()][:6] and len(store.recent_uploads()) >= 6

    down = queue.add_downloads([items[0].asset_id], "Sandbox")
    wait_for(lambda: queue.get(down[0]).is_finished)
    got = queue.get(down[0])
    assert got.status is Status.DONE and md5_of(Path(got.saved_path)) == digests["q0.bin"]
    # the phases were reported in order, ending Done
    statuses = [c.status for c in changes if c.id == ids[0]]
    assert statuses.index(Status.REGISTERING) > statuses.index(Status.UPLOADING)
    assert statuses[-1] is Status.DONE


def test_cancel_pause_resume_retry(sandbox, queue_env, tmp_path):
    queue, store, _ = queue_env
    queue.set_concurrency(1)
    big = tmp_path / "big.bin"
    write_file(big, 150 * 1024 * 1024)
    small = tmp_path / "small.bin"
    write_file(small, 10)
    first, second = queue.add_uploads([big, small], "Sandbox")
    queue.pause(second)  # still waiting: paused at once
    assert queue.get(second).status is Status.PAUSED
    wait_for(lambda: queue.get(first).status is Status.UPLOADING and queue.get(first).done > 0)
    before = len(sandbox.assets())
    queue.cancel(first)
    wait_for(lambda: queue.get(first).is_finished)
    assert queue.get(first).status is Status.CANCELLED and len(sandbox.assets()) == before
    queue.resume(second)
    wait_for(lambda: queue.get(second).status is Status.DONE)
    queue.retry(first)
    wait_for(lambda: queue.get(first).is_finished, timeout=120)
    assert queue.get(first).status is Status.DONE and len(sandbox.assets()) == before + 2


def test_failures_are_words_and_the_worker_survives(sandbox, queue_env, tmp_path):
    queue, _, _ = queue_env
    [bad] = queue.add_downloads(["0" * 32], "Sandbox")
    [gone] = queue.add_uploads([tmp_path / "never-existed.txt"], "Sandbox")
    wait_for(lambda: queue.get(bad).is_finished and queue.get(gone).is_finished)
    assert queue.get(bad).status is Status.FAILED and "ASSET_NOT_FOUND" in queue.get(bad).error_message
    assert queue.get(gone).error_title == "File not found"
    assert "Traceback" not in queue.get(gone).error_message
    ok = tmp_path / "after.txt"
    write_file(ok, 5)
    [after] = queue.add_uploads([ok], "Sandbox")
    wait_for(lambda: queue.get(after).is_finished)
    assert queue.get(after).status is Status.DONE


def test_store_reloads_unfinished_items(tmp_path):
    store = QueueStore(tmp_path / "q.sqlite3")
    queue = TransferQueue(store=store)
    ids = queue.add(Direction.DOWNLOAD, [("a" * 32, "a", None), ("b" * 32, "b", None)], "P")
    queue.cancel(ids[1])
    store.close()
    reopened = QueueStore(tmp_path / "q.sqlite3")
    assert [(i.id, i.source, i.status) for i in reopened.unfinished()] == [(ids[0], "a" * 32, Status.QUEUED)]
    assert TransferQueue(store=reopened).add_downloads(["c" * 32], "P") == [ids[1] + 1]


def test_recover_keeps_paused_items_paused_unless_asked(tmp_path):
    store = QueueStore(tmp_path / "q.sqlite3")
    queue = TransferQueue(store=store)
    waiting, paused = queue.add_downloads(["a" * 32, "b" * 32], "P")
    queue.pause(paused)
    store.close()
    reopened = QueueStore(tmp_path / "q.sqlite3")
    first = TransferQueue(store=reopened)
    first.recover(reopened.unfinished(), resume=True)
    assert (first.get(waiting).status, first.get(paused).status) == (Status.QUEUED, Status.PAUSED)
    second = TransferQueue(store=reopened)
    second.recover(reopened.unfinished(), resume=True, include_paused=True)
    assert second.get(paused).status is Status.QUEUED
    reopened.close()
