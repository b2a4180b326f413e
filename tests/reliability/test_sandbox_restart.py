"""The sandbox restarted mid-queue, as the window does it when it quits and starts again: a real sandbox process
(`assetdrop-cli sandbox`, as sandbox/process.py runs it) stopped while uploads are in flight, then started on the
same data folder. It keeps its ports, so the queue's API address and saved storage URLs still work; when the
storage port is taken meanwhile, the client asks for new storage URLs. Every queued upload finishes, each asset
once. Before issue 15 the sandbox took new ports at every start and every queued upload failed.
"""

from __future__ import annotations

import collections
import json
import os
import socket
import subprocess
import sys

import pytest

from assetdrop.core import paths, settings
from assetdrop.sandbox.process import SandboxProcess
from assetdrop.sandbox.server import PORTS_FILE, Sandbox, remembered_ports
from tests.conftest import write_file

CLI = [sys.executable, "-m", "assetdrop.cli"]


def registered_checksums(data_dir) -> collections.Counter:
    with Sandbox(data_dir, rate_limits=False) as sandbox:  # the stopped sandbox's state, read from its folder
        return collections.Counter(asset["checksum"] for asset in sandbox.assets())


def restart(process: SandboxProcess, *, move_storage: bool) -> tuple[SandboxProcess, socket.socket | None]:
    """Stop the sandbox process and start it again on its data folder. `move_storage`: the storage port it
    remembers is busy by then (another program took it), so storage starts on a new one and nothing answers at
    the old one any more, where the queue's saved storage URLs point."""
    data_dir = process.data_dir
    process.stop()
    blocker = None
    if move_storage:
        blocker = socket.socket()
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        api_port = remembered_ports(data_dir)[0]
        (data_dir / PORTS_FILE).write_text(json.dumps({"api": api_port, "storage": blocker.getsockname()[1]}))
    return SandboxProcess(data_dir).start(), blocker


@pytest.mark.slow
@pytest.mark.parametrize("move_storage", [False, True], ids=["same ports", "storage moved"])
def test_a_cli_upload_goes_on_across_a_sandbox_restart(tmp_path, move_storage):
    data_dir = tmp_path / "sandbox"
    process = SandboxProcess(data_dir).start()
    api_url, key = process.api_url, process.api_key
    settings.save(settings.Settings(retry_base_delay=0.3, retry_max_delay=1.0, retry_attempts=12))
    sources = [tmp_path / "up" / f"file-{i}.bin" for i in range(8)]
    # The first file is small: when it is done, the second (4 MiB at 2 MiB/s) is still in flight with a saved URL.
    sizes = [100 * 1024] + [4 * 1024 * 1024] * 7
    digests = collections.Counter(write_file(path, sizes[i], seed=i) for i, path in enumerate(sources))
    env = dict(os.environ, ASSETDROP_API_KEY=key)
    command = [*CLI, "--api-url", api_url, "--jobs", "2", "upload", "--limit-rate", "2048", *map(str, sources)]
    cli = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    blocker = None
    try:
        first = cli.stdout.readline()  # one file is done: the others are queued or in flight
        assert first.endswith(".bin\n"), cli.stderr.read()
        before = remembered_ports(data_dir)
        process, blocker = restart(process, move_storage=move_storage)
        assert process.api_url == api_url  # the queue's address still works
        assert (remembered_ports(data_dir)[1] != before[1]) is move_storage
        cli.wait(timeout=120)  # its few lines fit in the pipes; communicate() would skip what readline buffered
        out, err = cli.stdout.read(), cli.stderr.read()
    finally:
        if cli.poll() is None:
            cli.kill()
        process.stop()
        if blocker is not None:
            blocker.close()
    assert cli.returncode == 0, err
    assert len((first + out).splitlines()) == 8, err
    assert registered_checksums(data_dir) == digests  # every file, each once
    if move_storage:  # the saved storage URLs were dead, and replaced
        log = (paths.log_dir() / "assetdrop.log").read_text()
        assert "cannot be used" in log and "asking for a new one" in log


@pytest.mark.slow
def test_ports_are_remembered_and_new_ones_taken_only_when_they_are_busy(tmp_path):
    with Sandbox(tmp_path) as first:
        ports = (first.filespin.port, first.storage.port)
    assert remembered_ports(tmp_path) == ports and (tmp_path / PORTS_FILE).stat().st_mode & 0o077 == 0
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", ports[0]))
        with Sandbox(tmp_path) as second:
            assert second.filespin.port != ports[0] and second.storage.port == ports[1]
    assert remembered_ports(tmp_path)[0] == second.filespin.port
    with Sandbox(tmp_path, port=0) as third:  # "any free port" asked for explicitly is the remembered one too
        assert third.filespin.port == second.filespin.port
