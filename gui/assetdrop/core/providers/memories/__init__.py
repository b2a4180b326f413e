"""memories.ai (docs/providers.md, "memories.ai"): its declaration (provider.py), from which the app derives
the rest."""

from __future__ import annotations

from .envelope import envelope_error
from .provider import SPEC, MemoriesPaths, MemoriesProvider

KIND = SPEC.kind

__all__ = ["KIND", "SPEC", "MemoriesPaths", "MemoriesProvider", "envelope_error"]
