"""A profile's secrets as the Profiles dialog sees them: which are stored (and where), and the keyring entry that
what is typed stands for.

One keyring entry holds every secret option of a profile (core/providers/spec.py `decode_secret`): the key, or
Xvid's client pair and token, and the proxy password. So "is a key stored?" is asked per option, and typing one
secret keeps the others that are stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..core import errors
from ..core.providers.spec import ProviderSpec
from .option_form import Stored


def stored_secrets(session: Any, spec: ProviderSpec[Any], name: str) -> Stored:
    """The secret options stored for the profile, and whether only for this run (a key kept in memory when there
    was no keyring, the built-in sandbox's, or a session-only store) rather than in the keyring."""
    runtime = session.runtime_key(name)
    try:
        text = runtime or session.credentials.get(name) or ""
    except errors.KeyringUnavailable:
        text = ""
    try:
        names = frozenset(spec.decode_secret(text))
    except errors.CredentialsError:
        names = frozenset()  # unreadable: nothing usable is stored
    return Stored(names, in_memory=bool(runtime) or session.credentials.session_only)


def secret_on_screen(session: Any, spec: ProviderSpec[Any], typed: Mapping[str, str], name: str) -> str:
    """The keyring entry the form stands for: what is typed over what is stored ("" when nothing is typed)."""
    if not typed:
        return ""
    stored: dict[str, str] = {}
    if len(typed) < len(spec.secrets):
        try:
            stored = spec.decode_secret(session.credentials.get(name) or "")
        except (errors.CredentialsError, errors.KeyringUnavailable):
            stored = {}
    return spec.encode_secret({**stored, **typed})
