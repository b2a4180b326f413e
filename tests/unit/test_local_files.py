"""Folders expand recursively; everything left out is named with its reason, never fatal, never blocking."""

import os
import socket
import time
from pathlib import Path

from assetdrop.core.local_files import expand_paths


def test_recursive_expansion_with_problems(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_text("1")
    (tmp_path / "a" / "b" / "two.txt").write_text("2")
    (tmp_path / "a" / ".hidden").write_text("h")
    os.symlink(tmp_path / "a", tmp_path / "a" / "b" / "loop")  # a symlink loop
    os.symlink(tmp_path / "missing", tmp_path / "a" / "dangling")
    result = expand_paths([tmp_path / "a", tmp_path / "a" / "one.txt", tmp_path / "nope"])
    names = [p.name for p in result.files]
    assert names == [".hidden", "one.txt", "two.txt"]  # one.txt once, though named twice
    reasons = {p.name: r for p, r in result.problems}
    assert reasons == {
        "dangling": "a link to something that does not exist",
        "loop": "a link to a folder, not followed",
        "nope": "no such file or folder",
    }
    assert [p.name for p in expand_paths([tmp_path / "a"], include_hidden=False).files] == ["one.txt", "two.txt"]


def test_special_files_are_named_and_never_opened(tmp_path):
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "real.bin").write_bytes(b"x")
    os.mkfifo(folder / "pipe")  # opening it for reading would block forever
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(folder / "sock"))
    os.link(folder / "real.bin", folder / "second-name.bin")
    os.symlink("loop-b", folder / "loop-a")
    os.symlink("loop-a", folder / "loop-b")
    started = time.monotonic()
    result = expand_paths([folder])
    assert time.monotonic() - started < 5
    server.close()
    assert [p.name for p in result.files] == ["real.bin"]
    reasons = {p.name: r for p, r in result.problems}
    assert reasons == {
        "pipe": "a named pipe, not a regular file",
        "sock": "a socket, not a regular file",
        "second-name.bin": f"the same file as {folder / 'real.bin'} (a hard link); uploaded once",
        "loop-a": "a link that loops",
        "loop-b": "a link that loops",
    }


def test_a_name_too_long_is_one_problem_and_the_rest_go_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("g")
    too_long = tmp_path / ("x" * 5000)
    result = expand_paths([too_long, good])
    assert result.files == [good]
    assert result.problems == [(too_long, "the name is too long for this system")]


def test_names_from_the_dropped_folder_whether_it_is_given_relative_or_absolute(tmp_path, monkeypatch):
    (tmp_path / "drop" / "sub").mkdir(parents=True)
    (tmp_path / "drop" / "sub" / "a.jpg").write_bytes(b"a")
    monkeypatch.chdir(tmp_path)
    for given in (Path("drop"), Path("./drop"), tmp_path / "drop", Path(str(tmp_path) + "/drop/")):
        found = expand_paths([given])
        assert list(found.names.values()) == ["drop/sub/a.jpg"], given
    monkeypatch.chdir(tmp_path / "drop")
    assert list(expand_paths([Path(".")]).names.values()) == ["sub/a.jpg"]
