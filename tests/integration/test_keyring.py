"""API keys in a real OS keyring (gnome-keyring's Secret Service under a private dbus session in `make test`),
and the clear message plus session-only option when no keyring exists (keyring's own `fail` backend)."""

from __future__ import annotations

import os
import uuid

import keyring
import pytest
from keyring.backends import fail

from assetdrop.core import errors
from assetdrop.core.credentials import CredentialStore, resolve_api_key


def _real_keyring_or_skip():
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or backend.priority <= 0:
        reason = f"no usable keyring backend here ({type(backend).__name__}); make test runs gnome-keyring"
        if os.environ.get("ASSETDROP_REQUIRE_KEYRING") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return backend


def test_real_keyring_round_trip_and_delete():
    backend = _real_keyring_or_skip()
    profile = f"test-{uuid.uuid4().hex[:8]}"
    store = CredentialStore()
    store.set(profile, "sekrit-1")
    assert store.get(profile) == "sekrit-1"
    assert backend.get_password("assetdrop", profile) == "sekrit-1"  # service assetdrop, user = profile name
    assert resolve_api_key(store, profile) == "sekrit-1"
    store.delete(profile)
    assert store.get(profile) is None
    store.delete(profile)  # deleting twice is not an error


def test_no_keyring_gives_a_clear_message_and_session_only_works(monkeypatch):
    monkeypatch.setattr(keyring, "get_keyring", lambda: fail.Keyring())
    store = CredentialStore()
    assert not store.keyring_available()
    with pytest.raises(errors.KeyringUnavailable, match="gnome-keyring"):
        store.set("p", "k")
    memory = CredentialStore(session_only=True)
    memory.set("p", "k")
    assert memory.get("p") == "k"


def test_environment_key_wins_and_missing_key_is_explained(monkeypatch):
    store = CredentialStore(session_only=True)
    monkeypatch.setenv("ASSETDROP_API_KEY", "from-env")
    assert resolve_api_key(store, "any") == "from-env"
    monkeypatch.delenv("ASSETDROP_API_KEY")
    with pytest.raises(errors.CredentialsError, match="No API key is stored for profile 'p'"):
        resolve_api_key(store, "p")


def test_a_proxy_password_lives_in_the_profiles_keyring_entry():
    """The proxy's password is one more secret option: the same keyring entry as the key (a JSON object once
    there are two), read back into the profile's ProxyChoice; a bare key from an older version still reads."""
    from assetdrop.core.providers.endpoint import Endpoint
    from assetdrop.core.providers.registry import proxy_choice, spec_for

    _real_keyring_or_skip()
    profile = f"test-proxy-{uuid.uuid4().hex[:8]}"
    store, spec = CredentialStore(), spec_for("filespin")
    endpoint = Endpoint("filespin", "https://a.example", {"proxy": "proxy.example:3128", "proxy_user": "fay"})
    try:
        store.set(profile, "bare-key-1")  # as versions without a proxy password saved it
        assert spec.decode_secret(store.get(profile)) == {"api_key": "bare-key-1"}
        store.set(profile, spec.encode_secret({"api_key": "bare-key-1", "proxy_password": "kr-proxy-pw"}))
        stored = store.get(profile)
        assert spec.decode_secret(stored) == {"api_key": "bare-key-1", "proxy_password": "kr-proxy-pw"}
        choice = proxy_choice(endpoint, stored)
        assert (choice.url, choice.user, choice.password) == ("http://proxy.example:3128", "fay", "kr-proxy-pw")
    finally:
        store.delete(profile)
