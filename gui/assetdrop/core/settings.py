"""Profiles and preferences, saved as JSON in the user config dir (written atomically; keys never stored here)."""

from __future__ import annotations

import json
import logging
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from . import paths
from .errors import ConfigError
from .private_file import write_json
from .providers import registry
from .providers.endpoint import Endpoint
from .sentence import translate

log = logging.getLogger(__name__)

SETTINGS_FILE = "settings.json"
SANDBOX_PROFILE = "Sandbox"


@dataclass
class Profile:
    name: str
    kind: str = registry.DEFAULT_KIND
    base_url: str = ""
    options: dict[str, Any] = field(default_factory=dict)  # by option name (the provider's spec); never a secret

    @property
    def endpoint(self) -> Endpoint:
        return Endpoint(self.kind, self.base_url, dict(self.options))

    @property
    def embedded_sandbox(self) -> bool:
        """The built-in sandbox's profile: its address and key are filled in when the window starts it."""
        return bool(self.options.get("embedded_sandbox"))


@dataclass
class Settings:
    profiles: list[Profile] = field(default_factory=list)
    current_profile: str | None = None
    download_dir: str = ""
    concurrency: int = 4
    conflict_policy: str = "rename"  # rename | overwrite | skip | ask
    include_hidden: bool = False  # dot-files and dot-folders in dropped folders
    skip_junk: bool = True  # .DS_Store, Thumbs.db, Office lock and editor swap files in folders (core/junk.py)
    resume_on_start: bool = True  # unfinished transfers from the last run: resumed (True) or paused
    retry_attempts: int = 6  # attempts per transfer, the first included
    retry_base_delay: float = 1.0  # seconds before the second attempt; doubles each time (with jitter)
    retry_max_delay: float = 60.0
    upload_limit_kib: int = 0  # KiB/s for all uploads together; 0 = unlimited
    download_limit_kib: int = 0  # KiB/s for all downloads together; 0 = unlimited
    verify_downloads: bool = True  # MD5 of each download against the storage's ETag (one core: ~750 MB/s)
    stall_seconds: int = 30  # a download bringing fewer than stall_min_bytes in this long is given up, retried
    stall_min_bytes: int = 1024
    close_to_tray: bool = False  # closing the window hides it to the tray (where there is one); Quit quits
    connections_per_download: int = 8  # a big download is fetched over up to this many (transfer/parallel.py)
    watch_folders: list[dict[str, Any]] = field(default_factory=list)  # read by core/watch/config.py
    language: str = ""  # the window's language: "" follows the system locale, else "en" or "de" (qt/translations.py)

    def profile(self, name: str | None) -> Profile:
        name = name or self.current_profile
        for profile in self.profiles:
            if profile.name == name:
                return profile
        known = ", ".join(p.name for p in self.profiles) or "none yet"
        raise ConfigError(
            translate("settings", "No profile named {name!r} (profiles: {known}).").format(name=name, known=known)
        )

    def upsert(self, profile: Profile) -> None:
        self.profiles = [p for p in self.profiles if p.name != profile.name] + [profile]

    def effective_download_dir(self) -> Path:
        return Path(self.download_dir).expanduser() if self.download_dir else paths.downloads_dir()


def settings_path() -> Path:
    return paths.config_dir() / SETTINGS_FILE


def load(path: Path | None = None) -> Settings:
    """The settings; a file that is not settings (damaged, or not JSON) is moved aside under a dated name and
    the defaults are used, so nothing is lost and the app starts: `damaged_file_moved_to(conf)` says where."""
    path = path or settings_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings()
    except OSError as exc:
        raise ConfigError(
            translate("settings", "The settings file {path} could not be read ({reason}).").format(
                path=path, reason=exc.strerror or exc
            )
        ) from exc
    try:
        raw = json.loads(text)
    except ValueError:
        raw = None
    if not isinstance(raw, dict):
        return _moved_aside(path)
    profiles = [_profile(p) for p in raw.get("profiles", []) if isinstance(p, dict) and p.get("name")]
    known = {k: v for k, v in raw.items() if k in Settings.__dataclass_fields__ and k != "profiles"}
    defaults = Settings()
    kept = {k: v for k, v in known.items() if _same_kind(v, getattr(defaults, k))}  # a wrong type: the default
    return Settings(profiles=profiles, **kept)


def _same_kind(value: object, default: object) -> bool:
    if default is None or value is None:
        return True
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, int | float):
        return isinstance(value, int | float) and not isinstance(value, bool)
    return isinstance(value, type(default))


def _moved_aside(path: Path) -> Settings:
    aside = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
    try:
        os.replace(path, aside)
    except OSError as exc:
        raise ConfigError(
            translate(
                "settings", "The settings file {path} is damaged and could not be moved aside ({reason})."
            ).format(path=path, reason=exc)
        ) from exc
    log.error("the settings file %s was damaged; moved to %s, starting from the defaults", path, aside)
    conf = Settings()
    conf.__dict__["damaged_file"] = aside  # not a field: never saved
    return conf


def damaged_file_moved_to(conf: Settings) -> Path | None:
    """Where a damaged settings file was moved when these settings were loaded (to tell the user), if it was."""
    moved = conf.__dict__.get("damaged_file")
    return moved if isinstance(moved, Path) else None


def _profile(data: dict[str, Any]) -> Profile:
    profile = Profile(**{k: v for k, v in data.items() if k in Profile.__dataclass_fields__})
    if not isinstance(profile.options, dict):
        profile.options = {}
    try:
        profile.options = registry.spec_for(profile.kind).migrate(profile.options)
    except ConfigError:
        pass  # a kind this version does not know: kept as it is, and refused in words when used
    return profile


def save(settings: Settings, path: Path | None = None) -> None:
    write_json(path or settings_path(), asdict(settings), indent=2, ensure_ascii=False)
