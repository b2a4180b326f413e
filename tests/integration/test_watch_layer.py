"""The watcher in process, on the engine the window and the CLI share: a real queue store, the real runner, the
real sandbox. What a command-line run cannot time: a file rewritten after its upload ended but before the
after-upload action is left where it is (what is there is not what was uploaded), and its new content is
uploaded too."""

from __future__ import annotations

import time

from assetdrop.core import settings
from assetdrop.core.credentials import CredentialStore
from assetdrop.core.queue.items import Status
from assetdrop.core.queue.runner import QueueRunner
from assetdrop.core.session import AppSession
from assetdrop.core.watch.actions import Action, AfterUpload
from assetdrop.core.watch.ledger import Ledger
from assetdrop.core.watch.watcher import FolderWatcher
from tests.conftest import md5_of, write_file


def test_a_file_rewritten_after_its_upload_is_not_deleted_and_is_uploaded_again(sandbox, tmp_path):
    conf = settings.Settings(profiles=[settings.Profile("sb", base_url=sandbox.api_url)], current_profile="sb")
    session = AppSession(conf, credentials=CredentialStore(session_only=True), store_path=tmp_path / "q.sqlite3")
    session.set_runtime_key("sb", sandbox.api_key)
    folder = tmp_path / "watched"
    first = write_file(folder / "edit.psd", 40_000, seed=1)
    said: list[tuple[str, str, bool]] = []
    ledger = Ledger(session.store.path)
    watcher = FolderWatcher(
        folder,
        queue=session.queue,
        store=session.store,
        ledger=ledger,
        profile="sb",
        action=Action(AfterUpload.DELETE),
        settle=0,
        say=lambda *line: said.append(line),
    )
    runner = QueueRunner(session.queue, session.job_context, jobs=2).start()
    try:
        assert watcher.poll() == 1
        ended = []
        deadline = time.monotonic() + 60
        while not ended and time.monotonic() < deadline:
            ended = runner.finished()
        (item,) = ended
        assert item.status is Status.DONE
        second = write_file(folder / "edit.psd", 41_000, seed=2)  # saved again before the watcher heard back
        assert watcher.ended(item)
        assert md5_of(folder / "edit.psd") == second  # not deleted
        assert said[-1][0] == "Left in place" and not said[-1][2]
        assert watcher.poll() == 1  # the new content is new: uploaded as a new asset
        ended = []
        deadline = time.monotonic() + 60
        while not ended and time.monotonic() < deadline:
            ended = runner.finished()
        assert watcher.ended(ended[0])
        assert not (folder / "edit.psd").exists()  # this time what is there is what was uploaded: deleted
    finally:
        runner.stop()
        ledger.close()
        session.close()
    checksums = [a["checksum"] for a in sandbox.assets() if a["id"] in {item.asset_id, ended[0].asset_id}]
    assert sorted(checksums) == sorted([first, second])


def test_the_window_watches_only_while_it_runs_the_queue(tmp_path):
    from assetdrop.core.watch.config import WatchFolder
    from assetdrop.core.watch.service import WatchService

    conf = settings.Settings(profiles=[settings.Profile("sb", base_url="http://127.0.0.1:9")], current_profile="sb")
    owner = AppSession(conf, credentials=CredentialStore(session_only=True), store_path=tmp_path / "q.sqlite3")
    second = AppSession(conf, credentials=CredentialStore(session_only=True), store_path=tmp_path / "q.sqlite3")
    said: list[tuple[str, str, bool]] = []
    try:
        assert owner.owns_queue and not second.owns_queue
        service = WatchService(second, lambda *line: said.append(line))
        service.apply([WatchFolder(str(tmp_path / "in"))])
        assert service.watchers == [] and said == [
            ("Watch folders paused", "Another Assetdrop runs the queue; watching starts here when it ends.", True)
        ]
        mine = WatchService(owner, lambda *line: said.append(line))
        mine.apply([WatchFolder(str(tmp_path / "in"))])
        assert len(mine.watchers) == 1
        mine.stop()
    finally:
        second.close()
        owner.close()
