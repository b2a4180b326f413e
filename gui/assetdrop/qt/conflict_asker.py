"""The "File exists" question, asked on the GUI thread for a worker thread that waits for the answer.

The worker waits on an event, not on a blocking signal: quitting while a question is pending (or about to be
shown) releases the worker as interrupted, so the window never waits for a worker that waits for the window.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QCheckBox, QMessageBox

from ..core import errors
from ..core.transfer.download import ConflictPolicy

POLL_SECONDS = 0.1  # how soon a waiting worker notices the app is quitting


class Question:
    def __init__(self, path: Path):
        self.path = path
        self.answer: ConflictPolicy | None = None
        self.answered = threading.Event()

    def give(self, answer: ConflictPolicy) -> None:
        self.answer = answer
        self.answered.set()


class ConflictAsker(QObject):
    _ask = Signal(object)
    asked = Signal(object)  # the dialog is about to show (tests answer it)

    def __init__(self, window, queue):
        super().__init__(window)
        self.window = window
        self._queue = queue
        self.remembered: ConflictPolicy | None = None  # "Do this for the rest of this session"
        self._ask.connect(self._on_ask)  # queued: emitted from worker threads

    def __call__(self, path: Path) -> ConflictPolicy:
        """Called on a worker thread; raises TransferCancelled if the app quits before the person answers."""
        if self.remembered is not None:
            return self.remembered
        question = Question(path)
        if QThread.currentThread() is self.thread():
            self._on_ask(question)  # never wait for ourselves
        else:
            self._ask.emit(question)
        while not question.answered.wait(POLL_SECONDS):
            if self._queue.closed:
                raise errors.TransferCancelled("Interrupted: Assetdrop is quitting.")
        return question.answer

    @Slot(object)
    def _on_ask(self, question: Question) -> None:
        if self._queue.closed:
            return  # the worker has stopped waiting
        if self.remembered is not None:  # answered "for the rest of this session" while this one waited
            question.give(self.remembered)
            return
        box = QMessageBox(QMessageBox.Question, "File exists",
                          f"“{question.path.name}” already exists in {question.path.parent}.", parent=self.window)
        keep = box.addButton("Keep both", QMessageBox.AcceptRole)
        overwrite = box.addButton("Overwrite", QMessageBox.DestructiveRole)
        skip = box.addButton("Skip", QMessageBox.RejectRole)
        remember = QCheckBox("Do this for the rest of this session")
        box.setCheckBox(remember)
        self.asked.emit(box)
        box.exec()
        choice = {keep: ConflictPolicy.RENAME, overwrite: ConflictPolicy.OVERWRITE,
                  skip: ConflictPolicy.SKIP}.get(box.clickedButton(), ConflictPolicy.RENAME)
        if remember.isChecked():
            self.remembered = choice
        question.give(choice)
