"""What a test needs from this machine: missing, it is a skip that says why; a failure when `make test`, which
provides it, set the flag that forces it (so a CI machine that lost Xvfb or root fails, never skips quietly)."""

from __future__ import annotations

import os
from typing import NoReturn

import pytest

XVFB = "ASSETDROP_REQUIRE_XVFB"  # make test installs Xvfb
ROOT = "ASSETDROP_REQUIRE_ROOT"  # make test run as root (CI): tmpfs mounts, another user for unreadable files


def unavailable(reason: str, flag: str) -> NoReturn:
    if os.environ.get(flag) == "1":
        pytest.fail(f"{reason} ({flag}=1: make test provides it)")
    pytest.skip(reason)
