"""The sandbox as a child process of the app: started with the window, stopped when it quits.

A separate process keeps the storage server's work off the app's GIL (the UI thread stays responsive during
loopback transfers) and dies with the app. Frozen builds run themselves with `--run-sandbox`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


class SandboxProcess:
    def __init__(self, data_dir: Path, args: tuple[str, ...] = ()):
        self.data_dir = data_dir
        self.args = tuple(args)  # more `assetdrop-cli sandbox` flags (--no-rate-limits, --processing-delay S)
        self.proc: subprocess.Popen | None = None
        self.api_url = self.api_key = ""

    def command(self) -> list[str]:
        if getattr(sys, "frozen", False):
            return [sys.executable, "--run-sandbox", "--data", str(self.data_dir), "--exit-with-parent", *self.args]
        return [
            sys.executable,
            "-m",
            "assetdrop.cli",
            "sandbox",
            "--data",
            str(self.data_dir),
            "--exit-with-parent",
            *self.args,
        ]

    def start(self, timeout: float = 30.0) -> SandboxProcess:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        # Its stdin is a pipe only we hold: when this process dies, however it dies, the sandbox sees EOF and stops.
        self.proc = subprocess.Popen(
            self.command(), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.PIPE, text=True
        )
        lines = []
        for _ in range(2):
            line = self.proc.stdout.readline()
            if not line:
                code = self.proc.poll()
                raise RuntimeError(f"The sandbox did not start (exit status {code}).")
            lines.append(line)
        self.api_url = lines[0].split()[-1]
        self.api_key = lines[1].split()[-1]
        return self

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.stdin.close()
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.proc = None
