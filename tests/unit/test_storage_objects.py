"""The on-disk object store: atomic commits, nothing visible from failed uploads, survives a restart."""

from __future__ import annotations

import hashlib
import threading

from assetdrop.sandbox.storage.objects import ObjectStore


def put(store, key, data, content_type="text/plain", headers=None):
    upload = store.new_upload()
    for i in range(0, len(data), 7):
        upload.write(data[i : i + 7])
    return upload.commit(key, content_type, headers)


def test_commit_stat_open(tmp_path):
    store = ObjectStore(tmp_path)
    info = put(store, "a/b.txt", b"hello world", headers={"Cache-Control": "no-cache"})
    md5 = hashlib.md5(b"hello world").hexdigest()
    assert (info.size, info.md5, info.etag, info.content_type) == (11, md5, f'"{md5}"', "text/plain")
    assert info.last_modified.tzinfo is not None
    assert store.stat("a/b.txt") == info and store.stat("a/b.txt").headers == {"Cache-Control": "no-cache"}
    with store.open("a/b.txt") as f:
        assert f.read() == b"hello world"
    assert store.stat("missing") is None


def test_discarded_upload_leaves_nothing(tmp_path):
    store = ObjectStore(tmp_path)
    upload = store.new_upload()
    upload.write(b"partial")
    upload.discard()
    assert store.stat("k") is None
    assert list((tmp_path / "tmp").iterdir()) == []
    assert list((tmp_path / "objects").rglob("*")) == []


def test_overwrite_keeps_open_readers_and_removes_old_data(tmp_path):
    store = ObjectStore(tmp_path)
    put(store, "k", b"old")
    reader = store.open("k")
    put(store, "k", b"new")
    assert reader.read() == b"old"
    reader.close()
    assert store.open("k").read() == b"new"
    assert len(list((tmp_path / "objects").rglob("*.data"))) == 1


def test_survives_restart(tmp_path):
    put(ObjectStore(tmp_path), "ünï/cødé", b"persist")
    (tmp_path / "tmp" / "stale.part").write_bytes(b"crashed upload")
    again = ObjectStore(tmp_path)
    assert again.open("ünï/cødé").read() == b"persist"
    assert list((tmp_path / "tmp").iterdir()) == []


def test_concurrent_overwrites_always_read_a_whole_version(tmp_path):
    store = ObjectStore(tmp_path)
    versions = {bytes([i]) * 10000 for i in range(8)}
    put(store, "k", b"\x00" * 10000)
    errors = []

    def writer(data):
        for _ in range(10):
            put(store, "k", data)

    def reader():
        for _ in range(200):
            found = store.open_with_info("k")
            info, f = found
            with f:
                data = f.read()
            if data not in versions or hashlib.md5(data).hexdigest() != info.md5:
                errors.append(data[:4])

    threads = [threading.Thread(target=writer, args=(v,)) for v in versions] + [threading.Thread(target=reader)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(list((tmp_path / "objects").rglob("*.data"))) == 1
