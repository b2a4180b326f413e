"""One watched folder: scan, wait for files to settle, queue them with their ledger rows, act after upload.

Polling, not watchdog or inotify, on purpose. Hot folders live on servers and shares (SMB, NFS, sshfs) where
inotify and FSEvents see nothing of what other machines write; an unmounted folder gives no event at all, and
watchdog's own fallback there is a polling observer. And every file must be looked at again anyway until it has
settled (stability.py), so events would only say when to look. A poll of 10,000 known files that finds
nothing new costs about 120 ms of one core (tests/integration/test_watch_scale.py prints it), so one a second
(`poll`) is affordable, sees files that arrived while nothing ran, and notices a folder that went away or came
back.

Watched files go through the caller's TransferQueue and QueueRunner (core/queue/), the same queue, pacing,
retries and exactly-once registration as dropped files; this class only decides what to queue and what to do
when an item ends. It needs the process to own the queue (ownership.py): items it queues are tied to their
ledger rows by id before any worker may start them.
"""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from ..errors import WatchFolderMissing
from ..queue.items import Direction, QueueOptions, Status, TransferItem
from ..queue.runner import QueueRunner
from ..queue.store import QueueStore
from ..queue.transfer_queue import TransferQueue
from ..sentence import translate
from . import ledger as states
from .actions import Action, AfterUpload
from .ledger import Ledger
from .scan import Patterns, Seen, scan
from .stability import Settling

log = logging.getLogger(__name__)
BATCH = 500  # files hashed and queued per step, so the first uploads start while a big drop is still hashed

NO_OPTIONS, EVERY_FILE, LEAVE = QueueOptions(), Patterns(), Action()
Say = Callable[[str, str, bool], None]  # (title, sentence, a problem?): one log line each


def md5_of(path: Path) -> str:
    digest = hashlib.md5()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


