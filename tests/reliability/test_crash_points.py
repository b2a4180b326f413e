"""A process that dies at each step of a FileSpin upload, deterministically, then the next start's recovery.

The SIGKILL tests (test_kill_and_resume.py) kill at whatever moment the clock gives, so a checkpoint lost at one
exact step is caught only sometimes. Here a real child process runs the queue over the sandbox and ends itself
with os._exit (no cleanup, no atexit: as a kill) right after one step's answer, before the queue records it;
then this process reopens the same store, recovers and finishes. Every crash point must end with exactly one
asset holding the file's bytes.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from assetdrop.core.providers.registry import connect
from assetdrop.core.queue.items import Status
from assetdrop.core.queue.store import QueueStore
from assetdrop.core.queue.transfer_queue import JobContext, TransferQueue
from assetdrop.core.transfer.download import ConflictPolicy
from assetdrop.core.transfer.retry import RetryPolicy
from tests.conftest import write_file
from tests.reliability.rig import run_to_end

CHILD = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from assetdrop.core.http import HttpClient
    from assetdrop.core.providers.filespin import upload as flow
    from assetdrop.core.providers.registry import connect
    from assetdrop.core.queue.store import QueueStore
    from assetdrop.core.queue.transfer_queue import JobContext, TransferQueue
    from assetdrop.core.transfer.download import ConflictPolicy

    api_url, key, store_path, source, point = sys.argv[1:]
    provider = connect("filespin", HttpClient(), api_url, key)

    def dying_after(call):
        def wrapped(*args, **kwargs):
            answer = call(*args, **kwargs)
            os._exit(9)  # the answer arrived; nothing after it runs (no save, no cleanup)
        return wrapped

    if point == "storage-url":
        provider.content_storage_url = dying_after(provider.content_storage_url)
    elif point == "storage-post":
        flow.send_file = dying_after(flow.send_file)
    elif point == "register":
        provider.register_asset = dying_after(provider.register_asset)
    queue = TransferQueue(store=QueueStore(Path(store_path)))
    [item_id] = queue.add_uploads([Path(source)], "P")
    context = JobContext(provider, Path(store_path).parent / "down", ConflictPolicy.RENAME)
    queue.run(*queue.next_job(timeout=30), lambda item: context)
    sys.exit(3)  # not reached when the crash point was passed
    """
)


@pytest.mark.parametrize("point", ["storage-url", "storage-post", "register"])
def test_a_crash_right_after_each_step_ends_with_one_asset(sandbox, http, tmp_path, point):
    source = tmp_path / f"crash-after-{point}.bin"
    digest = write_file(source, 700_000, seed=len(point))
    store_path = tmp_path / "queue.sqlite3"
    child = subprocess.run(
        [sys.executable, "-c", CHILD, sandbox.api_url, sandbox.api_key, str(store_path), str(source), point],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert child.returncode == 9, f"the child did not die at {point}: {child.returncode} {child.stderr[-1500:]}"
    before = [a for a in sandbox.assets() if a["name"] == source.name]
    assert len(before) == (1 if point == "register" else 0)

    store = QueueStore(store_path)
    try:
        [left] = store.unfinished()
        saved_id = json.loads(left.resume_state or "{}").get("asset_id", "")
        queue = TransferQueue(store=store)
        [item_id] = queue.recover([left], resume=True)
        provider = connect("filespin", http, sandbox.api_url, sandbox.api_key)
        context = JobContext(provider, tmp_path / "down", ConflictPolicy.RENAME, RetryPolicy(3, 0.05, 0.2))
        item = run_to_end(queue, item_id, context)
    finally:
        store.close()
    assert item.status is Status.DONE, item.status_text
    assets = [a for a in sandbox.assets() if a["name"] == source.name]
    assert len(assets) == 1, f"{len(assets)} assets after a crash right after {point}"
    assert assets[0]["checksum"] == digest and assets[0]["id"] == item.asset_id
    if point == "storage-url":  # died before its asset ID was saved: the recovery asked for a new one
        assert saved_id == ""
    else:  # the asset ID was saved before any byte moved: the recovery went on with it
        assert item.asset_id == saved_id
    if point == "register":
        assert before[0]["id"] == item.asset_id  # confirmed, not registered again
