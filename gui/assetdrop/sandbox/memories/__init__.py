"""The memories.ai asset API (docs/providers.md), served by the sandbox under `/serve/api/v2/`."""

from .app import MemoriesApi

__all__ = ["MemoriesApi"]
