"""Assets dragged out of Browse onto a file manager or the desktop, as Cyberduck does: the drag carries file URLs
that are filled only when the drop asks for them.

Qt has no file promises (macOS's NSFilePromiseProvider; X11's XDS and Windows' delayed CF_HDROP are not exposed), but
it asks a QMimeData for a format's bytes only when the drop target reads them: on X11 and Wayland when the target
requests the selection at the drop, on Windows when it calls GetData. So `text/uri-list` is listed from the start
and made in `retrieveData`: the first time it is read, `stage` downloads the assets (the queue's downloads, visible
in the Downloads tab, with its retries) into a fresh staging folder and the URLs of what it holds are given; the
file manager then copies them to where they were dropped. A drag that is cancelled, or dropped where no files are
wanted, downloads nothing. The drop target waits while the files come down; the text of the drag is the asset IDs.

Our own window ignores these drags (drop_zone.py `paths_and_ids`): the assets are already where they would go.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QMetaType, QMimeData, QUrl

URI_LIST = "text/uri-list"
ASSET_IDS = "application/x-assetdrop-asset-ids"  # marks a drag from Browse (the IDs, one a line)


class AssetMimeData(QMimeData):
    def __init__(self, asset_ids: list[str], stage: Callable[[list[str]], list[Path]]):
        super().__init__()
        self.asset_ids = list(asset_ids)
        self._stage = stage
        self.staged: list[Path] | None = None  # None until a drop has asked for the files
        text = "\n".join(self.asset_ids)
        self.setText(text)
        self.setData(ASSET_IDS, QByteArray(text.encode("utf-8")))

    def formats(self) -> list[str]:
        return [URI_LIST, *super().formats()]

    def hasFormat(self, mimetype: str) -> bool:
        return mimetype == URI_LIST or super().hasFormat(mimetype)

    def retrieveData(self, mimetype: str, preferred: Any) -> Any:
        if mimetype != URI_LIST:
            return super().retrieveData(mimetype, preferred)
        if self.staged is None:
            self.staged = self._stage(self.asset_ids) if self.asset_ids else []
        urls = [QUrl.fromLocalFile(str(path)) for path in self.staged]
        if preferred is not None and preferred.id() != QMetaType.Type.QByteArray.value:
            return urls  # urls() asks for a list
        # data(): RFC 2483's text, one URL a line, CRLF
        return QByteArray(b"".join(bytes(url.toEncoded().data()) + b"\r\n" for url in urls))
