"""Where each of several downloads goes inside the download folder, so assets that came from one folder upload
come back in that folder's structure (issue 19, item 7).

None of the three providers keeps the path a file had inside a dropped folder: FileSpin gets the file's name as
`filename`, memories.ai as `original_filename`, Xvid inside the object key (`uploads/{name}`), and none of them has
folders to list (docs/providers.md, "Folders"). The path is kept on this computer: an upload's row in the queue store
is named by its path from the dropped folder ("photos/2024/a.jpg", core/local_files.py `Expansion.names`), with the
asset ID it got. So the structure is recreated for assets uploaded from this computer (under the same profile), and
a single download, or an asset uploaded elsewhere, goes straight into the download folder as before.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath
from typing import Protocol

from .filenames import safe_filename
from .queue.items import QueueOptions


class Upload(Protocol):
    """What is read of an upload's row (core/queue/items.py TransferItem)."""

    @property
    def asset_id(self) -> str | None: ...

    @property
    def name(self) -> str: ...


def subfolder(relative_name: str) -> PurePosixPath | None:
    """The folder part of an upload's name from its dropped folder, each part made a safe single name; None for a
    file dropped on its own (no folder) or a name that is not a plain relative path."""
    path = PurePosixPath(relative_name)
    if path.is_absolute() or ".." in path.parts or len(path.parts) < 2:
        return None
    return PurePosixPath(*(safe_filename(part, "folder") for part in path.parts[:-1]))


def subfolders(asset_ids: Sequence[str], uploads: Iterable[Upload]) -> dict[str, PurePosixPath]:
    """Asset ID -> its folder inside the download folder, for the assets of `asset_ids` that came from a folder
    upload; empty for fewer than two assets (one asset is one file: no folder to recreate)."""
    if len(set(asset_ids)) < 2:
        return {}
    wanted = set(asset_ids)
    found: dict[str, PurePosixPath] = {}
    for upload in uploads:  # newest first: a file uploaded twice goes where it was uploaded last
        if upload.asset_id in wanted and upload.asset_id not in found:
            folder = subfolder(upload.name)
            if folder is not None:
                found[upload.asset_id] = folder
    return found


class History(Protocol):
    """The queue store's reading of past uploads (core/queue/store.py QueueStore.uploads_of)."""

    def uploads_of(self, asset_ids: Iterable[str], profile: str) -> Sequence[Upload]: ...


def history(store: History | None, asset_ids: Sequence[str], profile: str) -> Sequence[Upload]:
    """The upload rows to plan by: read only for several assets (one asset is one file), and only where there
    is a store (the window's; the command line's with --queued)."""
    if store is None or len(set(asset_ids)) < 2:
        return []
    return store.uploads_of(asset_ids, profile)


def planned(
    asset_ids: Sequence[str], uploads: Iterable[Upload], base: Path, options: QueueOptions | None
) -> list[tuple[list[str], QueueOptions | None]]:
    """The downloads to queue, as (asset IDs, what they are queued with): the assets that came from a folder
    upload into `base` joined with their folder, the others with `options` unchanged (so "" still means the
    download folder in Settings when each starts). `base` is that folder, or the one chosen for this download."""
    folders = subfolders(asset_ids, uploads)
    groups: dict[PurePosixPath | None, list[str]] = {}
    for asset_id in asset_ids:
        groups.setdefault(folders.get(asset_id), []).append(asset_id)
    plan: list[tuple[list[str], QueueOptions | None]] = []
    for folder, ids in groups.items():
        if folder is None:
            plan.append((ids, options))
        else:
            plan.append((ids, dataclasses.replace(options or QueueOptions(), dest=str(base / folder))))
    return plan
