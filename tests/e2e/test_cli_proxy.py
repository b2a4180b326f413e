"""The command line behind a proxy, as a user runs it: `--proxy` with `--proxy-user` (the password from
ASSETDROP_PROXY_PASSWORD), `--no-proxy` over a proxy variable, and a dead proxy said in words. A real tinyproxy,
a real CLI process, the real sandbox; a tap records what the proxy received."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from tests.conftest import md5_of, write_file
from tests.support.proxy_servers import Tap, Tinyproxy, free_port

pytestmark = pytest.mark.skipif(not Tinyproxy.available(), reason="tinyproxy is not installed (make system-deps)")

CLI = [sys.executable, "-m", "assetdrop.cli"]
MiB = 1024 * 1024
USER, PASSWORD = "carol", "cli-proxy-secret"


def run_cli(sandbox, *args, **env_extra):
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env.update(ASSETDROP_API_KEY=sandbox.api_key, **env_extra)
    return subprocess.run(
        [*CLI, "--api-url", sandbox.api_url, *args], capture_output=True, text=True, env=env, timeout=300
    )


def test_upload_and_a_segmented_download_through_the_proxy(sandbox, tmp_path):
    source = tmp_path / "big through proxy.bin"
    digest = write_file(source, 40 * MiB)  # above the segmented-download threshold (transfer/parallel.py)
    with Tinyproxy(tmp_path / "tp", user=USER, password=PASSWORD) as tinyproxy:
        # 30 ms before each connection's first answer: a WAN to the client, which then downloads in segments
        with Tap(("127.0.0.1", tinyproxy.port), answer_delay=0.03) as tap:
            flags = ["--proxy", f"127.0.0.1:{tap.port}", "--proxy-user", USER]
            up = run_cli(sandbox, *flags, "upload", str(source), ASSETDROP_PROXY_PASSWORD=PASSWORD)
            assert up.returncode == 0, up.stderr
            asset_id = up.stdout.split("\t")[0]
            dest = tmp_path / "down"
            down = run_cli(
                sandbox, *flags, "download", asset_id, "--dest", str(dest), ASSETDROP_PROXY_PASSWORD=PASSWORD
            )
            assert down.returncode == 0, down.stderr
            assert md5_of(dest / source.name) == digest
            seen = tap.text()
    heads = [line for line in seen.split("\r\n") if re.match(r"(GET|POST|PUT|HEAD) http://", line)]
    assert any(f"{sandbox.api_url}/" in line for line in heads)
    ranges = re.findall(r"\r\nRange: bytes=\d+-\d+", seen)
    assert len(ranges) >= 3  # the download came in segments (the first GET and its split-off ranges), all proxied
    assert seen.count("Proxy-Authorization: Basic") >= len(heads)
    assert PASSWORD not in up.stderr + down.stderr
    for record in sandbox.storage.received:
        assert sandbox.api_key not in record.path + " ".join(record.headers.values())
        assert not any(k.lower() == "proxy-authorization" for k in record.headers)


def test_no_proxy_flag_overrides_a_proxy_variable(sandbox, tmp_path):
    source = tmp_path / "direct.txt"
    write_file(source, 1000)
    dead = f"http://127.0.0.1:{free_port()}"
    home = tmp_path / "home"
    (home / "config").mkdir(parents=True)
    (home / "config" / "settings.json").write_text('{"retry_attempts": 1}')  # the refusal once, not six times
    no_proxy = run_cli(sandbox, "--no-proxy", "upload", str(source), HTTP_PROXY=dead, ASSETDROP_HOME=str(home))
    assert no_proxy.returncode == 0, no_proxy.stderr
    refused = run_cli(sandbox, "upload", str(source), HTTP_PROXY=dead, ASSETDROP_HOME=str(home))
    assert refused.returncode != 0
    assert f"Could not connect to the proxy {dead[7:]}: connection refused. Check HTTP_PROXY" in refused.stderr
    assert "Traceback" not in refused.stderr
