"""The window's watch folders, kept in the settings file (`watch_folders`, a list of plain objects) and read back
here, so core/settings.py needs to know nothing about watching. Each entry is what `assetdrop-cli watch` takes
as arguments: a folder, a profile, include and exclude patterns, and what happens after upload."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..sentence import translate
from ..settings import Settings
from .actions import Action, AfterUpload
from .scan import Patterns


@dataclass(frozen=True)
class WatchFolder:
    folder: str
    profile: str = ""  # "": the current profile
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    after: AfterUpload = AfterUpload.LEAVE
    move_to: str = ""  # for MOVE: absolute, or inside the folder

    @property
    def path(self) -> Path:
        return Path(self.folder).expanduser()

    @property
    def patterns(self) -> Patterns:
        return Patterns(self.include, self.exclude)

    @property
    def action(self) -> Action:
        if self.after is AfterUpload.MOVE:
            return Action(AfterUpload.MOVE, Path(self.move_to).expanduser())
        return Action(self.after)

    def check(self, conf: Settings) -> None:
        """ConfigError in words when the entry cannot be watched as it stands."""
        if not self.folder.strip() or not self.path.is_absolute():
            raise ConfigError(
                translate("watch.config", "Choose the folder to watch (a full path)."),
                title=translate("watch.config", "Watch folder"),
            )
        if self.after is AfterUpload.MOVE and not self.move_to.strip():
            raise ConfigError(
                translate("watch.config", "Say where files from {folder} are moved after upload.").format(
                    folder=self.folder
                ),
                title=translate("watch.config", "Watch folder"),
            )
        if self.profile and self.profile not in {p.name for p in conf.profiles}:
            raise ConfigError(
                translate("watch.config", "The profile {profile!r} of {folder} does not exist; choose another.").format(
                    profile=self.profile, folder=self.folder
                ),
                title=translate("watch.config", "Watch folder"),
            )

    def to_dict(self) -> dict[str, Any]:
        return {
            "folder": self.folder,
            "profile": self.profile,
            "include": list(self.include),
            "exclude": list(self.exclude),
            "after": self.after.value,
            "move_to": self.move_to,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> WatchFolder | None:
        """None for an entry that is not one (a hand-edited file): it is dropped, never a reason to stop."""
        try:
            after = AfterUpload(data.get("after", "leave"))
            return cls(
                str(data["folder"]),
                str(data.get("profile") or ""),
                tuple(str(p) for p in data.get("include") or ()),
                tuple(str(p) for p in data.get("exclude") or ()),
                after,
                str(data.get("move_to") or ""),
            )
        except (KeyError, ValueError, TypeError, AttributeError):
            return None


def watch_folders(conf: Settings) -> list[WatchFolder]:
    found = [WatchFolder.from_dict(d) for d in conf.watch_folders if isinstance(d, dict)]
    return [w for w in found if w is not None]


def set_watch_folders(conf: Settings, folders: list[WatchFolder]) -> None:
    conf.watch_folders = [w.to_dict() for w in folders]
