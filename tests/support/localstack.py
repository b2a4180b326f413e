"""Session fixture `localstack_endpoint`: LocalStack's S3 on a free loopback port, as the conformance oracle.

LocalStack runs from its own Python 3.13 venv (`.venv-s3`, made by `make test`; override the interpreter with
ASSETDROP_LOCALSTACK_PYTHON) with these settings: loopback only, S3 only,
signature validation on, a scratch HOME. Missing venv: skip with the reason, or fail if ASSETDROP_REQUIRE_LOCALSTACK=1.

Use it by importing the fixture into a conftest (`from tests.support.localstack import localstack_endpoint`) or
with `pytest_plugins = ["tests.support.localstack"]`.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
READY_TIMEOUT = 60.0
ACCESS_KEY = SECRET_KEY = "test"
REGION = "us-east-1"


def localstack_python() -> Path:
    override = os.environ.get("ASSETDROP_LOCALSTACK_PYTHON")
    return Path(override) if override else REPO_ROOT / ".venv-s3" / "bin" / "python"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def localstack_env(port: int, home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "LC_ALL", "TMPDIR", "TZ")}
    env.update(
        {
            "GATEWAY_SERVER": "hypercorn",  # the default server would listen on 0.0.0.0
            "GATEWAY_LISTEN": f"127.0.0.1:{port}",
            "SERVICES": "s3",
            "EAGER_SERVICE_LOADING": "1",
            "DNS_ADDRESS": "0",  # no DNS server
            "DISABLE_EVENTS": "1",
            "SKIP_SSL_CERT_DOWNLOAD": "1",
            "S3_SKIP_SIGNATURE_VALIDATION": "0",  # check signatures and expiry of presigned URLs
            "HOME": str(home),
        }
    )
    return env


def _ready(endpoint: str) -> bool:
    import requests

    try:
        r = requests.get(f"{endpoint}/_localstack/health", timeout=2)
        return r.status_code == 200 and r.json().get("services", {}).get("s3") in ("available", "running")
    except (requests.RequestException, ValueError):
        return False


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=5)
    except ProcessLookupError:
        pass


@pytest.fixture(scope="session")
def localstack_endpoint(tmp_path_factory):
    """`http://127.0.0.1:<port>` of a running LocalStack S3 (credentials test/test, region us-east-1)."""
    python = localstack_python()
    if not python.exists():
        reason = (
            f"LocalStack venv not found at {python} (create it with `make test`, or set ASSETDROP_LOCALSTACK_PYTHON)"
        )
        if os.environ.get("ASSETDROP_REQUIRE_LOCALSTACK") == "1":
            pytest.fail(reason + "; ASSETDROP_REQUIRE_LOCALSTACK=1 makes this an error", pytrace=False)
        pytest.skip(reason)
    work = tmp_path_factory.mktemp("localstack")
    port = _free_port()
    endpoint = f"http://127.0.0.1:{port}"
    log_path = work / "localstack.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [str(python), "-m", "localstack.runtime.main"],
            env=localstack_env(port, work),
            cwd=work,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )  # its own process group, so all of it can be stopped
    try:
        deadline = time.monotonic() + READY_TIMEOUT
        while not _ready(endpoint):
            if proc.poll() is not None or time.monotonic() > deadline:
                tail = log_path.read_text(errors="replace")[-3000:]
                state = (
                    f"exited with {proc.returncode}"
                    if proc.poll() is not None
                    else f"not ready after {READY_TIMEOUT:.0f} s"
                )
                pytest.fail(f"LocalStack {state} ({log_path}):\n{tail}", pytrace=False)
            time.sleep(0.2)
        yield endpoint
    finally:
        _stop(proc)
