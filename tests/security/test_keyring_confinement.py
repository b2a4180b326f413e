"""Keyring: one entry per profile, a locked keyring is explained (and session-only memory still works), and the
key never lands in a file the app writes (settings) nor in the store's repr."""

from __future__ import annotations

import keyring
import keyring.errors
import pytest
from keyring.backend import KeyringBackend

from assetdrop.core import errors, settings
from assetdrop.core.credentials import SERVICE, CredentialStore


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self, locked: bool = False):
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}
        self.locked = locked

    def _check(self):
        if self.locked:
            raise keyring.errors.KeyringLocked("collection is locked")

    def get_password(self, service, username):
        self._check()
        return self.entries.get((service, username))

    def set_password(self, service, username, password):
        self._check()
        self.entries[(service, username)] = password

    def delete_password(self, service, username):
        self._check()
        if (service, username) not in self.entries:
            raise keyring.errors.PasswordDeleteError("none")
        del self.entries[(service, username)]


def test_one_entry_per_profile_and_delete_removes_only_that_one(monkeypatch):
    backend = MemoryKeyring()
    monkeypatch.setattr(keyring, "get_keyring", lambda: backend)
    store = CredentialStore()
    store.set("Work", "key-work-1")
    store.set("Home", "key-home-1")
    store.set("Work", "key-work-2")  # replaces, never a second entry
    assert backend.entries == {(SERVICE, "Work"): "key-work-2", (SERVICE, "Home"): "key-home-1"}
    store.delete("Work")
    assert backend.entries == {(SERVICE, "Home"): "key-home-1"}
    assert "key-home-1" not in repr(store) and "key-home-1" not in str(vars(store))


def test_a_locked_keyring_is_explained_and_session_memory_is_the_way_out(monkeypatch):
    monkeypatch.setattr(keyring, "get_keyring", lambda: MemoryKeyring(locked=True))
    store = CredentialStore()
    with pytest.raises(errors.KeyringUnavailable, match="locked") as info:
        store.get("Work")
    assert "session only" in info.value.message
    with pytest.raises(errors.KeyringUnavailable, match="refused to store"):
        store.set("Work", "key-1")
    memory = CredentialStore(session_only=True)
    memory.set("Work", "key-1")
    assert memory.get("Work") == "key-1"


def test_the_settings_file_never_holds_a_key(tmp_path):
    conf = settings.Settings(
        profiles=[settings.Profile("Work", "filespin", "https://api.example.com", options={"ca_bundle": "/etc/ca.pem"})]
    )
    path = tmp_path / "settings.json"
    store = CredentialStore(session_only=True)
    store.set("Work", "never-in-settings-123")
    settings.save(conf, path)
    assert "never-in-settings-123" not in path.read_text()
    assert settings.load(path).profiles[0].options["ca_bundle"] == "/etc/ca.pem"
