"""What an upload says of a source it cannot send, before any byte or request (core/transfer/send.py): each a
sentence naming the path, never a traceback; a FIFO is never opened (that would block)."""

from __future__ import annotations

import os

import pytest

from assetdrop.core import errors
from assetdrop.core.transfer.send import check_uploadable, open_source


def test_a_fifo_is_not_a_regular_file_and_is_never_opened(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(errors.LocalFileError, match=r"pipe is not a regular file\.$"):
        check_uploadable(fifo)


def test_a_name_too_long_for_the_file_system_is_a_sentence(tmp_path):
    long_name = tmp_path / ("x" * 300)
    with pytest.raises(errors.LocalFileError, match=r"cannot be read: File name too long\.$"):
        check_uploadable(long_name)
    with pytest.raises(errors.LocalFileError, match=r"cannot be read: File name too long\.$"):
        open_source(long_name)


def test_a_file_gone_before_it_is_opened(tmp_path):
    with pytest.raises(errors.LocalFileError, match="no longer exists") as info:
        check_uploadable(tmp_path / "gone.bin")
    assert info.value.title == "File not found"
    with pytest.raises(errors.LocalFileError, match="no longer exists") as info:
        open_source(tmp_path / "gone.bin")
    assert info.value.title == "File not found"


def test_a_folder_where_a_file_was_named(tmp_path):
    with pytest.raises(errors.LocalFileError, match=r"is a folder, not a file\.$"):
        open_source(tmp_path)


def test_a_symlink_loop_is_a_sentence(tmp_path):
    loop = tmp_path / "loop"
    os.symlink(loop, loop)
    with pytest.raises(errors.LocalFileError, match=r"cannot be read: Too many levels of symbolic links\.$"):
        open_source(loop)
