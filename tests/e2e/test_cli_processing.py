"""`assetdrop-cli upload` and processing: by default it waits until the asset is ready (an ID it prints can be
used at once, and a vendor ERROR is a failure, exit status 1, in the vendor's words); `--no-wait-ready` returns
at registration. Real processes against a real sandbox of this module's own.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from tests.conftest import write_file

CLI = [sys.executable, "-m", "assetdrop.cli"]


@pytest.fixture
def sb(tmp_path):
    from assetdrop.sandbox.server import Sandbox

    with Sandbox(tmp_path / "sandbox") as sandbox:
        yield sandbox


def cli(sb, *args):
    env = dict(os.environ, ASSETDROP_API_KEY=sb.api_key)
    return subprocess.run([*CLI, "--api-url", sb.api_url, *args], capture_output=True, text=True, env=env, timeout=120)


def status_of(sb, asset_id):
    return next(a["status"] for a in sb.assets() if a["id"] == asset_id)


def test_upload_waits_until_processed_by_default(sb, tmp_path):
    sb.processing_delay = 1.5
    source = tmp_path / "wait.bin"
    write_file(source, 1000)
    started = time.monotonic()
    result = cli(sb, "upload", str(source))
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert time.monotonic() - started >= 1.5
    assert status_of(sb, result.stdout.split("\t")[0]) == "OK"


def test_no_wait_ready_returns_at_registration(sb, tmp_path):
    sb.processing_delay = 60
    source = tmp_path / "nowait.bin"
    write_file(source, 1000)
    result = cli(sb, "upload", "--no-wait-ready", str(source))
    assert result.returncode == 0, result.stderr
    assert status_of(sb, result.stdout.split("\t")[0]) == "NOT_READY"


def test_a_processing_error_is_one_line_and_exit_status_1(sb, tmp_path):
    sb.processing_delay, sb.filespin.processing_error = 0.2, "unsupported format"
    source = tmp_path / "bad.raw"
    write_file(source, 1000)
    result = cli(sb, "upload", str(source))
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.strip().endswith("FileSpin could not process bad.raw: unsupported format.")
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert len(sb.assets()) == 1  # registered once, never retried into a second asset
