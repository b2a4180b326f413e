"""Profiles and preferences, saved as JSON in the user config dir (written atomically; keys never stored here)."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import paths
from .errors import ConfigError

SETTINGS_FILE = "settings.json"
PROVIDER_KINDS = ("filespin", "xvid", "memories")
SANDBOX_PROFILE = "Sandbox"


@dataclass
class Profile:
    name: str
    kind: str = "filespin"
    base_url: str = ""
    options: dict = field(default_factory=dict)  # provider-specific: paths, link options, upload method (registry)


@dataclass
class Settings:
    profiles: list[Profile] = field(default_factory=list)
    current_profile: str | None = None
    download_dir: str = ""
    concurrency: int = 4
    conflict_policy: str = "rename"  # rename | overwrite | skip | ask
    include_hidden: bool = False     # dot-files and dot-folders in dropped folders
    resume_on_start: bool = True     # unfinished transfers from the last run: resumed (True) or paused
    retry_attempts: int = 6          # attempts per transfer, the first included
    retry_base_delay: float = 1.0    # seconds before the second attempt; doubles each time (with jitter)
    retry_max_delay: float = 60.0
    upload_limit_kib: int = 0        # KiB/s for all uploads together; 0 = unlimited
    download_limit_kib: int = 0      # KiB/s for all downloads together; 0 = unlimited
    verify_downloads: bool = True    # MD5 of each download against the storage's ETag (one core: ~750 MB/s)

    def profile(self, name: str | None) -> Profile:
        name = name or self.current_profile
        for profile in self.profiles:
            if profile.name == name:
                return profile
        known = ", ".join(p.name for p in self.profiles) or "none yet"
        raise ConfigError(f"No profile named {name!r} (profiles: {known}).")

    def upsert(self, profile: Profile) -> None:
        self.profiles = [p for p in self.profiles if p.name != profile.name] + [profile]

    def effective_download_dir(self) -> Path:
        return Path(self.download_dir).expanduser() if self.download_dir else paths.downloads_dir()


def settings_path() -> Path:
    return paths.config_dir() / SETTINGS_FILE


def load(path: Path | None = None) -> Settings:
    path = path or settings_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError) as exc:
        raise ConfigError(f"The settings file {path} could not be read ({exc}). Fix or delete it.") from exc
    if not isinstance(raw, dict):
        raise ConfigError(f"The settings file {path} is not a JSON object. Fix or delete it.")
    profiles = [Profile(**{k: v for k, v in p.items() if k in Profile.__dataclass_fields__})
                for p in raw.get("profiles", []) if isinstance(p, dict) and p.get("name")]
    known = {k: v for k, v in raw.items() if k in Settings.__dataclass_fields__ and k != "profiles"}
    return Settings(profiles=profiles, **known)


def save(settings: Settings, path: Path | None = None) -> None:
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".settings-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(asdict(settings), handle, indent=2, ensure_ascii=False)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
