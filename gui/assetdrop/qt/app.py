"""Entry point of the `assetdrop` desktop window.

Starts logging (user log dir), loads settings, starts the embedded sandbox when the current profile is the
built-in Sandbox (first run creates it), and shows the main window. Every unexpected exception on the GUI thread
is logged with its traceback and shown as one sentence.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from ..core import errors, logsetup, paths, settings
from ..core.queue import ownership
from .core_text import localize

log = logging.getLogger("assetdrop.app")


def ensure_sandbox_profile(conf: settings.Settings) -> settings.Profile:
    """First run: a Sandbox profile that works with no account. Its URL and key are filled in at start-up."""
    for profile in conf.profiles:
        if profile.embedded_sandbox:
            return profile
    profile = settings.Profile(
        name=settings.SANDBOX_PROFILE, kind="filespin", base_url="http://127.0.0.1", options={"embedded_sandbox": True}
    )
    conf.profiles.insert(0, profile)
    if not conf.current_profile:
        conf.current_profile = profile.name
    return profile


def _excepthook(exc_type, exc, tb) -> None:
    log.critical("unhandled exception", exc_info=(exc_type, exc, tb))
    try:
        from PySide6.QtCore import QCoreApplication, Qt
        from PySide6.QtWidgets import QApplication, QMessageBox

        if QApplication.instance() is not None:
            # Shown without blocking: a crash notice must not stop the event loop (or a test) behind it.
            box = QMessageBox(
                QMessageBox.Icon.Critical,
                QCoreApplication.translate("App", "Assetdrop hit a problem"),
                QCoreApplication.translate(
                    "App", "Something went wrong inside Assetdrop (%1). The window keeps running; details are in %2."
                )
                .replace("%1", exc_type.__name__)
                .replace("%2", str(paths.log_dir() / logsetup.LOG_FILE)),
            )
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.finished.connect(lambda *_: _notices.remove(box) if box in _notices else None)
            _notices.append(box)
            box.show()
    except Exception:
        pass


_notices: list = []  # crash notices on screen (kept referenced until closed)


# Qt's own command-line options (QGuiApplication and QApplication): passed to Qt, never read as files or IDs.
QT_OPTIONS_WITH_VALUE = {
    "-platform",
    "-platformpluginpath",
    "-platformtheme",
    "-plugin",
    "-display",
    "-style",
    "-stylesheet",
    "-qwindowgeometry",
    "-qwindowtitle",
    "-qwindowicon",
    "-geometry",
    "-session",
    "-name",
    "-title",
}
QT_FLAGS = {"-reverse", "-widgetcount", "-nograb", "-dograb", "-sync"}


def build_parser() -> argparse.ArgumentParser:
    """The window's command line (also the source of the assetdrop(1) man page and its shell completions)."""
    from .. import __version__
    from . import self_test

    parser = argparse.ArgumentParser(
        prog="assetdrop",
        description="Open the Assetdrop window. If it is already open (for the same data folder), bring it to the "
        "front and hand it the files and asset IDs given here instead of starting a second one.",
        epilog="Qt's own options (-platform, -style, -display ...) are passed to Qt. assetdrop-cli(1) does the same "
        "transfers without a window.",
    )
    parser.add_argument("--version", action="version", version=f"assetdrop {__version__}")
    items = parser.add_argument(
        "items",
        nargs="*",
        metavar="FILE_OR_ID",
        help="files or folders to upload, and asset IDs to download (anything that is not an existing path)",
    )
    items.complete = {"bash": "_shtab_compgen_files", "zsh": "_files", "tcsh": "f"}  # type: ignore[attr-defined]  # shtab.FILE
    parser.add_argument("--profile", help="open with this profile selected")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug details, to stderr too")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="prove this installation works: start the sandbox, show the window, upload and download one file, "
        "print one line and exit (see the options below; `assetdrop --self-test --help`)",
    )
    self_test.add_arguments(parser.add_argument_group("self-test options (with --self-test)"))
    return parser


def _split_qt_args(argv: list[str]) -> tuple[list[str], list[str]]:
    ours: list[str] = []
    qt: list[str] = []
    args = iter(argv)
    for arg in args:
        if arg in QT_OPTIONS_WITH_VALUE:
            qt += [arg, next(args, "")]
        elif arg in QT_FLAGS or arg.split("=", 1)[0] in QT_OPTIONS_WITH_VALUE:
            qt.append(arg)
        else:
            ours.append(arg)
    return ours, qt


