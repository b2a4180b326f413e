"""A 200 MiB upload's peak memory stays far below the file size (the file is streamed, never read whole).

Measured in a fresh process: ru_maxrss after imports and a warm-up upload, then after the big upload.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from tests.conftest import write_file

MiB = 1024 * 1024

SCRIPT = textwrap.dedent("""
    import json, resource, sys
    from assetdrop.core.http import HttpClient
    from assetdrop.core.providers.registry import connect
    api_url, key, small, big = sys.argv[1:]
    rss = lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    with HttpClient() as http:
        provider = connect("filespin", http, api_url, key)
        provider.upload(small)          # warm-up: connections, imports, first JSON
        baseline = rss()
        result = provider.upload(big)
        print(json.dumps({"baseline": baseline, "peak": rss(), "size": result.size}))
""")


@pytest.mark.slow
def test_peak_memory_of_a_200_mib_upload(sandbox, tmp_path):
    small, big = tmp_path / "small.bin", tmp_path / "big.bin"
    write_file(small, 1000)
    write_file(big, 200 * MiB)
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, sandbox.api_url, sandbox.api_key, str(small), str(big)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    figures = json.loads(out.stdout)
    growth = figures["peak"] - figures["baseline"]
    print(
        f"\n200 MiB upload: baseline RSS {figures['baseline'] / MiB:.1f} MiB, "
        f"peak {figures['peak'] / MiB:.1f} MiB, growth {growth / MiB:.1f} MiB"
    )
    assert figures["size"] == 200 * MiB
    assert growth < 32 * MiB, f"upload grew RSS by {growth / MiB:.1f} MiB for a 200 MiB file"
