"""The Qt-free queue with plain threads as workers, against the real sandbox: concurrency, cancel, pause,
retry, failures in words, and the SQLite history."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest

from assetdrop.core.providers.registry import connect
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
    recent = store.recent_uploads()
    assert sorted(i.asset_id for i in recent) == sorted(i.asset_id for i in items)  # each, once
    assert [i.finished_at for i in recent] == sorted((i.finished_at for i in recent), reverse=True)  # newest first

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


def test_a_bug_in_a_transfer_fails_that_item_in_words_and_its_worker_takes_the_next(sandbox, provider, tmp_path):
    """An exception no one planned for (a bug: here a TypeError from inside the provider, the one thing in this
    test that is made up) must not kill the worker: its item fails as "Internal error" in words, the slot is
    freed, and the one worker goes on to the next item."""
    from assetdrop.core.queue.runner import work

    class Buggy(type(provider)):
        def upload(self, path, job=None):
            if path.name == "bug.bin":
                raise TypeError("unsupported operand type(s)")
            return super().upload(path, job)

    buggy = Buggy.__new__(Buggy)
    buggy.__dict__.update(provider.__dict__)
    queue = TransferQueue(store=QueueStore(tmp_path / "q.sqlite3"), concurrency=1)
    bug, fine = tmp_path / "bug.bin", tmp_path / "fine.bin"
    write_file(bug, 10)
    write_file(fine, 10)
    [first, second] = queue.add_uploads([bug, fine], "Sandbox")
    worker = threading.Thread(
        target=work, args=(queue, lambda item: JobContext(buggy, tmp_path, ConflictPolicy.RENAME))
    )
    worker.start()  # one worker only: the second item runs only if the first one's bug left it alive
    try:
        wait_for(lambda: queue.get(second).is_finished, timeout=30)
    finally:
        queue.close()
        worker.join(10)
    failed = queue.get(first)
    assert failed.status is Status.FAILED and failed.error_title == "Internal error"
    assert "TypeError" in failed.error_message and "Traceback" not in failed.error_message
    assert queue.get(second).status is Status.DONE and queue.active_count == 0


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


def test_a_retry_wait_hands_its_slot_to_the_next_item(sandbox, provider, tmp_path):
    """One slot, and the first item's server is down with a 60 s retry wait: the second item must not wait behind
    it. Pause acts on the waiting item at once, and Retry then starts it over."""
    from assetdrop.core.http import HttpClient
    from assetdrop.core.transfer.retry import RetryPolicy

    down = connect("filespin", HttpClient(timeout=(1, 1)), "http://127.0.0.1:9", "k")  # connection refused
    contexts = {
        "stalled.txt": JobContext(down, tmp_path, ConflictPolicy.RENAME, RetryPolicy(5, 60, 60)),
        "next.txt": JobContext(provider, tmp_path, ConflictPolicy.RENAME),
    }
    queue = TransferQueue(concurrency=1)
    worker = threading.Thread(
        target=lambda: [queue.run(*job, lambda item: contexts[item.name]) for job in iter(queue.next_job, None)],
        daemon=True,
    )
    worker.start()
    try:
        stalled_path, next_path = tmp_path / "stalled.txt", tmp_path / "next.txt"
        write_file(stalled_path, 10)
        write_file(next_path, 10)
        stalled, following = queue.add_uploads([stalled_path, next_path], "P")
        wait_for(lambda: queue.get(following).is_finished, timeout=30)
        assert queue.get(following).status is Status.DONE
        waiting = queue.get(stalled)
        assert waiting.status is Status.RETRYING and waiting.attempt == 1 and queue.active_count == 0
        assert "Retrying in" in waiting.status_text and "refused" in waiting.error_message

        queue.pause(stalled)
        assert queue.get(stalled).status is Status.PAUSED and queue.get(stalled).retry_at is None
        contexts["stalled.txt"] = JobContext(provider, tmp_path, ConflictPolicy.RENAME)  # the server is back
        queue.retry(stalled)
        wait_for(lambda: queue.get(stalled).is_finished, timeout=30)
        assert queue.get(stalled).status is Status.DONE
    finally:
        queue.close()
        worker.join(10)
        down.http.close()


def test_quitting_interrupts_transfers_so_the_next_start_resumes_them(sandbox, provider, tmp_path):
    """Closing the queue (the app quitting) is not a cancel: the download stays queued, keeps its .part, and a
    new queue over the same store finishes it from there."""
    from assetdrop.core.transfer import throttle

    source = tmp_path / "resume-me.bin"
    digest = write_file(source, 3 * 1024 * 1024)
    asset_id = provider.upload(source).asset_id
    store = QueueStore(tmp_path / "q.sqlite3")
    queue = TransferQueue(store=store)
    context = JobContext(provider, tmp_path / "down", ConflictPolicy.RENAME)
    [item_id] = queue.add_downloads([asset_id], "P")
    throttle.configure(0, 512)  # KiB/s: slow enough to quit in the middle
    try:
        worker = threading.Thread(target=lambda: queue.run(*queue.next_job(), lambda item: context), daemon=True)
        worker.start()
        wait_for(lambda: queue.get(item_id).done > 256 * 1024)
        queue.close()
        worker.join(10)
    finally:
        throttle.configure(0, 0)
    interrupted = queue.get(item_id)
    part = Path(interrupted.part_path)
    assert interrupted.status is Status.QUEUED and part.is_file() and part.stat().st_size > 0
    store.close()

    reopened = QueueStore(tmp_path / "q.sqlite3")
    again = TransferQueue(store=reopened)
    assert again.recover(reopened.unfinished(), resume=True) == [item_id]
    again.run(*again.next_job(timeout=5), lambda item: context)
    done = again.get(item_id)
    assert done.status is Status.DONE and md5_of(Path(done.saved_path)) == digest and not part.exists()
    reopened.close()


def test_listeners_get_snapshots_never_the_live_items(tmp_path):
    """What on_change receives must not change under the listener when the queue moves on."""
    seen = []
    queue = TransferQueue(on_change=seen.append)
    [item_id] = queue.add_downloads(["a" * 32], "P")
    queue.pause(item_id)
    assert [i.status for i in seen] == [Status.QUEUED, Status.PAUSED]


def _failing_context(tmp_path, delay: float):
    from assetdrop.core.http import HttpClient
    from assetdrop.core.transfer.retry import RetryPolicy

    down = connect("filespin", HttpClient(timeout=(1, 1)), "http://127.0.0.1:9", "k")  # connection refused
    return JobContext(down, tmp_path, ConflictPolicy.RENAME, RetryPolicy(5, delay, delay))


def test_a_due_retry_is_queued_once_and_retry_now_puts_it_first(tmp_path):
    """A retry that comes due while every slot is busy waits in line as Queued, once; Retry on a row still
    waiting sends it ahead of the line."""
    queue = TransferQueue(concurrency=1)
    paths = [tmp_path / f"{n}.txt" for n in ("stalled", "busy", "late", "other")]
    for path in paths:
        write_file(path, 10)
    stalled, busy = queue.add_uploads(paths[:2], "P")
    queue.run(*queue.next_job(timeout=1), lambda item: _failing_context(tmp_path, 0.05))
    assert queue.get(stalled).status is Status.RETRYING
    assert queue.next_job(timeout=1)[0].id == busy  # the slot is taken from here on
    time.sleep(0.1)
    assert queue.next_job(timeout=0.01) is None  # due now: back in line, but no slot
    assert queue.get(stalled).status is Status.QUEUED
    queue.retry(stalled)  # a queued item is not retried twice
    assert list(queue._waiting).count(stalled) == 1

    late, other = queue.add_uploads(paths[2:], "P")
    queue.set_concurrency(3)
    assert queue.next_job(timeout=1)[0].id == stalled
    job = queue.next_job(timeout=1)
    assert job[0].id == late
    queue.run(*job, lambda item: _failing_context(tmp_path, 60))
    assert queue.get(late).status is Status.RETRYING
    queue.retry(late)  # "retry now": ahead of `other`, which was queued before it
    assert queue.next_job(timeout=1)[0].id == late and queue.get(late).attempt == 0


def test_cancelling_or_removing_a_download_that_is_not_running_deletes_its_part(tmp_path):
    queue = TransferQueue()
    parts = []
    for name in ("paused", "failed"):
        part = tmp_path / f"{name}.bin.part"
        part.write_bytes(b"x" * 100)
        parts.append(part)
    paused, failed = queue.add_downloads(["a" * 32, "b" * 32], "P")
    queue.pause(paused)  # as a download interrupted by a quit is recovered: paused, holding its .part
    queue._items[paused].part_path = str(parts[0])
    queue._items[paused].resume_state = json.dumps({"part": str(parts[0]), "name": "paused.bin"})
    queue.cancel(paused)
    assert not parts[0].exists() and (queue.get(paused).part_path, queue.get(paused).resume_state) == ("", "")
    queue._items[failed].part_path = str(parts[1])
    queue._items[failed].status = Status.FAILED  # a failed download keeps its .part for a retry
    queue.remove(failed)
    assert not parts[1].exists()


def test_a_listener_never_hears_queued_after_an_item_already_failed(tmp_path):
    """Items are reported (and saved) as queued before a worker can take them, however fast it fails them."""
    store = QueueStore(tmp_path / "q.sqlite3")
    reports: dict[int, list[Status]] = {}
    queue = TransferQueue(
        store=store, on_change=lambda item: reports.setdefault(item.id, []).append(item.status), concurrency=4
    )
    context = _failing_context(tmp_path, 0.01)
    worker = threading.Thread(
        target=lambda: [queue.run(*job, lambda item: context) for job in iter(queue.next_job, None)], daemon=True
    )
    worker.start()
    try:
        ids = queue.add_uploads([tmp_path / f"missing-{i}.txt" for i in range(2000)], "P")  # fail at once
        wait_for(lambda: all(queue.get(i).is_finished for i in ids))
    finally:
        queue.close()
        worker.join(10)
    assert all(reports[i][0] is Status.QUEUED and reports[i][-1] is Status.FAILED for i in ids)
    assert store.unfinished() == []
    store.close()


def test_pause_and_resume_before_an_item_is_announced_queue_it_once(tmp_path):
    """ "Pause all" then "Resume all" during a big drop must not put an item in line twice (it would run twice)."""
    queue = TransferQueue()
    ids = []

    def on_change(item):  # the first report of the first item: the rest of the drop is not announced yet
        if not ids and item.status is Status.QUEUED:
            ids.append(item.id)
            for other in range(item.id, item.id + 600):
                queue.pause(other)
                queue.resume(other)

    queue._on_change = on_change
    added = queue.add_downloads([f"{i:032x}" for i in range(600)], "P")
    assert sorted(queue._waiting) == added  # each once


def test_a_pause_before_the_announcement_is_what_everyone_ends_up_seeing(tmp_path):
    """A pause of an item whose batch is not announced yet is never overtaken by a stale "queued"."""
    store = QueueStore(tmp_path / "q.sqlite3")
    last: dict[int, Status] = {}
    queue = TransferQueue(store=store)
    paused = []

    def on_change(item):
        last[item.id] = item.status
        if not paused and item.status is Status.QUEUED:  # first report: the later batches are not announced
            paused.extend(range(item.id + 300, item.id + 600))
            for other in paused:
                queue.pause(other)

    queue._on_change = on_change
    added = queue.add_downloads([f"{i:032x}" for i in range(600)], "P")
    stored = {i.id: i.status for i in store.unfinished()}
    for item_id in added:
        expected = Status.PAUSED if item_id in paused else Status.QUEUED
        assert (last[item_id], stored[item_id], queue.get(item_id).status) == (expected,) * 3, item_id
    assert sorted(queue._waiting) == [i for i in added if i not in paused]
    store.close()


def test_a_listener_acting_on_the_same_batch_from_inside_a_report_is_obeyed(tmp_path):
    """Pause or remove the next items from inside the first one's report: they stay out of line (a removed id in
    line would crash the worker that takes it), and what everyone last heard is what they are."""
    store = QueueStore(tmp_path / "q.sqlite3")
    last: dict[int, Status] = {}
    queue = TransferQueue(store=store, concurrency=20)
    acted = {}

    def on_change(item):
        last[item.id] = item.status
        if not acted and item.status is Status.QUEUED:
            acted.update(paused=item.id + 1, removed=item.id + 2)
            queue.pause(item.id + 1)
            queue.remove(item.id + 2)

    queue._on_change = on_change
    added = queue.add_downloads([f"{i:032x}" for i in range(10)], "P")
    expected_in_line = [i for i in added if i not in acted.values()]
    assert list(queue._waiting) == expected_in_line
    assert [queue.next_job(timeout=0)[0].id for _ in expected_in_line] == expected_in_line
    assert queue.next_job(timeout=0) is None
    assert last[acted["paused"]] is Status.PAUSED and queue.get(acted["paused"]).status is Status.PAUSED
    assert acted["removed"] not in {i.id for i in store.unfinished()} and acted["removed"] not in queue._items
    store.close()


def test_an_item_resumed_from_inside_its_own_announcement_goes_in_line_once(tmp_path):
    store = QueueStore(tmp_path / "q.sqlite3")
    first = TransferQueue(store=store)
    ids = first.add_downloads(["a" * 32, "b" * 32, "c" * 32], "P")
    for item_id in ids:
        first.pause(item_id)
    second = TransferQueue(store=store)
    second._on_change = lambda item: (
        second.resume(item.id) if item.id == ids[1] and item.status is Status.PAUSED else None
    )
    second.recover(store.unfinished(), resume=True)  # paused items stay paused, but one is resumed as announced
    assert list(second._waiting) == [ids[1]] and second.get(ids[1]).status is Status.QUEUED
    store.close()


def test_cancelling_a_download_keeps_what_it_was_queued_with(tmp_path):
    """Cancel drops the .part and the answers, not the --dest/--conflict/--no-verify a Retry must use again."""
    part = tmp_path / "x.bin.part"
    part.write_bytes(b"x" * 10)
    queue = TransferQueue()
    [item_id] = queue.add_downloads(
        ["a" * 32], "P", dest=tmp_path / "d", conflict=ConflictPolicy.OVERWRITE, verify=False
    )
    queue.pause(item_id)
    queue._items[item_id].part_path = str(part)
    queue._items[item_id].conflict_answers = {"p": "skip"}
    queue.cancel(item_id)
    assert not part.exists()
    cancelled = queue.get(item_id)
    assert (cancelled.dest, cancelled.conflict, cancelled.verify) == (
        str(tmp_path / "d"),
        ConflictPolicy.OVERWRITE,
        False,
    )
    assert (cancelled.part_path, cancelled.conflict_answers) == ("", {})


def test_has_pending_agrees_with_the_count():
    """`has_pending` (the window's "anything left?", cheap) says what `pending_count` counts."""
    queue = TransferQueue(concurrency=1)
    assert not queue.has_pending() and queue.pending_count() == 0
    first, second = queue.add_downloads(["a" * 32, "b" * 32], "P")
    assert queue.has_pending() and queue.pending_count() == 2
    queue.pause(first)
    queue.cancel(second)
    assert not queue.has_pending() and queue.pending_count() == 0
    queue.resume(first)
    assert queue.has_pending() and queue.pending_count() == 1
