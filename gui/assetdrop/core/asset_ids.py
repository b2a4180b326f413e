"""Find asset IDs in dropped or pasted text (a list, a sentence, a URL holding one), by the providers' own patterns
(each spec's `asset_id_pattern`, providers/registry.py)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .providers.registry import SPECS

_TOKEN = re.compile(r"^[A-Za-z0-9_\-]{6,128}$")


def find_asset_ids(text: str, kinds: Iterable[str] | None = None) -> list[str]:
    """IDs in order of appearance, without duplicates, by the patterns of `kinds` (all known kinds when None).
    When no pattern matches, lines that are one bare token count as IDs (providers whose IDs have no shape)."""
    wanted = set(kinds) if kinds is not None else None
    patterns = [
        spec.asset_id_pattern for spec in SPECS if spec.asset_id_pattern and (wanted is None or spec.kind in wanted)
    ]
    found = re.findall(rf"\b(?:{'|'.join(patterns)})\b", text or "") if patterns else []
    if not found:
        found = [line.strip() for line in (text or "").splitlines() if _TOKEN.match(line.strip())]
    return list(dict.fromkeys(found))
