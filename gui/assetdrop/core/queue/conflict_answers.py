"""What to do when a download's name is taken, remembered per item and per path.

With the "ask" policy a person answers "this file exists" once per file: the answer is kept with the item
(`TransferItem.conflict_answers`, path -> policy), so a retry after a cut connection, or the next start, goes on
without asking again, whatever the settings say by then. An Xvid archive asks about several paths at once from
parallel threads, so the answers are a map behind a lock, and a second thread waits for the first one's question.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from pathlib import Path

from ..transfer.download import ConflictChoice, ConflictPolicy

_POLICIES = {policy.value for policy in ConflictPolicy if policy is not ConflictPolicy.ASK}


def conflict_choice(
    kept: Mapping[str, str], choice: ConflictChoice, save: Callable[[dict[str, str]], None]
) -> ConflictChoice:
    """The policy to download with: `choice` itself when nothing was answered before and nobody is asked;
    otherwise a callable that gives a kept answer first and keeps each new one."""
    answers = {path: value for path, value in kept.items() if value in _POLICIES}
    if isinstance(choice, ConflictPolicy) and not answers:
        return choice
    return KeptAnswers(answers, choice, save)


class KeptAnswers:
    def __init__(self, kept: dict[str, str], choice: ConflictChoice, save: Callable[[dict[str, str]], None]):
        self._kept = kept
        self._choice = choice
        self._save = save
        self._lock = threading.Lock()

    def __call__(self, path: Path) -> ConflictPolicy:
        with self._lock:  # one question at a time for this item; a second thread may find it answered
            if str(path) in self._kept:
                return ConflictPolicy(self._kept[str(path)])
            if isinstance(self._choice, ConflictPolicy):
                return self._choice  # a policy, not a person's answer: nothing to keep
            policy = self._choice(path)
            self._kept[str(path)] = policy.value
            self._save(dict(self._kept))
            return policy
