"""Benchmark: 1 GiB presigned POST upload and signed GET download, Assetdrop vs curl on the same URLs, same run.

Prints figures and asserts nothing. The sandbox runs in its own process (as `assetdrop-cli sandbox`), so the
server never shares a GIL with the client being measured. The sandbox's objects and both clients' downloads live
on tmpfs when there is room, so the measurement is of the transfer, not of the disk (on this project's VMs the same
1 GiB write cost 0.6 s of CPU in one run and 3.5 s in the next). Each measured transfer runs in a fresh child
process, after a `sync`, so peak RSS and CPU time are that transfer's alone and no run inherits another's dirty
pages; runs alternate between the two clients and the median is reported.

Two CPU layouts are measured: "shared" (client and server scheduled freely over every core) and "own core" (the
server pinned to one core, the client to another, as when the storage is another machine). For each transfer the
client's and the server's CPU seconds are printed, with the time MD5 alone takes over the same file, so the
figures can be checked against what the cores can do.

    python bench/transfer_vs_curl.py [--size-mib 1024] [--rounds 5] [--layouts shared,own-core]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

MiB = 1024 * 1024

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from assetdrop.core.http import HttpClient
from assetdrop.core.transfer.download import save_response
from assetdrop.core.transfer.job import Job
from assetdrop.core.transfer.send import SendTarget, send_file

def rchar():
    with open("/proc/self/io") as f:
        return int(next(line for line in f if line.startswith("rchar:")).split()[1])

mode, arg, path = sys.argv[1:4]
with HttpClient() as http:
    r0, c0, t0 = rchar(), resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
    if mode == "upload":
        target = json.loads(arg)
        stored = send_file(http, Path(path), SendTarget(target["url"], "POST", target["fields"]), Job())
        extra = {"md5": stored.md5}
    else:
        def open_range(first, last):  # as the providers do (core/transfer/resume.py): more connections if they pay
            return http.request("GET", arg, stream=True, source="storage", headers={"Range": f"bytes={first}-{last}"})
        result = save_response(http.request("GET", arg, stream=True, source="storage"), Path(path),
                               fallback_name="download.bin", name="assetdrop.bin", verify=mode != "download-noverify",
                               open_range=None if mode == "download-1conn" else open_range)
        extra = {"md5": result.md5}
    seconds = time.perf_counter() - t0
    c1 = resource.getrusage(resource.RUSAGE_SELF)
    extra["read"] = rchar() - r0  # bytes passed to read() calls: the file, plus a few for the HTTP answer
    if extra["md5"] is None:  # verification off: checked here, after the clock stopped
        import hashlib
        digest = hashlib.md5()
        with open(result.path, "rb") as handle:
            while block := handle.read(1 << 20):
                digest.update(block)
        extra["md5"] = digest.hexdigest()
print(json.dumps({"seconds": seconds, "rss": c1.ru_maxrss * 1024,
                  "cpu": c1.ru_utime + c1.ru_stime - c0.ru_utime - c0.ru_stime, **extra}))
"""

# Runs one command and reports its wall time, CPU time and peak RSS (this wrapper's only child).
WRAPPER = r"""
import json, resource, subprocess, sys, time
t0 = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
seconds = time.perf_counter() - t0
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"seconds": seconds, "code": code, "rss": usage.ru_maxrss * 1024,
                  "cpu": usage.ru_utime + usage.ru_stime}))
"""


def make_file(path: Path, size: int) -> str:
    digest = hashlib.md5()
    block = bytearray(os.urandom(MiB))
    with open(path, "wb") as handle:
        for i in range(0, size, MiB):
            block[:8] = i.to_bytes(8, "little")
            chunk = bytes(block[: min(MiB, size - i)])
            handle.write(chunk)
            digest.update(chunk)
    return digest.hexdigest()


