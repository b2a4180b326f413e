"""Benchmark: N small files through the full three-step flow, Assetdrop vs a shell pipeline of curl + xargs -P8.

The reference does exactly the same per file (storage URL from the API, presigned POST to storage, register with
size and MD5) as a shell pipeline: `xargs -P8` runs one shell per file, which calls curl three times, jq to read
the JSON and md5sum. Assetdrop runs `assetdrop-cli --jobs 8 upload DIR`: one process, eight long-lived threads,
keep-alive pools sized to the concurrency. The sandbox runs in its own process. Prints figures; asserts nothing.

    python bench/many_small_files.py [--files 2000] [--size-kib 16] [--jobs 8]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PER_FILE = r"""
set -e
f="$1"; name=$(basename "$f")
resp=$(curl -sS --fail -H "X-FileSpin-Api-Key: $KEY" --get --data-urlencode "filename=$name" \
       "$API/api/v1/assets/new/content_storage_url")
id=$(printf '%s' "$resp" | jq -r .asset_id)
url=$(printf '%s' "$resp" | jq -r .storage.url)
mapfile -t form < <(printf '%s' "$resp" | jq -r '.storage.fields | to_entries[] | "-F", "\(.key)=\(.value)"')
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
curl -sS --fail -o /dev/null "${form[@]}" -F "file=@$f" "$url"
done_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)
md5=$(md5sum "$f" | cut -d' ' -f1); size=$(stat -c %s "$f")
curl -sS --fail -o /dev/null -H "X-FileSpin-Api-Key: $KEY" -H "Content-Type: application/json" \
  -d "{\"asset_id\":\"$id\",\"size\":$size,\"checksum\":\"$md5\",\"upload_time\":\"$done_at\",\"upload_started_at\":\"$started\",\"upload_completed_at\":\"$done_at\",\"service_data\":{}}" \
  "$API/api/v1/assets/new/register_asset"
"""


def start_sandbox(data: Path):
    # The client's speed against curl's, not the vendor's limits (the client paces itself) or processing: off.
    proc = subprocess.Popen(
        [sys.executable, "-m", "assetdrop.cli", "sandbox", "--data", str(data), "--no-rate-limits"],
        stdout=subprocess.PIPE,
        text=True,
    )
    api = proc.stdout.readline().split()[-1]
    key = proc.stdout.readline().split()[-1]
    return proc, api, key


def count_assets(api: str, key: str) -> int:
    import requests

    r = requests.post(
        f"{api}/api/v1/search", json={"limit_per_page": 1}, timeout=30, headers={"X-FileSpin-Api-Key": key}
    )
    return int(r.json()["total_results"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--size-kib", type=int, default=16)
    parser.add_argument("--jobs", type=int, default=8)
    args = parser.parse_args()
    for tool in ("curl", "jq", "xargs", "md5sum"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is needed for the reference pipeline (make bench installs it)")
    work = Path(tempfile.mkdtemp(prefix="assetdrop-small-"))
    try:
        folder = work / "files"
        folder.mkdir()
        for i in range(args.files):
            (folder / f"f{i:05d}.bin").write_bytes(i.to_bytes(8, "little") + os.urandom(args.size_kib * 1024 - 8))
        results = {}
        for who in ("assetdrop", "curl"):  # a fresh sandbox each, so neither pays for the other's data
            proc, api, key = start_sandbox(work / f"sandbox-{who}")
            try:
                env = dict(os.environ, API=api, KEY=key, ASSETDROP_API_KEY=key, ASSETDROP_HOME=str(work / "home"))
                start = time.perf_counter()
                if who == "assetdrop":
                    out = subprocess.run(
                        [
                            sys.executable,
                            "-m",
                            "assetdrop.cli",
                            "--api-url",
                            api,
                            "--requests-per-second",  # the client's own cost: unpaced, as the curl pipeline is
                            "0",
                            "--jobs",
                            str(args.jobs),
                            "upload",
                            "--no-wait-ready",  # curl does not wait for processing either
                            str(folder),
                        ],
                        env=env,
                        capture_output=True,
                        text=True,
                    )
                else:
                    files = "\n".join(str(p) for p in sorted(folder.iterdir()))
                    out = subprocess.run(
                        ["xargs", "-P", str(args.jobs), "-n", "1", "bash", "-c", PER_FILE, "_"],
                        input=files,
                        env=env,
                        capture_output=True,
                        text=True,
                    )
                seconds = time.perf_counter() - start
                registered = count_assets(api, key)
                results[who] = seconds
                print(
                    f"{who:>10}: {seconds:7.2f} s  {args.files / seconds:7.1f} files/s  exit {out.returncode}  "
                    f"registered {registered}/{args.files}",
                    flush=True,
                )
            finally:
                proc.terminate()
                proc.wait(timeout=30)
        ratio = results["assetdrop"] / results["curl"]
        print(
            f"\n{args.files} x {args.size_kib} KiB, full three-step flow, {args.jobs} at once, "
            f"{os.cpu_count()} CPUs: Assetdrop / (xargs -P{args.jobs} curl) = {ratio:.2f}x"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
