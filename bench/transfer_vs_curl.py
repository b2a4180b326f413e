"""Benchmark: 1 GiB presigned POST upload and signed GET download, Assetdrop vs curl on the same URLs, same run.

Prints figures and asserts nothing. The sandbox runs in its own process (as `assetdrop-cli sandbox`), so the
server never shares a GIL with the client being measured; its CPU share is printed too. Each measured transfer
runs in a fresh child process, so peak RSS is that transfer's alone; runs alternate between the two clients and
the median is reported.

    python bench/transfer_vs_curl.py [--size-mib 1024] [--rounds 3]
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
from assetdrop.core.providers.filespin import StorageTarget
from assetdrop.core.transfer.download import save_response
from assetdrop.core.transfer.upload import post_file
mode, arg, path = sys.argv[1:4]
with HttpClient() as http:
    t0 = time.perf_counter()
    if mode == "upload":
        target = json.loads(arg)
        stored = post_file(http, StorageTarget(asset_id="", url=target["url"], fields=target["fields"]), Path(path))
        extra = {"md5": stored.md5}
    else:
        result = save_response(http.request("GET", arg, stream=True, source="storage"), Path(path),
                               fallback_name="download.bin", name="assetdrop.bin")
        extra = {"md5": result.md5}
    seconds = time.perf_counter() - t0
print(json.dumps({"seconds": seconds, "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, **extra}))
"""

# Runs one command and reports its wall time and its own peak RSS (this wrapper's only child).
WRAPPER = r"""
import json, resource, subprocess, sys, time
t0 = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
seconds = time.perf_counter() - t0
print(json.dumps({"seconds": seconds, "code": code,
                  "rss": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024}))
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
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_json(cmd: list[str]) -> dict:
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


class Sandbox:
    def __init__(self, data: Path):
        self.proc = subprocess.Popen([sys.executable, "-m", "assetdrop.cli", "sandbox", "--data", str(data)],
                                     stdout=subprocess.PIPE, text=True)
        self.api_url = self.proc.stdout.readline().split()[-1]
        self.api_key = self.proc.stdout.readline().split()[-1]
        self.headers = {"X-FileSpin-Api-Key": self.api_key}

    def storage_target(self, name: str) -> dict:
        r = requests.get(f"{self.api_url}/api/v1/assets/new/content_storage_url", params={"filename": name},
                         headers=self.headers, timeout=30)
        r.raise_for_status()
        body = r.json()
        return {"asset_id": body["asset_id"], "url": body["storage"]["url"], "fields": body["storage"]["fields"]}

    def register(self, asset_id: str, size: int, md5: str) -> None:
        now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        r = requests.post(f"{self.api_url}/api/v1/assets/new/register_asset", headers=self.headers, timeout=60,
                          json={"asset_id": asset_id, "size": size, "checksum": md5, "upload_time": now,
                                "upload_started_at": now, "upload_completed_at": now, "service_data": {}})
        r.raise_for_status()

    def link(self, asset_id: str) -> str:
        r = requests.get(f"{self.api_url}/api/v1/assets/{asset_id}/get_link", headers=self.headers, timeout=30,
                         params={"content_key": "original", "expiry": 3600})
        r.raise_for_status()
        return r.json()["url"]

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mib", type=int, default=1024)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not shutil.which("curl"):
        sys.exit("curl is needed as the reference (apt install curl)")
    size = args.size_mib * MiB
    work = Path(tempfile.mkdtemp(prefix="assetdrop-bench-"))
    try:
        source = work / "source.bin"
        print(f"writing a {args.size_mib} MiB test file ...", flush=True)
        digest = make_file(source, size)
        sandbox = Sandbox(work / "sandbox")
        times: dict[str, list[float]] = {k: [] for k in ("curl-up", "ad-up", "curl-down", "ad-down")}
        rss: dict[str, int] = {k: 0 for k in times}
        server_cpu = wall = 0.0
        try:
            # One registered asset to download, uploaded by curl so both clients fetch the same object.
            for round_no in range(args.rounds):
                for who in (("curl", "ad") if round_no % 2 == 0 else ("ad", "curl")):
                    target = sandbox.storage_target(source.name)
                    cpu0, t0 = cpu_seconds(sandbox.proc.pid), time.perf_counter()
                    if who == "curl":
                        form = [a for k, v in target["fields"].items() for a in ("-F", f"{k}={v}")]
                        got = run_json([sys.executable, "-c", WRAPPER, "curl", "-sS", "--fail", *form,
                                        "-F", f"file=@{source}", target["url"]])
                        assert got["code"] == 0, "curl upload failed"
                    else:
                        got = run_json([sys.executable, "-c", CHILD, "upload", json.dumps(target), str(source)])
                        assert got["md5"] == digest
                    server_cpu += cpu_seconds(sandbox.proc.pid) - cpu0
                    wall += time.perf_counter() - t0
                    times[f"{who}-up"].append(got["seconds"])
                    rss[f"{who}-up"] = max(rss[f"{who}-up"], got["rss"])
                    sandbox.register(target["asset_id"], size, digest)
                url = sandbox.link(target["asset_id"])
                for who in (("curl", "ad") if round_no % 2 == 0 else ("ad", "curl")):
                    out = work / "out"
                    out.mkdir(exist_ok=True)
                    cpu0, t0 = cpu_seconds(sandbox.proc.pid), time.perf_counter()
                    if who == "curl":
                        got = run_json([sys.executable, "-c", WRAPPER, "curl", "-sS", "--fail", "-o",
                                        str(out / "curl.bin"), url])
                        assert got["code"] == 0, "curl download failed"
                    else:
                        got = run_json([sys.executable, "-c", CHILD, "download", url, str(out)])
                        assert got["md5"] == digest, "download differs"
                    server_cpu += cpu_seconds(sandbox.proc.pid) - cpu0
                    wall += time.perf_counter() - t0
                    times[f"{who}-down"].append(got["seconds"])
                    rss[f"{who}-down"] = max(rss[f"{who}-down"], got["rss"])
                    shutil.rmtree(out)
        finally:
            sandbox.stop()

        med = {k: statistics.median(v) for k, v in times.items()}
        mbps = lambda s: size / s / 1e6
        print(f"\n{args.size_mib} MiB over loopback, median of {args.rounds} alternating runs, "
              f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
        print(f"{'transfer':<26}{'curl s':>9}{'Assetdrop s':>13}{'ratio':>8}{'curl MB/s':>11}{'AD MB/s':>9}"
              f"{'curl RSS':>10}{'AD RSS':>9}")
        for label, key in (("upload (presigned POST)", "up"), ("download (signed GET)", "down")):
            c, a = med[f"curl-{key}"], med[f"ad-{key}"]
            print(f"{label:<26}{c:>9.2f}{a:>13.2f}{a / c:>7.2f}x{mbps(c):>11.0f}{mbps(a):>9.0f}"
                  f"{rss[f'curl-{key}'] / MiB:>8.0f}Mi{rss[f'ad-{key}'] / MiB:>7.0f}Mi")
        print(f"sandbox server CPU: {server_cpu:.1f} s over {wall:.1f} s of transfers "
              f"({100 * server_cpu / wall:.0f}% of one core)")
        print("Assetdrop's download includes MD5 verification against the storage ETag; its upload computes the "
              "MD5 that register_asset needs in the same pass. curl does neither.")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
