"""Run Settings → Watch folders on the current X display with three folders filled in, and save a screenshot of
the X window (argv[1]): what docs/watch-folders.md shows. The dialog speaks the environment's language, as the app
does (qt/translations.py); it prints its column titles, the texts it found cut off (tests/gui/ui_walk.py, plus any
column or combo box narrower than its contents) and the image's size, one line each. Used by test_screenshot.py;
run as a script."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from assetdrop.core import settings
from assetdrop.core.credentials import CredentialStore
from assetdrop.core.session import AppSession
from assetdrop.core.watch.actions import AfterUpload
from assetdrop.core.watch.config import WatchFolder, set_watch_folders
from assetdrop.qt.translations import install as install_translations
from assetdrop.qt.watch_folders_dialog import WatchFoldersDialog
from tests.gui.ui_walk import clipped

FOLDERS = [
    WatchFolder(
        "/home/maria/Exports/Campaign", "Studio", ("*.jpg", "*.png"), ("proxy_*",), AfterUpload.MOVE, "uploaded"
    ),
    WatchFolder("/srv/drop/video", "", ("*.mov", "*.mp4"), (), AfterUpload.DELETE),
    WatchFolder("/media/share/Press kit", "Sandbox", (), ("*.tmp",), AfterUpload.LEAVE),
]


def main(out: Path) -> int:
    work = Path(tempfile.mkdtemp(prefix="assetdrop-watch-shot-"))
    app = QApplication(sys.argv[:1])
    install_translations(app)
    conf = settings.Settings(current_profile="Studio")
    conf.upsert(settings.Profile("Studio", base_url="https://studio.example"))
    conf.upsert(settings.Profile("Sandbox", base_url="http://127.0.0.1:8765"))
    set_watch_folders(conf, FOLDERS)
    session = AppSession(
        conf,
        credentials=CredentialStore(session_only=True),
        store_path=work / "queue.sqlite3",
        settings_path=work / "settings.json",
    )
    dialog = WatchFoldersDialog(session)
    dialog.resize(1100, 330)
    dialog.show()

    def shoot() -> None:
        app.processEvents()
        cut_off = clipped(dialog)
        header = dialog.table.horizontalHeader()
        table = dialog.table
        last = table.columnCount() - 1  # Move to: stretched over the rest
        cut_titles = [
            table.horizontalHeaderItem(c).text()
            for c in range(last)
            if header.sectionSize(c) < max(header.sectionSizeFromContents(c).width(), table.sizeHintForColumn(c))
        ]
        cut_titles += [
            table.cellWidget(r, c).currentText()
            for r in range(table.rowCount())
            for c in range(last)
            if table.cellWidget(r, c) is not None
            and table.cellWidget(r, c).width() < table.cellWidget(r, c).sizeHint().width()
        ]
        image = dialog.screen().grabWindow(dialog.winId())
        out.parent.mkdir(parents=True, exist_ok=True)
        image.save(str(out))
        titles = [dialog.table.horizontalHeaderItem(c).text() for c in range(dialog.table.columnCount())]
        print("columns:", "|".join(titles), flush=True)
        print("clipped:", sorted(set(cut_off + cut_titles)), flush=True)
        print(f"{image.width()}x{image.height()}", flush=True)
        dialog.reject()
        app.quit()

    QTimer.singleShot(400, shoot)
    app.exec()
    session.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
