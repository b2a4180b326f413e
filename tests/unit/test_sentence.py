"""Sentences the core writes (core/sentence.py): English as a str, with what the window needs to translate them
kept alongside, through pickling, copying, JSON and the queue file (an older queue file's plain strings load too)."""

from __future__ import annotations

import copy
import json
import pickle
import sqlite3
from pathlib import Path

import pytest

from assetdrop.core import errors
from assetdrop.core.queue.items import Direction, Status, TransferItem
from assetdrop.core.queue.store import QueueStore
from assetdrop.core.sentence import Sentence, translate
from assetdrop.core.transfer.send import check_uploadable


def test_a_sentence_is_its_english_text_and_keeps_where_it_came_from():
    s = translate("transfer.send", "{path} cannot be read: {reason}.").format(path=Path("/x/a b"), reason="gone")
    assert s == "/x/a b cannot be read: gone." and isinstance(s, str) and isinstance(s, Sentence)
    assert (s.context, s.template, s.params) == (
        "transfer.send",
        "{path} cannot be read: {reason}.",
        {
            "path": "/x/a b",
            "reason": "gone",
        },
    )
    assert f"{s}" == str(s) == s and hash(s) == hash("/x/a b cannot be read: gone.")
    plain = translate("Errors", "Not found")
    assert plain == "Not found" and plain.params is None
    assert translate("responses", "{n:,} bytes").format(n=1234) == "1,234 bytes"  # numbers keep their format


def test_a_sentence_is_filled_once_and_by_name():
    with pytest.raises(TypeError):
        translate("c", "{0}").format("a")
    with pytest.raises(TypeError):
        translate("c", "{a}").format(a=1).format(a=2)


@pytest.mark.parametrize("clone", ["pickle", copy.copy, copy.deepcopy])
def test_pickle_and_copy_keep_a_sentence(clone):
    inner = translate("request_errors", "Check {source}").format(source="HTTPS_PROXY")
    s = translate("request_errors", "Could not find the proxy {where}. {check}.").format(where="p:1", check=inner)
    back = pickle.loads(pickle.dumps(s)) if clone == "pickle" else clone(s)
    assert back == s and isinstance(back, Sentence) and back.params == s.params
    assert isinstance(back.params["check"], Sentence) and back.params["check"].template == "Check {source}"


def test_json_round_trip_and_damaged_records():
    inner = translate("request_errors", "Check {source}").format(source="the profile")
    s = translate("x", "{n} {check}").format(n=3, check=inner)
    back = Sentence.from_json(json.loads(json.dumps(s.to_json())))
    assert back == s and back.params == {"n": 3, "check": inner} and isinstance(back.params["check"], Sentence)
    for damaged in [None, "text", {}, {"context": "x"}, {"context": "x", "template": "{a}", "params": {}}]:
        assert Sentence.from_json(damaged) is None


def test_errors_carry_sentences_the_cli_prints_in_english(tmp_path):
    with pytest.raises(errors.LocalFileError) as caught:
        check_uploadable(tmp_path / "gone.txt")
    assert str(caught.value) == f"{tmp_path / 'gone.txt'} no longer exists."
    assert isinstance(caught.value.message, Sentence) and caught.value.message.params == {
        "path": str(tmp_path / "gone.txt")
    }
    assert caught.value.title == "File not found" and isinstance(caught.value.title, Sentence)
    assert errors.AuthError("x").title == "API key rejected" and isinstance(errors.AuthError.title, Sentence)


def _failed(item_id: int, title: str, message: str) -> TransferItem:
    item = TransferItem(item_id, Direction.UPLOAD, "/x", "x", "P", 1, status=Status.FAILED)
    item.error_title, item.error_message = title, message
    return item


def test_a_failure_read_back_from_the_queue_file_is_still_a_sentence(tmp_path):
    path = tmp_path / "queue.sqlite3"
    message = translate("transfer.send", "{path} no longer exists.").format(path="/x")
    store = QueueStore(path)
    store.save([_failed(1, errors.LocalFileError.title, message), _failed(2, "Server words", "plain text")])
    store.close()
    store = QueueStore(path)
    first, second = sorted(store.finished(), key=lambda i: i.id)
    assert isinstance(first.error_message, Sentence) and first.error_message.params == {"path": "/x"}
    assert first.error_message == "/x no longer exists." and first.error_title.template == "File problem"
    assert type(second.error_message) is str and second.error_message == "plain text"
    english = sqlite3.connect(path).execute("SELECT error_title, error_message FROM transfers WHERE id = 1").fetchone()
    assert english == ("File problem", "/x no longer exists.")  # what older versions and other readers see
    store.close()


def test_an_older_queue_file_with_plain_strings_still_loads(tmp_path):
    path = tmp_path / "queue.sqlite3"
    QueueStore(path).close()
    db = sqlite3.connect(path)  # as version 3 left it: no error_sentences column
    db.execute("ALTER TABLE transfers DROP COLUMN error_sentences")
    db.execute("PRAGMA user_version = 3")
    db.execute(
        "INSERT INTO transfers (id, direction, source, name, profile, status, created_at, error_title, error_message) "
        "VALUES (1, 'upload', '/x', 'x', 'P', 'failed', 1, 'File problem', '/x no longer exists.')"
    )
    db.commit()
    db.close()
    store = QueueStore(path)
    (item,) = store.finished()
    assert (item.error_title, item.error_message) == ("File problem", "/x no longer exists.")
    assert not isinstance(item.error_message, Sentence)
    store.close()


def test_a_sentence_that_no_longer_matches_its_english_is_not_trusted(tmp_path):
    path = tmp_path / "queue.sqlite3"
    store = QueueStore(path)
    store.save([_failed(1, "T", translate("c", "{a}!").format(a="b"))])
    store.close()
    db = sqlite3.connect(path)
    db.execute("UPDATE transfers SET error_message = 'edited by hand'")
    db.commit()
    db.close()
    store = QueueStore(path)
    assert store.finished()[0].error_message == "edited by hand"
    store.close()
