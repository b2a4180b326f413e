"""A desktop notification where there is no tray icon to show one (issue 19, item 2): the end of a batch of
transfers, failures above all, reaches a person who is looking at another window.

With a tray (tray.py), its icon shows the message (`QSystemTrayIcon.showMessage`). Many Linux desktops have no
tray (GNOME among them), so then the message goes to the freedesktop notification service
(`org.freedesktop.Notifications.Notify` on the session bus) through jeepney, the D-Bus library that keyring's
Secret Service backend already brings on Linux. Qt's own QtDBus cannot be used from Python for this: PySide6 sends
a Python int as a signed integer and a list as variants, and the service refuses a call whose signature is not
`susssasa{sv}i`. The call blocks for up to a few seconds, so the window runs it off the UI thread (background.py).
Where there is no bus, no service or no jeepney, nothing is shown, and the status bar still says it.
"""

from __future__ import annotations

import logging
import os

try:
    from jeepney import DBusAddress, MessageType, new_method_call  # type: ignore[import-untyped]
    from jeepney.io.blocking import open_dbus_connection  # type: ignore[import-untyped]
except ImportError:  # not on Linux: the tray is the notification there
    DBusAddress = None

log = logging.getLogger(__name__)
APP_NAME = "Assetdrop"
TIMEOUT_S = 3.0
SHOWN_MS = 8000


def notify(title: str, body: str, *, warning: bool) -> int | None:
    """Show the notification; its id from the service, or None where none was shown. Blocking."""
    if DBusAddress is None or not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return None
    service = DBusAddress(
        "/org/freedesktop/Notifications",
        bus_name="org.freedesktop.Notifications",
        interface="org.freedesktop.Notifications",
    )
    icon = "dialog-warning" if warning else "dialog-information"
    hints = {"urgency": ("y", 1 if warning else 0), "desktop-entry": ("s", "assetdrop")}
    call = new_method_call(service, "Notify", "susssasa{sv}i", (APP_NAME, 0, icon, title, body, [], hints, SHOWN_MS))
    try:
        with open_dbus_connection(bus="SESSION", auth_timeout=TIMEOUT_S) as connection:
            reply = connection.send_and_get_reply(call, timeout=TIMEOUT_S)
    except Exception as exc:  # no bus, refused, timed out, no service: a notification is never worth a failure
        log.info("no desktop notification (%s: %s)", type(exc).__name__, exc)
        return None
    if reply.header.message_type is not MessageType.method_return:
        log.info("the notification service refused the notification: %s", reply.body)
        return None
    return int(reply.body[0])
