"""The fault rig the reliability cases share: one sandbox whose storage is reached through a TCP fault proxy,
an API fault proxy per test, and a queue run synchronously to the end of one item (fixtures: conftest.py)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from assetdrop.core.http import HttpClient
from assetdrop.core.providers.registry import connect
from assetdrop.core.queue.items import Status
from assetdrop.core.queue.store import QueueStore
from assetdrop.core.queue.transfer_queue import JobContext, TransferQueue
from assetdrop.core.transfer.download import ConflictPolicy
from assetdrop.core.transfer.retry import RetryPolicy
from tests.conftest import md5_of, write_file
from tests.support.fault_proxy import FaultProxy

MiB = 1024 * 1024


@pytest.fixture(scope="module")
def rig(tmp_path_factory):
    """One sandbox whose storage is reached through a fault proxy (its presigned URLs name the proxy)."""
    from assetdrop.sandbox.server import Sandbox

    with Sandbox(tmp_path_factory.mktemp("fault-sandbox")) as sandbox:
        storage_proxy = FaultProxy(sandbox.storage.host, sandbox.storage.port)
        sandbox.storage.public_endpoint = storage_proxy.url
        yield sandbox, storage_proxy
        storage_proxy.close()


@pytest.fixture
def env(rig, tmp_path):
    sandbox, storage_proxy = rig
    storage_proxy.plan.clear()
    api_proxy = FaultProxy("127.0.0.1", int(sandbox.api_url.rsplit(":", 1)[1]))
    http = HttpClient(timeout=(2, 2))
    provider = connect("filespin", http, api_proxy.url, sandbox.api_key)
    yield Env(sandbox, provider, api_proxy, storage_proxy, tmp_path)
    api_proxy.close()
    http.close()


class Env:
    def __init__(self, sandbox, provider, api, storage, tmp):
        self.sandbox, self.provider, self.api, self.storage, self.tmp = sandbox, provider, api, storage, tmp

    def run(
        self,
        *,
        upload: Path | None = None,
        download: str | None = None,
        dest: Path | None = None,
        attempts: int = 4,
        provider=None,
        context=None,
    ):
        """One transfer through the real queue, synchronously; returns the finished item."""
        queue = TransferQueue(store=QueueStore(self.tmp / "queue.sqlite3"))
        job_context = context or JobContext(
            provider or self.provider,
            dest or self.tmp / "down",
            ConflictPolicy.RENAME,
            RetryPolicy(attempts, 0.05, 0.2),
        )
        [item_id] = queue.add_uploads([upload], "P") if upload is not None else queue.add_downloads([download], "P")
        return run_to_end(queue, item_id, job_context)

    def uploaded(self, name: str = "asset.bin", size: int = 3 * MiB) -> tuple[str, str]:
        path = self.tmp / "src" / name
        digest = write_file(path, size)
        item = self.run(upload=path)
        assert item.status is Status.DONE, item.status_text
        return item.asset_id, digest

    def inject(self, proxy: FaultProxy, *faults) -> None:
        """Plan faults for the next connections, and drop pooled keep-alive ones so the next request dials anew."""
        self.provider.http.session.close()
        proxy.then(*faults)

    def registered(self, asset_id: str) -> int:
        return sum(1 for a in self.sandbox.assets() if a["id"] == asset_id)

    def no_partial_files(self, folder: Path) -> bool:
        return not folder.exists() or not [p for p in os.listdir(folder) if p.endswith(".part")]


def run_to_end(queue: TransferQueue, item_id: int, context) -> object:
    """Be the queue's only worker until the item is finished: each retry comes back through next_job(), and an
    upload still being processed ends off the workers (core/queue/readiness.py), so each wait is short."""
    deadline = time.monotonic() + 30
    while True:
        item = queue.get(item_id)
        if item.is_finished:
            return item
        assert time.monotonic() < deadline, f"the item did not end within 30 s ({item.status.value})"
        job = queue.next_job(timeout=0.2)
        if job is not None:
            queue.run(*job, lambda item: context if not callable(context) else context(item))
            deadline = time.monotonic() + 30  # each job (a retry too) has its own 30 s


def _done_identical(item, digest):
    assert item.status is Status.DONE, item.status_text
    assert md5_of(Path(item.saved_path)) == digest
    assert not [p for p in os.listdir(Path(item.saved_path).parent) if p.endswith(".part")]
