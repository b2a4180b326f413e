"""Collects the outcome of every `@pytest.mark.case(...)` test and, after a full run of them, writes the table
in docs/reliability.md (so the document always shows what the last complete run found)."""

from __future__ import annotations

import datetime
import platform
from pathlib import Path

import pytest

from tests.reliability.rig import env, rig  # noqa: F401  (fixtures shared by the case modules)

DOC = Path(__file__).resolve().parents[2] / "docs" / "reliability.md"
_results: dict[str, tuple[str, str, str, float]] = {}
_collected: list[str] = []


def pytest_collection_modifyitems(items):
    _collected.extend(item.nodeid for item in items if item.get_closest_marker("case"))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    marker = item.get_closest_marker("case")
    if marker is None or (report.when != "call" and report.passed):
        return
    name, expectation = marker.args
    if report.when == "call" or report.failed:
        _results[item.nodeid] = (name, expectation, report.outcome, report.duration)


def _every_case_module_collected() -> bool:
    """Running one file (or -k) must not shrink the table to that file's cases."""
    here = Path(__file__).parent
    modules = {p.name for p in here.glob("test_*.py") if "case(" in p.read_text(encoding="utf-8")}
    return modules <= {Path(nodeid.split("::")[0]).name for nodeid in _collected}


def pytest_sessionfinish(session):
    if not _collected or set(_collected) - set(_results) or not _every_case_module_collected():
        return  # a partial run: leave the document as the last full run wrote it
    rows = [_results[nodeid] for nodeid in _collected]
    passed = sum(1 for r in rows if r[2] == "passed")
    lines = [
        "# Reliability: faults and bad input",
        "",
        "Written by `tests/reliability/` at the end of every full run (`make test`). Each case runs against the real",
        "sandbox over loopback, faults injected by a real TCP proxy (`tests/support/fault_proxy.py`), a real tmpfs",
        "for a full disk, a real unprivileged user for an unreadable file; each asserts the message a person sees and",
        "that nothing is lost (no partial file under its final name, no asset registered twice or half-registered).",
        "",
        f"Last run: {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, Python "
        f"{platform.python_version()}, {platform.system()} — **{passed} of {len(rows)} cases passed**.",
        "",
        "| # | case | expected | result | s |",
        "|---|---|---|---|---|",
    ]
    for number, (name, expectation, outcome, duration) in enumerate(rows, start=1):
        lines.append(f"| {number} | {name} | {expectation} | {outcome} | {duration:.1f} |")
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text("\n".join(lines) + "\n", encoding="utf-8")
