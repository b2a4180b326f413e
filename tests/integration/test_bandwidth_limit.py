"""Bandwidth limits hold across all transfers together (two downloads share one limit), and 0 is unlimited."""

from __future__ import annotations

import threading
import time

import pytest

from assetdrop.core.transfer import throttle
from assetdrop.core.transfer.job import Job
from assetdrop.core.transfer.progress import Phase
from tests.conftest import md5_of, write_file

MiB = 1024 * 1024


@pytest.fixture(autouse=True)
def _unlimited_afterwards():
    yield
    throttle.configure(0, 0)


def test_two_downloads_share_one_download_limit(provider, tmp_path):
    ids, digests = [], []
    for i in range(2):
        path = tmp_path / f"limited-{i}.bin"
        digests.append(write_file(path, 4 * MiB, seed=i))
        ids.append(provider.upload(path).asset_id)
    throttle.configure(0, 4096)  # 4 MiB/s for both together
    results = {}

    def fetch(asset_id):
        results[asset_id] = provider.download(asset_id, tmp_path / "down")

    start = time.monotonic()
    threads = [threading.Thread(target=fetch, args=(asset_id,)) for asset_id in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    elapsed = time.monotonic() - start
    rate = 8 * MiB / elapsed / MiB
    print(f"\n2 x 4 MiB under a shared 4 MiB/s limit: {elapsed:.2f} s ({rate:.2f} MiB/s together)")
    assert sorted(md5_of(r.path) for r in results.values()) == sorted(digests)
    assert elapsed >= 8 / 4 - throttle.BURST_SECONDS - 0.1  # one limit for both, not one each
    # and the limit is the one set, not a stricter one: loopback moves 8 MiB in a small fraction of a second, so
    # anything past 1.5x the limited time is the throttle's doing (a limit 8x too strict would take 16 s)
    assert elapsed <= 8 / 4 * 1.5, f"{rate:.2f} MiB/s under a 4 MiB/s limit"


def test_upload_limit_and_changing_it_mid_transfer(provider, tmp_path):
    """1 MiB/s for the first second of sending, then lifted while it runs: about 1 MiB by then (the limit set, not
    a stricter one), and the rest at once. The second is counted from the first byte sent, not from the call
    (the storage URL comes first, through the API's pacing)."""
    path = tmp_path / "up.bin"
    write_file(path, 3 * MiB)
    throttle.configure(1024, 0)  # 1 MiB/s
    sent, lifted_at, timers = [0], [], []

    def lift() -> None:
        lifted_at.append((sent[0], time.monotonic()))
        throttle.configure(0, 0)

    def progress(p) -> None:
        if p.phase is Phase.UPLOADING:
            sent[0] = max(sent[0], p.done)
            if not timers:
                timers.append((threading.Timer(1.0, lift), time.monotonic(), p.done))
                timers[0][0].start()

    provider.upload(path, Job(progress=progress))
    finished = time.monotonic()
    timer, started, first = timers[0]
    timer.join()
    by_then, lift_time = lifted_at[0]
    print(
        f"\n3 MiB upload, 1 MiB/s limit lifted 1 s after its first block: {(by_then - first) / MiB:.2f} MiB sent "
        f"in that second, the rest in {finished - lift_time:.2f} s"
    )
    # the file is read in 1 MiB blocks, so that second moved one block, or two with the throttle's burst; a limit
    # 8x too strict would not have let the second block through
    assert MiB <= by_then - first <= 2 * MiB, (by_then - first) / MiB
    # lifted at once: the remaining 2 MiB did not go on at 1 MiB/s (that would take 2 s more)
    assert finished - lift_time < 1.5 and finished - started >= 0.9
