"""Benchmark: Assetdrop over an emulated WAN, against curl, aria2c and the round-trip floor, in the same run.

tc/netem is not available here, so the WAN is tests/support/wan_emulator.py: a user-space TCP proxy that adds
one-way delay, a bandwidth cap per connection and direction, and counts the connections each target accepts. It
stands in front of both the sandbox's API and its storage; the sandbox (in its own process) signs its links for the
emulator's address (`Sandbox(storage_public_url=...)`), so every storage byte crosses the emulated WAN too.

- (a) one signed-GET download (256 MiB, 40 ms RTT, 100 Mbit/s per connection): curl, `aria2c -x8 -s8`, and
  `assetdrop-cli download ID` (which also asks the API for the link, through the WAN; curl and aria2c are handed a
  link fetched beforehand).
- (b) N small files through the three-step flow (2,000 x 16 KiB, 60 ms RTT, no cap): `assetdrop-cli --jobs 8
  upload DIR`, the `xargs -P8 curl` pipeline of bench/many_small_files.py, and the floor (3 round trips per file
  over the concurrency, plus each connection's handshake and first request); with new TCP connections and TLS
  handshakes per 1,000 files, counted by the emulator.
- (c) one upload (256 MiB, 40 ms RTT, 100 Mbit/s): curl's presigned POST with -F fields (as
  bench/transfer_vs_curl.py does) and `assetdrop-cli upload FILE` (all three steps, through the WAN).

Every client is a fresh process, timed from start to exit (Assetdrop's process start is printed for reference).
Prints figures, asserts nothing; ratios are against references in the same run.

    python bench/wan.py [--rtt 40] [--mbit 100] [--size-mib 256] [--files 2000] [--small-rtt 60] [--rounds 3]
    python bench/wan.py --quick      # a smoke run: tiny sizes, a few files, one round
"""

from __future__ import annotations

import argparse
import hashlib
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the emulator lives in tests/support/, where its own tests use it too
from many_small_files import PER_FILE  # noqa: E402  (bench/, the script's folder: the same pipeline)
from transfer_vs_curl import make_file  # noqa: E402  (the same test file as the loopback bench)

from tests.support.wan_emulator import WanEmulator  # noqa: E402

MiB = 1024 * 1024

SANDBOX = r"""
import sys
from pathlib import Path
from assetdrop.sandbox.server import Sandbox
# Transfer speed, not the vendors' limits (the client paces itself) or processing: both off, as curl does not wait.
sandbox = Sandbox(Path(sys.argv[1]), storage_public_url=sys.argv[2], rate_limits=False)
sandbox.processing_delay = 0.0
print(sandbox.api_url, sandbox.api_key, sandbox.storage.url, flush=True)
sandbox.serve_forever()
"""


def cli() -> list[str]:
    """`.venv/bin/assetdrop-cli` beside this interpreter, as a user runs it (else the module)."""
    script = Path(sys.executable).parent / "assetdrop-cli"
    return [str(script)] if script.exists() else [sys.executable, "-m", "assetdrop.cli"]


