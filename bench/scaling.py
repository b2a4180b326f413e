"""Benchmark: how cost grows. Prints figures and draws docs/scaling.png; asserts nothing.

- Time per file against queue size: N x 16 KiB through `assetdrop-cli --jobs 8 upload` (full three-step flow),
  N = 10, 100, 1,000, 10,000. Flat means no per-file cost grows with the queue.
- Time per MiB and peak RSS against file size: one presigned POST of 1 MiB, 100 MiB, 1 GiB (and peak RSS for a
  4 GiB sparse file), each in a fresh process. Flat time per MiB and flat RSS mean streaming.

The plot is drawn with Qt's QPainter (already a dependency), offscreen.

    python bench/scaling.py [--max-files 10000] [--skip-4g]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
MiB = 1024 * 1024

ONE_UPLOAD = r"""
import json, resource, sys, time
from pathlib import Path
from assetdrop.core.providers.registry import connect
from assetdrop.core.http import HttpClient
api, key, path = sys.argv[1:]
with HttpClient() as http:
    provider = connect("filespin", http, api, key)
    t0 = time.perf_counter()
    provider.upload(Path(path))
    seconds = time.perf_counter() - t0
print(json.dumps({"seconds": seconds, "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))
"""


def start_sandbox(data: Path):
    proc = subprocess.Popen(
        [sys.executable, "-m", "assetdrop.cli", "sandbox", "--data", str(data)], stdout=subprocess.PIPE, text=True
    )
    return proc, proc.stdout.readline().split()[-1], proc.stdout.readline().split()[-1]


def per_file(work: Path, counts: list[int]) -> list[tuple[int, float]]:
    results = []
    for n in counts:
        folder = work / f"files-{n}"
        folder.mkdir()
        for i in range(n):
            (folder / f"f{i:05d}.bin").write_bytes(i.to_bytes(8, "little") + os.urandom(16 * 1024 - 8))
        proc, api, key = start_sandbox(work / f"sandbox-{n}")
        try:
            env = dict(os.environ, ASSETDROP_API_KEY=key, ASSETDROP_HOME=str(work / "home"))
            t0 = time.perf_counter()
            out = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "assetdrop.cli",
                    "--api-url",
                    api,
                    "--requests-per-second",
                    "0",
                    "--jobs",
                    "8",
                    "upload",
                    str(folder),
                ],
                env=env,
                capture_output=True,
                text=True,
            )
            seconds = time.perf_counter() - t0
        finally:
            proc.terminate()
            proc.wait(timeout=30)
            shutil.rmtree(folder)
        assert out.returncode == 0, out.stderr[-500:]
        results.append((n, seconds / n * 1000))
        print(f"{n:>6} files: {seconds:6.2f} s, {seconds / n * 1000:6.2f} ms per file", flush=True)
    return results


def per_mib(work: Path, sizes_mib: list[int], sparse_gib: int | None) -> tuple[list, list]:
    timing, memory = [], []
    proc, api, key = start_sandbox(work / "sandbox-big")
    try:
        cases = [(s, False) for s in sizes_mib] + ([(sparse_gib * 1024, True)] if sparse_gib else [])
        for size_mib, sparse in cases:
            path = work / f"big-{size_mib}.bin"
            with open(path, "wb") as handle:
                if sparse:
                    handle.truncate(size_mib * MiB)
                else:
                    block = os.urandom(MiB)
                    for _ in range(size_mib):
                        handle.write(block)
            got = json.loads(
                subprocess.run(
                    [sys.executable, "-c", ONE_UPLOAD, api, key, str(path)], capture_output=True, text=True, check=True
                ).stdout.strip()
            )
            path.unlink()
            label = f"{size_mib // 1024} GiB sparse" if sparse else f"{size_mib} MiB"
            print(
                f"{label:>14}: {got['seconds']:6.2f} s, {got['seconds'] / size_mib * 1000:6.2f} ms per MiB, "
                f"peak RSS {got['rss'] / MiB:5.1f} MiB",
                flush=True,
            )
            memory.append((label, got["rss"] / MiB))
            if not sparse:
                timing.append((size_mib, got["seconds"] / size_mib * 1000))
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return timing, memory


def plot(per_file_points, per_mib_points, memory, out: Path) -> None:
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPen

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 (fonts need an application)
    width, height = 1200, 410
    image = QImage(width, height, QImage.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.Antialiasing)
    painter.setFont(QFont("DejaVu Sans", 9))

    def panel(x0, title, xlabel, ylabel, points, log_x=True, bars=False):
        rect = QRectF(x0 + 60, 50, 300, 300)
        painter.setPen(QPen(QColor("#333"), 1))
        painter.drawRect(rect)
        painter.drawText(QRectF(x0, 10, 400, 30), Qt.AlignCenter, title)
        painter.drawText(QRectF(x0 + 60, 378, 300, 20), Qt.AlignCenter, xlabel)
        painter.save()
        painter.translate(x0 + 2, 200)
        painter.rotate(-90)
        painter.drawText(QRectF(-150, 0, 300, 20), Qt.AlignCenter, ylabel)
        painter.restore()
        top = max(v for _, v in points) * 1.25 or 1
        for i in range(5):
            y = rect.bottom() - rect.height() * i / 4
            painter.setPen(QPen(QColor("#ddd"), 1))
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
            painter.setPen(QColor("#333"))
            painter.drawText(QRectF(x0 + 18, y - 8, 38, 16), Qt.AlignRight, f"{top * i / 4:.1f}")
        n = len(points)
        xs = [rect.left() + rect.width() * (i + 0.5) / n for i in range(n)]
        ys = [rect.bottom() - rect.height() * v / top for _, v in points]
        painter.setPen(QPen(QColor("#1f5fc4"), 2))
        if bars:
            for x, y in zip(xs, ys, strict=True):
                painter.fillRect(QRectF(x - 18, y, 36, rect.bottom() - y), QColor("#3d8bfd"))
        else:
            for i in range(n - 1):
                painter.drawLine(QPointF(xs[i], ys[i]), QPointF(xs[i + 1], ys[i + 1]))
            for x, y in zip(xs, ys, strict=True):
                painter.drawEllipse(QPointF(x, y), 4, 4)
        painter.setPen(QColor("#333"))
        for (label, value), x, y in zip(points, xs, ys, strict=True):
            painter.drawText(
                QRectF(x - 45, rect.bottom() + 2, 90, 16),
                Qt.AlignCenter,
                f"{label:,}" if isinstance(label, int) else str(label),
            )
            painter.drawText(QRectF(x - 45, y - 20, 90, 16), Qt.AlignCenter, f"{value:.2f}")

    panel(0, "Time per file vs queue size (16 KiB, 8 at once)", "files in the queue", "ms per file", per_file_points)
    panel(400, "Time per MiB vs file size (one upload)", "file size (MiB)", "ms per MiB", per_mib_points)
    panel(800, "Peak RSS vs file size (one upload)", "file size", "MiB", memory, bars=True)
    painter.end()
    out.parent.mkdir(parents=True, exist_ok=True)
    image.save(str(out))
    print(f"plot: {out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-files", type=int, default=10_000)
    parser.add_argument("--skip-4g", action="store_true", help="leave out the 4 GiB sparse RSS point")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "scaling.png")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="assetdrop-scaling-"))
    try:
        counts = [n for n in (10, 100, 1_000, 10_000) if n <= args.max_files]
        per_file_points = per_file(work, counts)
        per_mib_points, memory = per_mib(work, [1, 100, 1024], None if args.skip_4g else 4)
        plot(per_file_points, per_mib_points, memory, args.out)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
