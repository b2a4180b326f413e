"""Run the real main window on the current X display and save screenshots of the X window (what the display
shows, not an offscreen render): mid-transfer, with partial bars (argv[1]), the Failed view (argv[2]) and
Browse's grid of thumbnails (argv[3]).

The window speaks the language of the environment (LANG, LC_MESSAGES, LANGUAGE), as the app does
(qt/translations.py): it prints its tab titles, its menus' titles and the texts it found cut off (with the X
server's own fonts: tests/gui/ui_walk.py), one line each, before the size lines.
Used by test_screenshot.py; run as a script. Prints each image's size, the main one last."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from assetdrop.core import settings
from assetdrop.core.credentials import CredentialStore
from assetdrop.core.queue.items import Status
from assetdrop.core.session import AppSession
from assetdrop.qt.bridge import QueueBridge
from assetdrop.qt.main_window import MainWindow
from assetdrop.qt.translations import install as install_translations
from assetdrop.sandbox.process import SandboxProcess
from tests.conftest import write_file
from tests.gui.ui_walk import clipped


def main(out: Path, failed_out: Path, browse_out: Path) -> int:
    work = Path(tempfile.mkdtemp(prefix="assetdrop-shot-"))
    sandbox = SandboxProcess(work / "sandbox").start()
    app = QApplication(sys.argv[:1])
    install_translations(app)  # the system's language, as qt/app.py does before the settings are read
    conf = settings.Settings(
        current_profile="Sandbox", download_dir=str(work / "downloads"), concurrency=3, upload_limit_kib=6144
    )
    conf.upsert(settings.Profile("Sandbox", base_url=sandbox.api_url))
    bridge = QueueBridge()
    session = AppSession(
        conf,
        credentials=CredentialStore(session_only=True),
        on_change=bridge,
        store_path=work / "queue.sqlite3",
        settings_path=work / "settings.json",
    )
    session.set_runtime_key("Sandbox", sandbox.api_key)
    window = MainWindow(session, bridge)
    window.resize(1180, 640)
    window.show()

    names = [
        "Campaign hero.jpg",
        "Product demo 4K.mp4",
        "Brand guidelines.pdf",
        "Logo (dark).svg",
        "Interview take 3.wav",
        "Storyboard.png",
    ]
    sizes = [3, 40, 16, 1, 28, 12]  # MiB: the small ones finish, three are under way when the shot is taken
    files = [work / "drop" / name for name in names]
    for path, mib in zip(files, sizes, strict=True):
        write_file(path, mib * 1024 * 1024 + 12_345)
    pictures = []
    for n, (colour, label) in enumerate(
        [((214, 69, 65), "Sunset"), ((38, 120, 190), "Harbour"), ((70, 160, 90), "Meadow"), ((240, 190, 60), "Dunes")]
    ):
        path = work / "pictures" / f"Mood board {label}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        image = Image.new("RGB", (900, 600), colour)
        ImageDraw.Draw(image).ellipse((250 + n * 40, 120, 650 + n * 40, 480), fill=(250, 250, 245))
        image.save(path)
        pictures.append(path)
    window.add_paths(pictures)  # small, so done (and processed: thumbnails made) before the big ones
    window.controller.add_asset_ids(["0123456789abcdef0123456789abcdef"])  # does not exist: fails in words
    window.add_paths([work / "drop"])
    deadline = time.monotonic() + 90

    def pump_until(ready) -> None:
        while time.monotonic() < deadline and not ready():
            app.processEvents()
            time.sleep(0.02)

    def partial() -> bool:
        items = window.controller.model.items()
        under_way = [i for i in items if i.is_active and i.fraction is not None and 0.15 < i.fraction < 0.85]
        return len(under_way) >= 2 and any(i.status is Status.DONE for i in items)

    pump_until(partial)
    window.controller.flush()
    if window.notice is not None:
        window.notice.close()
    window.tabs.setCurrentWidget(window.views["uploads"])
    shots = []
    cut_off: list[str] = []

    def shoot(path: Path) -> None:
        app.processEvents()
        cut_off.extend(clipped(window))
        image = window.screen().grabWindow(window.winId())
        path.parent.mkdir(parents=True, exist_ok=True)
        image.save(str(path))
        shots.append(f"{image.width()}x{image.height()}")

    def failed_view() -> None:
        window.all_rows("pause")
        window.controller.flush()
        window.failures.show_failed()
        QTimer.singleShot(600, browse_view)

    def browse_view() -> None:
        shoot(failed_out)
        panel = window.browse
        window.tabs.setCurrentWidget(window.browse_page)
        panel.grid_button.setChecked(True)
        panel.search("Mood board")
        pump_until(lambda: panel.thumbnails.loaded >= len(pictures))
        panel.status_label.setText(panel.status_label.text())
        QTimer.singleShot(500, finish)

    def finish() -> None:
        shoot(browse_out)
        print("tabs:", "|".join(window.tabs.tabText(i) for i in range(window.tabs.count())), flush=True)
        print("menus:", "|".join(a.text() for a in window.menuBar().actions()), flush=True)
        print("clipped:", sorted(set(cut_off)), flush=True)
        print(shots[2], flush=True)
        print(shots[1], flush=True)
        print(shots[0], flush=True)
        window.quitting = True
        window.close()
        app.quit()

    QTimer.singleShot(300, lambda: (shoot(out), failed_view()))
    app.exec()
    session.close()
    sandbox.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])))
