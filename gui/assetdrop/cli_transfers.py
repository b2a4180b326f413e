"""`upload`, `download` and `resume`: the window's queue engine (core/queue/runner.py) on the command line.

Without `--queued` the queue lives in memory and ends with the command; with it, the queue is the window's store,
so a killed command is finished by `resume` (each file registered once). Either way the same retries, Retry-After,
backoff, bandwidth limits, exactly-once registration and messages apply. When another process owns the queue
(core/queue/ownership.py), the items are handed to it and followed until they end; if that owner dies, this
process takes the queue over and finishes it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from .cli_output import Output, failure
from .cli_progress import TerminalProgress
from .core import errors, folder_layout, settings
from .core.queue.handover import Follower
from .core.queue.items import Direction, QueueOptions, Status, TransferItem
from .core.queue.runner import QueueRunner
from .core.session import AppSession
from .core.transfer.download import ConflictPolicy

EXIT_OK, EXIT_FAILED = 0, 1


class Run:
    """One command's transfers: which items are its own, what was printed, whether anything failed."""

    def __init__(self, session: AppSession, output: Output, progress: TerminalProgress):
        self.session = session
        self.output = output
        self.progress = progress
        self.mine: set[int] | None = set()  # None: every item (resume)
        self.reported: set[int] = set()
        self.failed = 0

    def is_mine(self, item_id: int) -> bool:
        return self.mine is None or item_id in self.mine

    def report(self, item: TransferItem) -> None:
        if item.id in self.reported or not item.is_finished or not self.is_mine(item.id):
            return
        self.reported.add(item.id)
        self.progress.finished(item)
        self.progress.clear()
        if item.status in (Status.DONE, Status.SKIPPED):
            self.output.finished(item)
        else:
            self.failed += 1
            failure(item.source or item.name, item.error_message or item.status_text)

    @property
    def exit_code(self) -> int:
        return EXIT_FAILED if self.failed else EXIT_OK


def make_session(conf: settings.Settings, *, queued: bool, command: str, on_change: Callable[[TransferItem], None]):
    session = AppSession(conf, persistent=queued, program=f"assetdrop-cli {command}", env_key=True, on_change=on_change)
    session.ask_conflict = keep_both_and_say_so(conf.conflict_policy)
    if session.store is not None and session.store.moved_aside is not None:
        failure(
            "queue",
            f"the queue file was damaged; it was moved to {session.store.moved_aside} and a new queue was started",
        )
    return session


def keep_both_and_say_so(setting: str) -> Callable[[Path], ConflictPolicy]:
    """The settings may say "ask" (the window asks); a command cannot stop to ask, so it keeps both, and says
    so once, when a name is first found taken."""
    lock, said = threading.Lock(), list[Path]()

    def keep_both(path: Path) -> ConflictPolicy:
        with lock:
            if not said:
                said.append(path)
                failure(
                    path.name,
                    f"exists; the settings say {setting!r}, which only the window can do, so both are "
                    f"kept (choose with --conflict)",
                )
        return ConflictPolicy.RENAME

    return keep_both


def transfer(
    run: Run,
    direction: Direction,
    sources: list[tuple[str, str, int | None]],
    profile: str,
    options: QueueOptions,
    jobs: int,
    *,
    owner_has_key: Callable[[], bool],
) -> int:
    """Queue these sources and see them through, or hand them to the queue's owner and follow them. The owner
    finds keys in the keyring only (never in another process's environment), so a hand-over whose key is not
    there is refused in words: the owner could not upload them, or would use another account's key."""
    session = run.session
    items = [TransferItem(0, direction, source, name, profile, size) for source, name, size in sources]
    for item in items:
        item.apply(options)
    if direction is Direction.DOWNLOAD:
        # several assets from one folder upload come back in its folders (core/folder_layout.py): the upload
        # history is the persistent queue's, so with --queued only
        uploads = folder_layout.history(session.store, [i.source for i in items], profile)
        base = Path(options.dest) if options.dest else session.settings.effective_download_dir()
        for ids, queued_with in folder_layout.planned([i.source for i in items], uploads, base, options):
            for item in items:
                if item.source in ids and queued_with is not None:
                    item.apply(queued_with)
    if session.owns_queue:
        run.mine = set(session.queue.adopt(items))
        drive(run, jobs)
        return run.exit_code
    owner = session.owner()
    who = owner.describe() if owner else "another process"
    what = f"{len(items)} {'upload' if direction is Direction.UPLOAD else 'download'}{'s' if len(items) != 1 else ''}"
    if not owner_has_key():
        raise errors.ConfigError(
            f"Another Assetdrop, {who}, is running this queue, and the key for profile {profile!r} is not in the "
            f"keyring, where it would look; your {what} were not added. Run without --queued, use a profile "
            f"whose key is stored (--profile NAME), or wait until it has finished.",
            title="Queue in use",
        )
    follower = session.hand_over(items)
    failure(
        "queue",
        f"another Assetdrop, {who}, is running this queue; your {what} were added to it and are followed here",
    )
    run.mine = None  # while following, the store shows only this command's items
    follow(run, follower, jobs)
    return run.exit_code


def resume(run: Run, jobs: int, include_paused: bool) -> int:
    session = run.session
    if not session.owns_queue:
        assert session.store is not None
        unfinished = [item.id for item in session.store.unfinished()]
        owner = session.owner()
        failure(
            "queue",
            f"{owner.describe() if owner else 'another process'} is running this queue; following its "
            f"{len(unfinished)} unfinished transfer{'s' if len(unfinished) != 1 else ''} until they end",
        )
        run.mine = None
        follow(run, Follower(session.store, item_ids=unfinished), jobs)
        return run.exit_code
    assert session.store is not None
    recovered = session.queue.recover(session.store.unfinished(), resume=True, include_paused=include_paused)
    run.mine = set(recovered)
    if recovered:
        drive(run, jobs)
    return run.exit_code


def drive(run: Run, jobs: int) -> None:
    """Run the queue here until it is idle, printing each of this command's items as it ends (on this thread:
    a closed stdout or a Ctrl+C stops everything, and what was running stays queued for `resume`)."""
    runner = QueueRunner(run.session.queue, run.session.job_context, jobs=jobs).start()
    try:
        runner.drain(run.report)
    finally:
        runner.stop()
        run.progress.close()


def follow(run: Run, follower: Follower, jobs: int) -> None:
    """While another process owns the queue: print this command's items as the store shows them end; when the
    owner has gone, take the queue over and finish it here."""
    stop = threading.Event()
    while not stop.wait(0.5):
        for item in follower.poll():
            run.report(item)
        if follower.done:
            return
        recovered = run.session.take_over()
        if recovered is not None:
            failure("queue", f"the previous owner has gone; finishing the queue here ({len(recovered)} left)")
            for item in follower.poll():
                run.report(item)
            run.mine = set(follower.item_ids)
            drive(run, jobs)
            return


def print_problems(problems: list[tuple[Path, str]]) -> int:
    for path, reason in problems:
        failure(str(path), reason)
    return len(problems)
