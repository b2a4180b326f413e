"""Everything the app holds while it runs, Qt-free: settings, keys, one provider per endpoint, the queue, and
whether this process owns the queue (the window and the CLI use this same object).

A persistent session owns its queue only while it holds the queue's lock (queue/ownership.py). Until then new
items are handed to the owner and followed through the store (queue/handover.py), and a background look takes
the lock as soon as the owner has gone, then finishes what the owner left (resumed, whatever the setting: those
transfers were running). A session made with `persistent=False` (a plain command-line upload or download) has a
queue of its own in memory, run by the same engine.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Mapping
from pathlib import Path

from . import paths, settings
from .cleanup import Cleaned, remove_partials
from .credentials import ENV_API_KEY, CredentialStore
from .errors import ConfigError, CredentialsError, KeyringUnavailable
from .logsetup import register_secret
from .providers.base import Provider
from .providers.endpoint import Endpoint
from .providers.registry import build, make_http
from .queue.attempt import JobContext
from .queue.handover import Follower, InboxWatch, adopt_waiting
from .queue.items import Direction, QueueOptions, TransferItem
from .queue.ownership import Owner, QueueLock
from .queue.store import QueueStore
from .queue.transfer_queue import TransferQueue, upload_sources
from .sentence import translate
from .transfer import partfile, throttle
from .transfer.download import ConflictChoice, ConflictPolicy
from .transfer.retry import RetryPolicy
from .transfer.stall import StallPolicy

log = logging.getLogger(__name__)

QUEUE_DB = "queue.sqlite3"
OWNER_POLL_SECONDS = 0.5

Asker = Callable[[Path], ConflictPolicy]


class AppSession:
    def __init__(
        self,
        conf: settings.Settings | None = None,
        *,
        credentials: CredentialStore | None = None,
        store_path: Path | None = None,
        on_change: Callable[[TransferItem], None] | None = None,
        settings_path: Path | None = None,
        persistent: bool = True,
        program: str = "Assetdrop",
        env_key: bool = False,
    ):
        self.settings_path = settings_path
        self.settings = conf if conf is not None else settings.load(settings_path)
        self.credentials = credentials or CredentialStore()
        self._on_change = on_change or (lambda item: None)
        path = store_path or paths.data_dir() / QUEUE_DB
        self.store = QueueStore(path) if persistent else None
        self.lock = QueueLock(path, program) if persistent else None
        self.queue = TransferQueue(store=self.store, on_change=self._on_change, concurrency=self.settings.concurrency)
        self._providers: dict[tuple[str, str], Provider] = {}
        self._runtime_keys: dict[str, str] = {}  # keys known without the keyring (the embedded sandbox's)
        self._env_key = os.environ.get(ENV_API_KEY) if env_key else None  # the command line's ASSETDROP_API_KEY
        self._lock = threading.Lock()
        self._inbox: InboxWatch | None = None
        self._followers: list[Follower] = []
        self._watcher: threading.Thread | None = None
        self._closing = threading.Event()
        self.on_took_over: Callable[[list[int]], None] | None = None  # told the ids it recovered from a dead owner
        self.ask_conflict: Asker | None = None  # set by the UI: asked on a worker thread
        throttle.configure(self.settings.upload_limit_kib, self.settings.download_limit_kib)
        self.own_queue()

    # -- owning the queue -------------------------------------------------------------------------------------------
    @property
    def owns_queue(self) -> bool:
        return self.lock is None or self.lock.held

    def own_queue(self) -> bool:
        """Take the queue if nobody else runs it; True when this process owns it (now or already)."""
        if self.lock is None or self.lock.held:
            return True
        if not self.lock.acquire():
            return False
        assert self.store is not None
        self.queue.renumber_from(self.store.next_id())
        adopt_waiting(self.store, self.queue)  # what others handed over while nobody owned the queue
        self._inbox = InboxWatch(self.store, self.queue)
        threading.Thread(target=self._sweep_stale_partials, name="partial-sweep", daemon=True).start()
        return True

    def remove_partial_downloads(self, *, older_than: float = 0.0) -> Cleaned:
        """Our temporary download files that no unfinished transfer needs, removed (the owner of the queue only:
        another process could be writing to one)."""
        if not self.owns_queue:
            owner = self.owner()
            raise ConfigError(
                translate(
                    "session", "{owner} is running this queue; remove partial downloads there, or once it has finished."
                ).format(owner=owner.describe() if owner else translate("session", "Another Assetdrop")),
                title=translate("session", "Queue in use"),
            )
        live = self.queue.items()
        stored = self.store.unfinished() if self.store is not None else []
        folders = (self.store.download_folders() if self.store is not None else set()) | {
            Path(item.dest) for item in live if item.dest
        }
        unfinished = [item for item in [*live, *stored] if not item.is_finished]
        return remove_partials(self.settings, unfinished, folders, older_than=older_than)

    def _sweep_stale_partials(self) -> None:
        try:
            cleaned = self.remove_partial_downloads(older_than=partfile.STALE_AFTER)
        except Exception:  # a sweep that fails must not stop anything; it is tried again at the next start
            log.exception("could not sweep stale partial downloads")
            return
        if cleaned.files:
            log.info("removed %d stale partial download(s), %d bytes", cleaned.files, cleaned.bytes)

    def owner(self) -> Owner | None:
        """Who runs the queue when this process does not."""
        return None if self.owns_queue or self.lock is None else self.lock.owner()

    def recover(self) -> list[int]:
        """Bring back what the last run left unfinished: resumed or paused, per the setting (owner only)."""
        if self.store is None or not self.owns_queue:
            return []
        return self.queue.recover(self.store.unfinished(), resume=self.settings.resume_on_start)

    def history(self, limit: int = 1000) -> list[TransferItem]:
        """Finished transfers of earlier runs (and this one), from the store, for the window's Finished and
        Failed tabs; removing one (TransferQueue.remove) deletes it from the store too."""
        if self.store is None:
            return []
        known = {item.id for item in self.queue.items()}
        return [item for item in self.store.finished(limit) if item.id not in known]

    def take_over(self) -> list[int] | None:
        """Own the queue if its owner has gone and finish what it left (resumed: those transfers were running);
        None while another process still owns it."""
        if self.store is None:
            return []
        if not self.own_queue():
            return None
        return self.queue.recover(self.store.unfinished(), resume=True)

    def hand_over(self, items: list[TransferItem]) -> Follower:
        """Give new items to the process that owns the queue, and follow them (in the background, for the
        window: `follow_in_background`)."""
        assert self.store is not None
        follower = Follower.hand_over(self.store, items)
        with self._lock:
            self._followers.append(follower)
        return follower

    def follow_in_background(self) -> None:
        """While another process owns the queue: report followed items as the store shows them, and take the
        queue over as soon as the owner has gone."""
        if self._watcher is not None or self.lock is None:
            return
        self._watcher = threading.Thread(target=self._watch_owner, name="queue-owner-watch", daemon=True)
        self._watcher.start()

    def _watch_owner(self) -> None:
        while not self._closing.wait(OWNER_POLL_SECONDS):
            try:
                with self._lock:
                    followers = list(self._followers)
                for follower in followers:
                    for snapshot in follower.poll():
                        self._on_change(snapshot)
                recovered = self.take_over()
            except Exception:  # a busy store or a listener's bug: look again next time
                log.exception("while following the queue's owner")
                continue
            if recovered is not None:
                log.info("took the queue over from its previous owner: %d unfinished transfer(s)", len(recovered))
                if self.on_took_over is not None:
                    self.on_took_over(recovered)
                return

    # -- adding: to this process's queue, or to the owner's --------------------------------------------------------
    def add_uploads(
        self,
        paths_: list[Path],
        profile: str,
        options: QueueOptions | None = None,
        names: Mapping[Path, str] | None = None,
    ) -> list[int]:
        """`names`: what each row shows (a file from a dropped folder: its path from there, local_files.py)."""
        if self.owns_queue:
            return self.queue.add_uploads(paths_, profile, options, names)
        self.hand_over(_templates(Direction.UPLOAD, upload_sources(paths_, names), profile, options))
        return []

    def add_downloads(self, asset_ids: list[str], profile: str, options: QueueOptions | None = None) -> list[int]:
        if self.owns_queue:
            return self.queue.add_downloads(asset_ids, profile, options=options)
        self.hand_over(_templates(Direction.DOWNLOAD, [(a, a, None) for a in asset_ids], profile, options))
        return []

    # -- profiles, keys and providers ------------------------------------------------------------------------------
    @property
    def current_profile(self) -> settings.Profile:
        return self.settings.profile(None)

    def set_runtime_key(self, profile: str, key: str) -> None:
        register_secret(key)
        with self._lock:
            self._runtime_keys[profile] = key
            self._drop_providers(profile)

    def runtime_key(self, profile: str) -> str | None:
        """The key this run holds for the profile outside the keyring (the built-in sandbox's, or one the person
        chose to keep in memory), so the Profiles dialog says where the key is."""
        with self._lock:
            return self._runtime_keys.get(profile)

    def api_key(self, profile: str) -> str:
        """This run's key for the profile, else the keyring's, else (a command line's) ASSETDROP_API_KEY: an item
        handed over by another process uses its profile's stored key, never this process's environment."""
        with self._lock:
            key = self._runtime_keys.get(profile)
        if key is None:
            try:
                key = self.credentials.get(profile)
            except KeyringUnavailable:
                if self._env_key is None:
                    raise
        key = key or self._env_key
        if not key:
            hint = f"set {ENV_API_KEY}, or " if self._env_key is None and self.lock is not None else ""
            raise CredentialsError(
                translate("session", "No API key is stored for profile {profile!r}: {hint}add it in Profiles.").format(
                    profile=profile, hint=hint
                )
            )
        register_secret(key)
        return key

    def provider(self, profile_name: str | None = None, endpoint: Endpoint | None = None) -> Provider:
        """The provider for a profile, or for an item's own endpoint (keyed by the profile it names)."""
        if endpoint is None:
            profile = self.settings.profile(profile_name)
            name, endpoint = profile.name, profile.endpoint
        else:
            name = profile_name or ""
        cache_key = (name, endpoint.to_json())
        with self._lock:
            cached = self._providers.get(cache_key)
        if cached is not None:
            return cached
        # Kept-alive connections: one per transfer, and a big download's several (transfer/parallel.py)
        pool_size = max(self.settings.concurrency, 4) * max(1, self.settings.connections_per_download)
        secret = self.api_key(name)
        provider = build(endpoint, secret, make_http(endpoint, pool_size=pool_size, secret=secret))
        provider.verify_downloads = self.settings.verify_downloads
        with self._lock:
            self._providers.setdefault(cache_key, provider)
            return self._providers[cache_key]

    def forget_provider(self, profile_name: str) -> None:
        """After a profile's URL or key changed: the next job builds a fresh provider."""
        with self._lock:
            self._drop_providers(profile_name)

    def _drop_providers(self, profile_name: str) -> None:
        for key in [k for k in self._providers if k[0] == profile_name]:
            self._providers.pop(key).http.close()

    # -- settings ---------------------------------------------------------------------------------------------------
    def save_settings(self) -> None:
        settings.save(self.settings, self.settings_path)
        self.apply_settings()

    def apply_settings(self) -> None:
        """Concurrency and bandwidth limits take effect at once, on transfers already running too; checksum
        verification from the next download on."""
        self.queue.set_concurrency(self.settings.concurrency)
        throttle.configure(self.settings.upload_limit_kib, self.settings.download_limit_kib)
        with self._lock:
            for provider in self._providers.values():
                provider.verify_downloads = self.settings.verify_downloads

    def job_context(self, item: TransferItem) -> JobContext:
        """The settings as they are now, except what the item was queued with (a CLI run's --conflict, --dest,
        --no-verify, --api-url), which it keeps through retries and restarts."""
        conf = self.settings
        retry = RetryPolicy(
            max_attempts=max(1, conf.retry_attempts), base_delay=conf.retry_base_delay, max_delay=conf.retry_max_delay
        )
        dest = Path(item.dest) if item.dest else conf.effective_download_dir()
        provider = self.provider(item.profile, item.endpoint)
        stall = StallPolicy(max(1, conf.stall_seconds), max(1, conf.stall_min_bytes))
        connections = min(max(1, conf.connections_per_download), 16)
        return JobContext(
            provider,
            dest,
            self.conflict_choice(item.conflict),
            retry,
            verify=item.verify,
            stall=stall,
            connections=connections,
        )

    def conflict_choice(self, queued: ConflictPolicy | None) -> ConflictChoice:
        known = {member.value for member in ConflictPolicy}
        policy = queued or ConflictPolicy(conf if (conf := self.settings.conflict_policy) in known else "rename")
        if policy is ConflictPolicy.ASK:
            return self.ask_conflict or ConflictPolicy.RENAME  # nobody to ask: keep both
        return policy

    def close(self) -> None:
        self._closing.set()
        self.queue.close()
        if self._inbox is not None:
            self._inbox.stop()
        with self._lock:
            providers, self._providers = list(self._providers.values()), {}
        for provider in providers:
            provider.http.close()
        if self.store is not None:
            self.store.close()
        if self.lock is not None:
            self.lock.release()


def _templates(
    direction: Direction, sources: list[tuple[str, str, int | None]], profile: str, options: QueueOptions | None
) -> list[TransferItem]:
    items = [TransferItem(0, direction, source, name, profile, size) for source, name, size in sources]
    for item in items:
        item.apply(options or QueueOptions())
    return items
