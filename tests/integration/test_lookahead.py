"""The next upload's storage URL is asked for while the current upload sends (core/queue/lookahead.py), so a small
file costs two round trips in a row instead of three; and taking the step ahead never costs a second storage
URL, a second asset or a lost one.

The API is 60 ms away through the WAN emulator (tests/support/wan_emulator.py); the order is read from the
sandbox's own log of the requests it handled, one worker, so it is the look-ahead's order and nothing else's.
"""

from __future__ import annotations

import collections
import logging
import re

import pytest

from assetdrop.core.http import HttpClient
from assetdrop.core.providers.registry import connect
from assetdrop.core.queue.items import Status
from assetdrop.core.queue.store import QueueStore
from assetdrop.core.queue.transfer_queue import JobContext, TransferQueue
from assetdrop.core.transfer.download import ConflictPolicy
from assetdrop.core.transfer.retry import RetryPolicy
from tests.conftest import write_file
from tests.reliability.rig import run_to_end
from tests.support.wan_emulator import WanEmulator

FILES = 6


@pytest.fixture
def far_api(sandbox):
    with WanEmulator(rtt=0.06) as wan:
        route = wan.front(("127.0.0.1", int(sandbox.api_url.rsplit(":", 1)[1])), name="api")
        with HttpClient() as http:
            yield connect("filespin", http, route.url, sandbox.api_key, wait_ready=False)


def api_steps(caplog) -> list[str]:
    steps = []
    for record in caplog.records:
        if record.name.startswith("assetdrop.sandbox.api"):
            match = re.search(r"/assets/new/(content_storage_url|register_asset) -> 2", record.getMessage())
            if match:
                steps.append(match.group(1))
    return steps


def test_the_next_storage_url_is_asked_for_while_this_upload_sends(sandbox, far_api, tmp_path, caplog):
    caplog.set_level(logging.DEBUG, logger="assetdrop.sandbox.api")
    digests = {write_file(tmp_path / "src" / f"f{i}.bin", 20_000 + i, seed=i) for i in range(FILES)}
    queue = TransferQueue(store=QueueStore(tmp_path / "queue.sqlite3"), concurrency=1)
    context = JobContext(far_api, tmp_path / "down", ConflictPolicy.RENAME, RetryPolicy(3, 0.05, 0.2))
    ids = queue.add_uploads(sorted((tmp_path / "src").iterdir()), "P")
    items = [run_to_end(queue, item_id, context) for item_id in ids]
    assert all(item.status is Status.DONE for item in items), [item.status_text for item in items]

    steps = api_steps(caplog)
    assert steps.count("content_storage_url") == FILES  # one storage URL per file: none asked for twice
    for k in range(1, FILES):  # before the k-th registration, the URL of the file after it was already given
        before = steps[: [i for i, step in enumerate(steps) if step == "register_asset"][k - 1]]
        assert before.count("content_storage_url") == k + 1, steps

    registered = collections.Counter(a["checksum"] for a in sandbox.assets())
    assert all(registered[digest] == 1 for digest in digests)
    assert sorted(a["id"] for a in sandbox.assets() if a["checksum"] in digests) == sorted(i.asset_id for i in items)


def test_a_file_removed_before_its_turn_gets_no_storage_url(sandbox, far_api, tmp_path, caplog):
    caplog.set_level(logging.DEBUG, logger="assetdrop.sandbox.api")
    first, gone = tmp_path / "first.bin", tmp_path / "gone.bin"
    write_file(first, 30_000)
    write_file(gone, 30_000, seed=1)
    queue = TransferQueue(store=QueueStore(tmp_path / "queue.sqlite3"), concurrency=1)
    context = JobContext(far_api, tmp_path / "down", ConflictPolicy.RENAME, RetryPolicy(1, 0.05, 0.2))
    first_id, gone_id = queue.add_uploads([first, gone], "P")
    gone.unlink()
    assert run_to_end(queue, first_id, context).status is Status.DONE
    item = run_to_end(queue, gone_id, context)
    assert item.status is Status.FAILED and "gone.bin" in item.error_message
    assert api_steps(caplog).count("content_storage_url") == 1
