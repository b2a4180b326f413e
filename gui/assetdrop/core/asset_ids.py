"""Find asset IDs in dropped or pasted text (a list, a sentence, a URL holding one)."""

from __future__ import annotations

import re

# FileSpin: 32 hex; memories.ai: re_<digits>. Other providers' IDs are accepted one per line (see below).
_PATTERNS = re.compile(r"\b(?:[0-9a-fA-F]{32}|re_\d{6,})\b")
_TOKEN = re.compile(r"^[A-Za-z0-9_\-]{6,128}$")


def find_asset_ids(text: str) -> list[str]:
    """IDs in order of appearance, without duplicates. Lines that are one bare token count as IDs too."""
    found = _PATTERNS.findall(text or "")
    if not found:
        found = [line.strip() for line in (text or "").splitlines() if _TOKEN.match(line.strip())]
    return list(dict.fromkeys(found))
