"""The window's watch folders at work: one background thread scans every configured folder and queues what has
settled on the session's own queue (so the uploads show in the window, with their folder in the path, and get
the same pacing, retries and exactly-once registration as a drop). The window's workers run them; this thread
asks the queue which of its items have ended and does the after-upload action (watcher.py `check_ended`).

Only the process that owns the queue watches (the ledger rows are tied to its item ids); a window that follows
another owner says so and starts watching when it takes the queue over."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from ..sentence import translate
from ..session import AppSession
from .config import WatchFolder
from .ledger import Ledger
from .watcher import FolderWatcher

log = logging.getLogger(__name__)
POLL_SECONDS = 1.0


class WatchService:
    def __init__(self, session: AppSession, say: Callable[[str, str, bool], None], *, settle: float = 3.0):
        self.session = session
        self.say = say
        self.settle = settle
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.watchers: list[FolderWatcher] = []

    def apply(self, folders: list[WatchFolder]) -> None:
        """Watch exactly these folders from now on (the old thread ends first; the ledger keeps what was done)."""
        self.stop()
        if not folders:
            return
        if not self.session.owns_queue or self.session.store is None:
            self.say(
                translate("watch.service", "Watch folders paused"),
                translate("watch.service", "Another Assetdrop runs the queue; watching starts here when it ends."),
                True,
            )
            return
        self._stop = threading.Event()
        ledger = Ledger(self.session.store.path)
        self.watchers = [
            FolderWatcher(
                w.path,
                queue=self.session.queue,
                store=self.session.store,
                ledger=ledger,
                profile=w.profile or self.session.current_profile.name,
                patterns=w.patterns,
                action=w.action,
                settle=self.settle,
                say=self.say,
            )
            for w in folders
        ]
        self._thread = threading.Thread(target=self._loop, args=(self._stop, ledger), name="watch-folders", daemon=True)
        self._thread.start()

    def _loop(self, stop: threading.Event, ledger: Ledger) -> None:
        try:
            for watcher in self.watchers:
                watcher.reconcile()
            while not stop.is_set():
                for watcher in self.watchers:
                    watcher.poll()
                    watcher.check_ended()
                stop.wait(POLL_SECONDS)
        except Exception:  # a bug must not take the window down: said in words, the details in the log
            log.exception("watch folders stopped")
            self.say(
                translate("watch.service", "Watch folders stopped"),
                translate("watch.service", "An unexpected error stopped watching; the log has the details."),
                True,
            )
        finally:
            ledger.close()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=30)
            self._thread = None
        self.watchers = []