def _receive(window, paths: list[str], asset_ids: list[str]) -> None:
    """What a second launch handed over: queue it, and bring the window to the front."""
    from PySide6.QtCore import Qt

    if paths:
        window.controller.add_paths([Path(p) for p in paths])
    if asset_ids:
        window.controller.add_asset_ids(asset_ids)
    window.show()
    window.setWindowState((window.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive)
    window.raise_()
    window.activateWindow()


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--run-sandbox"]:  # frozen builds run their embedded sandbox through themselves
        from ..cli import main as cli_main

        return cli_main(["sandbox", *argv[1:]])
    if "--self-test" in argv:  # installed builds prove themselves: sandbox, window, one upload and one download
        from .self_test import main as self_test_main

        return self_test_main([a for a in argv if a != "--self-test"])
    ours, qt_args = _split_qt_args(argv)
    parser = build_parser()
    args = parser.parse_args(ours)  # --help and --version end here: no Qt, no display needed
    if args.screenshot or args.keyring or args.keep or args.timeout != parser.get_default("timeout"):
        parser.error("--screenshot, --timeout, --keyring and --keep go with --self-test")

    try:
        logsetup.configure(verbose=args.verbose)
    except (OSError, errors.ConfigError) as exc:  # an unwritable log folder must not stop the app
        reason = getattr(exc, "strerror", None) or exc
        print(f"assetdrop: cannot write the log file ({reason}); continuing without it", file=sys.stderr)
    sys.excepthook = _excepthook

    from . import single_instance

    try:
        data_dir = paths.data_dir()
    except errors.ConfigError as exc:
        print(f"assetdrop: {exc.message}", file=sys.stderr)
        return 1
    upload_paths, asset_ids, unknown = single_instance.split_items(args.items, Path.cwd())
    for item in unknown:
        print(f"assetdrop: {item!r} is neither a file nor an asset ID; ignored", file=sys.stderr)
    instance_lock = single_instance.claim(data_dir)
    if instance_lock is None:  # a window for this data folder is running: it takes our files and IDs
        problem = single_instance.hand_over(single_instance.server_name(data_dir), upload_paths, asset_ids)
        if problem is None:
            log.info("handed %d path(s) and %d ID(s) to the running window", len(upload_paths), len(asset_ids))
            return 0
        print(f"assetdrop: a window is already open for {data_dir}, but {problem}", file=sys.stderr)
        return 1

    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication, QMessageBox

    from ..core.session import AppSession
    from ..sandbox.process import SandboxProcess
    from .bridge import QueueBridge
    from .desktop_proxy import hand_to_core
    from .icons import app_icon
    from .main_window import MainWindow
    from .translations import Plurals
    from .translations import install as install_translations

    app = QApplication([sys.argv[0], *qt_args])
    app.setApplicationName("Assetdrop")
    app.setOrganizationName("Assetdrop")
    app.setDesktopFileName("io.assetdrop.Assetdrop")
    app.setWindowIcon(app_icon())
    listener = single_instance.Listener(single_instance.server_name(data_dir), app)
    install_translations(app)  # the system's language until the settings say otherwise
    hand_to_core()  # profiles set to "system" proxy use the desktop's when no proxy variable is set

    try:
        conf = settings.load()
    except errors.ConfigError as exc:
        QMessageBox.critical(None, localize(exc.title), localize(exc.message))
        return 1
    if conf.language:
        install_translations(app, conf.language)
    moved = settings.damaged_file_moved_to(conf)
    if moved is not None:
        QMessageBox.warning(
            None,
            QCoreApplication.translate("App", "Settings were damaged"),
            QCoreApplication.translate(
                "App",
                "The settings file could not be read. It was moved to %1, and Assetdrop starts with its defaults: "
                "add your profiles again in Profiles (the keys are still in the keyring).",
            ).replace("%1", str(moved)),
        )
    sandbox_profile = ensure_sandbox_profile(conf)
    if args.profile:
        conf.current_profile = args.profile
    bridge = QueueBridge()
    session = AppSession(conf, on_change=bridge, program=ownership.WINDOW)
    session.save_settings()

    sandbox = None
    if session.current_profile.embedded_sandbox:
        try:
            sandbox = SandboxProcess(paths.data_dir() / "sandbox").start()
        except (OSError, RuntimeError) as exc:
            log.exception("embedded sandbox failed to start")
            QMessageBox.warning(
                None,
                QCoreApplication.translate("App", "Sandbox unavailable"),
                QCoreApplication.translate(
                    "App", "The built-in sandbox could not start (%1). Choose another profile in Profiles."
                ).replace("%1", str(exc)),
            )
        else:
            sandbox_profile.base_url = sandbox.api_url
            session.set_runtime_key(sandbox_profile.name, sandbox.api_key)

    window = MainWindow(session, bridge)
    window.show()
    if session.store is not None and session.store.moved_aside is not None:
        window.statusBar().showMessage(
            QCoreApplication.translate(
                "App", "The transfer queue could not be read; it was moved to %1 and a new one started."
            ).replace("%1", str(session.store.moved_aside)),
            30000,
        )
    if session.owns_queue:
        recovered = session.recover()  # what the last run left unfinished: resumed or paused, per the setting
        if recovered:
            message = Plurals().recovered(len(recovered), resumed=conf.resume_on_start)
            window.statusBar().showMessage(message, 10000)
        window.start_watching()
    else:
        window.follow_queue_owner()
    listener.set_handler(lambda handed_paths, handed_ids: _receive(window, handed_paths, handed_ids))
    if upload_paths or asset_ids:
        _receive(window, upload_paths, asset_ids)
    try:
        return app.exec()
    finally:
        window.controller.shutdown()
        session.close()
        if sandbox is not None:
            sandbox.stop()
        instance_lock.unlock()


if __name__ == "__main__":
    sys.exit(main())
