"""How many API calls `assetdrop-cli` makes per transfer: over a WAN each one is a round trip or two before (or
after) the bytes (bench/wan.py), so none may creep in unnoticed. A download asks for its signed link and nothing
else; an upload asks for its storage URL and registers the asset, nothing else.

A real CLI process against the real sandbox; the calls are read from the sandbox API's own log of the requests it
handled (its records reach this process: the sandbox runs in it).
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys

import pytest

from tests.conftest import md5_of, write_file

CLI = [sys.executable, "-m", "assetdrop.cli"]


def run_cli(sandbox, *args):
    env = dict(os.environ, ASSETDROP_API_KEY=sandbox.api_key)
    return subprocess.run(
        [*CLI, "--api-url", sandbox.api_url, *args], capture_output=True, text=True, env=env, timeout=300
    )


def api_calls(caplog, since: int) -> list[str]:
    """The API calls the sandbox handled since record `since`: method and the path's last part."""
    calls = []
    for record in caplog.records[since:]:
        if record.name.startswith("assetdrop.sandbox.api"):
            match = re.match(r"(\w+) /api/v1/(?:\S*/)?(\w+) -> \d+", record.getMessage())
            if match:
                calls.append(f"{match.group(1)} {match.group(2)}")
    return calls


@pytest.fixture
def ready_at_once(sandbox):
    """Assets ready as soon as registered, as in bench/wan.py: a download asked for while its asset is still
    being processed waits and asks again (get_link, its data, get_link), which is not what is counted here."""
    delay, sandbox.processing_delay = sandbox.processing_delay, 0.0
    yield sandbox
    sandbox.processing_delay = delay


def test_a_download_asks_only_for_its_link_and_an_upload_only_for_its_two_steps(ready_at_once, tmp_path, caplog):
    sandbox = ready_at_once
    caplog.set_level(logging.DEBUG, logger="assetdrop.sandbox.api")
    source = tmp_path / "one.bin"
    digest = write_file(source, 300_000)

    mark = len(caplog.records)
    up = run_cli(sandbox, "upload", "--no-wait-ready", str(source))
    assert up.returncode == 0, up.stderr
    assert api_calls(caplog, mark) == ["GET content_storage_url", "POST register_asset"]
    asset_id = up.stdout.split("\t")[0]

    mark = len(caplog.records)
    down = run_cli(sandbox, "download", asset_id, "--dest", str(tmp_path / "out"))
    assert down.returncode == 0, down.stderr
    assert md5_of(tmp_path / "out" / "one.bin") == digest
    assert api_calls(caplog, mark) == ["GET get_link"]
