"""Assets dragged out of Browse onto a file manager (issue 19, item 6), and several downloads of one folder upload
coming back in its folders (item 7), against the real sandbox.

The drag is synthesized: the model's `mimeData` for the selected rows is what QAbstractItemView.startDrag hands to
QDrag, and a drop target reads `text/uri-list` from it as `urls()` / `data()` do here. What cannot run here is the
other side of a real drop: a file manager in another process reading the X or Wayland selection under a window
manager (and the time it is willing to wait for the files).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QDragEnterEvent
from PySide6.QtWidgets import QAbstractItemView

from assetdrop.core import staging
from assetdrop.core.queue.items import Direction, Status
from assetdrop.qt.asset_drag import ASSET_IDS, URI_LIST
from assetdrop.qt.drop_zone import paths_and_ids
from tests.conftest import md5_of, write_file
from tests.gui.conftest import rows


def downloads(window):
    return [r for r in rows(window) if r.direction is Direction.DOWNLOAD]


def uploaded_folder(qtbot, window, tmp_path):
    """A folder dropped on the window, uploaded: {path from the folder's parent: md5}, and the upload rows."""
    top = tmp_path / "photos"
    files = {"photos/a.jpg": 10_000, "photos/2024/b.bin": 70_000, "photos/2024/deep/c.txt": 3_000}
    digests = {name: write_file(tmp_path / name, size, seed=i) for i, (name, size) in enumerate(files.items())}
    window.add_paths([top])
    qtbot.waitUntil(lambda: len(rows(window)) == 3 and all(r.is_finished for r in rows(window)), timeout=30000)
    assert all(r.status is Status.DONE for r in rows(window))
    return digests, list(rows(window))


def test_dragged_assets_become_files_only_when_the_drop_reads_them(qtbot, make_window, provider, tmp_path):
    sources = [tmp_path / "drag one.bin", tmp_path / "drag two.txt"]
    digests = {p.name: write_file(p, 50_000 + i) for i, p in enumerate(sources)}
    ids = [provider.upload(p).asset_id for p in sources]
    window = make_window()
    panel = window.browse
    assert panel.table.dragEnabled() and panel.grid.dragEnabled()
    assert panel.table.dragDropMode() is QAbstractItemView.DragDropMode.DragOnly
    panel.results.show([provider.asset_info(asset_id) for asset_id in ids])
    panel.table.selectAll()

    escape = QTimer(window, singleShot=True, interval=200)  # the person changes their mind
    escape.timeout.connect(lambda: qtbot.keyClick(window, Qt.Key_Escape))
    escape.start()
    panel.table.startDrag(Qt.CopyAction)  # Qt's own drag (QDrag.exec), ended without a drop: nothing downloaded
    escape.stop()
    assert panel.results.last_drag is not None and panel.results.last_drag.staged is None
    assert downloads(window) == [] and not staging.root().exists()

    mime = panel.results.mimeData(panel.table.selectedIndexes())  # what startDrag gives QDrag
    assert URI_LIST in mime.formats() and mime.hasUrls() and mime.text().split("\n") == ids
    assert mime.staged is None and downloads(window) == []  # offered, not downloaded: a cancelled drag costs nothing
    assert panel.results.supportedDragActions() == Qt.DropAction.CopyAction

    # the window itself refuses the drag, without reading (so without downloading) its files
    assert paths_and_ids(mime) == ([], [])
    enter = QDragEnterEvent(QPoint(5, 5), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    window.drop_zone.dragEnterEvent(enter)
    assert not enter.isAccepted() and mime.staged is None

    urls = mime.urls()  # the drop: a file manager reads text/uri-list now
    paths = [Path(url.toLocalFile()) for url in urls]
    assert all(url.isLocalFile() for url in urls) and {p.name for p in paths} == set(digests)
    assert all(p.parent.parent == staging.root() for p in paths)
    assert {p.name: md5_of(p) for p in paths} == digests
    qtbot.waitUntil(lambda: [r.status for r in downloads(window)] == [Status.DONE] * 2, timeout=5000)  # as rows
    again = bytes(mime.data(URI_LIST).data()).decode().split("\r\n")
    assert again[:-1] == [url.toString(url.ComponentFormattingOption.FullyEncoded) for url in urls]
    assert len(downloads(window)) == 2  # read twice, downloaded once
    assert mime.hasFormat(ASSET_IDS)


def test_several_downloads_of_a_folder_upload_come_back_in_its_folders(qtbot, make_window, tmp_path):
    window = make_window()
    digests, uploads = uploaded_folder(qtbot, window, tmp_path)
    by_name = {r.name: r.asset_id for r in uploads}
    window.controller.add_asset_ids(list(by_name.values()))
    qtbot.waitUntil(
        lambda: len(downloads(window)) == 3 and all(r.is_finished for r in downloads(window)), timeout=30000
    )
    base = tmp_path / "downloads"
    for name, digest in digests.items():
        assert md5_of(base / name) == digest, name  # downloads/photos/2024/deep/c.txt, as it was uploaded
    window.controller.add_asset_ids([by_name["photos/2024/b.bin"]])  # one asset is one file: no folder made
    qtbot.waitUntil(lambda: len(downloads(window)) == 4 and downloads(window)[-1].is_finished, timeout=30000)
    assert Path(downloads(window)[-1].saved_path) == base / "b.bin"

    # dragged out together, they come down as the folder, and the drop gets that folder
    panel = window.browse
    qtbot.mouseClick(panel.recent_button, Qt.LeftButton)
    panel.table.selectAll()
    mime = panel.results.mimeData(panel.table.selectedIndexes())
    dropped = [Path(url.toLocalFile()) for url in mime.urls()]
    assert [p.name for p in dropped] == ["photos"]
    assert {str(p.relative_to(dropped[0].parent)): md5_of(p) for p in dropped[0].rglob("*") if p.is_file()} == digests
