"""The memories.ai asset API (PROVIDERS.md §3), served by the sandbox under `/serve/api/v2/`."""

from .app import MemoriesApi

__all__ = ["MemoriesApi"]
