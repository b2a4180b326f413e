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
from .translations import fill

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
        return question.answer or ConflictPolicy.RENAME

    @Slot(object)
    def _on_ask(self, question: Question) -> None:
        if self._queue.closed:
            return  # the worker has stopped waiting
        if self.remembered is not None:  # answered "for the rest of this session" while this one waited
            question.give(self.remembered)
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("File exists"),
            fill(self.tr("“%1” already exists in %2."), question.path.name, question.path.parent),
            parent=self.window,
        )
        box.setAccessibleName(self.tr("File exists"))
        box.setAccessibleDescription(self.tr("A downloaded file has the name of a file already in the folder"))
        keep = box.addButton(self.tr("Keep both"), QMessageBox.ButtonRole.AcceptRole)
        keep.setAccessibleDescription(self.tr("Save the download under a new name, such as name (1).ext"))
        overwrite = box.addButton(self.tr("Overwrite"), QMessageBox.ButtonRole.DestructiveRole)
        overwrite.setAccessibleDescription(self.tr("Replace the file in the folder with the download"))
        skip = box.addButton(self.tr("Skip"), QMessageBox.ButtonRole.RejectRole)
        skip.setAccessibleDescription(self.tr("Keep the file in the folder and do not download this one"))
        remember = QCheckBox(self.tr("Do this for the rest of this session"))
        remember.setAccessibleDescription(self.tr("Give the same answer for every other file that exists"))
        box.setCheckBox(remember)
        self.asked.emit(box)
        box.exec()
        answers = {keep: ConflictPolicy.RENAME, overwrite: ConflictPolicy.OVERWRITE, skip: ConflictPolicy.SKIP}
        choice = next((p for button, p in answers.items() if button is box.clickedButton()), ConflictPolicy.RENAME)
        if remember.isChecked():
            self.remembered = choice
        question.give(choice)
