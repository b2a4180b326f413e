"""Xvid MediaHub (docs/providers.md, "Xvid MediaHub"): its declaration (provider.py), from which the app derives
the rest."""

from __future__ import annotations

from .auth import XvidCredentials
from .links import XvidLinkOptions
from .provider import SPEC, XvidPaths, XvidProvider

KIND = SPEC.kind

__all__ = ["KIND", "SPEC", "XvidCredentials", "XvidLinkOptions", "XvidPaths", "XvidProvider"]
