"""Entry point of the `assetdrop` desktop window.

Starts logging (user log dir), loads settings, starts the embedded sandbox when the current profile is the
built-in Sandbox (first run creates it), and shows the main window. Every unexpected exception on the GUI thread
is logged with its traceback and shown as one sentence.
"""

from __future__ import annotations

import argparse
import logging
import sys

from ..core import errors, logsetup, paths, settings

log = logging.getLogger("assetdrop.app")


def ensure_sandbox_profile(conf: settings.Settings) -> settings.Profile:
    """First run: a Sandbox profile that works with no account. Its URL and key are filled in at start-up."""
    for profile in conf.profiles:
        if profile.options.get("embedded_sandbox"):
            return profile
    profile = settings.Profile(name=settings.SANDBOX_PROFILE, kind="filespin", base_url="http://127.0.0.1",
                               options={"embedded_sandbox": True})
    conf.profiles.insert(0, profile)
    if not conf.current_profile:
        conf.current_profile = profile.name
    return profile


def _excepthook(exc_type, exc, tb) -> None:
    log.critical("unhandled exception", exc_info=(exc_type, exc, tb))
    try:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication, QMessageBox

        if QApplication.instance() is not None:
            # Shown without blocking: a crash notice must not stop the event loop (or a test) behind it.
            box = QMessageBox(QMessageBox.Critical, "Assetdrop hit a problem",
                              f"Something went wrong inside Assetdrop ({exc_type.__name__}). The window keeps "
                              f"running; details are in {paths.log_dir() / logsetup.LOG_FILE}.")
            box.setAttribute(Qt.WA_DeleteOnClose)
            box.finished.connect(lambda *_: _notices.remove(box) if box in _notices else None)
            _notices.append(box)
            box.show()
    except Exception:
        pass


_notices: list = []  # crash notices on screen (kept referenced until closed)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--run-sandbox"]:  # frozen builds run their embedded sandbox through themselves
        from ..cli import main as cli_main

        return cli_main(["sandbox", *argv[1:]])
    if "--self-test" in argv:  # installed builds prove themselves: sandbox, window, one upload and one download
        from .self_test import main as self_test_main

        return self_test_main([a for a in argv if a != "--self-test"])
    parser = argparse.ArgumentParser(prog="assetdrop")
    parser.add_argument("--profile", help="open with this profile selected")
    parser.add_argument("-v", "--verbose", action="store_true")
    args, qt_args = parser.parse_known_args(argv)

    try:
        logsetup.configure(verbose=args.verbose)
    except (OSError, errors.ConfigError) as exc:  # an unwritable log folder must not stop the app
        print(f"assetdrop: cannot write the log file ({exc.strerror or exc}); continuing without it",
              file=sys.stderr)
    sys.excepthook = _excepthook

    from PySide6.QtWidgets import QApplication, QMessageBox

    from ..core.session import AppSession
    from ..sandbox.process import SandboxProcess
    from .bridge import QueueBridge
    from .icons import app_icon
    from .main_window import MainWindow

    app = QApplication([sys.argv[0], *qt_args])
    app.setApplicationName("Assetdrop")
    app.setOrganizationName("Assetdrop")
    app.setDesktopFileName("io.assetdrop.Assetdrop")
    app.setWindowIcon(app_icon())

    try:
        conf = settings.load()
    except errors.ConfigError as exc:
        QMessageBox.critical(None, exc.title, exc.message)
        return 1
    sandbox_profile = ensure_sandbox_profile(conf)
    if args.profile:
        conf.current_profile = args.profile
    bridge = QueueBridge()
    session = AppSession(conf, on_change=bridge)
    session.save_settings()

    sandbox = None
    if session.current_profile.options.get("embedded_sandbox"):
        try:
            sandbox = SandboxProcess(paths.data_dir() / "sandbox").start()
        except (OSError, RuntimeError) as exc:
            log.exception("embedded sandbox failed to start")
            QMessageBox.warning(None, "Sandbox unavailable", f"The built-in sandbox could not start ({exc}). "
                                                             f"Choose another profile in Profiles.")
        else:
            sandbox_profile.base_url = sandbox.api_url
            session.set_runtime_key(sandbox_profile.name, sandbox.api_key)

    window = MainWindow(session, bridge)
    window.show()
    recovered = session.recover()  # what the last run left unfinished: resumed or paused, per the setting
    if recovered:
        window.statusBar().showMessage(f"{len(recovered)} unfinished transfer(s) from the last session "
                                       f"{'resumed' if conf.resume_on_start else 'paused'}.", 10000)
    try:
        return app.exec()
    finally:
        window.controller.shutdown()
        session.close()
        if sandbox is not None:
            sandbox.stop()


if __name__ == "__main__":
    sys.exit(main())
