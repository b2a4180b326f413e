"""The real main window over a session pointed at the sandbox fixture (offscreen unless a display is set)."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


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

    def make(api_key: str | None = None, api_url: str | None = None, **overrides):
        conf = settings.Settings(current_profile="Sandbox", download_dir=str(tmp_path / "downloads"), **overrides)
        conf.upsert(settings.Profile("Sandbox", base_url=api_url or sandbox.api_url))
        bridge = QueueBridge()
        session = AppSession(conf, credentials=CredentialStore(session_only=True), on_change=bridge,
                             store_path=tmp_path / f"queue{len(created)}.sqlite3",
                             settings_path=tmp_path / "settings.json")
        session.set_runtime_key("Sandbox", api_key or sandbox.api_key)
        window = MainWindow(session, bridge)
        qtbot.addWidget(window)
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
