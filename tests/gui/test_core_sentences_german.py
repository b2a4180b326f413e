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


def test_localize_fills_german_with_the_locales_numbers_and_falls_back_to_english(german):
    from assetdrop.qt.core_text import localize

    said = translate(
        "providers.filespin.provider",
        "Connected to {address}: the API key works and the account holds {count:,} assets.",
    )
    text = said.format(address="https://x", count=12345)
    assert text == "Connected to https://x: the API key works and the account holds 12,345 assets."
    assert (
        localize(text)
        == "Verbunden mit https://x: Der API-Schlüssel funktioniert, und das Konto enthält 12.345 Assets."
    )
    assert localize("plain server words") == "plain server words"
    unknown = translate("nowhere", "Not in any catalogue {a}").format(a="!")
    assert localize(unknown) == "Not in any catalogue !"
    nested = translate("request_errors", "Could not find the proxy {where}. {check}: the proxy's address.").format(
        where="p:3128", check=translate("request_errors", "Check {source}").format(source="HTTPS_PROXY")
    )
    assert localize(nested) == "Der Proxy p:3128 wurde nicht gefunden. Prüfen Sie HTTPS_PROXY: die Adresse des Proxys."


def test_the_owner_of_the_queue_is_named_in_german(german):
    from assetdrop.core.queue.ownership import WINDOW, Owner
    from assetdrop.qt.core_text import localize

    assert Owner(42, WINDOW, 0).describe() == "the Assetdrop window (PID 42)"
    assert localize(Owner(42, WINDOW, 0).describe()) == "das Assetdrop-Fenster (PID 42)"
    assert localize(Owner(42, "assetdrop-cli upload", 0).describe()) == "assetdrop-cli upload (PID 42)"