class FolderWatcher:
    def __init__(
        self,
        folder: Path,
        *,
        queue: TransferQueue,
        store: QueueStore,
        ledger: Ledger,
        profile: str,
        options: QueueOptions = NO_OPTIONS,
        patterns: Patterns = EVERY_FILE,
        action: Action = LEAVE,
        settle: float = 3.0,
        say: Say = lambda title, message, problem: None,
        on_done: Callable[[TransferItem, Path | None], None] = lambda item, where: None,
    ):
        self.folder = folder.absolute()
        self.key = str(self.folder)
        self.queue, self.store, self.ledger = queue, store, ledger
        self.profile, self.options, self.patterns, self.action = profile, options, patterns, action
        self.settling = Settling(settle)
        self.say, self.on_done = say, on_done
        target = action.target_folder(self.folder)
        self._skip = frozenset({target.absolute()}) if target is not None else frozenset()
        self._shapes = ledger.shapes(self.key)
        self._mine: set[int] = set()  # queue items of this folder not ended yet
        self.missing = False
        self._mount_point = False  # seen as a mount point: once it is not, the share is gone, not empty
        self.waiting = 0  # files seen but not settled at the last scan

    # -- start: what the last run left -------------------------------------------------------------------------
    def reconcile(self) -> list[int]:
        """Finish the ledger's open rows from the queue's own record: an item that ended DONE gives its asset ID
        (never a second upload), an unfinished one is resumed, one that never reached the store or failed is
        forgotten so its file is looked at again. Returns the resumed item ids."""
        entries = self.ledger.open_entries(self.key)
        ids = [e.item_id for e in entries if e.item_id is not None]
        items = {item.id: item for item in self.store.items(ids)}
        resume, forget = [], []
        for entry in entries:
            item = items.get(entry.item_id) if entry.item_id is not None else None
            if entry.state == states.UPLOADED and entry.asset_id:
                self._after(entry.item_id or 0, Path(entry.path), entry.asset_id, item)
            elif entry.state == states.QUEUED and item is not None and item.status is Status.DONE and item.asset_id:
                self.ledger.set_state(item.id, states.UPLOADED, item.asset_id)
                log.info("%s was registered as %s before the last stop; not uploaded again", entry.path, item.asset_id)
                self._after(item.id, Path(entry.path), item.asset_id, item)
            elif entry.state == states.QUEUED and item is not None and not item.is_finished:
                resume.append(item)
            elif entry.item_id is not None:
                forget.append(entry.item_id)
        self.ledger.forget(forget)
        self._shapes = self.ledger.shapes(self.key)
        live = set()
        for item in resume:  # already back in this process's queue (the window recovered it first): followed
            try:
                self.queue.get(item.id)
                live.add(item.id)
            except KeyError:
                pass
        recovered = self.queue.recover([i for i in resume if i.id not in live], resume=True, include_paused=True)
        self._mine.update(recovered, live)
        return recovered

    # -- each scan ----------------------------------------------------------------------------------------------
    def poll(self) -> int:
        """Look at the folder once and queue what has settled; returns how many files were queued."""
        try:
            if self._mount_point and not os.path.ismount(self.folder):  # the empty folder a share leaves behind
                raise OSError(errno.ENODEV, "unmounted")
            listing = scan(self.folder, self.patterns, skip=self._skip)
            if not self.folder.is_dir():
                raise NotADirectoryError(errno.ENOTDIR, "not a folder")
        except OSError as exc:
            if not self.missing:
                self.missing = True
                error = WatchFolderMissing(
                    translate(
                        "watch.watcher",
                        "{folder} cannot be read ({reason}): it was removed, renamed or unmounted. Watching "
                        "resumes as soon as it is back.",
                    ).format(folder=self.folder, reason=exc.strerror or exc)
                )
                self.say(error.title, error.message, True)
            return 0
        self._mount_point = self._mount_point or os.path.ismount(self.folder)
        if self.missing:
            self.missing = False
            self.say(
                translate("watch.watcher", "Watch folder back"),
                translate("watch.watcher", "{folder} is there again; watching resumed.").format(folder=self.folder),
                False,
            )
        fresh = [seen for seen in listing.files.values() if not self._known(seen)]
        self.settling.keep_only({seen.path for seen in fresh})
        ready = self.settling.settled(fresh)
        self.waiting = len(fresh) - len(ready)
        queued = 0
        for start in range(0, len(ready), BATCH):
            queued += self._queue(ready[start : start + BATCH])
        return queued

    def _known(self, seen: Seen) -> bool:
        return (seen.size, seen.mtime_ns) in self._shapes.get(str(seen.path), ())

    def _remember(self, path: str, size: int, mtime_ns: int) -> None:
        self._shapes.setdefault(path, set()).add((size, mtime_ns))

    def _queue(self, ready: list[Seen]) -> int:
        todo: list[tuple[Seen, str]] = []
        for seen in ready:
            try:
                digest = md5_of(seen.path)
                st = seen.path.stat()
            except OSError:  # gone or unreadable meanwhile: the next scan sees what is there
                continue
            if (st.st_size, st.st_mtime_ns) != (seen.size, seen.mtime_ns):
                continue  # written to while it was read: settles again
            entry = self.ledger.lookup(str(seen.path), digest)
            if entry is not None and entry.state != states.FAILED:
                self.ledger.touch(entry.id, seen.size, seen.mtime_ns)  # the same content: never uploaded again
                self._remember(str(seen.path), seen.size, seen.mtime_ns)
                continue
            todo.append((seen, digest))
        if not todo:
            return 0
        templates = []
        for seen, _ in todo:
            item = TransferItem(0, Direction.UPLOAD, str(seen.path), seen.path.name, self.profile, seen.size)
            item.apply(self.options)
            templates.append(item)

        def tie(copies: list[TransferItem]) -> None:  # before any worker may start one of them
            self.ledger.queued(
                [
                    (self.key, str(seen.path), seen.size, seen.mtime_ns, digest, copy.id)
                    for (seen, digest), copy in zip(todo, copies, strict=True)
                ]
            )

        ids = self.queue.adopt(templates, before_queueing=tie)
        self._mine.update(ids)
        for seen, _ in todo:
            self._remember(str(seen.path), seen.size, seen.mtime_ns)
        self.settling.forget(seen.path for seen, _ in todo)
        log.info("queued %d file(s) from %s", len(ids), self.folder)
        return len(ids)

    # -- when an item ends --------------------------------------------------------------------------------------
    def ended(self, item: TransferItem) -> bool:
        """An item of the queue ended; True if it was one of this folder's."""
        if item.id not in self._mine:
            return False
        self._mine.discard(item.id)
        if item.status is Status.DONE and item.asset_id:
            self.ledger.set_state(item.id, states.UPLOADED, item.asset_id)
            self._after(item.id, Path(item.source), item.asset_id, item)
        else:
            self.ledger.set_state(item.id, states.FAILED)
            message = translate("watch.watcher", "{path}: {reason}").format(
                path=item.source, reason=item.error_message or item.status_text
            )
            self.say(item.error_title or translate("watch.watcher", "Upload failed"), message, True)
        return True

    def _after(self, item_id: int, path: Path, asset_id: str, item: TransferItem | None) -> None:
        """The after-upload action, now that the asset ID is in the ledger; the ledger row is done after it. A
        file rewritten since it was queued is left alone: what is there now is not what was uploaded (the next
        scan sees changed content and uploads it as new)."""
        entry = self.ledger.by_item(item_id)
        try:
            st = path.stat()
            rewritten = entry is not None and (st.st_size, st.st_mtime_ns) != (entry.size, entry.mtime_ns)
        except OSError:
            rewritten = False  # gone: moved or deleted before a crash, or by a person; nothing to do
        if rewritten and self.action.kind is not AfterUpload.LEAVE:
            if self.action.kind is AfterUpload.MOVE:
                changed = translate(
                    "watch.watcher",
                    "{path} was uploaded as {asset_id} but has changed since; it was not moved, and its new content "
                    "will be uploaded too.",
                )
            else:
                changed = translate(
                    "watch.watcher",
                    "{path} was uploaded as {asset_id} but has changed since; it was not deleted, and its new "
                    "content will be uploaded too.",
                )
            self.say(translate("watch.watcher", "Left in place"), changed.format(path=path, asset_id=asset_id), False)
            self.ledger.set_state(item_id, states.DONE)
            if item is not None:
                self.on_done(dataclasses.replace(item, asset_id=asset_id), path)
            return
        try:
            where = self.action.apply(path, self.folder)
        except OSError as exc:
            if self.action.kind is AfterUpload.MOVE:
                stuck = translate(
                    "watch.watcher",
                    "{path} was uploaded as {asset_id} but could not be moved ({reason}); it stays where it is.",
                )
            else:
                stuck = translate(
                    "watch.watcher",
                    "{path} was uploaded as {asset_id} but could not be deleted ({reason}); it stays where it is.",
                )
            self.say(
                translate("watch.watcher", "Could not tidy up"),
                stuck.format(path=path, asset_id=asset_id, reason=exc.strerror or exc),
                True,
            )
            where = path
        self.ledger.set_state(item_id, states.DONE)
        if item is not None:
            self.on_done(dataclasses.replace(item, asset_id=asset_id), where)

    def check_ended(self) -> None:
        """Hand this folder's items that have ended to `ended` (the window, whose workers report to the window,
        not to a QueueRunner, asks the queue instead). An item removed from the queue by a person is a failure:
        its file is looked at again at the next start."""
        for item_id in list(self._mine):
            try:
                item = self.queue.get(item_id)
            except KeyError:
                self._mine.discard(item_id)
                self.ledger.set_state(item_id, states.FAILED)
                continue
            if item.is_finished:
                self.ended(item)

    @property
    def busy(self) -> bool:
        """Files waiting to settle, or uploads of this folder not ended yet."""
        return bool(self._mine) or self.waiting > 0


def run(
    watchers: list[FolderWatcher],
    runner: QueueRunner,
    stop: threading.Event,
    *,
    once: bool = False,
    poll: float = 1.0,
    on_other: Callable[[TransferItem], None] = lambda item: None,
) -> None:
    """Scan every `poll` seconds and hand ended items to their folder, until `stop` is set (or, with `once`,
    until every file that was there has been uploaded and nothing is left settling)."""
    next_scan = 0.0
    while not stop.is_set():
        if time.monotonic() >= next_scan:
            for watcher in watchers:
                watcher.poll()
            next_scan = time.monotonic() + poll
        for item in runner.finished(timeout=min(poll, 0.2)):
            if not any(watcher.ended(item) for watcher in watchers):
                on_other(item)
        if once and (any(w.missing for w in watchers) or (not any(w.busy for w in watchers) and runner.idle)):
            return
