"""`assetdrop --self-test [--screenshot PATH] [--timeout S] [--keyring]`: prove an installed Assetdrop works.

It starts the embedded sandbox the way the app does (a child process; frozen builds run themselves with
`--run-sandbox`), shows the real main window, uploads one file and downloads it back through the window's
controller, checks the bytes, reads Help → About, saves a screenshot of the window, prints one summary line and
exits 0. Any failure prints one readable line starting with "self-test FAILED:" and exits non-zero; a watchdog
ends the process if the Qt event loop itself hangs. Nothing touches the user's own settings, queue, keyring
entries or downloads: everything lives in a temporary folder (`ASSETDROP_HOME`) removed at the end.

`--keyring` also stores, reads back and deletes a throwaway secret in the OS keyring, to show the keyring
backends are usable (in a frozen build, that their entry-point metadata was bundled).

`--timeout` holds whatever the keyring does (it is asked in a thread with a deadline: an unlock prompt nobody
answers must not hang the test), and a failure names its cause: a locked keyring, no Secret Service, no display
(Qt's own reason, caught before it aborts). The temporary folder goes away on failure too, unless `--keep`.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import re
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

FAILED = "self-test FAILED:"
UPLOAD_SIZE = 512 * 1024 + 7  # odd size, several read chunks


class SelfTestError(Exception):
    pass


_step = "starting"  # what the self-test is doing, for the watchdog's message
_emergency: list = []  # what to undo when the process must end at once (watchdog, Qt's fatal error)


def add_arguments(parser) -> None:
    """The self-test's options; also shown by `assetdrop --help` and its man page (qt/app.py's build_parser)."""
    parser.add_argument("--screenshot", type=Path, help="save the window's screenshot here (default: a temp file)")
    parser.add_argument("--timeout", type=float, default=60.0, help="give up after this many seconds (default 60)")
    parser.add_argument("--keyring", action="store_true", help="also round-trip a throwaway secret in the OS keyring")
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary folder (settings, queue, sandbox data) afterwards"
    )


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="assetdrop --self-test", description="Start the sandbox, show the window, upload and download one file."
    )
    add_arguments(parser)
    args, _qt_args = parser.parse_known_args(argv)
    return args


def _backend_name(backend) -> str:
    return f"{type(backend).__module__.rsplit('.', 1)[-1]}.{type(backend).__name__}"


def _why_no_keyring() -> str:
    """The Linux backends' own reasons for being unusable (no session bus, no Secret Service daemon...), or that
    they work but keyring did not find them (its entry-point metadata missing from the bundle)."""
    reasons = []
    try:
        from keyring.backends import SecretService, kwallet
    except ImportError as exc:
        return f"the keyring backends are not bundled ({exc})"
    for label, cls in (("Secret Service", SecretService.Keyring), ("KWallet", kwallet.DBusKeyring)):
        try:
            priority = cls.priority
        except Exception as exc:
            reasons.append(f"{label}: {exc}")
        else:
            return f"{label} is usable (priority {priority}) but keyring did not load it: its metadata is not bundled"
    return "; ".join(reasons)


def _locked_collection(backend) -> str | None:
    """The Secret Service collection's label when it is locked (asked without opening an unlock prompt)."""
    from keyring.backends import SecretService

    if not isinstance(backend, SecretService.Keyring):
        return None
    try:
        import secretstorage
        from secretstorage.collection import DEFAULT_COLLECTION, Collection

        with secretstorage.dbus_init() as connection:
            collection = Collection(connection, getattr(backend, "preferred_collection", None) or DEFAULT_COLLECTION)
            if not collection.is_locked():
                return None
            return collection.get_label() or DEFAULT_COLLECTION
    except Exception:  # no such collection yet, or an older SecretStorage: the round trip will tell
        return None


