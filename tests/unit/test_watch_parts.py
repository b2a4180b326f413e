"""The watch folder's parts on real files: what a scan takes, when a file has settled, who writes to it (this
process's own open files, read back through /proc), and the after-upload actions."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from assetdrop.core.watch.actions import Action, AfterUpload
from assetdrop.core.watch.scan import Patterns, Seen, is_junk, scan
from assetdrop.core.watch.stability import Settling, can_see_writers, open_for_writing


@pytest.mark.parametrize(
    "name",
    [
        ".DS_Store",
        "Thumbs.db",
        "desktop.ini",
        "~$budget.xlsx",
        "._photo.jpg",
        ".notes.txt.swp",
        "draft.txt~",
        "movie.mkv.part",
        "setup.exe.crdownload",
        "export.tmp",
        ".~lock.sheet.ods#",
        "#autosave#",
    ],
)
def test_junk_is_left_out(name):
    assert is_junk(name)


@pytest.mark.parametrize("name", ["photo.jpg", "report.docx", "partial.mov", "tmp.png", "a~b.txt"])
def test_real_files_are_not_junk(name):
    assert not is_junk(name)


def test_scan_takes_regular_files_only_and_skips_junk_folders(tmp_path):
    for name in ("a.jpg", "sub/b.jpg", "__MACOSX/c.jpg", ".git/d.jpg", "done/e.jpg", "Thumbs.db"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    os.symlink(tmp_path / "a.jpg", tmp_path / "link.jpg")
    os.mkfifo(tmp_path / "pipe.jpg")
    listing = scan(tmp_path, skip=frozenset({tmp_path / "done"}))
    assert sorted(p.relative_to(tmp_path).as_posix() for p in listing.files) == ["a.jpg", "sub/b.jpg"]


def test_patterns_match_the_name_or_the_path_inside_the_folder():
    patterns = Patterns(include=("*.jpg", "raw/*"), exclude=("thumb_*",))
    assert patterns.wants("a.jpg") and patterns.wants("deep/x/a.jpg") and patterns.wants("raw/b.cr2")
    assert not patterns.wants("a.txt") and not patterns.wants("deep/thumb_a.jpg")


def test_a_missing_folder_raises(tmp_path):
    with pytest.raises(OSError):
        scan(tmp_path / "gone")


def test_a_file_settles_after_being_unchanged_for_the_settle_time(tmp_path):
    now = [0.0]
    settling = Settling(3.0, clock=lambda: now[0])
    path = tmp_path / "f"
    path.write_bytes(b"x")  # closed: no writer
    assert settling.settled([Seen(path, 1, 10)]) == []
    now[0] = 2.0
    assert settling.settled([Seen(path, 2, 20)]) == []  # grew: the wait starts again
    now[0] = 4.9
    assert settling.settled([Seen(path, 2, 20)]) == []
    now[0] = 5.0
    assert settling.settled([Seen(path, 2, 20)]) == [Seen(path, 2, 20)]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="open files are read from /proc on Linux only")
def test_a_file_open_for_writing_is_not_settled_and_one_open_for_reading_is(tmp_path):
    assert can_see_writers()
    writing, reading = tmp_path / "writing.bin", tmp_path / "reading.bin"
    reading.write_bytes(b"done")
    settling = Settling(0.0)
    with open(writing, "ab") as w, open(reading, "rb"):
        w.write(b"half")
        assert open_for_writing([writing, reading]) == {writing}
        seen = [Seen(writing, 4, 1), Seen(reading, 4, 1)]
        assert settling.settled(seen) == [Seen(reading, 4, 1)]
    assert open_for_writing([writing]) == set()


def test_move_keeps_the_layout_and_never_overwrites(tmp_path):
    watched = tmp_path / "in"
    (watched / "sub").mkdir(parents=True)
    (watched / "sub" / "a.jpg").write_bytes(b"new")
    (watched / "done" / "sub").mkdir(parents=True)
    (watched / "done" / "sub" / "a.jpg").write_bytes(b"old")
    where = Action(AfterUpload.MOVE, Path("done")).apply(watched / "sub" / "a.jpg", watched)
    assert where == watched / "done" / "sub" / "a (1).jpg" and where.read_bytes() == b"new"
    assert (watched / "done" / "sub" / "a.jpg").read_bytes() == b"old"
    assert not (watched / "sub" / "a.jpg").exists()


def test_delete_leave_and_a_file_already_gone(tmp_path):
    path = tmp_path / "x.bin"
    path.write_bytes(b"x")
    assert Action().apply(path, tmp_path) == path and path.exists()
    assert Action(AfterUpload.DELETE).apply(path, tmp_path) is None and not path.exists()
    assert Action(AfterUpload.DELETE).apply(path, tmp_path) is None  # gone before a crash: done
    assert Action(AfterUpload.MOVE, tmp_path / "elsewhere").apply(path, tmp_path) is None


def test_watched_folders_leave_out_what_drops_leave_out_and_files_still_being_written():
    """One junk rule (core/junk.py) for drops, the command line and watch folders; a watch also waits out what
    says it is unfinished."""
    from assetdrop.core.junk import is_junk_file
    from assetdrop.core.watch.scan import is_junk

    names = [".DS_Store", "Thumbs.db", "~$report.docx", ".~lock.sheet.ods#", "notes.txt~", ".notes.swp", "#a#"]
    assert all(is_junk_file(n) and is_junk(n) for n in names)
    assert [n for n in ("clip.mp4.part", "x.crdownload", "photo.jpg") if is_junk(n)] == [
        "clip.mp4.part",
        "x.crdownload",
    ]
    assert not is_junk_file("clip.mp4.part")  # a dropped .part is the user's to send
