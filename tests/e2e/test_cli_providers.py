"""`assetdrop-cli --kind xvid|memories` as a user runs it, against the sandbox's Xvid and memories.ai APIs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

from tests.conftest import md5_of, write_file

CLI = [sys.executable, "-m", "assetdrop.cli"]


def run(url, kind, key, *args):
    env = dict(os.environ, ASSETDROP_API_KEY=key)
    return subprocess.run(
        [*CLI, "--api-url", url, "--kind", kind, *args], capture_output=True, text=True, env=env, timeout=120
    )


def test_xvid_upload_then_download_with_link_options(sandbox, tmp_path):
    key = json.dumps({"client_id": sandbox.xvid_client_id, "client_secret": sandbox.xvid_client_secret})
    source = tmp_path / "cli clip.bin"
    digest = write_file(source, 50_000)
    up = run(sandbox.xvid_url, "xvid", key, "upload", "--pipeline-id", "cli-pipe", str(source))
    assert up.returncode == 0, up.stderr
    file_id = up.stdout.split("\t")[0]

    expiry = int(time.time()) + 600
    down = run(
        sandbox.xvid_url,
        "xvid",
        key,
        "download",
        file_id,
        "--dest",
        str(tmp_path / "d"),
        "--format",
        "xml",
        "--ip",
        "10.1.2.3",
        "--expiry-time",
        str(expiry),
        "--anti-fraud",
        "--max-parallel-downloads",
        "2",
        "--streaming",
        "--human",
    )
    assert down.returncode == 0, down.stderr
    saved = down.stdout.strip().split("\t")[1]
    assert md5_of(saved) == digest
    query = [r for r in sandbox.xvid.requests if r["path"].startswith("/v1/files/downloads")][-1]["query"]
    assert (query["ip"], query["expiry_time"], query["format"]) == ("167838211", str(expiry), "xml")

    by_key = run(
        sandbox.xvid_url,
        "xvid",
        key,
        "download",
        "--object-key",
        "uploads/cli clip.bin",
        "--pipeline-id",
        "cli-pipe",
        "--redirect",
        "--dest",
        str(tmp_path / "k"),
    )
    assert by_key.returncode == 0, by_key.stderr
    assert md5_of(by_key.stdout.strip().split("\t")[1]) == digest


def test_xvid_errors_and_misused_options(sandbox, tmp_path):
    key = json.dumps({"client_id": sandbox.xvid_client_id, "client_secret": sandbox.xvid_client_secret})
    missing = run(sandbox.xvid_url, "xvid", key, "download", "0" * 24, "--dest", str(tmp_path))
    assert missing.returncode == 1 and "Requested file does not exist" in missing.stderr
    assert "0x0230002" in missing.stderr
    bad_ip = run(sandbox.xvid_url, "xvid", key, "download", "x", "--ip", "300.1.1.1")
    assert bad_ip.returncode == 1 and "IPv4" in bad_ip.stderr
    wrong_kind = run(sandbox.api_url, "filespin", sandbox.api_key, "download", "x", "--redirect")
    assert wrong_kind.returncode == 1 and "an option of Xvid MediaHub; this profile uses FileSpin" in wrong_kind.stderr


def test_memories_upload_then_download(sandbox, tmp_path):
    source = tmp_path / "m.mp4"
    digest = write_file(source, 70_000)
    up = run(sandbox.memories_url, "memories", sandbox.memories_key, "upload", str(source))
    assert up.returncode == 0, up.stderr
    asset_id = up.stdout.split("\t")[0]
    assert asset_id.startswith("re_")
    down = run(
        sandbox.memories_url, "memories", sandbox.memories_key, "download", asset_id, "--dest", str(tmp_path / "d")
    )
    assert down.returncode == 0, down.stderr
    assert md5_of(down.stdout.strip().split("\t")[1]) == digest
    missing = run(sandbox.memories_url, "memories", sandbox.memories_key, "download", "re_404")
    assert missing.returncode == 1 and "Asset not found" in missing.stderr