def _keyring_check(round_trip: bool) -> str:
    """The keyring backend's name; with round_trip, set/get/delete a throwaway secret or raise SelfTestError."""
    import keyring
    from keyring.backends import fail
    from keyring.errors import KeyringLocked

    backend = keyring.get_keyring()
    name = _backend_name(backend)
    if not round_trip:
        return name
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
        raise SelfTestError(f"no usable keyring (keyring chose {name}): {_why_no_keyring()}")
    locked = _locked_collection(backend)
    if locked:
        raise SelfTestError(f"the keyring is locked (Secret Service collection {locked!r}): unlock it and try again")
    service, user, secret = "assetdrop-self-test", f"probe-{os.getpid()}", os.urandom(12).hex()
    try:
        backend.set_password(service, user, secret)
        read = backend.get_password(service, user)
        backend.delete_password(service, user)
    except KeyringLocked as exc:
        raise SelfTestError(f"the keyring is locked and was not unlocked ({exc})") from exc
    except Exception as exc:
        raise SelfTestError(f"keyring {name} failed a round trip ({type(exc).__name__}: {exc})") from exc
    if read != secret:
        raise SelfTestError(f"keyring {name} gave back a different secret")
    return name + " (round trip ok)"


def _keyring_check_within(round_trip: bool, seconds: float) -> str:
    """_keyring_check in a thread: a keyring that blocks (an unlock prompt, a hung daemon) costs at most `seconds`.
    The thread is a daemon, so a call that never returns does not keep the process alive."""
    result: list = []

    def ask() -> None:
        try:
            result.append(_keyring_check(round_trip))
        except BaseException as exc:  # handed to the caller's thread
            result.append(exc)

    thread = threading.Thread(target=ask, name="self-test-keyring", daemon=True)
    thread.start()
    thread.join(max(seconds, 0.1))
    if not result:
        raise SelfTestError(
            f"the keyring did not answer within {seconds:.0f} s: it is probably locked and waiting for an unlock "
            "prompt nobody answered (unlock it, or run without --keyring)"
        )
    if isinstance(result[0], BaseException):
        raise result[0]
    return result[0]


