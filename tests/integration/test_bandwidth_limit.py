"""Bandwidth limits hold across all transfers together (two downloads share one limit), and 0 is unlimited."""

from __future__ import annotations

import threading
import time

import pytest

from assetdrop.core.transfer import throttle
from assetdrop.core.transfer.asset_download import download_asset
from assetdrop.core.transfer.upload import upload_file
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
        ids.append(upload_file(provider, path).asset_id)
    throttle.configure(0, 4096)  # 4 MiB/s for both together
    results = {}

    def fetch(asset_id):
        results[asset_id] = download_asset(provider, asset_id, tmp_path / "down")

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


def test_upload_limit_and_changing_it_mid_transfer(provider, tmp_path):
    path = tmp_path / "up.bin"
    write_file(path, 3 * MiB)
    throttle.configure(1024, 0)  # 1 MiB/s
    timer = threading.Timer(1.0, lambda: throttle.configure(0, 0))  # lifted while it runs: takes effect at once
    start = time.monotonic()
    timer.start()
    upload_file(provider, path)
    elapsed = time.monotonic() - start
    timer.join()
    print(f"\n3 MiB upload, 1 MiB/s limit lifted after 1 s: {elapsed:.2f} s")
    assert 0.9 <= elapsed < 1.8  # limited for the first second only
