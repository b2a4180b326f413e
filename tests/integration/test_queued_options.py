"""A download keeps the options it was queued with (CLI `--conflict`, `--dest`, `--no-verify`) through a restart,
whatever the settings say by then; and each provider honours a per-download `verify` over its setting.

Real sandbox over loopback, real SQLite queue store, two sessions one after the other as two runs of the app.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assetdrop.core import settings
from assetdrop.core.credentials import CredentialStore
from assetdrop.core.providers.registry import connect
from assetdrop.core.providers.xvid import XvidCredentials
from assetdrop.core.queue.items import Status
from assetdrop.core.queue.runner import QueueRunner
from assetdrop.core.session import AppSession
from assetdrop.core.transfer.download import ConflictPolicy
from tests.conftest import md5_of, write_file


def _session(sandbox, tmp_path) -> AppSession:
    conf = settings.Settings(
        profiles=[settings.Profile("sb", base_url=sandbox.api_url)],
        current_profile="sb",
        conflict_policy="rename",
        verify_downloads=True,
        retry_base_delay=0.05,
        retry_max_delay=0.2,
    )
    session = AppSession(
        conf,
        credentials=CredentialStore(session_only=True),
        store_path=tmp_path / "q.sqlite3",
        settings_path=tmp_path / "settings.json",
    )
    session.set_runtime_key("sb", sandbox.api_key)
    return session


def drain(session: AppSession, *, jobs: int) -> list:
    """Run the session's queue on the command line's runner until it is idle; the items that ended."""
    finished: list = []
    runner = QueueRunner(session.queue, session.job_context, jobs=jobs).start()
    try:
        runner.drain(finished.append)
    finally:
        runner.stop()
    return finished


def test_a_queued_download_keeps_its_options_through_a_restart(sandbox, provider, tmp_path):
    source = tmp_path / "kept.bin"
    digest = write_file(source, 200_000)
    asset_id = provider.upload(source).asset_id
    dest = tmp_path / "dest"
    dest.mkdir()
    (dest / "kept.bin").write_bytes(b"an older file, to be overwritten")

    first = _session(sandbox, tmp_path)
    [item_id] = first.queue.add_downloads([asset_id], "sb", dest=dest, conflict=ConflictPolicy.OVERWRITE, verify=False)
    first.close()  # the first run ends before the download starts

    second = _session(sandbox, tmp_path)  # its settings say: keep both, verify
    try:
        assert second.queue.recover(second.store.unfinished(), resume=True) == [item_id]
        context = second.job_context(second.queue.get(item_id))
        assert (context.conflict, context.verify, context.dest_dir) == (ConflictPolicy.OVERWRITE, False, dest)
        finished = drain(second, jobs=1)
    finally:
        second.close()
    assert [item.status for item in finished] == [Status.DONE], [item.status_text for item in finished]
    assert sorted(p.name for p in dest.iterdir()) == ["kept.bin"] and md5_of(dest / "kept.bin") == digest


def test_the_verify_option_reaches_the_download_through_the_queue(sandbox, provider, tmp_path):
    """A stored object changed behind the storage's back (same length, its ETag MD5 now wrong): the item queued
    with verify=False keeps the bytes; the one queued without follows the settings (verify) and fails in words."""
    source = tmp_path / "rot.bin"
    digest = write_file(source, 100_000)
    asset_id = provider.upload(source).asset_id
    [stored] = [p for p in Path(sandbox.storage.root).rglob("*.data") if md5_of(p) == digest]
    with open(stored, "r+b") as handle:
        handle.seek(50_000)
        handle.write(b"\xff" if source.read_bytes()[50_000:50_001] != b"\xff" else b"\x00")
    session = _session(sandbox, tmp_path)
    try:
        unchecked = session.queue.add_downloads([asset_id], "sb", dest=tmp_path / "a", verify=False)[0]
        checked = session.queue.add_downloads([asset_id], "sb", dest=tmp_path / "b")[0]
        drain(session, jobs=2)
        a, b = session.queue.get(unchecked), session.queue.get(checked)
    finally:
        session.close()
    assert a.status is Status.DONE and md5_of(Path(a.saved_path)) == md5_of(stored) != digest
    assert b.status is Status.FAILED and "do not match the server's checksum" in b.error_message
    assert not (tmp_path / "b").exists() or list((tmp_path / "b").iterdir()) == []


def test_items_queued_without_options_follow_the_settings(sandbox, tmp_path):
    session = _session(sandbox, tmp_path)
    try:
        [item_id] = session.queue.add_downloads(["0" * 32], "sb")
        session.queue.pause(item_id)
        session.settings.conflict_policy = "skip"
        context = session.job_context(session.queue.get(item_id))
        assert (context.conflict, context.verify) == (ConflictPolicy.SKIP, None)
        assert context.dest_dir == session.settings.effective_download_dir()
    finally:
        session.close()


@pytest.fixture(params=["filespin", "xvid", "memories"])
def any_provider(request, sandbox, http, provider):
    if request.param == "xvid":
        creds = XvidCredentials(client_id=sandbox.xvid_client_id, client_secret=sandbox.xvid_client_secret)
        return connect("xvid", http, sandbox.xvid_url, creds.secret, pipeline_id="verify")
    if request.param == "memories":
        return connect("memories", http, sandbox.memories_url, sandbox.memories_key)
    return provider


def test_each_provider_honours_a_per_download_verify(any_provider, tmp_path):
    source = tmp_path / "v.bin"
    digest = write_file(source, 300_000)
    asset_id = any_provider.upload(source).asset_id
    any_provider.verify_downloads = True
    unchecked = any_provider.download(asset_id, tmp_path / "a", verify=False)
    any_provider.verify_downloads = False
    checked = any_provider.download(asset_id, tmp_path / "b", verify=True)
    default = any_provider.download(asset_id, tmp_path / "c")
    assert (unchecked.md5, checked.md5, default.md5) == (None, digest, None)
    assert md5_of(unchecked.path) == md5_of(checked.path) == digest
