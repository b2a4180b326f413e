"""FileSpin (docs/providers.md, "FileSpin"): its declaration (provider.py), from which the app derives the rest."""

from __future__ import annotations

from .endpoints import FileSpinPaths, StorageTarget
from .provider import SPEC, FileSpinProvider

KIND = SPEC.kind

__all__ = ["KIND", "SPEC", "FileSpinPaths", "FileSpinProvider", "StorageTarget"]
