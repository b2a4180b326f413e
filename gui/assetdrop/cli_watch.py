"""`assetdrop-cli watch DIR`: upload what lands in a folder, once each, through the persistent queue.

Made for a service manager (packaging/deb/assetdrop-watch@.service): every event is one plain line on stderr
(`assetdrop-cli: TITLE: sentence`, no colours, no progress bar), each upload one `ASSET_ID<TAB>PATH` line on
stdout, and SIGTERM or Ctrl+C stops it cleanly (what was running stays queued, and the next start finishes it).
The folder logic is core/watch/watcher.py; this module only wires it to the command line's session.
"""

from __future__ import annotations

import argparse
import signal
import threading
from pathlib import Path
from types import FrameType

from .cli_output import Output, failure
from .core import errors
from .core.queue.items import QueueOptions, TransferItem
from .core.queue.runner import QueueRunner
from .core.watch.actions import Action, AfterUpload
from .core.watch.ledger import Ledger
from .core.watch.scan import Patterns
from .core.watch.watcher import FolderWatcher, run

EXIT_OK, EXIT_FAILED = 0, 1


def add_watch_command(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    watch = sub.add_parser("watch", help="upload files as they land in a folder (each once, across restarts)")
    watch.add_argument("folder", type=Path, metavar="DIR")
    watch.add_argument("--profile", default=argparse.SUPPRESS, help="profile name (default: the current profile)")
    after = watch.add_mutually_exclusive_group()
    after.add_argument(
        "--move-to", type=Path, metavar="DIR", help="after upload, move each file here (relative: inside DIR)"
    )
    after.add_argument("--delete-after", action="store_true", help="after upload, delete each file")
    watch.add_argument(
        "--include",
        action="append",
        default=[],
        metavar="GLOB",
        help="only files matching (name or path inside DIR; repeatable)",
    )
    watch.add_argument(
        "--exclude", action="append", default=[], metavar="GLOB", help="leave out files matching (repeatable)"
    )
    watch.add_argument("--once", action="store_true", help="upload what is there, then stop")
    watch.add_argument(
        "--settle",
        type=float,
        default=3.0,
        metavar="SECONDS",
        help="a file is taken once unchanged this long and not open for writing (default 3)",
    )
    watch.add_argument("--poll", type=float, default=1.0, metavar="SECONDS", help="look this often (default 1)")
    return watch


def action_of(args: argparse.Namespace) -> Action:
    if args.delete_after:
        return Action(AfterUpload.DELETE)
    if args.move_to is not None:
        return Action(AfterUpload.MOVE, args.move_to)
    return Action()


def say(title: str, message: str) -> None:
    failure(title, message)  # one line, journald-friendly


def watch(args: argparse.Namespace, session, profile: str, options: QueueOptions) -> int:
    """Run the watcher on `session` (persistent, and owning the queue) until stopped."""
    if not session.owns_queue:
        owner = session.owner()
        raise errors.ConfigError(
            f"{owner.describe() if owner else 'Another Assetdrop'} is running the queue; a watch folder needs it "
            f"to itself. Stop that one, or add the folder in its Settings → Watch folders.",
            title="Queue in use",
        )
    folder = args.folder.expanduser().absolute()
    output = Output(json_lines=args.json)
    failed = 0

    def done(item: TransferItem, where: Path | None) -> None:
        output.finished(item)
        after = "" if where == Path(item.source) else f", {'moved to ' + str(where) if where else 'deleted'}"
        say("uploaded", f"{item.source} as {item.asset_id}{after}")

    def told(title: str, message: str, problem: bool) -> None:
        nonlocal failed
        failed += problem
        say(title, message)

    ledger = Ledger(session.store.path)
    watcher = FolderWatcher(
        folder,
        queue=session.queue,
        store=session.store,
        ledger=ledger,
        profile=profile,
        options=options,
        patterns=Patterns(tuple(args.include), tuple(args.exclude)),
        action=action_of(args),
        settle=max(0.0, args.settle),
        say=told,
        on_done=done,
    )
    stop = threading.Event()

    def stop_now(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, stop_now) for sig in (signal.SIGTERM, signal.SIGINT)}
    runner = QueueRunner(session.queue, session.job_context, jobs=args.jobs).start()
    try:
        resumed = watcher.reconcile()
        extra = f"; {len(resumed)} upload(s) from the last run resumed" if resumed else ""
        say("watching", f"{folder} for profile {profile!r}{' (once)' if args.once else ''}{extra}")
        run([watcher], runner, stop, once=args.once, poll=max(0.05, args.poll))
    finally:
        runner.stop()
        ledger.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if stop.is_set():
        say("stopped", "watching ended; unfinished uploads continue at the next start")
    return EXIT_FAILED if (failed or watcher.missing) and args.once else EXIT_OK
