"""bench/wan.py runs end to end in its quick mode and prints its three tables, so the bench does not rot.

Timings are printed by the bench and never asserted here (docs/performance.md holds the figures).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_wan_bench_quick_mode_prints_every_table():
    if not shutil.which("curl"):
        pytest.skip("curl is the bench's reference client and is not installed (make test installs it)")
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "wan.py"), "--quick"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    text = out.stdout
    number = r"\s+\d+\.\d\d\s"
    assert re.search(r"^\(a\) one 2 MiB signed-GET download, 40 ms RTT, 100 Mbit/s", text, re.M)
    assert re.search(r"^curl" + number, text, re.M)
    assert re.search(r"^assetdrop-cli" + number, text, re.M)
    if shutil.which("aria2c"):
        assert re.search(r"^aria2c -x8 -s8" + number, text, re.M)
    else:
        assert "aria2c not installed" in text
    assert re.search(r"^\(b\) 16 x 16 KiB three-step uploads, 60 ms RTT", text, re.M)
    assert re.search(r"^floor" + number, text, re.M)
    # Each client's row ends with its new TCP connections per 1,000 files (API, storage) and TLS handshakes.
    assert re.search(r"^assetdrop-cli --jobs 8" + number + r".*\s\d+\s+\d+\s+0$", text, re.M)
    if all(shutil.which(tool) for tool in ("jq", "xargs", "md5sum")):
        assert re.search(r"^xargs -P8 curl" + number + r".*\s\d+\s+\d+\s+0$", text, re.M)
    assert re.search(r"^\(c\) one 2 MiB upload", text, re.M)
    assert re.search(r"^curl -F \(presigned POST only\)" + number, text, re.M)
    assert re.search(r"^assetdrop-cli upload \(3 steps\)" + number, text, re.M)
    assert "still open" not in text, "the emulator left a connection hanging after its client exited"