def _catch_qt_fatal(platform_name: str) -> None:
    """Qt aborts the process when its platform cannot start (no X server at DISPLAY, a missing xcb library):
    print its reason as our one line first, and clean up, instead of a bare abort."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    recent: list[str] = []

    def handler(kind, _context, message: str) -> None:
        if kind == QtMsgType.QtFatalMsg:
            said = " ".join([*recent, message.splitlines()[0] if message else ""]).strip()
            display = next((m for m in recent if "could not connect to display" in m), None)
            cause = f"no display: Qt {display}" if display else f"Qt's {platform_name or 'default'} platform failed"
            _fail_now(f"{cause} ({said})", 2)
        recent.append(message)
        del recent[:-4]
        print(message, file=sys.stderr, flush=True)

    qInstallMessageHandler(handler)


def _fail_now(reason: str, code: int) -> None:
    print(f"{FAILED} {reason}", flush=True)
    for undo in reversed(_emergency):
        try:
            undo()
        except Exception:
            pass
    os._exit(code)


def _has_display() -> bool:
    platform_name = os.environ.get("QT_QPA_PLATFORM", "")
    if platform_name and not platform_name.startswith(("xcb", "wayland")):
        return True  # offscreen, minimal, vnc...: no display server needed
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _md5(path: Path) -> str:
    digest = hashlib.md5()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _watchdog(seconds: float) -> None:
    """If the event loop hangs (a modal dialog, a deadlock), end the process with a readable line anyway."""

    def expire() -> None:
        time.sleep(seconds)
        _fail_now(f"still running after {seconds:.0f} s, stuck while {_step}", 3)

    threading.Thread(target=expire, name="self-test-watchdog", daemon=True).start()


def run(args: argparse.Namespace, work: Path) -> str:
    """Everything the self-test does; returns the summary line or raises SelfTestError."""
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import QTimer, QTranslator, qVersion
    from PySide6.QtWidgets import QApplication, QMessageBox

    from .. import __version__
    from ..core import logsetup, settings
    from ..core.credentials import CredentialStore
    from ..core.queue.items import Direction, Status
    from ..core.session import AppSession
    from ..resources import resource_path
    from ..sandbox.process import SandboxProcess
    from .bridge import QueueBridge
    from .icons import APP_ICON, app_icon
    from .main_window import MainWindow
    from .translations import translations_dir

    global _step
    deadline = time.monotonic() + args.timeout
    logsetup.configure()
    _step = "asking the keyring"
    keyring_name = _keyring_check_within(args.keyring, deadline - time.monotonic())

    _step = "starting Qt"
    if QApplication.instance() is None:
        _catch_qt_fatal(os.environ.get("QT_QPA_PLATFORM", ""))
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0]])
    app.setApplicationName("Assetdrop")
    app.setOrganizationName("Assetdrop")
    app.setDesktopFileName("io.assetdrop.Assetdrop")
    icon_file = resource_path("icons", f"{APP_ICON}.svg")
    icon = app_icon()
    if not icon_file.is_file() or icon.isNull() or icon.pixmap(64, 64).isNull():
        raise SelfTestError(f"the app icon does not load from {icon_file} (resources or the SVG plugin missing)")
    app.setWindowIcon(icon)
    _step = "loading the translations"
    for lang in ("en", "de"):  # compiled at build (make translations, packaging/assetdrop.spec)
        if not QTranslator(app).load(f"assetdrop_{lang}", str(translations_dir())):
            raise SelfTestError(f"the {lang} translation does not load from {translations_dir()} (.qm not built)")

    def wait_for(what: str, done) -> None:
        global _step
        _step = f"waiting for {what}"
        while not done():
            if time.monotonic() > deadline:
                raise SelfTestError(f"{what} did not finish within {args.timeout:.0f} s")
            app.processEvents()
            time.sleep(0.02)

    _step = "starting the sandbox"
    try:
        sandbox = SandboxProcess(work / "sandbox").start()
    except (OSError, RuntimeError) as exc:
        raise SelfTestError(f"the embedded sandbox did not start ({exc})") from exc
    _emergency.append(sandbox.stop)
    session = window = None
    try:
        conf = settings.Settings(
            current_profile=settings.SANDBOX_PROFILE, download_dir=str(work / "downloads"), concurrency=2
        )
        conf.upsert(
            settings.Profile(
                settings.SANDBOX_PROFILE, kind="filespin", base_url=sandbox.api_url, options={"embedded_sandbox": True}
            )
        )
        bridge = QueueBridge()
        session = AppSession(
            conf,
            credentials=CredentialStore(session_only=True),
            on_change=bridge,
            store_path=work / "queue.sqlite3",
            settings_path=work / "settings.json",
        )
        session.set_runtime_key(settings.SANDBOX_PROFILE, sandbox.api_key)
        window = MainWindow(session, bridge)
        window.show()
        wait_for("showing the window", lambda: window.windowHandle() is not None and window.windowHandle().isExposed())

        source = work / "upload" / "assetdrop self-test.bin"
        source.parent.mkdir(parents=True)
        source.write_bytes(os.urandom(UPLOAD_SIZE))
        started = time.monotonic()
        window.drop_zone.files_dropped.emit([source])  # what a drop on the window does

        def item(direction):
            items = [i for i in window.controller.model.items() if i.direction is direction]
            return items[0] if items else None

        def finished(direction):
            window.controller.flush()
            found = item(direction)
            return found is not None and found.is_finished

        wait_for("the upload", lambda: finished(Direction.UPLOAD))
        up = item(Direction.UPLOAD)
        if up.status is not Status.DONE or not up.asset_id:
            raise SelfTestError(f"the upload ended {up.status.value}: {up.error_title} {up.error_message}".strip())

        window.drop_zone.ids_dropped.emit([up.asset_id])  # what dropping the asset ID's text does
        wait_for("the download", lambda: finished(Direction.DOWNLOAD))
        down = item(Direction.DOWNLOAD)
        if down.status is not Status.DONE or not down.saved_path:
            raise SelfTestError(
                f"the download ended {down.status.value}: {down.error_title} {down.error_message}".strip()
            )
        if _md5(Path(down.saved_path)) != _md5(source):
            raise SelfTestError(f"the downloaded file {down.saved_path} differs from the uploaded one")
        elapsed = time.monotonic() - started

        # the screenshot: the finished transfers, as the display shows them
        if window.notice is not None:
            window.notice.close()
        window.tabs.setCurrentWidget(window.views["finished"])
        pause = time.monotonic() + 0.5
        wait_for("repainting", lambda: time.monotonic() > pause)
        image = window.screen().grabWindow(window.winId()).toImage()
        if image.isNull() or image.width() < 100:
            image = window.grab().toImage()  # platforms that cannot read the screen back (offscreen)
        shot = args.screenshot or Path(tempfile.gettempdir()) / f"assetdrop-self-test-{os.getpid()}.png"
        shot.parent.mkdir(parents=True, exist_ok=True)
        if image.isNull() or not image.save(str(shot)):
            raise SelfTestError(f"could not save the screenshot to {shot}")

        # Help → About, read from the real dialog (it is modal: read and close it from inside its event loop)
        about_text: list[str] = []

        def read_about() -> None:
            box = app.activeModalWidget()
            if isinstance(box, QMessageBox):
                about_text.append(box.text())
                box.accept()
            elif time.monotonic() < deadline:
                QTimer.singleShot(50, read_about)
            else:
                about_text.append("")
                if box is not None:
                    box.close()

        QTimer.singleShot(50, read_about)
        window.about()
        about = re.sub(r"<[^>]+>", " ", about_text[0] if about_text else "")
        for expected in (f"Assetdrop {__version__}", f"Qt {qVersion()}", f"Python {platform.python_version()}"):
            if expected not in about:
                raise SelfTestError(f"Help → About does not show {expected!r} (it shows {about.strip()!r})")
    finally:
        if window is not None:
            window.quitting = True
            window.close()
            window.controller.shutdown()
        if session is not None:
            session.close()
        sandbox.stop()

    frozen = "frozen" if getattr(sys, "frozen", False) else "source"
    return (
        f"self-test ok: Assetdrop {__version__} ({frozen}, Qt {qVersion()}, PySide6 {pyside_version}, "
        f"Python {platform.python_version()}, platform {app.platformName()}); uploaded {UPLOAD_SIZE} bytes "
        f"as {up.asset_id} and downloaded them back identical in {elapsed:.1f} s; keyring {keyring_name}; "
        f"screenshot {shot} ({image.width()}x{image.height()})"
    )


def main(argv: list[str]) -> int:
    args = _parse(argv)
    if not _has_display():
        print(f"{FAILED} no display: set DISPLAY (X11) or WAYLAND_DISPLAY, or QT_QPA_PLATFORM=offscreen", flush=True)
        return 2
    work = Path(tempfile.mkdtemp(prefix="assetdrop-self-test-"))
    os.environ.setdefault("ASSETDROP_HOME", str(work / "home"))  # nothing lands in the user's own folders
    where = f"; files kept in {work}" if args.keep else " (--keep keeps its files and log)"
    if not args.keep:
        _emergency.insert(0, lambda: shutil.rmtree(work, ignore_errors=True))  # undone last: after the sandbox
    _watchdog(args.timeout + 15)
    try:
        summary = run(args, work)
    except SelfTestError as exc:
        print(f"{FAILED} {exc}{where}", flush=True)
        return 1
    except Exception as exc:  # anything unexpected still ends as one readable line (traceback in the log)
        import logging

        logging.getLogger("assetdrop.self_test").exception("self-test crashed")
        print(f"{FAILED} {type(exc).__name__}: {exc}{where}", flush=True)
        return 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(summary + (f"; files kept in {work}" if args.keep else ""), flush=True)
    return 0
