"""`assetdrop-cli --queued download ID…` of several assets that came from one folder upload recreates the folder
(issue 19, item 7), as the window does: the upload rows of the persistent queue, named by their path from the
folder, say where each file sat. A run without --queued has no history to read, and says nothing of folders."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import md5_of, write_file

CLI = [sys.executable, "-m", "assetdrop.cli"]


def cli(sandbox, *args):
    env = dict(os.environ, ASSETDROP_API_KEY=sandbox.api_key)
    done = subprocess.run(
        [*CLI, "--api-url", sandbox.api_url, *args], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_several_queued_downloads_of_a_folder_upload_come_back_in_its_folders(sandbox, tmp_path):
    names = {"album/one.bin": 20_000, "album/disc 2/two.bin": 30_000, "album/disc 2/x/three.txt": 500}
    digests = {name: write_file(tmp_path / "src" / name, size, seed=i) for i, (name, size) in enumerate(names.items())}
    lines = cli(sandbox, "upload", "--queued", str(tmp_path / "src" / "album")).strip().splitlines()
    ids = {os.path.relpath(path, tmp_path / "src"): asset_id for asset_id, path in (ln.split("\t") for ln in lines)}
    assert set(ids) == set(names)

    cli(sandbox, "download", "--queued", *ids.values(), "--dest", str(tmp_path / "back"))
    for name, digest in digests.items():
        assert md5_of(tmp_path / "back" / name) == digest, name

    cli(sandbox, "download", *ids.values(), "--dest", str(tmp_path / "flat"))  # no queue, no history: flat
    assert sorted(os.listdir(tmp_path / "flat")) == ["one.bin", "three.txt", "two.bin"]
