"""Benchmark: the window at scale. Prints figures; asserts nothing.

1. Cold start: a fresh Python process importing Assetdrop and showing the main window (time to first expose).
2. A 10,000-file folder dropped on the window: time until all rows are listed.
3. With 10,000 items queued and 8 transfers active against the sandbox (its own process): the worst event-loop
   stall measured by a 5 ms QTimer heartbeat, while transfers run for a fixed time; also split into the stalls
   while the drop was being listed and after, with the number of heartbeats over 50 ms; and the peak memory.

    python bench/gui_scale.py [--files 10000] [--seconds 8]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

COLD_START = r"""
import time, os, sys
t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication
from PySide6.QtCore import QTimer
from assetdrop.core import settings
from assetdrop.core.credentials import CredentialStore
from assetdrop.core.session import AppSession
from assetdrop.qt.bridge import QueueBridge
from assetdrop.qt.main_window import MainWindow
app = QApplication([])
conf = settings.Settings(current_profile="P"); conf.upsert(settings.Profile("P", base_url="http://127.0.0.1:9"))
bridge = QueueBridge()
session = AppSession(conf, credentials=CredentialStore(session_only=True), on_change=bridge)
w = MainWindow(session, bridge); w.show()
QTimer.singleShot(0, lambda: (print(f"{time.perf_counter() - t0:.3f}"), app.quit()))
app.exec()
w.quitting = True; w.close(); session.close()
"""


def rss_mib() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=8.0)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="assetdrop-gui-bench-"))
    env = dict(os.environ, ASSETDROP_HOME=str(work / "home"))

    starts = []
    for _ in range(3):
        t0 = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", COLD_START], env=env, capture_output=True, text=True)
        wall = time.perf_counter() - t0
        starts.append((float(out.stdout.strip().splitlines()[-1]), wall))
    print(
        f"cold start to shown window: {min(s for s, _ in starts):.2f} s in-process "
        f"({min(w for _, w in starts):.2f} s including interpreter start), best of 3"
    )

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from assetdrop.core import settings
    from assetdrop.core.credentials import CredentialStore
    from assetdrop.core.session import AppSession
    from assetdrop.qt.bridge import QueueBridge
    from assetdrop.qt.main_window import MainWindow
    from assetdrop.sandbox.process import SandboxProcess

    folder = work / "drop"
    folder.mkdir()
    for i in range(args.files):
        (folder / f"f{i:05d}.bin").write_bytes(os.urandom(256 * 1024 if i % 50 == 0 else 16 * 1024))
    sandbox = SandboxProcess(work / "sandbox", ("--no-rate-limits",)).start()  # 10,000 items: the UI, not limits
    app = QApplication([])
    conf = settings.Settings(current_profile="S", concurrency=8, download_dir=str(work / "down"))
    conf.upsert(settings.Profile("S", base_url=sandbox.api_url))
    bridge = QueueBridge()
    session = AppSession(
        conf,
        credentials=CredentialStore(session_only=True),
        on_change=bridge,
        store_path=work / "queue.sqlite3",
        settings_path=work / "settings.json",
    )
    session.set_runtime_key("S", sandbox.api_key)
    window = MainWindow(session, bridge)
    window.show()
    gaps, last, marks, rss = [], [0.0], {}, {"before the drop": rss_mib()}

    def beat():
        now = time.perf_counter()
        if last[0]:
            gaps.append((now - last[0], now))
        last[0] = now
        if "listed" not in marks and sum(view.model().rowCount() for view in window.views.values()) >= args.files:
            marks["listed"] = now
            rss["when listed"] = rss_mib()
        if "listed" in marks and now - marks["listed"] > args.seconds:
            window.quitting = True  # Qt 6's quit() closes windows first: skip the "transfers running" question
            app.quit()

    timer = QTimer(interval=5)
    timer.timeout.connect(beat)
    timer.start()
    marks["drop"] = time.perf_counter()
    QTimer.singleShot(0, lambda: window.add_paths([folder]))
    app.exec()
    active = window.controller.totals()[3]
    done = sum(1 for item in window.controller.model.items() if item.is_finished)
    stalls = [g for g, _ in gaps]
    while_listing = [g for g, at in gaps if at <= marks["listed"]] or [0.0]
    after = [g for g, at in gaps if at > marks["listed"]] or [0.0]
    print(f"{args.files:,}-file folder drop listed in {marks['listed'] - marks['drop']:.2f} s")
    print(
        f"with {args.files:,} queued and {active} active: worst event-loop stall {max(stalls) * 1000:.0f} ms, "
        f"median {sorted(stalls)[len(stalls) // 2] * 1000:.1f} ms over {len(stalls)} heartbeats; "
        f"{done} transfers finished in {args.seconds:.0f} s"
    )
    print(
        f"  worst while listing {max(while_listing) * 1000:.0f} ms, after {max(after) * 1000:.0f} ms; "
        f"{sum(g > 0.05 for g in stalls)} heartbeats over 50 ms"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB
    rss["at the end"] = rss_mib()
    print(
        f"memory (RSS) of the window's process: peak {peak:.0f} MiB; "
        + ", ".join(f"{when} {mib:.0f} MiB" for when, mib in rss.items())
    )
    window.quitting = True
    window.close()
    session.close()
    sandbox.stop()
    shutil.rmtree(work, ignore_errors=True)  # 10,000 files and the sandbox's copies: hundreds of MB per run


if __name__ == "__main__":
    main()
