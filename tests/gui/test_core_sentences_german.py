"""The core's sentences in a German window (issue 21 section 2): a real failure from the sandbox shows its title and
message in German in the row and its tooltip, in the key warning, and again after a restart (the queue file keeps
the sentence, not only its English); a watch folder's event, sent from a core thread, reaches the status bar in
German; the reasons a dropped path is left out are German too. The core itself stays English (the CLI, the logs)."""

from __future__ import annotations

import threading

from assetdrop.core.queue.items import Status
from assetdrop.core.sentence import Sentence, translate
from assetdrop.qt.queue_model import Column
from tests.conftest import write_file
from tests.gui.conftest import rows

REJECTED_DE = "Der Server hat den API-Schlüssel abgelehnt: "


def _close(window) -> None:
    window.quitting = True
    window.close()
    window.session.close()


def _failed_texts(view) -> tuple[str, str]:
    index = view.model().index(0, Column.STATUS)
    return index.data(), index.data(3)  # the status column and its tooltip


def test_a_wrong_key_fails_in_german_and_stays_german_after_a_restart(german, qtbot, make_window, sandbox, tmp_path):
    from assetdrop.core import settings

    first = make_window(store="german.sqlite3")
    first.session.settings.upsert(settings.Profile("Bad", base_url=sandbox.api_url))
    first.session.set_runtime_key("Bad", "sbx_definitely_wrong")
    first.session.settings.current_profile = "Bad"
    source = tmp_path / "abgelehnt.txt"
    write_file(source, 100)
    first.add_paths([source])
    qtbot.waitUntil(lambda: any(r.status is Status.FAILED for r in rows(first)), timeout=20000)
    first.controller.flush()
    item = rows(first)[0]
    assert isinstance(item.error_message, Sentence)  # the core's English, for the CLI and the log
    assert item.error_title == "API key rejected" and item.error_message.startswith("The server rejected the API key")

    status, tooltip = _failed_texts(first.views["failed"])
    assert status.startswith("Fehlgeschlagen: " + REJECTED_DE), status
    assert status.endswith("Prüfen Sie den Schlüssel im Profil.")
    assert tooltip.startswith("API-Schlüssel abgelehnt: " + REJECTED_DE), tooltip
    qtbot.waitUntil(lambda: first.notice is not None and first.notice.isVisible(), timeout=10000)
    assert first.notice.windowTitle() == "API-Schlüssel abgelehnt"
    assert first.notice.text().startswith(REJECTED_DE)
    first.notice.close()
    _close(first)

    second = make_window(store="german.sqlite3")
    failed = second.views["failed"]
    qtbot.waitUntil(lambda: failed.model().rowCount() == 1, timeout=10000)
    assert _failed_texts(failed) == (status, tooltip)


def test_a_watch_event_from_a_core_thread_shows_in_german(german, qtbot, make_window, tmp_path):
    window = make_window()
    title = translate("watch.watcher", "Watch folder back")
    message = translate("watch.watcher", "{folder} is there again; watching resumed.").format(folder=tmp_path)
    sender = threading.Thread(target=window.watch_said.emit, args=(title, message, False))
    sender.start()
    sender.join()
    expected = f"Überwachter Ordner wieder da: {tmp_path} ist wieder da; die Überwachung läuft weiter."
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == expected, timeout=5000)


def test_a_missing_path_is_left_out_in_german(german, qtbot, make_window, tmp_path):
    window = make_window()
    missing = tmp_path / "gibt-es-nicht.txt"
    window.add_paths([missing])
    qtbot.waitUntil(lambda: window.notice is not None and window.notice.isVisible(), timeout=10000)
    assert window.notice.windowTitle() == "Einige Einträge wurden übersprungen"
    assert f"{missing}: keine solche Datei und kein solcher Ordner" in window.notice.text()
    window.notice.close()
