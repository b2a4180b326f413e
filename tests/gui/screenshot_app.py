"""Run the real main window on the current X display with a populated queue, and save a screenshot of the X
window (what the display shows, not an offscreen render). Used by test_screenshot.py; run as a script."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from assetdrop.core import settings
from assetdrop.core.credentials import CredentialStore
from assetdrop.core.queue.items import Status
from assetdrop.core.session import AppSession
from assetdrop.qt.bridge import QueueBridge
from assetdrop.qt.main_window import MainWindow
from assetdrop.sandbox.process import SandboxProcess
from tests.conftest import write_file


def main(out: Path) -> int:
    work = Path(tempfile.mkdtemp(prefix="assetdrop-shot-"))
    sandbox = SandboxProcess(work / "sandbox").start()
    app = QApplication(sys.argv[:1])
    conf = settings.Settings(current_profile="Sandbox", download_dir=str(work / "downloads"), concurrency=2)
    conf.upsert(settings.Profile("Sandbox", base_url=sandbox.api_url))
    bridge = QueueBridge()
    session = AppSession(conf, credentials=CredentialStore(session_only=True), on_change=bridge,
                         store_path=work / "queue.sqlite3", settings_path=work / "settings.json")
    session.set_runtime_key("Sandbox", sandbox.api_key)
    window = MainWindow(session, bridge)
    window.resize(1180, 640)
    window.show()

    names = ["Campaign hero.jpg", "Product demo 4K.mp4", "Brand guidelines.pdf", "Logo (dark).svg",
             "Interview take 3.wav", "Storyboard.png"]
    files = [work / "drop" / name for name in names]
    for i, path in enumerate(files):
        write_file(path, (i + 1) * 700_000)
    window.add_paths(files)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        app.processEvents()
        items = window.controller.model.items()
        if len(items) == len(files) and all(i.is_finished for i in items):
            break
        time.sleep(0.02)
    window.controller.add_asset_ids(["0123456789abcdef0123456789abcdef"])  # does not exist: fails in words
    while time.monotonic() < deadline:
        app.processEvents()
        if any(i.status is Status.FAILED for i in window.controller.model.items()):
            break
        time.sleep(0.02)
    window.controller.flush()
    if window.notice is not None:
        window.notice.close()
    window.tabs.setCurrentWidget(window.views["finished"])
    window.statusBar().showMessage("Transfers finished: 6 done, 1 failed.")

    def shoot() -> None:
        app.processEvents()
        image = window.screen().grabWindow(window.winId())
        out.parent.mkdir(parents=True, exist_ok=True)
        image.save(str(out))
        print(f"{image.width()}x{image.height()}", flush=True)
        window.quitting = True
        window.close()
        app.quit()

    QTimer.singleShot(800, shoot)
    app.exec()
    session.close()
    sandbox.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
