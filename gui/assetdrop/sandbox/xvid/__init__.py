"""The Xvid MediaHub file store (PROVIDERS.md §2), served by the sandbox under `/v1/`."""

from .app import XvidApi

__all__ = ["XvidApi"]
