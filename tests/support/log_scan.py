"""pytest plugin: after the whole run, scan every log the run produced for keys and URL signatures.

During the session every `assetdrop.*` record (DEBUG and up) and urllib3's request lines go through the app's own
`RedactingFilter` into `<basetemp>/assetdrop-session.log`, next to the logs the app and CLI processes wrote under
their temporary ASSETDROP_HOME folders. At the end, every `*.log*` file under the run's base temp folder is
searched for:

- every secret the run registered (`redact.register_secret`: the keys in use) and every key the sandboxes made
  (their `api_key`, `memories_key` and `xvid_credentials.json` files), plus those tests declared with `remember`;
- any signature/credential query parameter or credential header that still carries a value.

A hit fails the run (exit status 1) and prints the file, line number and which secret, never the secret itself.
Registered in tests/conftest.py through `pytest_plugins`.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest

from assetdrop.core.logsetup import RedactingFilter
from assetdrop.core.redact import REDACTED, registered_secrets

SESSION_LOG = "assetdrop-session.log"
_remembered: set[str] = set()
_state: dict = {}

# name=value or 'name': 'value' where value is not REDACTED (and is long enough to be a real secret)
_SIGNED_PARAM = re.compile(
    r"(?i)(?<![\w-])(x-amz-signature|x-amz-credential|x-amz-security-token|signature|"
    r"x-goog-signature|x-goog-credential|awsaccesskeyid|policy|client_secret|access_token)"
    r"""(?:=|['"]\s*:\s*['"])(?!""" + REDACTED + r""")([^&\s'"<>]{6,})"""
)
_HEADER = re.compile(
    r"(?i)(?<![\w-])(x-filespin-api-key|authorization)['\"]?\s*:\s*['\"]?(?!"
    + REDACTED
    + r")(?:bearer\s+)?([A-Za-z0-9._~+/=-]{8,})"
)


def remember(secret: str) -> None:
    """Declare a secret a test used (the scan then makes sure no log holds it)."""
    if secret and len(secret) >= 6:
        _remembered.add(secret)


@pytest.fixture(scope="session", autouse=True)
def _session_log(tmp_path_factory):
    base = tmp_path_factory.getbasetemp()
    _state["base"] = base
    handler = logging.FileHandler(base / SESSION_LOG, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    handler.setLevel(logging.DEBUG)
    watched = [logging.getLogger("assetdrop"), logging.getLogger("urllib3.connectionpool")]
    levels = [logger.level for logger in watched]
    for logger in watched:
        logger.setLevel(logging.DEBUG)
        logger.addHandler(handler)
    yield
    for logger, level in zip(watched, levels, strict=True):
        logger.removeHandler(handler)
        logger.setLevel(level)
    handler.close()


def _sandbox_secrets(base: Path) -> set[str]:
    found: set[str] = set()
    for name in ("api_key", "memories_key"):
        for path in base.rglob(name):
            if path.is_file() and path.stat().st_size < 4096:
                found.add(path.read_text(encoding="utf-8", errors="replace").strip())
    for path in base.rglob("xvid_credentials.json"):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict):
            found.update(str(data[k]) for k in ("client_secret",) if data.get(k))
    return {s for s in found if len(s) >= 8}


def scan(base: Path, secrets: set[str], pattern: str = "*.log*") -> list[str]:
    """Problems found in the logs under `base`: 'file:line: what' (never the secret itself)."""
    problems = []
    for path in sorted(p for p in base.rglob(pattern) if p.is_file()):
        try:
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            continue
        for number, line in enumerate(lines, 1):
            where = f"{path.relative_to(base)}:{number}"
            for secret in secrets:
                if secret in line:
                    problems.append(f"{where}: holds a key ({secret[:3]}…, {len(secret)} characters)")
            for match in _SIGNED_PARAM.finditer(line):
                problems.append(f"{where}: unredacted {match.group(1)}")
            for match in _HEADER.finditer(line):
                problems.append(f"{where}: unredacted {match.group(1)} header")
    return problems


def pytest_sessionfinish(session, exitstatus):
    base = _state.get("base")
    if base is None:
        return
    secrets = {s for s in (*registered_secrets(), *_remembered, *_sandbox_secrets(base)) if len(s) >= 6}
    problems = scan(base, secrets)
    _state["result"] = (len(list(base.rglob("*.log*"))), len(secrets), problems)
    if problems:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter):
    result = _state.get("result")
    if result is None:
        return
    files, secrets, problems = result
    if problems:
        terminalreporter.section("log scan: secrets found in logs", red=True)
        for problem in problems[:50]:
            terminalreporter.write_line(problem)
        terminalreporter.write_line(f"{len(problems)} problem(s) in {files} log file(s)")
    else:
        terminalreporter.write_line(
            f"log scan: {files} log file(s), {secrets} known secret(s), no key and no signature found"
        )
