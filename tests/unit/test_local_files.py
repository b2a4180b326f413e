"""Folders expand recursively; loops and unreadable entries are reported, never fatal."""

import os

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
    assert reasons == {"dangling": "broken link", "nope": "no such file or folder"}
    assert [p.name for p in expand_paths([tmp_path / "a"], include_hidden=False).files] == ["one.txt", "two.txt"]
