"""The files a drop out of Browse asks for: the dragged assets downloaded into a staging folder (core/staging.py)
through the queue, as any download (its row in Downloads, retries, verification), while the drop waits.

The wait runs a local event loop, so the window keeps drawing (the rows' progress included) and the workers, on
their own threads, do the work; it ends when every download has finished, whatever way, or been paused. Several
assets that came from one folder upload come down in that folder's structure (core/folder_layout.py), so the drop
gets the folder.
A window that does not own the queue hands its downloads over and cannot wait for them here: its drop gets
nothing, and says so in Browse's status line.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, QTimer

from ..core import folder_layout, staging
from ..core.queue.items import QueueOptions, Status
from ..core.transfer.download import ConflictPolicy

POLL_MS = 100  # how often the wait looks at the downloads' states (a look is a dict read under the queue's lock)


class DragStager(QObject):
    def __init__(self, session: Any, rendition: Callable[[], str], say: Callable[[str], None], parent=None):
        super().__init__(parent)
        self.session = session
        self._rendition = rendition
        self._say = say

    def __call__(self, asset_ids: list[str]) -> list[Path]:
        folder = staging.new_folder()
        profile = self.session.current_profile.name
        options = QueueOptions(dest=str(folder), conflict=ConflictPolicy.RENAME, rendition=self._rendition())
        uploads = folder_layout.history(self.session.store, asset_ids, profile)
        queued: list[int] = []
        for ids, queued_with in folder_layout.planned(asset_ids, uploads, folder, options):
            queued += self.session.add_downloads(ids, profile, queued_with)
        if not queued:
            self._say(self.tr("Another Assetdrop window runs the transfers: drag from that window to drop files."))
            return []
        self._say(self.tr("Downloading %n asset(s) for the drop…", "", len(queued)))
        self._wait(queued)
        found = staging.entries(folder)
        self._say(self.tr("%n file(s) or folder(s) handed to the drop.", "", len(found)))
        return found

    def _wait(self, item_ids: list[int]) -> None:
        loop = QEventLoop()
        timer = QTimer()
        timer.setInterval(POLL_MS)

        def look() -> None:
            if all(self._finished(item_id) for item_id in item_ids):
                loop.quit()

        timer.timeout.connect(look)
        timer.start()
        look()
        if any(not self._finished(item_id) for item_id in item_ids):
            loop.exec()
        timer.stop()

    def _finished(self, item_id: int) -> bool:
        try:
            item = self.session.queue.get(item_id)
        except KeyError:
            return True  # removed from the queue (cleared): nothing more will come
        return item.is_finished or item.status is Status.PAUSED  # paused: the drop takes what has come
