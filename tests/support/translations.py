"""pyside6-lupdate and pyside6-lrelease run exactly as the Makefile runs them (`make update-translations`,
`make translations`), through PySide6's own tool wrapper, so the tests need no PATH set-up."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TS_DIR = ROOT / "resources" / "translations"
QT_SOURCES = sorted((ROOT / "gui" / "assetdrop" / "qt").glob("*.py"))
CORE_SOURCES = sorted((ROOT / "gui" / "assetdrop" / "core").rglob("*.py"))  # its translate("ctx", "...") sentences
TR_SOURCES = QT_SOURCES + CORE_SOURCES  # what the Makefile's update-translations reads
PLURAL_ONLY = {"en"}  # English is the source text: its .ts holds only the numerus forms


def _tool(name: str, *args: str) -> subprocess.CompletedProcess:
    code = f"import sys; from PySide6.scripts.pyside_tool import {name}; sys.exit({name}())"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)


def languages() -> list[str]:
    return sorted(ts.stem.split("_", 1)[1] for ts in TS_DIR.glob("assetdrop_*.ts"))


def lupdate(ts: Path, lang: str) -> None:
    flags = ["-silent", "-locations", "none", "-no-obsolete", *(["-pluralonly"] if lang in PLURAL_ONLY else [])]
    _tool("lupdate", *flags, *map(str, TR_SOURCES), "-ts", str(ts))


def compile_all() -> None:
    """`make translations`: each .qm next to its .ts, rebuilt when the .ts is newer."""
    for ts in TS_DIR.glob("*.ts"):
        qm = ts.with_suffix(".qm")
        if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            _tool("lrelease", "-silent", str(ts), "-qm", str(qm))


@dataclass(frozen=True)
class Entry:
    context: str
    source: str
    translations: tuple[str, ...]  # one, or the numerus forms
    status: str  # "" when done; "unfinished", "obsolete", "vanished"

    def __str__(self) -> str:
        return f"[{self.status or 'done'}] {self.context}: {self.source!r}"


def entries(ts: Path) -> list[Entry]:
    found = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
            found.append(Entry(name, message.findtext("source", ""), tuple(forms), translation.get("type", "")))
    return found
