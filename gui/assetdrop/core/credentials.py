"""API keys: in the OS keyring (service `assetdrop`, user = profile name), or in memory for this session only.

There is no plaintext fallback. When no usable keyring backend exists the caller gets `KeyringUnavailable` with
what to install, and may choose session-only memory instead; the key is never written to disk or to a log.
"""

from __future__ import annotations

import logging
import os
from typing import Any, cast

from .errors import CredentialsError, KeyringUnavailable
from .sentence import translate

log = logging.getLogger(__name__)

SERVICE = "assetdrop"
ENV_API_KEY = "ASSETDROP_API_KEY"
INSTALL_HINT = (
    "No usable keyring was found. Install and unlock a Secret Service provider (GNOME Keyring, "
    "KeePassXC or KWallet; on Debian/Ubuntu: sudo apt install gnome-keyring), or keep the key for "
    "this session only."
)


class CredentialStore:
    def __init__(self, *, session_only: bool = False):
        self.session_only = session_only
        self._memory: dict[str, str] = {}

    @staticmethod
    def _backend() -> Any:
        # Imported when first used, not with this module: `import keyring` costs ~230 ms (measured with
        # python -X importtime), which a command given ASSETDROP_API_KEY never needs.
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
        if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
            raise KeyringUnavailable(INSTALL_HINT)
        return backend

    def keyring_available(self) -> bool:
        try:
            self._backend()
        except KeyringUnavailable:
            return False
        return True

    def set(self, profile: str, secret: str) -> None:
        if self.session_only:
            self._memory[profile] = secret
            return
        try:
            self._backend().set_password(SERVICE, profile, secret)
        except KeyringUnavailable:
            raise
        except Exception as exc:  # keyring raises backend-specific errors (locked collection, dbus failure)
            raise KeyringUnavailable(
                translate("credentials", "The keyring refused to store the key ({kind}). {hint}").format(
                    kind=type(exc).__name__, hint=INSTALL_HINT
                )
            ) from exc

    def get(self, profile: str) -> str | None:
        if profile in self._memory:
            return self._memory[profile]
        if self.session_only:
            return None
        try:
            return cast("str | None", self._backend().get_password(SERVICE, profile))
        except KeyringUnavailable:
            raise
        except Exception as exc:
            raise KeyringUnavailable(
                translate("credentials", "The keyring could not be read ({kind}); it may be locked. {hint}").format(
                    kind=type(exc).__name__, hint=INSTALL_HINT
                )
            ) from exc

    def delete(self, profile: str) -> None:
        self._memory.pop(profile, None)
        if self.session_only:
            return
        import keyring.errors

        try:
            self._backend().delete_password(SERVICE, profile)
        except keyring.errors.PasswordDeleteError:
            pass  # nothing stored: already the state we want
        except KeyringUnavailable:
            raise
        except Exception as exc:
            raise KeyringUnavailable(
                translate("credentials", "The keyring could not delete the key ({kind}).").format(
                    kind=type(exc).__name__
                )
            ) from exc


def resolve_api_key(store: CredentialStore, profile: str | None) -> str:
    """The key for a command-line run: `ASSETDROP_API_KEY` first, then the profile's keyring entry."""
    env_key = os.environ.get(ENV_API_KEY)
    if env_key:
        return env_key
    if profile:
        key = store.get(profile)
        if key:
            return key
        raise CredentialsError(
            translate(
                "credentials",
                "No API key is stored for profile {profile!r}. Set it in the app's Profiles dialog, or set {variable}.",
            ).format(profile=profile, variable=ENV_API_KEY)
        )
    raise CredentialsError(
        translate("credentials", "No API key given. Set {variable} or choose a profile with --profile.").format(
            variable=ENV_API_KEY
        )
    )
