"""A desktop notification per batch that ends with failures (issue 19, item 2), where there is no tray icon to
show it (GNOME, or here the offscreen platform): a real dbus-daemon of this test's own, and on it a stand-in for
the desktop's notification service (org.freedesktop.Notifications), which records what it is sent. The service
itself (how a desktop draws the bubble) cannot be run here."""

from __future__ import annotations

import subprocess
import threading

import pytest
from jeepney import HeaderFields, MessageType, new_method_return
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection

from assetdrop.core import settings
from assetdrop.core.queue.items import Status
from tests.conftest import write_file
from tests.gui.conftest import rows


@pytest.fixture
def notifications(monkeypatch, tmp_path):
    """A private session bus with a notification service on it; yields the (summary, body, hints) it was sent."""
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1", f"--address=unix:dir={tmp_path}"],
        stdout=subprocess.PIPE,
        text=True,
    )
    address = daemon.stdout.readline().strip()
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
    got: list[tuple] = []
    ready, stop = threading.Event(), threading.Event()

    def serve() -> None:
        with open_dbus_connection(bus="SESSION") as connection:
            connection.send_and_get_reply(message_bus.RequestName("org.freedesktop.Notifications"), timeout=5)
            ready.set()
            while not stop.is_set():
                try:
                    message = connection.receive(timeout=0.1)
                except TimeoutError:
                    continue
                header = message.header
                if header.message_type is MessageType.method_call and header.fields[HeaderFields.member] == "Notify":
                    app, _replaces, icon, summary, body, _actions, hints, _timeout = message.body
                    got.append((app, icon, summary, body, hints))
                    connection.send(new_method_return(message, "u", (len(got),)))

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    assert ready.wait(10)
    yield got
    stop.set()
    thread.join(5)
    daemon.terminate()
    daemon.wait(5)


def test_a_batch_with_failures_is_told_by_a_desktop_notification(qtbot, make_window, sandbox, tmp_path, notifications):
    window = make_window()
    assert not window.tray.isVisible()  # no tray here: the notification service is the way
    session = window.session
    session.settings.upsert(settings.Profile("Bad", base_url=sandbox.api_url))
    session.set_runtime_key("Bad", "sbx_definitely_wrong")
    window.refresh_profiles()
    window.profile_combo.setCurrentText("Bad")
    files = [tmp_path / f"fails{i}.txt" for i in range(2)]
    for path in files:
        write_file(path, 100)
    window.add_paths(files)
    qtbot.waitUntil(lambda: [r.status for r in rows(window)] == [Status.FAILED] * 2, timeout=20000)
    qtbot.waitUntil(lambda: bool(notifications), timeout=10000)
    assert notifications == [
        ("Assetdrop", "dialog-warning", "Transfers finished with problems", "0 done, 2 failed.", notifications[0][4])
    ]  # one notification for the batch, not one per failed file
    assert notifications[0][4]["urgency"] == ("y", 1)
    if window.notice is not None:
        window.notice.close()
