"""Every control of the window and its dialogs has an accessible name and description, in English and in German,
read back through Qt's accessibility interface (QAccessible: what a screen reader is given), and a queue row is
read as one sentence: "photo.jpg, 42 percent, uploading, 3.0 MiB/s"."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAccessible

from tests.gui.conftest import rows
from tests.gui.test_german_window import _dialogs
from tests.gui.ui_walk import controls, describe

NAME, DESCRIPTION = QAccessible.Text.Name, QAccessible.Text.Description


def _unnamed(root) -> list[str]:
    missing = []
    for widget in controls(root):
        iface = QAccessible.queryAccessibleInterface(widget)
        assert iface is not None, describe(widget)
        if not iface.text(NAME).strip():
            missing.append(f"{describe(widget)}: no name")
        if not iface.text(DESCRIPTION).strip():
            missing.append(f"{describe(widget)}: no description")
    return missing


@pytest.mark.parametrize("lang", ["en", "de"])
def test_every_control_has_a_name_and_description(lang, qapp, make_window, qtbot):
    from assetdrop.qt import translations

    translations.install(qapp, lang)
    try:
        window = make_window()
        qtbot.waitExposed(window)
        missing = []
        for index in range(window.tabs.count()):
            window.tabs.setCurrentIndex(index)
            missing += _unnamed(window)
        checked = len(controls(window))
        for dialog in _dialogs(window):
            dialog.show()
            qtbot.waitExposed(dialog)
            missing += [f"{type(dialog).__name__}: {m}" for m in _unnamed(dialog)]
            checked += len(controls(dialog))
            dialog.close()
        assert checked > 40
        assert not missing, "\n".join(sorted(set(missing)))
    finally:
        translations.install(qapp, "en")


def _cells(view):
    """(row, column, accessible name, description) of the view's cells, as QAccessible hands them out."""
    table = QAccessible.queryAccessibleInterface(view)
    found = []
    for n in range(table.childCount()):
        child = table.child(n)
        if child.role() is QAccessible.Role.Cell:
            cell = child.tableCellInterface()
            found.append((cell.rowIndex(), cell.columnIndex(), child.text(NAME), child.text(DESCRIPTION)))
    return found


def _uploading_item():
    from assetdrop.core.queue.items import Direction, Status, TransferItem

    return TransferItem(
        1,
        Direction.UPLOAD,
        "/photos/photo.jpg",
        "photo.jpg",
        "Sandbox",
        size=1000,
        done=420,
        rate=3 * 1024 * 1024,
        status=Status.UPLOADING,
    )


@pytest.mark.parametrize(
    "lang, sentence",
    [
        ("en", "photo.jpg, 42 percent, uploading, 3.0 MiB/s"),
        ("de", "photo.jpg, 42 Prozent, wird hochgeladen, 3,0 MiB/s"),
    ],
)
def test_a_row_reads_as_one_sentence(lang, sentence, qapp, qtbot):
    """The real model and view, given one snapshot of an upload under way (a live one would not hold still at 42%)."""
    from assetdrop.qt import translations
    from assetdrop.qt.queue_rows import QueueRows
    from assetdrop.qt.transfers_view import TransfersView

    translations.install(qapp, lang)
    try:
        model = QueueRows()
        model.apply([_uploading_item()])
        view = TransfersView(model.tabs["uploads"], "Uploads")
        qtbot.addWidget(view)
        view.show()
        qtbot.waitExposed(view)
        cells = _cells(view)
        first = [c for c in cells if c[0] == 0 and c[1] == 0]
        assert first and first[0][2] == sentence
        assert {c[3] for c in cells if c[0] == 0} == {sentence}  # every cell of the row describes it so
    finally:
        translations.install(qapp, "en")


def test_a_finished_upload_reads_its_asset_id(make_window, qtbot, tmp_path):
    from tests.conftest import write_file

    window = make_window()
    path = tmp_path / "drop" / "photo.jpg"
    write_file(path, 300_000)
    window.add_paths([path])
    qtbot.waitUntil(lambda: any(i.is_finished for i in rows(window)), timeout=30000)
    window.controller.flush()
    item = rows(window)[0]
    assert item.asset_id
    names = [c[2] for c in _cells(window.views["finished"]) if c[1] == 0]
    assert names == [f"photo.jpg, done, asset ID {item.asset_id}"] or names == [
        f"photo.jpg, ready, asset ID {item.asset_id}"
    ]


def test_the_file_exists_question_names_and_describes_its_choices(german, qtbot, tmp_path):
    """The conflict question (qt/conflict_asker.py), asked for a worker thread, in German: each button and the
    check box have a name and a description a screen reader can say."""
    import threading

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QWidget

    from assetdrop.core.queue.transfer_queue import TransferQueue
    from assetdrop.qt.conflict_asker import ConflictAsker

    window = QWidget()
    qtbot.addWidget(window)
    asker = ConflictAsker(window, TransferQueue())
    seen = {}

    def inspect(box):
        seen["title"] = box.windowTitle()
        controls_ = [*box.buttons(), box.checkBox()]
        seen["named"] = [
            (
                QAccessible.queryAccessibleInterface(w).text(NAME),
                QAccessible.queryAccessibleInterface(w).text(DESCRIPTION),
            )
            for w in controls_
        ]
        skip = next(b for b in box.buttons() if b.text() == "Überspringen")
        QTimer.singleShot(0, skip.click)

    asker.asked.connect(inspect)
    answer = {}
    thread = threading.Thread(target=lambda: answer.setdefault("a", asker(tmp_path / "clip.mov")), daemon=True)
    thread.start()
    qtbot.waitUntil(lambda: "a" in answer, timeout=5000)
    thread.join(5)
    assert seen["title"] == "Datei existiert bereits"
    assert len(seen["named"]) == 4 and all(name and description for name, description in seen["named"])
