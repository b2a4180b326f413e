"""The real main window over a session pointed at the sandbox fixture (offscreen unless a display is set)."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session", autouse=True)
def window_language(qapp):
    """The .qm files built as `make translations` builds them, and the window in English whatever this machine's
    locale: a test that wants German installs it (tests/gui/test_translations.py), then puts English back."""
    from assetdrop.qt import translations
    from tests.support.translations import compile_all

    compile_all()
    translations.install(qapp, "en")
    yield


@pytest.fixture
def german(qapp):
    """The window in German for one test (as the Settings override does at start-up), then English again."""
    from assetdrop.qt import translations

    translations.install(qapp, "de")
    yield
    translations.install(qapp, "en")


@pytest.fixture(scope="session")
def sandbox_process(tmp_path_factory):
    """The sandbox as the app runs it: a child process (see assetdrop.sandbox.process)."""
    from assetdrop.sandbox.process import SandboxProcess

    process = SandboxProcess(tmp_path_factory.mktemp("sandbox-process")).start()
    yield process
    process.stop()


@pytest.fixture
def make_window(qtbot, sandbox, tmp_path):
    from assetdrop.core import settings
    from assetdrop.core.credentials import CredentialStore
    from assetdrop.core.session import AppSession
    from assetdrop.qt.bridge import QueueBridge
    from assetdrop.qt.main_window import MainWindow

    created = []

    def make(api_key: str | None = None, api_url: str | None = None, *, store: str | None = None, **overrides):
        conf = settings.Settings(current_profile="Sandbox", download_dir=str(tmp_path / "downloads"), **overrides)
        conf.upsert(settings.Profile("Sandbox", base_url=api_url or sandbox.api_url))
        bridge = QueueBridge()
        session = AppSession(
            conf,
            credentials=CredentialStore(session_only=True),
            on_change=bridge,
            store_path=tmp_path / (store or f"queue{len(created)}.sqlite3"),  # the same store: a restart
            settings_path=tmp_path / "settings.json",
        )
        session.set_runtime_key("Sandbox", api_key or sandbox.api_key)
        window = MainWindow(session, bridge)
        # pytest-qt closes its widgets before this fixture's own teardown: a test that failed with transfers still
        # queued must not leave the window asking "Quit anyway?" in a modal box no one will answer
        qtbot.addWidget(window, before_close_func=lambda w: setattr(w, "quitting", True))
        window.show()
        created.append((window, session))
        return window

    yield make
    for window, session in created:
        window.quitting = True
        window.close()
        session.close()


def rows(window):
    return window.controller.model.items()
