"""The client keeps to the vendors' request limits on its own (core/transfer/pacing.py), against the sandbox
enforcing them as documented (gui/assetdrop/sandbox/ratelimit.py): many small uploads through the real CLI, eight
at once, and not one request refused. The same run unpaced (`--requests-per-second 0`) is refused, so the load
is one that meets the limit: the paced run's zero is earned, not idle.
"""

from __future__ import annotations

import collections
import os
import subprocess
import sys

import pytest

from assetdrop.core import settings
from tests.conftest import write_file

CLI = [sys.executable, "-m", "assetdrop.cli"]


@pytest.fixture
def limited(tmp_path):
    from assetdrop.sandbox.server import Sandbox

    with Sandbox(tmp_path / "sandbox") as sandbox:  # limits on, as the vendors have them
        sandbox.processing_delay = 0.05
        yield sandbox


def small_files(folder, count: int) -> set[str]:
    return {write_file(folder / f"f{i:03d}.bin", 4096 + i, seed=i) for i in range(count)}


def upload(sandbox, folder, kind: str, url: str, key: str, *extra: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, ASSETDROP_API_KEY=key)
    cmd = [*CLI, "--kind", kind, "--api-url", url, "--jobs", "8", *extra, "upload", "--no-wait-ready", str(folder)]
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)


def test_filespin_uploads_at_eight_at_once_are_never_refused(limited, tmp_path):
    """At 10 requests a second (the documented 30 is bench/pacing.py's: a loaded test machine's scheduling jitter
    must not decide this), and the client told 9, as a user whose plan allows less would set it."""
    rate, invalid = limited.filespin.rate_limit, limited.filespin.invalid_limit
    rate.limit, rate.cooldown = 10, 1.0  # the unpaced control run's refusals clear in a second, not a minute
    settings.save(settings.Settings(retry_base_delay=0.1, retry_max_delay=0.5))  # the control's retries: quick
    control = tmp_path / "control"
    small_files(control, 24)
    upload(limited, control, "filespin", limited.api_url, limited.api_key, "--requests-per-second", "0")
    assert rate.refused > 0, "unpaced, this load does not meet the limit: the paced run would prove nothing"

    rate.reset()
    rate.refused = 0
    folder = tmp_path / "paced"
    digests = small_files(folder, 40)
    before = collections.Counter(a["checksum"] for a in limited.assets())
    done = upload(limited, folder, "filespin", limited.api_url, limited.api_key, "--requests-per-second", "9")
    assert done.returncode == 0, done.stderr[-2000:]
    assert rate.refused == 0 and not invalid.tripped
    after = collections.Counter(a["checksum"] for a in limited.assets()) - before
    assert set(after) == digests and max(after.values()) == 1


def test_memories_uploads_keep_under_its_limit(limited, tmp_path):
    folder = tmp_path / "memories"
    digests = small_files(folder, 20)
    done = upload(limited, folder, "memories", limited.memories_url, limited.memories_key)
    assert done.returncode == 0, done.stderr[-2000:]
    assert limited.memories.rate_limit.refused == 0
    assert len(done.stdout.split()) >= len(digests)
