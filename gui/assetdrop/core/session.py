"""Everything the app holds while it runs, Qt-free: settings, keys, one provider per profile, the queue.

The window and its workers use this object; the tests build one against the sandbox directly.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from . import paths, settings
from .credentials import CredentialStore
from .errors import CredentialsError
from .logsetup import register_secret
from .providers.registry import make_http, make_provider
from .queue.items import TransferItem
from .queue.store import QueueStore
from .queue.transfer_queue import JobContext, TransferQueue
from .transfer import throttle
from .transfer.download import ConflictPolicy
from .transfer.retry import RetryPolicy

log = logging.getLogger(__name__)

QUEUE_DB = "queue.sqlite3"


class AppSession:
    def __init__(self, conf: settings.Settings | None = None, *, credentials: CredentialStore | None = None,
                 store_path: Path | None = None, on_change=None, settings_path: Path | None = None):
        self.settings_path = settings_path
        self.settings = conf if conf is not None else settings.load(settings_path)
        self.credentials = credentials or CredentialStore()
        self.store = QueueStore(store_path or paths.data_dir() / QUEUE_DB)
        self.queue = TransferQueue(store=self.store, on_change=on_change, concurrency=self.settings.concurrency)
        self._providers: dict[str, object] = {}
        self._runtime_keys: dict[str, str] = {}  # keys known without the keyring (the embedded sandbox's)
        self._lock = threading.Lock()
        self.ask_conflict = None  # set by the UI: callable(Path) -> ConflictPolicy, run on a worker thread
        throttle.configure(self.settings.upload_limit_kib, self.settings.download_limit_kib)

    # -- profiles and providers ------------------------------------------------------------------------------------
    @property
    def current_profile(self) -> settings.Profile:
        return self.settings.profile(None)

    def set_runtime_key(self, profile: str, key: str) -> None:
        register_secret(key)
        with self._lock:
            self._runtime_keys[profile] = key
            self._providers.pop(profile, None)

    def api_key(self, profile: str) -> str:
        with self._lock:
            key = self._runtime_keys.get(profile)
        if key is None:
            key = self.credentials.get(profile)
        if not key:
            raise CredentialsError(f"No API key is stored for profile {profile!r}. Add it in Profiles.")
        register_secret(key)
        return key

    def provider(self, profile_name: str | None = None):
        profile = self.settings.profile(profile_name)
        with self._lock:
            cached = self._providers.get(profile.name)
        if cached is not None:
            return cached
        provider = make_provider(profile, self.api_key(profile.name),
                                 make_http(profile, pool_size=max(self.settings.concurrency, 4)))
        provider.verify_downloads = self.settings.verify_downloads
        with self._lock:
            self._providers.setdefault(profile.name, provider)
            return self._providers[profile.name]

    def forget_provider(self, profile_name: str) -> None:
        """After a profile's URL or key changed: the next job builds a fresh provider."""
        with self._lock:
            provider = self._providers.pop(profile_name, None)
        if provider is not None:
            provider.http.close()

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
        --no-verify), which it keeps through retries and restarts."""
        policy = item.checkpoint.get("conflict_policy") or self.settings.conflict_policy
        if policy == "ask" and self.ask_conflict is not None:
            conflict = self.ask_conflict
        else:
            known = {member.value for member in ConflictPolicy}
            conflict = ConflictPolicy(policy) if policy in known else ConflictPolicy.RENAME
        conf = self.settings
        retry = RetryPolicy(max_attempts=max(1, conf.retry_attempts), base_delay=conf.retry_base_delay,
                            max_delay=conf.retry_max_delay)
        dest = Path(item.checkpoint["dest"]) if item.checkpoint.get("dest") else conf.effective_download_dir()
        verify = item.checkpoint.get("verify")
        return JobContext(self.provider(item.profile), dest, conflict, retry,
                          verify=verify if isinstance(verify, bool) else None)

    def recover(self) -> list[int]:
        """Bring back what the last run left unfinished: resumed or paused, per the setting."""
        return self.queue.recover(self.store.unfinished(), resume=self.settings.resume_on_start)

    def close(self) -> None:
        self.queue.close()
        with self._lock:
            providers, self._providers = list(self._providers.values()), {}
        for provider in providers:
            provider.http.close()
        self.store.close()
