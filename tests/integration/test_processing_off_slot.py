"""Waiting for the provider's processing holds no transfer slot (core/queue/readiness.py): with one slot, the
next file is sent while the first is still being processed; a processing failure fails the item in the vendor's
words and Retry never registers the file a second time; a cancel stops the waiting.

Real queue, real sandbox with FileSpin processing each upload for a while (NOT_READY, then OK or ERROR).
"""

from __future__ import annotations

import collections

import pytest

from assetdrop.core.providers.registry import connect
from assetdrop.core.queue.items import Status
from assetdrop.core.queue.runner import QueueRunner
from assetdrop.core.queue.store import QueueStore
from assetdrop.core.queue.transfer_queue import JobContext, TransferQueue
from assetdrop.core.transfer.download import ConflictPolicy
from assetdrop.core.transfer.retry import RetryPolicy
from tests.conftest import write_file
from tests.integration.test_transfer_queue import wait_for


@pytest.fixture
def one_slot(sandbox, http, tmp_path):
    provider = connect("filespin", http, sandbox.api_url, sandbox.api_key)  # wait_ready: on, the default
    queue = TransferQueue(store=QueueStore(tmp_path / "queue.sqlite3"), concurrency=1)
    context = JobContext(provider, tmp_path / "down", ConflictPolicy.RENAME, RetryPolicy(2, 0.05, 0.2))
    runner = QueueRunner(queue, lambda item: context, jobs=1).start()
    yield queue, runner
    runner.stop()
    sandbox.filespin.processing_delay, sandbox.filespin.processing_error = 0.3, None


def registered(sandbox) -> collections.Counter:
    return collections.Counter(a["checksum"] for a in sandbox.assets())


def test_the_next_file_is_sent_while_the_first_is_processed(sandbox, one_slot, tmp_path):
    queue, runner = one_slot
    sandbox.filespin.processing_delay = 3.0
    first, second = tmp_path / "first.bin", tmp_path / "second.bin"
    digests = [write_file(first, 5000), write_file(second, 6000, seed=1)]
    a, b = queue.add_uploads([first, second], "P")
    wait_for(lambda: registered(sandbox)[digests[1]] == 1, timeout=30)
    assert queue.get(a).status is Status.PROCESSING  # one slot, and it went to the second file
    assert queue.get(a).status_text.startswith("Processing ")
    wait_for(lambda: queue.get(a).is_finished and queue.get(b).is_finished, timeout=30)
    assert queue.get(a).status is Status.DONE and queue.get(a).status_text == "Ready"
    assert not queue.get(a).resume_state  # finished: no signed storage URL kept
    ended = {item.id for item in runner.finished(timeout=0)}
    assert a in ended  # a command-line run hears of it too (it ended off the workers)


def test_a_processing_failure_fails_in_words_and_retry_registers_nothing_new(sandbox, one_slot, tmp_path):
    queue, _ = one_slot
    sandbox.filespin.processing_error = "the file is not an image"
    source = tmp_path / "broken.jpg"
    digest = write_file(source, 4000, seed=2)
    [item_id] = queue.add_uploads([source], "P")
    wait_for(lambda: queue.get(item_id).is_finished, timeout=30)
    item = queue.get(item_id)
    assert item.status is Status.FAILED and item.error_title == "Processing failed"
    assert item.error_message == "FileSpin could not process broken.jpg: the file is not an image."
    assert '"target"' not in item.resume_state  # what is kept names the asset, not a signed storage URL
    queue.retry(item_id)
    wait_for(lambda: queue.get(item_id).is_finished and queue.get(item_id).attempt >= 1, timeout=30)
    assert queue.get(item_id).status is Status.FAILED
    assert registered(sandbox)[digest] == 1  # Retry asked about the same asset; it sent nothing again


def test_a_cancel_stops_the_waiting(sandbox, one_slot, tmp_path):
    queue, _ = one_slot
    sandbox.filespin.processing_delay = 60.0
    source = tmp_path / "slow.bin"
    write_file(source, 3000, seed=3)
    [item_id] = queue.add_uploads([source], "P")
    wait_for(lambda: queue.get(item_id).status is Status.PROCESSING, timeout=30)
    queue.cancel(item_id)
    assert queue.get(item_id).status is Status.CANCELLED
    assert item_id not in queue._readiness  # no more polls for it
