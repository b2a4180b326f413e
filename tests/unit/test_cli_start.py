"""What `assetdrop-cli` imports before it does anything: its start is paid on every command (bench/wan.py prints
it beside each figure), so modules only some commands need are imported when those commands run.

A fresh interpreter imports the CLI and reports which of those modules got loaded (no timing: a module list).
"""

from __future__ import annotations

import json
import subprocess
import sys

# (module, why the CLI's start need not load it)
NOT_AT_START = [
    ("filelock", "the queue's lock: only --queued takes it (core/queue/ownership.py)"),
    ("asyncio", "imported by filelock; nothing else in the CLI's start needs an event loop"),
    ("PySide6", "the window's toolkit: core and the CLI have no Qt"),
]


def test_the_cli_imports_no_module_only_some_commands_need():
    probe = "import json, sys, assetdrop.cli; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)
    loaded = set(json.loads(out.stdout))
    assert "assetdrop.cli" in loaded
    for module, why in NOT_AT_START:
        assert module not in loaded, f"{module} is imported at the CLI's start ({why})"
