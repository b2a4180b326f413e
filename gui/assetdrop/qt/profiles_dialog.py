"""Profiles: add, edit, remove; the API key goes to the keyring and is never shown back.

The key field is a password field that starts empty: typing replaces the stored key, leaving it empty keeps it.
"Test connection" calls the API in the background with what is on screen and reports the answer in words.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QListWidget, QMessageBox, QPushButton, QVBoxLayout)

from ..core import errors, settings
from ..core.providers.registry import make_http, make_provider
from .background import Background
from .provider_options import ProviderOptions

KIND_LABELS = {"filespin": "FileSpin", "xvid": "Xvid MediaHub", "memories": "memories.ai"}


class ProfilesDialog(QDialog):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Profiles")
        self.setMinimumWidth(560)
        self.list = QListWidget()
        self.list.setAccessibleName("Profiles")
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName("Profile name")
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName("Provider")
        for kind in settings.PROVIDER_KINDS:
            self.kind_combo.addItem(KIND_LABELS.get(kind, kind), kind)
        self.url_edit = QLineEdit(placeholderText="https://app.filespin.io")
        self.url_edit.setAccessibleName("API address")
        self.key_edit = QLineEdit()
        self.key_edit.setEchoMode(QLineEdit.Password)
        self.key_edit.setAccessibleName("API key")
        self.ca_edit = QLineEdit(placeholderText="optional: extra CA certificates (file or folder)")
        self.ca_edit.setAccessibleName("CA bundle")
        self.ca_edit.setToolTip("Added to the system's trusted authorities, for a company proxy or a private "
                                "server. Verification is always on.")
        self.provider_options = ProviderOptions()
        self.kind_combo.currentIndexChanged.connect(
            lambda: self.provider_options.show_kind(self.kind_combo.currentData()))
        self.result_label = QLabel("")
        self.result_label.setWordWrap(True)
        self.result_label.setAccessibleName("Connection test result")

        add, remove = QPushButton("Add"), QPushButton("Remove")
        self.test_button = QPushButton("Test connection")
        save = QPushButton("Save profile")
        left = QVBoxLayout()
        left.addWidget(self.list)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        left.addLayout(row)
        form = QFormLayout()
        form.addRow("&Name", self.name_edit)
        form.addRow("&Provider", self.kind_combo)
        form.addRow("API &address", self.url_edit)
        form.addRow("API &key", self.key_edit)
        form.addRow("&CA bundle", self.ca_edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addStretch(1)
        buttons.addWidget(save)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(self.provider_options)
        right.addLayout(buttons)
        right.addWidget(self.result_label)
        right.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(right, 2)
        close = QDialogButtonBox(QDialogButtonBox.Close)
        close.rejected.connect(self.accept)
        outer = QVBoxLayout(self)
        outer.addLayout(body)
        outer.addWidget(close)

        add.clicked.connect(self._new)
        remove.clicked.connect(self._remove)
        save.clicked.connect(self.save_current)
        self.test_button.clicked.connect(self.test_connection)
        self.list.currentTextChanged.connect(self._load)
        self._refresh(select=session.settings.current_profile)

    def _refresh(self, select: str | None = None) -> None:
        self.list.clear()
        for profile in self.session.settings.profiles:
            self.list.addItem(profile.name)
        matches = self.list.findItems(select, Qt.MatchExactly) if select else []
        if matches:
            self.list.setCurrentItem(matches[0])
        elif self.list.count():
            self.list.setCurrentRow(0)

    def _load(self, name: str) -> None:
        try:
            profile = self.session.settings.profile(name)
        except errors.ConfigError:
            return
        self.name_edit.setText(profile.name)
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(profile.kind), 0))
        self.url_edit.setText(profile.base_url)
        self.url_edit.setReadOnly(bool(profile.options.get("embedded_sandbox")))
        self.provider_options.load(profile.kind, profile.options)
        self.ca_edit.setText(profile.options.get("ca_bundle", ""))
        self.key_edit.clear()
        self.key_edit.setPlaceholderText("Stored in the keyring; type to replace")
        self.result_label.clear()

    def _new(self) -> None:
        self.list.clearSelection()
        self.name_edit.clear()
        self.url_edit.clear()
        self.ca_edit.clear()
        self.url_edit.setReadOnly(False)
        self.key_edit.clear()
        self.key_edit.setPlaceholderText("Paste the API key")
        self.name_edit.setFocus()

    def _remove(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        name = item.text()
        if QMessageBox.question(self, "Remove profile", f"Remove the profile “{name}” and its stored key?") \
                != QMessageBox.Yes:
            return
        try:
            self.session.credentials.delete(name)
        except errors.KeyringUnavailable as exc:
            self.result_label.setText(exc.message)
        self.session.settings.profiles = [p for p in self.session.settings.profiles if p.name != name]
        if self.session.settings.current_profile == name:
            self.session.settings.current_profile = (self.session.settings.profiles[0].name
                                                     if self.session.settings.profiles else None)
        self.session.forget_provider(name)
        self.session.save_settings()
        self._refresh()

    def _profile_on_screen(self) -> settings.Profile:
        name = self.name_edit.text().strip()
        try:
            existing = self.session.settings.profile(name)
            options = dict(existing.options)
        except errors.ConfigError:
            options = {}
        kind = self.kind_combo.currentData()
        options = self.provider_options.apply(kind, options)
        ca_bundle = self.ca_edit.text().strip()
        if ca_bundle:
            options["ca_bundle"] = ca_bundle
        else:
            options.pop("ca_bundle", None)
        return settings.Profile(name=name, kind=kind, base_url=self.url_edit.text().strip(), options=options)

    def save_current(self) -> bool:
        try:
            profile = self._profile_on_screen()
        except errors.ConfigError as exc:
            self.result_label.setText(exc.message)
            return False
        if not profile.name or not profile.base_url.startswith(("http://", "https://")):
            self.result_label.setText("A profile needs a name and an address starting with https://.")
            return False
        key = self.key_edit.text()
        if key:
            try:
                self.session.credentials.set(profile.name, key)
            except errors.KeyringUnavailable as exc:
                choice = QMessageBox.question(
                    self, exc.title, f"{exc.message}\n\nKeep the key in memory until Assetdrop quits?")
                if choice != QMessageBox.Yes:
                    return False
                self.session.set_runtime_key(profile.name, key)
        self.key_edit.clear()
        self.key_edit.setPlaceholderText("Stored in the keyring; type to replace")
        self.session.settings.upsert(profile)
        self.session.settings.current_profile = profile.name
        self.session.forget_provider(profile.name)
        self.session.save_settings()
        self.result_label.setText(f"Saved “{profile.name}”.")
        self._refresh(select=profile.name)
        return True

    def test_connection(self) -> None:
        try:
            profile = self._profile_on_screen()
        except errors.ConfigError as exc:
            self.result_label.setText(exc.message)
            return
        typed = self.key_edit.text()
        session = self.session
        self.result_label.setText("Testing…")
        self.test_button.setEnabled(False)

        def check() -> str:
            key = typed or session.api_key(profile.name)
            with make_http(profile, pool_size=1, timeout=(5, 15)) as http:  # the profile's CA bundle applies
                return make_provider(profile, key, http).check_connection()

        Background(self, check).success(self._tested).failure(
            lambda exc: self._tested(f"{exc.title}: {exc.message}")).run()

    def _tested(self, message: str) -> None:
        self.test_button.setEnabled(True)
        self.result_label.setText(message)
