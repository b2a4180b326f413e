"""Saving the profile on screen: its values checked (a value that does not fit named by its field's label, the
cursor put there), then, from the Save button, the connection tested off the UI thread and a failed test or a
plain-http address asked about (save_check.py); then the secrets to the keyring (or, with no keyring and the
person's consent, to this run's memory) and the profile to the settings file, never a secret there.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from ..core import errors, settings
from ..core.providers.option_error import OptionError
from .core_text import localize
from .save_check import SaveCheck
from .translations import fill


class ProfileSaving(QObject):
    def __init__(self, dialog: Any):
        super().__init__(dialog)
        self.dialog = dialog
        self.check: SaveCheck | None = None  # the save being checked

    def valid_profile(self) -> settings.Profile | None:
        """The profile on screen, or None with what does not fit said in the result line (by its field's label)."""
        d = self.dialog
        try:
            profile = d.profile_on_screen()
        except OptionError as exc:
            d.result_label.setText(d.form.explain(exc))
            return None
        except errors.ConfigError as exc:
            d.result_label.setText(localize(exc.message))
            return None
        if not profile.name or not profile.base_url.startswith(("http://", "https://")):
            d.result_label.setText(self.tr("A profile needs a name and an address starting with https://."))
            (d.url_edit if profile.name else d.name_edit).setFocus()
            return None
        return profile

    def checked(self) -> None:
        """The Save button: the values checked, then Test connection off the UI thread, then saved; a failed test
        or an http:// address is asked about first (save_check.py)."""
        d = self.dialog
        profile = self.valid_profile()
        if profile is None:
            return
        secret = d.secret_typed(profile.name)
        self._busy(True)
        d.result_label.setText(self.tr("Testing the connection before saving…"))
        self.check = SaveCheck(d, d.session, profile, secret)

        def saved(tested: str) -> None:
            self._busy(False)
            self.check = None
            if self.store(profile, secret) and tested:
                d.result_label.setText(fill(self.tr("Saved “%1”. %2"), profile.name, tested))

        def kept(warnings: str) -> None:
            self._busy(False)
            self.check = None
            d.result_label.setText(fill(self.tr("Not saved yet. %1"), warnings))

        self.check.run(saved, kept)

    def _busy(self, busy: bool) -> None:
        d = self.dialog
        d.save_button.setEnabled(not busy)
        d.test_button.setEnabled(not busy)

    def now(self) -> bool:
        """Save what is on screen without the connection test (`checked` tests first)."""
        d = self.dialog
        profile = self.valid_profile()
        return profile is not None and self.store(profile, d.secret_typed(profile.name))

    def store(self, profile: settings.Profile, secret: str) -> bool:
        d = self.dialog
        if secret:
            try:
                d.session.credentials.set(profile.name, secret)
            except errors.KeyringUnavailable as exc:
                choice = QMessageBox.question(
                    d,
                    localize(exc.title),
                    fill(self.tr("%1\n\nKeep the key in memory until Assetdrop quits?"), localize(exc.message)),
                )
                if choice != QMessageBox.StandardButton.Yes:
                    return False
                d.session.set_runtime_key(profile.name, secret)
        d.form.clear_secrets(d.stored(profile.name))
        d.session.settings.upsert(profile)
        d.session.settings.current_profile = profile.name
        d.session.forget_provider(profile.name)
        d.session.save_settings()
        d.refresh(select=profile.name)  # shows it again (and clears the result line)
        d.result_label.setText(fill(self.tr("Saved “%1”."), profile.name))
        d.saved.emit(profile.name)
        return True
