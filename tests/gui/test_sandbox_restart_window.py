"""The window's queue across a restart of its sandbox process (sandbox/process.py, as the app runs it): uploads in
flight when it stops retry, the restarted sandbox answers on the same ports, and every row ends Ready with its
asset registered once. Before issue 15 the restarted sandbox took new ports and every queued row failed.
"""

from __future__ import annotations

import collections

from assetdrop.core.queue.items import Status
from assetdrop.sandbox.process import SandboxProcess
from assetdrop.sandbox.server import Sandbox
from tests.conftest import write_file
from tests.gui.conftest import rows
from tests.gui.test_main_window import drop


def test_a_sandbox_restart_mid_queue_finishes_every_upload_once(qtbot, make_window, tmp_path):
    data_dir = tmp_path / "sandbox"
    process = SandboxProcess(data_dir).start()
    try:
        window = make_window(
            api_url=process.api_url,
            api_key=process.api_key,
            upload_limit_kib=4096,  # about six seconds of uploads: time to restart in the middle
            retry_base_delay=0.3,
            retry_max_delay=1.0,
            retry_attempts=12,
        )
        files = [tmp_path / "drop" / f"photo-{i}.bin" for i in range(6)]
        sizes = [200 * 1024] + [4 * 1024 * 1024] * 5  # one done early, while the others are still uploading
        digests = collections.Counter(write_file(path, sizes[i], seed=i) for i, path in enumerate(files))
        drop(qtbot, window.drop_zone, paths=[tmp_path / "drop"])
        qtbot.waitUntil(
            lambda: (
                any(r.status is Status.DONE for r in rows(window))
                and any(r.status is Status.UPLOADING and r.done > 0 for r in rows(window))
            ),
            timeout=30000,
        )  # some are mid-upload: stop now
        process.stop()
        process = SandboxProcess(data_dir).start()
        qtbot.waitUntil(
            lambda: len(rows(window)) == 6 and all(r.status is Status.DONE for r in rows(window)), timeout=60000
        )
        assert {r.status_text for r in rows(window)} == {"Ready"}
    finally:
        process.stop()
    with Sandbox(data_dir, rate_limits=False) as stopped:
        assert collections.Counter(a["checksum"] for a in stopped.assets()) == digests
    assert len({r.asset_id for r in rows(window)}) == 6
