"""qt/single_instance.py with real locks and sockets: one window per data folder, and a second launch's hand-over
(sent from a separate process, as a second launch is). The installed package's full two-launch case under Xvfb
is in tests/e2e/test_package.py."""

from __future__ import annotations

import subprocess
import sys
import time

from assetdrop.qt import single_instance


def test_one_claim_per_data_folder_and_different_folders_do_not_meet(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    first = single_instance.claim(a)
    assert first is not None
    assert single_instance.claim(a) is None, "a second window for the same data folder"
    other = single_instance.claim(b)
    assert other is not None, "another ASSETDROP_HOME must get its own window"
    assert single_instance.server_name(a) != single_instance.server_name(b)
    first.unlock()
    again = single_instance.claim(a)
    assert again is not None, "the lock is free again once its window has gone"
    again.unlock()
    other.unlock()


def test_a_second_process_hands_paths_and_ids_to_the_listener(qapp, tmp_path):
    name = single_instance.server_name(tmp_path)
    listener = single_instance.Listener(name)
    received = []
    listener.set_handler(lambda paths, ids: received.append((paths, ids)))
    sender = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from assetdrop.qt import single_instance as s; "
            "sys.exit(0 if s.hand_over(sys.argv[1], ['/x/a.txt'], ['re_1234567']) is None else 1)",
            name,
        ]
    )
    deadline = time.monotonic() + 20
    while sender.poll() is None and time.monotonic() < deadline:
        qapp.processEvents()
        time.sleep(0.01)
    assert sender.wait(timeout=5) == 0, "the sender got no 'ok'"
    assert received == [(["/x/a.txt"], ["re_1234567"])]
    listener.server.close()


def test_items_split_into_existing_paths_ids_and_neither(tmp_path):
    (tmp_path / "photo.jpg").write_bytes(b"x")
    paths, ids, unknown = single_instance.split_items(
        ["photo.jpg", "0123456789abcdef0123456789abcdef", "not an id!"], tmp_path
    )
    assert paths == [str(tmp_path / "photo.jpg")]
    assert ids == ["0123456789abcdef0123456789abcdef"]
    assert unknown == ["not an id!"]
