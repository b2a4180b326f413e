"""Giving a download its final name under RENAME: a file that another program creates at that name at the last
moment is never replaced.

The last moment cannot be produced on demand between two real programs, so the one made-up thing here is the
other program: it creates its file at the final name at the latest instant our code could be racing it, right
after a check that the name is free (os.path.lexists) and right before our code links or renames a file to it.
Whatever the method, the other program's file must survive and ours must be saved under a numbered name.
"""

from __future__ import annotations

import os

from assetdrop.core.transfer import partfile
from assetdrop.core.transfer.download import ConflictPolicy


def test_a_file_that_appears_at_the_final_name_at_the_last_moment_is_kept(tmp_path, monkeypatch):
    part, fd = partfile.create(tmp_path)
    os.write(fd, b"downloaded")
    written = os.fstat(fd)
    os.close(fd)
    final = tmp_path / "report.pdf"
    real = {name: getattr(os, name) for name in ("link", "rename", "replace")}
    real_lexists = os.path.lexists

    def another_program_writes(path) -> None:
        if os.fspath(path) == os.fspath(final) and not real_lexists(final):
            final.write_bytes(b"theirs")

    def checked(path):
        free = not real_lexists(path)
        another_program_writes(path)  # just after the answer "free"
        return not free

    def committing(name):
        def call(src, dst, *args, **kwargs):
            another_program_writes(dst)  # just before our file takes the name
            return real[name](src, dst, *args, **kwargs)

        return call

    monkeypatch.setattr(os.path, "lexists", checked)
    for name in real:
        monkeypatch.setattr(os, name, committing(name))
    saved, skipped = partfile.finalize(part, final, ConflictPolicy.RENAME, written)
    monkeypatch.undo()
    assert final.read_bytes() == b"theirs", "the other program's file was replaced"
    assert not skipped and saved == tmp_path / "report (1).pdf" and saved.read_bytes() == b"downloaded"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report (1).pdf", "report.pdf"]  # no temporary left
