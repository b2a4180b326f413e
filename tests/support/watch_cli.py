"""`assetdrop-cli watch` as a real process against a sandbox, with its stdout and stderr read line by line on
threads, so a test can wait for a line ("Watch folder missing", an upload) without blocking on the pipe."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

CLI = [sys.executable, "-m", "assetdrop.cli"]


def watch_command(api_url: str, key: str, folder: Path, *args: str) -> tuple[list[str], dict[str, str]]:
    env = dict(os.environ, ASSETDROP_API_KEY=key)
    command = [*CLI, "--api-url", api_url, "--profile", "Watched", "watch", str(folder), "--poll", "0.2", *args]
    return command, env


def run_once(api_url: str, key: str, folder: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    command, env = watch_command(api_url, key, folder, "--once", "--settle", "0.3", *args)
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)


class WatchProcess:
    def __init__(self, api_url: str, key: str, folder: Path, *args: str):
        command, env = watch_command(api_url, key, folder, *args)
        self.proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.out: queue.Queue[str] = queue.Queue()
        self.err: queue.Queue[str] = queue.Queue()
        self.stdout_lines: list[str] = []
        self.stderr_lines: list[str] = []
        for stream, lines, seen in (
            (self.proc.stdout, self.out, self.stdout_lines),
            (self.proc.stderr, self.err, self.stderr_lines),
        ):
            threading.Thread(target=self._pump, args=(stream, lines, seen), daemon=True).start()

    @staticmethod
    def _pump(stream, lines: queue.Queue[str], seen: list[str]) -> None:
        for line in stream:
            seen.append(line.rstrip("\n"))
            lines.put(line.rstrip("\n"))
        lines.put("")  # the end

    def next_line(self, which: str = "out", timeout: float = 60) -> str:
        line = (self.out if which == "out" else self.err).get(timeout=timeout)
        assert line, f"the watcher ended: {self.stderr_lines}"
        return line

    def wait_for(self, which: str, wanted: Callable[[str], bool], timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while True:
            line = self.next_line(which, timeout=max(0.1, deadline - time.monotonic()))
            if wanted(line):
                return line

    def terminate(self, timeout: float = 30) -> int:
        self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout=timeout)

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=30)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.kill()
