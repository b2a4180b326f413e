"""The "File exists" question: asked on the GUI thread for a worker thread, and never a hang at quit."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from assetdrop.core import errors
from assetdrop.core.queue.transfer_queue import TransferQueue
from assetdrop.core.transfer.download import ConflictPolicy
from assetdrop.qt.conflict_asker import ConflictAsker


def _ask_on_a_worker(asker, path):
    outcome = {}

    def work():
        try:
            outcome["answer"] = asker(path)
        except errors.TransferCancelled as exc:
            outcome["cancelled"] = exc.message

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    return thread, outcome


def test_the_worker_gets_the_button_the_person_clicks(qtbot, tmp_path):
    window = QWidget()
    qtbot.addWidget(window)
    asker = ConflictAsker(window, TransferQueue())
    shown = []

    def click_overwrite(box):
        shown.append(box.text())
        button = next(b for b in box.buttons() if b.text() == "Overwrite")
        QTimer.singleShot(0, button.click)  # inside the dialog's own event loop

    asker.asked.connect(click_overwrite)
    thread, outcome = _ask_on_a_worker(asker, tmp_path / "clip.mov")
    qtbot.waitUntil(lambda: "answer" in outcome, timeout=5000)
    thread.join(5)
    assert outcome == {"answer": ConflictPolicy.OVERWRITE}
    assert shown and "“clip.mov” already exists in" in shown[0]


def test_quitting_releases_a_worker_waiting_for_an_answer(qtbot, tmp_path):
    """The old blocking signal made quit wait up to 10 s per worker; now the worker stops as interrupted and no
    dialog opens after the quit."""
    window = QWidget()
    qtbot.addWidget(window)
    queue = TransferQueue()
    asker = ConflictAsker(window, queue)
    shown = []
    asker.asked.connect(shown.append)
    thread, outcome = _ask_on_a_worker(asker, Path(tmp_path / "late.bin"))
    time.sleep(0.2)  # the question is posted, not shown: the GUI thread is busy elsewhere (here, the quit)
    queue.close()
    thread.join(2)
    assert not thread.is_alive() and "quitting" in outcome.get("cancelled", "")
    qtbot.wait(50)  # the posted question arrives after the quit: nothing is shown
    assert shown == []
