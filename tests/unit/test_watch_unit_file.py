"""The systemd user unit runs a command the CLI accepts, and systemd itself finds nothing wrong with it."""

from __future__ import annotations

import configparser
import os
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from assetdrop.cli import build_parser

UNIT = Path(__file__).resolve().parents[2] / "packaging" / "deb" / "assetdrop-watch@.service"


def test_exec_start_parses_as_a_watch_command():
    unit = configparser.ConfigParser(interpolation=None, strict=False)
    unit.read(UNIT)
    command = unit["Service"]["ExecStart"]
    expanded = command.replace("%I", "Studio").replace("$ASSETDROP_WATCH_OPTIONS", "--move-to uploaded")
    argv = shlex.split(expanded.replace("${ASSETDROP_WATCH_DIR}", "/srv/exports"))
    assert argv[0] == "/usr/bin/assetdrop-cli"
    args = build_parser().parse_args(argv[1:])
    assert (args.command, args.profile, str(args.folder), str(args.move_to)) == (
        "watch",
        "Studio",
        "/srv/exports",
        "uploaded",
    )
    assert unit["Service"]["KillSignal"] == "SIGTERM" and unit["Install"]["WantedBy"] == "default.target"


def test_systemd_verifies_the_unit(tmp_path):
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed here, so systemd cannot check the unit")
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    instance = tmp_path / "assetdrop-watch@Studio.service"
    shutil.copy(UNIT, instance)
    result = subprocess.run(
        ["systemd-analyze", "--user", "verify", str(instance)],
        capture_output=True,
        text=True,
        env=dict(os.environ, XDG_RUNTIME_DIR=str(runtime)),
        timeout=60,
    )
    complaints = [
        line
        for line in (result.stdout + result.stderr).splitlines()
        if "/usr/bin/assetdrop-cli is not executable" not in line  # the .deb installs it; this machine has none
    ]
    assert complaints == []