def user_env(key: str, work: Path) -> dict[str, str]:
    """The CLI's environment as a user's install has it: its own home, and modules compiled once, as pip does."""
    env = dict(os.environ, ASSETDROP_API_KEY=key, ASSETDROP_HOME=str(work / "home"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def md5_of(path: Path) -> str:
    digest = hashlib.md5()
    with open(path, "rb") as handle:
        while block := handle.read(MiB):
            digest.update(block)
    return digest.hexdigest()


def scratch(root: Path, name: str, needed: int) -> Path:
    """A folder on tmpfs when it has room (the disk out of the measurement), else under `root`."""
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK) and shutil.disk_usage(shm).free > needed * 1.25:
        return Path(tempfile.mkdtemp(prefix=f"assetdrop-wan-{name}-", dir=shm))
    folder = root / name
    folder.mkdir()
    return folder


def thread_cpu(native_id: int) -> float:
    fields = Path(f"/proc/self/task/{native_id}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def tool_version(cmd: list[str]) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True).stdout.splitlines()[0]
    except (OSError, IndexError):
        return "?"


class Rig:
    """A WAN emulator with one route to the sandbox's API and one to its storage, and the sandbox (its own
    process) signing its storage links for the storage route."""

    def __init__(self, data: Path, *, rtt: float, mbit: float | None):
        self.data = data
        self.wan = WanEmulator(rtt=rtt, mbit=mbit)
        self.api_route = self.wan.front(name="api")
        self.storage_route = self.wan.front(name="storage")
        self.proc = subprocess.Popen(
            [sys.executable, "-c", SANDBOX, str(data), self.storage_route.url], stdout=subprocess.PIPE, text=True
        )
        line = self.proc.stdout.readline().split()
        if len(line) != 3:
            self.wan.close()
            raise SystemExit(f"the sandbox did not start (exit status {self.proc.poll()})")
        self.direct_api, self.key, storage = line
        self.api_route.target = ("127.0.0.1", int(self.direct_api.rsplit(":", 1)[1]))
        self.storage_route.target = ("127.0.0.1", int(storage.rsplit(":", 1)[1]))
        self.direct_storage = storage
        self.headers = {"X-FileSpin-Api-Key": self.key}
        # The sandbox's first storage URL costs it ~0.3 s of its own setting up: paid here, straight to it and
        # untimed, so no client's figure carries it (it held every (b) worker for the first half second).
        self.storage_target("warm-up.bin")

    @property
    def api(self) -> str:
        """The API as clients see it: through the WAN."""
        return self.api_route.url

    def counts(self) -> tuple[int, int, int]:
        """(API connections, storage connections, TLS handshakes) since the last call."""
        got = (
            self.api_route.connections,
            self.storage_route.connections,
            self.api_route.tls_handshakes + self.storage_route.tls_handshakes,
        )
        for route in (self.api_route, self.storage_route):
            route.reset()
        return got

    def emulator_cpu(self) -> float:
        return thread_cpu(self.wan.thread_id)

    def check_settled(self, who: str, notes: list[str]) -> None:
        """After a client exited, every connection it made should close within a few delays; note any that do not
        (a stuck connection would be the emulator's fault, and its figures suspect)."""
        deadline = time.monotonic() + 2.0
        while time.monotonic() < deadline:
            still = self.api_route.open_connections + self.storage_route.open_connections
            if not still:
                return
            time.sleep(0.05)
        notes.append(f"{who}: {still} emulated connection(s) still open 2 s after the client exited")

    # -- set-up steps, straight to the sandbox (not through the WAN, not timed) ------------------------------------
    def storage_target(self, name: str) -> dict:
        r = requests.get(
            f"{self.direct_api}/api/v1/assets/new/content_storage_url",
            params={"filename": name},
            headers=self.headers,
            timeout=30,
        )
        r.raise_for_status()
        body = r.json()
        return {"asset_id": body["asset_id"], "url": body["storage"]["url"], "fields": body["storage"]["fields"]}

    def put_object(self, source: Path, digest: str) -> str:
        """Upload and register `source` without the WAN (curl straight to the storage's own port); its asset ID."""
        target = self.storage_target(source.name)
        direct = target["url"].replace(self.storage_route.url, self.direct_storage)
        subprocess.run(
            ["curl", "-sS", "--fail", "-o", "/dev/null", *form(target), "-F", f"file=@{source}", direct], check=True
        )
        now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        r = requests.post(
            f"{self.direct_api}/api/v1/assets/new/register_asset",
            headers=self.headers,
            timeout=60,
            json={
                "asset_id": target["asset_id"],
                "size": source.stat().st_size,
                "checksum": digest,
                "upload_time": now,
                "upload_started_at": now,
                "upload_completed_at": now,
                "service_data": {},
            },
        )
        r.raise_for_status()
        return target["asset_id"]

    def link(self, asset_id: str) -> str:
        r = requests.get(
            f"{self.direct_api}/api/v1/assets/{asset_id}/get_link",
            headers=self.headers,
            timeout=30,
            params={"content_key": "original", "expiry": 3600},
        )
        r.raise_for_status()
        return r.json()["url"]

    def registered(self) -> int:
        r = requests.post(
            f"{self.direct_api}/api/v1/search", json={"limit_per_page": 1}, timeout=30, headers=self.headers
        )
        return int(r.json()["total_results"])

    def drop_objects(self) -> None:
        """Delete stored object bytes (tmpfs is memory; a filling tmpfs slowed later writes in
        bench/transfer_vs_curl.py)."""
        for data_file in (self.data / "storage" / "objects").glob("*/*.data"):
            data_file.unlink()

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)
        self.wan.close()


def form(target: dict) -> list[str]:
    return [a for k, v in target["fields"].items() for a in ("-F", f"{k}={v}")]


def timed(
    cmd: list[str], env: dict | None = None, stdin: str | None = None
) -> tuple[float, subprocess.CompletedProcess]:
    t0 = time.perf_counter()
    out = subprocess.run(cmd, env=env, input=stdin, capture_output=True, text=True)
    return time.perf_counter() - t0, out


class Table:
    """Runs per (section, client): seconds, and the counts taken by the emulator."""

    def __init__(self):
        self.runs: dict[tuple[str, str], list[dict]] = {}

    def add(self, section: str, who: str, **values) -> None:
        self.runs.setdefault((section, who), []).append(values)

    def has(self, section: str, who: str) -> bool:
        return (section, who) in self.runs

    def median(self, section: str, who: str, field: str = "seconds") -> float:
        return statistics.median(r[field] for r in self.runs[(section, who)])


def failed(who: str, out: subprocess.CompletedProcess) -> SystemExit:
    return SystemExit(f"{who} failed (exit {out.returncode}): {(out.stderr or out.stdout)[-800:]}")


def run_download(args, work: Path, table: Table, notes: list[str]) -> None:
    size = args.size_mib * MiB
    data = scratch(work, "sandbox-a", size * 2)
    downloads = scratch(work, "downloads-a", size * 2)
    source = scratch(work, "source-a", size * 2) / "download.bin"
    rig = Rig(data, rtt=args.rtt / 1000, mbit=args.mbit)
    try:
        digest = make_file(source, size)
        asset_id = rig.put_object(source, digest)
        source.unlink()
        url = rig.link(asset_id)
        env = user_env(rig.key, work)
        clients = ["curl", "aria2c", "assetdrop"] if shutil.which("aria2c") else ["curl", "assetdrop"]
        if "aria2c" not in clients:
            notes.append("(a) aria2c not installed (apt install aria2): its row is missing")
        cpu0 = rig.emulator_cpu()
        for round_no in range(args.rounds):
            for who in clients[round_no % len(clients) :] + clients[: round_no % len(clients)]:
                out_dir = downloads / "out"
                out_dir.mkdir()
                rig.counts()
                if who == "curl":
                    cmd = ["curl", "-sS", "--fail", "-o", str(out_dir / "curl.bin"), url]
                elif who == "aria2c":
                    cmd = ["aria2c", "-x8", "-s8", "-q", "--file-allocation=none", "--allow-overwrite=true",
                           "-d", str(out_dir), "-o", "aria2c.bin", url]  # fmt: skip
                else:
                    cmd = [*cli(), "--api-url", rig.api, "download", asset_id, "--dest", str(out_dir)]
                seconds, out = timed(cmd, env)
                api, storage, tls = rig.counts()
                if out.returncode != 0:
                    raise failed(who, out)
                rig.check_settled(f"(a) {who}", notes)
                [got] = list(out_dir.iterdir())
                if md5_of(got) != digest:
                    raise SystemExit(f"{who}'s download differs from the file")
                table.add("a", who, seconds=seconds, api=api, storage=storage, tls=tls)
                shutil.rmtree(out_dir)
        table.add("a", "emulator", seconds=rig.emulator_cpu() - cpu0)
    finally:
        rig.close()
        for folder in (data, downloads, source.parent):
            shutil.rmtree(folder, ignore_errors=True)


def run_small(args, work: Path, table: Table, notes: list[str]) -> None:
    folder = work / "small"
    folder.mkdir()
    for i in range(args.files):
        (folder / f"f{i:05d}.bin").write_bytes(i.to_bytes(8, "little") + os.urandom(args.small_kib * 1024 - 8))
    missing = [t for t in ("jq", "xargs", "md5sum") if not shutil.which(t)]
    clients = ["assetdrop"] + ([] if missing else ["curl"])
    if missing:
        notes.append(f"(b) the xargs -P8 curl pipeline needs {', '.join(missing)} (make bench installs them)")
    for round_no in range(args.rounds):
        for who in clients[round_no % len(clients) :] + clients[: round_no % len(clients)]:
            # A fresh sandbox each time, so neither client pays for the other's data.
            data = scratch(work, "sandbox-b", args.files * args.small_kib * 1024 * 2)
            rig = Rig(data, rtt=args.small_rtt / 1000, mbit=None)
            try:
                env = dict(user_env(rig.key, work), API=rig.api, KEY=rig.key)
                rig.counts()
                if who == "assetdrop":
                    seconds, out = timed(
                        [
                            *cli(),
                            "--api-url",
                            rig.api,
                            "--requests-per-second",
                            "0",
                            "--jobs",
                            str(args.jobs),
                            "upload",
                            "--no-wait-ready",  # the curl pipeline does not wait for processing either
                            str(folder),
                        ],
                        env,
                    )
                else:
                    files = "\n".join(str(p) for p in sorted(folder.iterdir()))
                    seconds, out = timed(
                        ["xargs", "-P", str(args.jobs), "-n", "1", "bash", "-c", PER_FILE, "_"], env, stdin=files
                    )
                api, storage, tls = rig.counts()
                rig.check_settled(f"(b) {who}", notes)
                registered = rig.registered()
                if out.returncode != 0 or registered != args.files:
                    raise failed(f"{who} ({registered}/{args.files} registered)", out)
                table.add("b", who, seconds=seconds, api=api, storage=storage, tls=tls)
            finally:
                rig.close()
                shutil.rmtree(data, ignore_errors=True)


def run_upload(args, work: Path, table: Table, notes: list[str]) -> None:
    size = args.size_mib * MiB
    data = scratch(work, "sandbox-c", size * 3)
    source = scratch(work, "source-c", size * 2) / "upload.bin"
    rig = Rig(data, rtt=args.rtt / 1000, mbit=args.mbit)
    try:
        digest = make_file(source, size)
        env = user_env(rig.key, work)
        cpu0 = rig.emulator_cpu()
        for round_no in range(args.rounds):
            for who in ("curl", "assetdrop") if round_no % 2 == 0 else ("assetdrop", "curl"):
                if who == "curl":
                    target = rig.storage_target(source.name)  # step 1 done beforehand, not through the WAN
                    cmd = [
                        "curl",
                        "-sS",
                        "--fail",
                        "-o",
                        "/dev/null",
                        *form(target),
                        "-F",
                        f"file=@{source}",
                        target["url"],
                    ]
                else:
                    cmd = [*cli(), "--api-url", rig.api, "upload", "--no-wait-ready", str(source)]
                rig.counts()
                seconds, out = timed(cmd, env)
                api, storage, tls = rig.counts()
                if out.returncode != 0:
                    raise failed(who, out)
                rig.check_settled(f"(c) {who}", notes)
                stored = [md5_of(p) for p in (data / "storage" / "objects").glob("*/*.data")]
                if stored != [digest]:
                    raise SystemExit(f"{who}'s upload did not store the file ({len(stored)} objects)")
                table.add("c", who, seconds=seconds, api=api, storage=storage, tls=tls)
                rig.drop_objects()
        table.add("c", "emulator", seconds=rig.emulator_cpu() - cpu0)
    finally:
        rig.close()
        shutil.rmtree(data, ignore_errors=True)
        shutil.rmtree(source.parent, ignore_errors=True)


def report(args, table: Table, notes: list[str], start_seconds: float) -> None:
    size = args.size_mib * MiB
    rate = args.mbit * 1e6 / 8
    rtt = args.rtt / 1000
    label = {
        "curl": "curl",
        "aria2c": "aria2c -x8 -s8",
        "assetdrop": "assetdrop-cli",
    }
    print(
        f"\nOver an emulated WAN: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, "
        f"{tool_version(['curl', '--version'])[:11]}, "
        f"{tool_version(['aria2c', '--version'])}; median of {args.rounds} round(s), clients alternated; every client "
        f"a fresh process (assetdrop-cli's own start: {start_seconds:.2f} s)"
    )
    if "a" in args.sections:
        one, eight = size / rate + 2 * rtt, size / (8 * rate) + 2 * rtt
        print(
            f"\n(a) one {args.size_mib} MiB signed-GET download, {args.rtt:g} ms RTT, "
            f"{args.mbit:g} Mbit/s per connection"
        )
        print(f"{'client':<22}{'time s':>8}{'MB/s':>8}{'vs curl':>9}{'vs aria2c':>11}{'TCP: API':>10}{'storage':>9}")
        curl = table.median("a", "curl")
        aria = table.median("a", "aria2c") if table.has("a", "aria2c") else None
        for who in ("curl", "aria2c", "assetdrop"):
            if not table.has("a", who):
                continue
            s = table.median("a", who)
            vs_aria = f"{s / aria:>10.2f}x" if aria else f"{'-':>11}"
            print(
                f"{label[who]:<22}{s:>8.2f}{size / s / 1e6:>8.1f}{s / curl:>8.2f}x{vs_aria}"
                f"{table.median('a', who, 'api'):>10.0f}{table.median('a', who, 'storage'):>9.0f}"
            )
        print(
            f"floor: one connection at the cap {one:.2f} s, eight {eight:.2f} s (size / cap + handshake and request "
            f"round trips); emulator thread CPU {table.median('a', 'emulator'):.1f} s over all rounds"
        )
    if "b" in args.sections:
        srtt = args.small_rtt / 1000
        floor = math.ceil(args.files / args.jobs) * 3 * srtt + 2 * srtt
        print(
            f"\n(b) {args.files:,} x {args.small_kib} KiB three-step uploads, {args.small_rtt:g} ms RTT, no bandwidth "
            f"cap, {args.jobs} at once"
        )
        print(
            f"{'client':<22}{'time s':>8}{'files/s':>9}{'vs floor':>10}  {'new TCP per 1,000 files: API':>29}"
            f"{'storage':>9}{'TLS':>6}"
        )
        print(f"{'floor':<22}{floor:>8.2f}{args.files / floor:>9.1f}{1:>9.2f}x")
        # With the next file's storage URL asked for while this one sends (core/queue/lookahead.py), a worker
        # waits for two round trips per file, after the first file's three and the handshakes.
        ahead = math.ceil(args.files / args.jobs) * 2 * srtt + 3 * srtt
        print(f"{'floor, URL ahead':<22}{ahead:>8.2f}{args.files / ahead:>9.1f}{ahead / floor:>9.2f}x")
        per_k = 1000 / args.files
        for who, name in (("assetdrop", f"assetdrop-cli --jobs {args.jobs}"), ("curl", f"xargs -P{args.jobs} curl")):
            if not table.has("b", who):
                continue
            s = table.median("b", who)
            print(
                f"{name:<22}{s:>8.2f}{args.files / s:>9.1f}{s / floor:>9.2f}x  "
                f"{table.median('b', who, 'api') * per_k:>29.0f}{table.median('b', who, 'storage') * per_k:>9.0f}"
                f"{table.median('b', who, 'tls') * per_k:>6.0f}"
            )
        print(
            f"floor: ceil({args.files} / {args.jobs}) x 3 round trips, plus the handshake before the first API call "
            "and the first storage POST (the sandbox is plain http: no TLS); 'URL ahead': 2 round trips a file once "
            "each file's storage URL is asked for while the one before it sends"
        )
    if "c" in args.sections:
        one = size / rate + 2 * rtt
        print(f"\n(c) one {args.size_mib} MiB upload, {args.rtt:g} ms RTT, {args.mbit:g} Mbit/s per connection")
        print(f"{'client':<34}{'time s':>8}{'MB/s':>8}{'vs curl':>9}{'TCP: API':>10}{'storage':>9}")
        curl = table.median("c", "curl")
        for who, name in (("curl", "curl -F (presigned POST only)"), ("assetdrop", "assetdrop-cli upload (3 steps)")):
            s = table.median("c", who)
            print(
                f"{name:<34}{s:>8.2f}{size / s / 1e6:>8.1f}{s / curl:>8.2f}x"
                f"{table.median('c', who, 'api'):>10.0f}{table.median('c', who, 'storage'):>9.0f}"
            )
        print(
            f"floor: one connection at the cap {one:.2f} s (size / cap + handshake and request round trips); "
            f"emulator thread CPU {table.median('c', 'emulator'):.1f} s over all rounds"
        )
    for note in notes:
        print(note)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rtt", type=float, default=40.0, help="RTT in ms for (a) and (c) (default 40)")
    parser.add_argument("--mbit", type=float, default=100.0, help="cap per connection and direction, (a) and (c)")
    parser.add_argument("--size-mib", "--size", type=int, default=256, help="file size for (a) and (c), MiB")
    parser.add_argument("--files", type=int, default=2000, help="small files in (b)")
    parser.add_argument("--small-kib", type=int, default=16)
    parser.add_argument("--small-rtt", type=float, default=60.0, help="RTT in ms for (b) (default 60)")
    parser.add_argument("--jobs", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sections", default="a,b,c", help="comma-separated subset of a,b,c")
    parser.add_argument("--quick", action="store_true", help="smoke run: 2 MiB, 16 files, one round")
    args = parser.parse_args()
    if args.quick:
        args.size_mib, args.files, args.rounds = 2, 16, 1
    args.sections = [s for s in args.sections.split(",") if s]
    if not shutil.which("curl"):
        sys.exit("curl is needed as the reference (apt install curl)")
    work = Path(tempfile.mkdtemp(prefix="assetdrop-wan-"))
    table, notes = Table(), []
    try:
        start_seconds = statistics.median(timed([*cli(), "--version"])[0] for _ in range(3))
        for section, run in (("a", run_download), ("b", run_small), ("c", run_upload)):
            if section in args.sections:
                print(f"measuring ({section}) ...", flush=True)
                run(args, work, table, notes)
        report(args, table, notes, start_seconds)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
