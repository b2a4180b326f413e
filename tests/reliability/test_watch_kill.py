"""A watcher killed mid-batch registers each file once after a restart.

Real processes and SIGKILL against the real sandbox (its own data per test, so counts are exact). The second test
puts the kill exactly between the registration and the ledger write, where a random kill rarely lands: after a
complete run the ledger rows are set back to `queued` in the store, which is what that kill leaves behind (the
queue item DONE with its asset ID, the ledger not told), and the restart must take the asset ID from the queue
item instead of uploading again.
"""

from __future__ import annotations

import collections
import sqlite3
import time

import pytest

from tests.conftest import write_file
from tests.support.watch_cli import WatchProcess, run_once


@pytest.fixture
def own_sandbox(tmp_path):
    from assetdrop.sandbox.server import Sandbox

    with Sandbox(tmp_path / "sandbox") as sandbox:
        yield sandbox


def queue_file(home) -> str:
    return str(home / "data" / "queue.sqlite3")


def test_sigkill_mid_batch_then_restart_registers_each_file_once(own_sandbox, tmp_path, _isolated_home):
    folder = tmp_path / "batch"
    digests = {write_file(folder / f"take-{i:02d}.bin", 300_000 + i, seed=i) for i in range(30)}
    own_sandbox.processing_delay = 0.0
    watcher = WatchProcess(own_sandbox.api_url, own_sandbox.api_key, folder, "--settle", "0.3", "--move-to", "done")
    try:
        for _ in range(6):  # some are registered, the rest queued or on their way
            watcher.next_line("out", timeout=120)
    finally:
        watcher.kill()
    before = len(own_sandbox.assets())
    assert before < 30, "the kill came too late to prove anything"
    again = run_once(own_sandbox.api_url, own_sandbox.api_key, folder, "--move-to", "done")
    assert again.returncode == 0, again.stderr
    assets = own_sandbox.assets()
    checksums = collections.Counter(a["checksum"] for a in assets)
    print(f"\nkilled with {before} of 30 registered; after the restart {len(assets)} assets")
    assert len(assets) == 30 and set(checksums) == digests and max(checksums.values()) == 1
    assert sorted(p.name for p in (folder / "done").iterdir()) == sorted(f"take-{i:02d}.bin" for i in range(30))
    assert [p.name for p in folder.iterdir()] == ["done"]


def test_a_kill_between_registration_and_ledger_write_is_reconciled_from_the_queue(
    own_sandbox, tmp_path, _isolated_home
):
    folder = tmp_path / "reconcile"
    for i in range(5):
        write_file(folder / f"clip-{i}.bin", 10_000, seed=i)
    first = run_once(own_sandbox.api_url, own_sandbox.api_key, folder)
    assert first.returncode == 0, first.stderr
    assert len(own_sandbox.assets()) == 5
    with sqlite3.connect(queue_file(_isolated_home)) as db:  # what that kill leaves: the ledger never heard back
        db.execute("UPDATE watch_ledger SET state = 'queued', asset_id = ''")
        item_ids = [row[0] for row in db.execute("SELECT item_id FROM watch_ledger")]
    assert len(item_ids) == 5
    again = run_once(own_sandbox.api_url, own_sandbox.api_key, folder, "--move-to", "done")
    assert again.returncode == 0, again.stderr
    assert len(own_sandbox.assets()) == 5  # not one uploaded twice
    assert sorted(p.name for p in (folder / "done").iterdir()) == [f"clip-{i}.bin" for i in range(5)]
    with sqlite3.connect(queue_file(_isolated_home)) as db:
        rows = db.execute("SELECT state, asset_id FROM watch_ledger").fetchall()
    assert {state for state, _ in rows} == {"done"}
    assert sorted(asset for _, asset in rows) == sorted(a["id"] for a in own_sandbox.assets())


def test_a_real_sigkill_right_after_registration_is_not_uploaded_again(own_sandbox, tmp_path, _isolated_home):
    """A real kill just after the registration: the sandbox keeps each new asset processing for 2 s and the upload
    waits for it (wait_ready), so a SIGKILL sent the moment the sandbox has registered the asset lands while the
    queue item is still unfinished and the ledger row still `queued` (both read after the kill). The restart
    resumes that item from its saved state instead of queueing the file again: the asset is not registered twice,
    and the file is moved only then. (The narrower window, the item saved DONE and the ledger not yet told, is
    the test above.)"""
    own_sandbox.processing_delay = 2.0
    folder = tmp_path / "window"
    digest = write_file(folder / "master.mov", 200_000)
    watcher = WatchProcess(own_sandbox.api_url, own_sandbox.api_key, folder, "--settle", "0.3", "--move-to", "done")
    try:
        deadline = time.monotonic() + 60
        while not own_sandbox.assets() and time.monotonic() < deadline:
            time.sleep(0.005)
    finally:
        watcher.kill()
    assert [a["checksum"] for a in own_sandbox.assets()] == [digest]
    with sqlite3.connect(queue_file(_isolated_home)) as db:
        assert db.execute("SELECT state, asset_id FROM watch_ledger").fetchall() == [("queued", "")]
        (status,) = db.execute("SELECT status FROM transfers").fetchone()
    assert status not in ("done", "failed"), status
    assert (folder / "master.mov").exists()  # registered, but not moved: the ledger had not recorded it

    own_sandbox.processing_delay = 0.0
    again = run_once(own_sandbox.api_url, own_sandbox.api_key, folder, "--move-to", "done")
    assert again.returncode == 0, again.stderr
    assert [a["checksum"] for a in own_sandbox.assets()] == [digest]  # once
    assert (folder / "done" / "master.mov").exists() and not (folder / "master.mov").exists()
    with sqlite3.connect(queue_file(_isolated_home)) as db:
        assert db.execute("SELECT state, asset_id FROM watch_ledger").fetchall() == [
            ("done", own_sandbox.assets()[0]["id"])
        ]
