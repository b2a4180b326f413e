"""Answers to "this file exists", kept per item and per path (pure logic: no server is involved)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from assetdrop.core.queue.conflict_answers import conflict_choice
from assetdrop.core.transfer.download import ConflictPolicy


def test_a_plain_policy_with_nothing_kept_is_passed_through():
    assert conflict_choice({}, ConflictPolicy.SKIP, lambda cp: None) is ConflictPolicy.SKIP


def test_a_kept_answer_wins_over_the_policy_now_in_force():
    """Answered "overwrite" in the window; the settings now say "keep both"; the answer stands for that path."""
    saved = []
    choice = conflict_choice({"/d/a.bin": "overwrite", "/d/b.bin": "nonsense"}, ConflictPolicy.RENAME, saved.append)
    assert choice(Path("/d/a.bin")) is ConflictPolicy.OVERWRITE
    assert choice(Path("/d/b.bin")) is ConflictPolicy.RENAME  # an unreadable answer is not an answer
    assert saved == []  # a policy is not a person's answer: nothing new kept


def test_each_path_is_asked_once_even_from_parallel_threads():
    asked, saved = [], []

    def ask(path):
        asked.append(path)
        time.sleep(0.05)  # a person reading the question while another thread reaches the same name
        return ConflictPolicy.SKIP if path.name == "a" else ConflictPolicy.OVERWRITE

    choice = conflict_choice({}, ask, saved.append)
    paths = [Path("/d/a"), Path("/d/b")] * 3
    results = [None] * len(paths)
    threads = [threading.Thread(target=lambda i=i: results.__setitem__(i, choice(paths[i]))) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(asked) == [Path("/d/a"), Path("/d/b")]
    assert results == [ConflictPolicy.SKIP, ConflictPolicy.OVERWRITE] * 3
    assert saved[-1] == {"/d/a": "skip", "/d/b": "overwrite"}
