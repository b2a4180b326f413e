"""What a queue row says: phases honestly, the retry countdown, failures in words, never 100% before Done."""

import time

from assetdrop.core.queue.items import Direction, Status, TransferItem


def item(**kwargs):
    return TransferItem(id=1, direction=Direction.UPLOAD, source="/x", name="x", profile="p", **kwargs)


def test_retry_countdown_text():
    row = item(
        status=Status.RETRYING,
        attempt=2,
        max_attempts=6,
        retry_at=time.time() + 8.2,
        error_message="The connection to host:1 was reset.",
    )
    assert row.status_text == "Retrying in 8 s (attempt 3 of 6): The connection to host:1 was reset."
    assert row.is_active and not row.is_finished


def test_never_full_before_done_and_failures_in_words():
    assert item(status=Status.REGISTERING, size=100, done=100).fraction < 1.0
    assert item(status=Status.DONE, size=100, done=100).fraction == 1.0
    assert item(status=Status.FAILED, error_message="Disk full.").status_text == "Failed: Disk full."
    assert item(status=Status.UPLOADING, size=1000, done=500, rate=100.0).eta_seconds == 5.0


def test_processing_shows_its_clock_then_ready():
    row = item(status=Status.PROCESSING, size=10, done=10, processing_since=time.time() - 72.4)
    assert row.status_text == "Processing 1:12" and row.is_active and row.fraction < 1.0
    assert item(status=Status.DONE, processing_since=time.time()).status_text == "Ready"
    assert item(status=Status.DONE).status_text == "Done"  # not waited for (or shown after a restart)
    download = TransferItem(
        id=2, direction=Direction.DOWNLOAD, source="a", name="a", profile="p", status=Status.DONE, processing_since=1.0
    )
    assert download.status_text == "Done"


def every_field_set() -> TransferItem:
    """An item with no field at its default, so a field the store or a copy forgets shows as a difference."""
    from assetdrop.core.providers.endpoint import Endpoint
    from assetdrop.core.transfer.download import ConflictPolicy

    return TransferItem(
        7, Direction.DOWNLOAD, "a1", "clip.mov", "P", 10, 4, 0.0, Status.FAILED, "a1", "/d/clip.mov", "T", "M",
        1.5, 2.5, 3, 5, 4.5, Endpoint("xvid", "https://x.example", {"pipeline_id": "p"}), "/d", ConflictPolicy.RENAME,
        False, 64, "thumb", '{"k": 1}', "/d/.x.part", {"/d/clip.mov": "skip"}, None,
    )  # fmt: skip


def test_every_field_is_stored_and_read_back(tmp_path):
    from assetdrop.core.queue.store import QueueStore

    item = every_field_set()
    store = QueueStore(tmp_path / "q.sqlite3")
    store.save([item])
    (back,) = store.items([7])
    store.close()
    assert back == item


def test_a_snapshot_is_equal_and_shares_nothing_mutable():
    item = every_field_set()
    twin = item.snapshot()
    assert twin == item and twin is not item
    twin.conflict_answers["/d/other"] = "overwrite"
    twin.status = Status.QUEUED
    assert item.conflict_answers == {"/d/clip.mov": "skip"} and item.status is Status.FAILED


def test_the_uploads_of_some_assets_are_found_by_their_ids_whatever_the_history(tmp_path):
    """Folder downloads read only the uploads that made the assets asked for (core/folder_layout.py): not the
    last N rows of the history, so an asset uploaded long ago still finds its folder."""
    from assetdrop.core.queue.store import QueueStore

    store = QueueStore(tmp_path / "q.sqlite3")
    rows = [
        TransferItem(i, Direction.UPLOAD, f"/d/f{i}", f"d/f{i}", "P", 1, 1, 0.0, Status.DONE, f"a{i}", finished_at=i)
        for i in range(1, 25_001)
    ]
    rows.append(
        TransferItem(25_001, Direction.UPLOAD, "/e/f1", "e/f1", "P", 1, 1, 0.0, Status.DONE, "a1", finished_at=9e9)
    )
    rows.append(TransferItem(25_002, Direction.UPLOAD, "/o/f2", "o/f2", "Other", 1, status=Status.DONE, asset_id="a2"))
    rows.append(TransferItem(25_003, Direction.UPLOAD, "/f/f3", "f/f3", "P", 1, status=Status.FAILED, asset_id="a3"))
    store.save(rows)
    found = store.uploads_of(["a1", "a2", "a3", "a1", ""], "P")
    store.close()
    assert [(item.id, item.name) for item in found] == [(25_001, "e/f1"), (3, "d/f3"), (2, "d/f2"), (1, "d/f1")]