def cpu_seconds(pid: int) -> float:
    """User + system CPU of every thread of `pid` so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def pin(pid: int, cpus: set[int]) -> None:
    """Set the CPU affinity of every thread of `pid` (new threads inherit it from their creator)."""
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            os.sched_setaffinity(int(tid), cpus)
        except OSError:
            pass  # a thread that just ended


def run_json(cmd: list[str], cpus: set[int] | None) -> dict:
    subprocess.run(["sync"], check=True)  # no run inherits the previous one's dirty pages
    out = subprocess.run(
        cmd,
        capture_output=True,
        text=True,
        check=True,
        preexec_fn=(lambda: os.sched_setaffinity(0, cpus)) if cpus else None,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def md5_seconds(path: Path) -> float:
    """How long MD5 alone takes over the file (already in the page cache): the floor of any client that hashes."""
    digest, t0 = hashlib.md5(), time.perf_counter()
    with open(path, "rb", buffering=0) as handle:
        while block := handle.read(MiB):
            digest.update(block)
    return time.perf_counter() - t0


def tmpfs_dir(needed: int) -> Path | None:
    """A tmpfs folder with room for `needed` bytes, or None."""
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK) and shutil.disk_usage(shm).free > needed * 1.25:
        return Path(tempfile.mkdtemp(prefix="assetdrop-bench-sandbox-", dir=shm))
    return None


SANDBOX = [sys.executable, "-m", "assetdrop.cli", "sandbox", "--no-rate-limits", "--processing-delay", "0"]


class Sandbox:
    def __init__(self, data: Path):
        self.data = data
        self.proc = subprocess.Popen(
            # Transfer speed is measured here, not the vendor's limits or processing: both off.
            [*SANDBOX, "--data", str(data)],
            stdout=subprocess.PIPE,
            text=True,
        )
        self.api_url = self.proc.stdout.readline().split()[-1]
        self.api_key = self.proc.stdout.readline().split()[-1]
        self.headers = {"X-FileSpin-Api-Key": self.api_key}

    def storage_target(self, name: str) -> dict:
        r = requests.get(
            f"{self.api_url}/api/v1/assets/new/content_storage_url",
            params={"filename": name},
            headers=self.headers,
            timeout=30,
        )
        r.raise_for_status()
        body = r.json()
        return {"asset_id": body["asset_id"], "url": body["storage"]["url"], "fields": body["storage"]["fields"]}

    def register(self, asset_id: str, size: int, md5: str) -> None:
        now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        r = requests.post(
            f"{self.api_url}/api/v1/assets/new/register_asset",
            headers=self.headers,
            timeout=60,
            json={
                "asset_id": asset_id,
                "size": size,
                "checksum": md5,
                "upload_time": now,
                "upload_started_at": now,
                "upload_completed_at": now,
                "service_data": {},
            },
        )
        r.raise_for_status()

    def link(self, asset_id: str) -> str:
        r = requests.get(
            f"{self.api_url}/api/v1/assets/{asset_id}/get_link",
            headers=self.headers,
            timeout=30,
            params={"content_key": "original", "expiry": 3600},
        )
        r.raise_for_status()
        return r.json()["url"]

    def drop_objects(self) -> None:
        """Delete the stored object bytes the bench made (objects are 1 GiB each, and tmpfs is memory: a filling
        tmpfs made every later write slower here, which would skew later rounds)."""
        for data_file in (self.data / "storage" / "objects").glob("*/*.data"):
            data_file.unlink()

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


class Results:
    """Per (layout, transfer, client): wall seconds, client and server CPU seconds, peak RSS, bytes read."""

    def __init__(self):
        self.runs: dict[tuple[str, str, str], list[dict]] = {}

    def add(self, layout: str, transfer: str, who: str, got: dict, server_cpu: float) -> None:
        self.runs.setdefault((layout, transfer, who), []).append({**got, "server_cpu": server_cpu})

    def median(self, layout: str, transfer: str, who: str, field: str) -> float:
        return statistics.median(r[field] for r in self.runs[(layout, transfer, who)])

    def peak(self, layout: str, transfer: str, who: str, field: str) -> float:
        return max(r[field] for r in self.runs[(layout, transfer, who)])


def measure(
    sandbox: Sandbox, source: Path, digest: str, downloads: Path, layout: str, rounds: int, results: Results
) -> None:
    size = source.stat().st_size
    server_cpus = client_cpus = None
    if layout == "own-core":
        server_cpus, client_cpus = {0}, {1}
    pin(sandbox.proc.pid, server_cpus or set(range(os.cpu_count() or 1)))

    def timed(transfer: str, who: str, cmd: list[str]) -> dict:
        cpu0 = cpu_seconds(sandbox.proc.pid)
        got = run_json(cmd, client_cpus)
        results.add(layout, transfer, who, got, cpu_seconds(sandbox.proc.pid) - cpu0)
        return got

    for round_no in range(rounds):
        order = ("curl", "ad") if round_no % 2 == 0 else ("ad", "curl")
        for who in order:
            target = sandbox.storage_target(source.name)
            if who == "curl":
                form = [a for k, v in target["fields"].items() for a in ("-F", f"{k}={v}")]
                got = timed(
                    "up",
                    who,
                    [
                        sys.executable,
                        "-c",
                        WRAPPER,
                        "curl",
                        "-sS",
                        "--fail",
                        *form,
                        "-F",
                        f"file=@{source}",
                        target["url"],
                    ],
                )
                assert got["code"] == 0, "curl upload failed"
            else:
                got = timed("up", who, [sys.executable, "-c", CHILD, "upload", json.dumps(target), str(source)])
                assert got["md5"] == digest, "Assetdrop's upload MD5 differs"
            sandbox.register(target["asset_id"], size, digest)
        url = sandbox.link(target["asset_id"])
        downloaders = ("curl", "ad", "ad-noverify", "ad-1conn")
        for who in downloaders[round_no % 4 :] + downloaders[: round_no % 4]:
            out = downloads / "out"
            out.mkdir(exist_ok=True)
            if who in ("ad-noverify", "ad-1conn"):
                got = timed("down", who, [sys.executable, "-c", CHILD, "download" + who[2:], url, str(out)])
                assert got["md5"] == digest, "download differs"
            elif who == "curl":
                got = timed(
                    "down",
                    who,
                    [sys.executable, "-c", WRAPPER, "curl", "-sS", "--fail", "-o", str(out / "curl.bin"), url],
                )
                assert got["code"] == 0, "curl download failed"
            else:
                got = timed("down", who, [sys.executable, "-c", CHILD, "download", url, str(out)])
                assert got["md5"] == digest, "download differs"
            shutil.rmtree(out)
        sandbox.drop_objects()


def report(results: Results, layouts: list[str], size: int, rounds: int, md5_alone: float, storage: str) -> None:
    def mbps(seconds: float) -> float:
        return size / seconds / 1e6

    print(
        f"\n{size // MiB} MiB over loopback, median of {rounds} alternating runs, {os.cpu_count()} CPUs, "
        f"Python {sys.version.split()[0]}; sandbox storage on {storage}"
    )
    print(
        f"{'layout':<10}{'transfer':<11}{'curl s':>8}{'Assetdrop s':>13}{'ratio':>8}{'curl MB/s':>11}"
        f"{'AD MB/s':>9}  {'CPU s curl+server':>17}  {'CPU s AD+server':>15}{'RSS curl/AD':>14}"
    )
    for layout in layouts:
        for label, key in (("upload", "up"), ("download", "down")):
            c, a = (results.median(layout, key, who, "seconds") for who in ("curl", "ad"))
            cc, ac = (results.median(layout, key, who, "cpu") for who in ("curl", "ad"))
            cs, as_ = (results.median(layout, key, who, "server_cpu") for who in ("curl", "ad"))
            rc, ra = (results.peak(layout, key, who, "rss") / MiB for who in ("curl", "ad"))
            print(
                f"{layout:<10}{label:<11}{c:>8.2f}{a:>13.2f}{a / c:>7.2f}x{mbps(c):>11.0f}{mbps(a):>9.0f}"
                f"  {cc:>8.2f} + {cs:<6.2f}  {ac:>6.2f} + {as_:<6.2f}{rc:>8.0f}/{ra:.0f} MiB"
            )
        for label, who in (("  no verify", "ad-noverify"), ("  one conn", "ad-1conn")):
            c, a = (results.median(layout, "down", w, "seconds") for w in ("curl", who))
            cc, ac = (results.median(layout, "down", w, "cpu") for w in ("curl", who))
            cs, as_ = (results.median(layout, "down", w, "server_cpu") for w in ("curl", who))
            print(
                f"{layout:<10}{label:<11}{c:>8.2f}{a:>13.2f}{a / c:>7.2f}x{mbps(c):>11.0f}{mbps(a):>9.0f}"
                f"  {cc:>8.2f} + {cs:<6.2f}  {ac:>6.2f} + {as_:<6.2f}"
            )
    upload_read = statistics.median(r["read"] for r in results.runs[(layouts[0], "up", "ad")])
    print(f"\nMD5 alone over the file: {md5_alone:.2f} s ({mbps(md5_alone):.0f} MB/s on one core).")
    print(
        f"Bytes Assetdrop's upload read through read(): {upload_read:,} for a {size:,}-byte file "
        f"({upload_read / size:.4f}x: the file is read once, and the same read feeds the socket and the MD5)."
    )
    print(
        "Assetdrop hashes in both directions: its upload computes the MD5 register_asset needs, its download "
        'verifies the storage\'s ETag MD5 ("no verify": the setting turned off) and fsyncs before the rename. '
        '"one conn": verified, over one connection only (as before segmented downloads, core/transfer/parallel.py). '
        "curl does neither. The storage computes its own MD5 for the ETag, as S3 does."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mib", type=int, default=1024)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--downloads-on-disk",
        action="store_true",
        help="write downloads to the disk instead of tmpfs (this VM's disk made identical runs vary "
        "5x; tmpfs measures the clients)",
    )
    parser.add_argument(
        "--layouts",
        default="shared,own-core",
        help="comma-separated: shared (free scheduling), own-core (server and client pinned apart)",
    )
    args = parser.parse_args()
    if not shutil.which("curl"):
        sys.exit("curl is needed as the reference (apt install curl)")
    layouts = [name for name in args.layouts.split(",") if name]
    if "own-core" in layouts and ((os.cpu_count() or 1) < 2 or not hasattr(os, "sched_setaffinity")):
        print("own-core layout skipped: it needs two CPUs and sched_setaffinity")
        layouts.remove("own-core")
    size = args.size_mib * MiB
    work = Path(tempfile.mkdtemp(prefix="assetdrop-bench-"))
    # Objects are dropped every round: two uploads and one download at a time need room.
    sandbox_data = tmpfs_dir(size * 4)
    storage = "tmpfs" if sandbox_data else "disk (no room on /dev/shm)"
    downloads = None if args.downloads_on_disk else tmpfs_dir(size * 2)
    where = "tmpfs" if downloads else "disk"
    try:
        source = work / "source.bin"
        print(f"writing a {args.size_mib} MiB test file ...", flush=True)
        digest = make_file(source, size)
        md5_alone = md5_seconds(source)
        sandbox = Sandbox(sandbox_data or work / "sandbox")
        results = Results()
        try:
            for layout in layouts:
                print(f"measuring layout {layout} ...", flush=True)
                measure(sandbox, source, digest, downloads or work, layout, args.rounds, results)
        finally:
            sandbox.stop()
        report(results, layouts, size, args.rounds, md5_alone, f"{storage}, downloads written to {where}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
        for folder in (sandbox_data, downloads):
            if folder:
                shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
