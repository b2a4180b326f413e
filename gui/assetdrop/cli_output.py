r"""What the command line prints for scripts: one line per file on stdout, one readable line per failure on stderr.

A line is `ASSET_ID<TAB>PATH` (a download that was skipped adds `<TAB>skipped`), with backslash, tab, newline,
carriage return and other control characters written as `\\`, `\t`, `\n`, `\r` and `\xNN`, so one file is always
one line. `--json` prints one JSON object per line instead (as rclone's and aws-cli's JSON outputs do). When
stdout is closed (`| head -1`), writing raises OutputClosed, and the command stops promptly (cli.py).
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any, TextIO

from .core.queue.items import Direction, Status, TransferItem


class OutputClosed(Exception):
    """Whoever read stdout has gone."""


def escape(text: str) -> str:
    out = []
    for char in text:
        if char == "\\":
            out.append("\\\\")
        elif char == "\t":
            out.append("\\t")
        elif char == "\n":
            out.append("\\n")
        elif char == "\r":
            out.append("\\r")
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\x{ord(char):02x}")
        else:
            out.append(char)
    return "".join(out)


class Output:
    def __init__(self, *, json_lines: bool = False, stream: TextIO | None = None):
        self.json_lines = json_lines
        self.stream = stream or sys.stdout

    def write(self, fields: list[str], record: dict[str, Any]) -> None:
        self.text(json.dumps(record, ensure_ascii=False) if self.json_lines else "\t".join(escape(f) for f in fields))

    def text(self, line: str) -> None:
        """A line as it is (JSON documents)."""
        try:
            self.stream.write(line + "\n")
            self.stream.flush()
        except BrokenPipeError:
            raise OutputClosed() from None
        except OSError as exc:
            if exc.errno == 32:  # EPIPE on platforms that raise plain OSError
                raise OutputClosed() from None
            raise

    def finished(self, item: TransferItem) -> None:
        """The line for an item that ended well (done, or skipped because its name was taken)."""
        where = item.source if item.direction is Direction.UPLOAD else item.saved_path
        identity = item.asset_id or item.name
        skipped = item.status is Status.SKIPPED
        record: dict[str, Any] = {
            "asset_id": identity,
            "path": where,
            "direction": item.direction.value,
            "status": item.status.value,
        }
        if item.size is not None:
            record["size"] = item.size
        self.write([identity, where, *(["skipped"] if skipped else [])], record)


def failure(subject: str, message: str) -> None:
    """One readable line on stderr (never more: a message with a newline is folded)."""
    try:
        print(f"assetdrop-cli: {escape(subject)}: {' '.join(message.split())}", file=sys.stderr, flush=True)
    except (BrokenPipeError, ValueError):
        pass


def silence_stdout() -> None:
    """After the reader has gone: point stdout at /dev/null, so Python's flush at exit cannot fail loudly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
