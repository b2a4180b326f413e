"""The one junk rule (core/junk.py) as folder expansion applies it: left out inside folders, counted, never a
problem; a file named on its own is taken as asked; `skip_junk=False` keeps everything. Files from a folder
keep their path from it for the queue to show."""

from __future__ import annotations

import pytest

from assetdrop.core.junk import is_junk_file, is_junk_folder
from assetdrop.core.local_files import expand_paths

JUNK = [
    ".DS_Store",
    "Thumbs.db",
    "THUMBS.DB",
    "desktop.ini",
    "~$report.docx",
    "~$budget.xlsx",
    ".notes.txt.swp",
    ".main.py.swo",
    "draft.txt~",
    ".#lockfile",
    "#autosave#",
    "._photo.jpg",
]
KEPT = ["report.docx", "photo~1.jpg", "~tilde-first.txt", "swp", "a.swp.txt", "#hashtag.png", "desktop.ini.bak"]


@pytest.mark.parametrize("name", JUNK)
def test_junk_names(name):
    assert is_junk_file(name)


@pytest.mark.parametrize("name", KEPT)
def test_real_names(name):
    assert not is_junk_file(name)


def test_expansion_skips_junk_inside_folders_and_keeps_relative_names(tmp_path):
    drop = tmp_path / "shoot"
    (drop / "day 1").mkdir(parents=True)
    (drop / "__MACOSX" / "day 1").mkdir(parents=True)
    for name in ("a.jpg", "day 1/b.jpg", "day 1/Thumbs.db", ".DS_Store", "~$notes.docx", "__MACOSX/day 1/._a.jpg"):
        (drop / name).write_text(name)
    single = tmp_path / "desktop.ini"  # named on its own: taken as asked
    single.write_text("x")

    found = expand_paths([drop, single], include_hidden=True)
    assert [p.relative_to(tmp_path).as_posix() for p in found.files] == [
        "shoot/a.jpg",
        "shoot/day 1/b.jpg",
        "desktop.ini",
    ]
    assert found.names == {drop / "a.jpg": "shoot/a.jpg", drop / "day 1" / "b.jpg": "shoot/day 1/b.jpg"}
    assert sorted(p.name for p in found.junk) == [".DS_Store", "Thumbs.db", "__MACOSX", "~$notes.docx"]
    assert found.problems == []
    assert is_junk_folder("__MACOSX")

    everything = expand_paths([drop], include_hidden=True, skip_junk=False)
    assert len(everything.files) == 6 and everything.junk == []
