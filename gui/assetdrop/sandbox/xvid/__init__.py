"""The Xvid MediaHub file store (docs/providers.md), served by the sandbox under `/v1/`."""

from .app import XvidApi

__all__ = ["XvidApi"]
