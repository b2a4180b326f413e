"""Where each of several downloads goes (core/folder_layout.py): an upload's path from its dropped folder, made
safe part by part, for two or more assets only."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from assetdrop.core import folder_layout
from assetdrop.core.queue.items import QueueOptions


@dataclass
class Row:
    asset_id: str | None
    name: str


def test_the_folder_part_of_an_uploads_name_is_kept_only_when_it_is_a_plain_relative_path():
    assert folder_layout.subfolder("photos/2024/a.jpg") == PurePosixPath("photos/2024")
    assert folder_layout.subfolder("a.jpg") is None  # a file dropped on its own
    assert folder_layout.subfolder("../etc/passwd") is None
    assert folder_layout.subfolder("/etc/passwd") is None
    assert folder_layout.subfolder("we:ird/CON/x.txt") == PurePosixPath("we_ird/_CON")


def test_several_assets_from_a_folder_upload_are_planned_into_its_folders_and_one_is_not():
    uploads = [Row("b", "photos/2024/b.bin"), Row("a", "photos/a.jpg"), Row("b", "old/b.bin"), Row(None, "x/y")]
    assert folder_layout.subfolders(["a"], uploads) == {}
    assert folder_layout.subfolders(["a", "b", "z"], uploads) == {
        "a": PurePosixPath("photos"),
        "b": PurePosixPath("photos/2024"),  # the newest upload of the asset
    }
    options = QueueOptions(rendition="thumbnail")
    plan = folder_layout.planned(["a", "z", "b"], uploads, Path("/dl"), options)
    assert plan == [
        (["a"], QueueOptions(dest="/dl/photos", rendition="thumbnail")),
        (["z"], options),  # uploaded elsewhere: queued as asked ("" still means the Settings' folder)
        (["b"], QueueOptions(dest="/dl/photos/2024", rendition="thumbnail")),
    ]
