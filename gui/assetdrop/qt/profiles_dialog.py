"""Profiles: add, edit, remove; secrets go to the keyring and are never shown back.

Each provider kind's fields are drawn from its spec (option_form.py), so this dialog knows no provider. Secret
fields start empty: typing replaces the stored value, leaving them empty keeps it. "Test connection" calls the
API in the background with what is on screen and reports the answer in words.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..core import errors, settings
from ..core.providers.registry import SPECS, build, make_http, spec_for
from .accessible import describe_buttons
from .background import Background
from .core_text import localize
from .option_form import OptionForm
from .translations import fill


class ProfilesDialog(QDialog):
    def __init__(self, session: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("Profiles"))
        self.setMinimumWidth(640)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Profiles"))
        self.list.setAccessibleDescription(self.tr("The saved profiles; select one to edit it"))
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName(self.tr("Profile name"))
        self.name_edit.setAccessibleDescription(self.tr("The name this profile is shown and chosen by"))
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName(self.tr("Provider"))
        self.kind_combo.setAccessibleDescription(self.tr("The asset platform this profile talks to"))
        self.forms: dict[str, OptionForm] = {}
        self.stack = QStackedWidget()
        for spec in SPECS:
            self.kind_combo.addItem(spec.label, spec.kind)
            self.forms[spec.kind] = OptionForm(spec)
            self.stack.addWidget(self.forms[spec.kind])
        self.url_edit = QLineEdit()
        self.url_edit.setAccessibleName(self.tr("API address"))
        self.url_edit.setAccessibleDescription(self.tr("The address of the provider's API, starting with https://"))
        self.kind_combo.currentIndexChanged.connect(self._show_kind)
        self.result_label = QLabel("")
        self.result_label.setWordWrap(True)
        self.result_label.setAccessibleName(self.tr("Connection test result"))

        add, remove = QPushButton(self.tr("Add")), QPushButton(self.tr("Remove"))
        add.setAccessibleDescription(self.tr("Start a new profile with an empty form"))
        remove.setAccessibleDescription(self.tr("Remove the selected profile and its stored key"))
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.setAccessibleDescription(self.tr("Check the address and key on screen with the provider"))
        save = QPushButton(self.tr("Save profile"))
        save.setAccessibleDescription(self.tr("Save the profile on screen; its key goes to the keyring"))
        left = QVBoxLayout()
        left.addWidget(self.list)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        left.addLayout(row)
        form = QFormLayout()
        form.addRow(self.tr("&Name"), self.name_edit)
        form.addRow(self.tr("&Provider"), self.kind_combo)
        form.addRow(self.tr("API &address"), self.url_edit)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.stack)
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addStretch(1)
        buttons.addWidget(save)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(scroll, 1)
        right.addLayout(buttons)
        right.addWidget(self.result_label)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(right, 2)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        describe_buttons(close)
        close.rejected.connect(self.accept)
        outer = QVBoxLayout(self)
        outer.addLayout(body)
        outer.addWidget(close)

        add.clicked.connect(self._new)
        remove.clicked.connect(self._remove)
        save.clicked.connect(self.save_current)
        self.test_button.clicked.connect(self.test_connection)
        self.list.currentTextChanged.connect(self._load)
        self._show_kind()
        self._refresh(select=session.settings.current_profile)

    # -- what is on screen ---------------------------------------------------------------------------------------
    @property
    def kind(self) -> str:
        return str(self.kind_combo.currentData())

    @property
    def form(self) -> OptionForm:
        return self.forms[self.kind]

    def field(self, name: str) -> Any:
        """The current provider's field for an option (tests and accessibility tools find fields by name)."""
        return self.form.fields[name]

    @property
    def key_edit(self) -> QLineEdit:
        """The current provider's first secret field (the API key, or Xvid's token)."""
        widget = self.form.fields[self.form.spec.secrets[0].name]
        assert isinstance(widget, QLineEdit)
        return widget

    @property
    def ca_edit(self) -> QLineEdit:
        widget = self.form.fields["ca_bundle"]
        assert isinstance(widget, QLineEdit)
        return widget

    def _show_kind(self) -> None:
        self.stack.setCurrentWidget(self.form)
        self.url_edit.setPlaceholderText(spec_for(self.kind).address_placeholder)

    def _refresh(self, select: str | None = None) -> None:
        self.list.clear()
        for profile in self.session.settings.profiles:
            self.list.addItem(profile.name)
        matches = self.list.findItems(select, Qt.MatchFlag.MatchExactly) if select else []
        if matches:
            self.list.setCurrentItem(matches[0])
        elif self.list.count():
            self.list.setCurrentRow(0)

    def _stored_secret(self, name: str) -> bool:
        try:
            return bool(self.session.credentials.get(name))
        except errors.KeyringUnavailable:
            return False

    def _load(self, name: str) -> None:
        try:
            profile = self.session.settings.profile(name)
        except errors.ConfigError:
            return
        self.name_edit.setText(profile.name)
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(profile.kind), 0))
        self.url_edit.setText(profile.base_url)
        self.url_edit.setReadOnly(profile.embedded_sandbox)
        self.form.load(profile.options, stored_secret=self._stored_secret(profile.name))
        self.result_label.clear()

    def _new(self) -> None:
        """A clean form: nothing carried over from the profile shown before."""
        self.list.clearSelection()
        self.name_edit.clear()
        self.url_edit.clear()
        self.url_edit.setReadOnly(False)
        for form in self.forms.values():
            form.load({}, stored_secret=False)
        self.result_label.clear()
        self.name_edit.setFocus()

    def _remove(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        name = item.text()
        question = fill(self.tr("Remove the profile “%1” and its stored key?"), name)
        if QMessageBox.question(self, self.tr("Remove profile"), question) != QMessageBox.StandardButton.Yes:
            return
        try:
            self.session.credentials.delete(name)
        except errors.KeyringUnavailable as exc:
            self.result_label.setText(localize(exc.message))
        conf = self.session.settings
        conf.profiles = [p for p in conf.profiles if p.name != name]
        if conf.current_profile == name:
            conf.current_profile = conf.profiles[0].name if conf.profiles else None
        self.session.forget_provider(name)
        self.session.save_settings()
        self._refresh()

    def _profile_on_screen(self) -> settings.Profile:
        """The profile as the form says; ConfigError (naming the field) when a value does not fit."""
        name = self.name_edit.text().strip()
        spec = spec_for(self.kind)
        try:
            existing = self.session.settings.profile(name)
            kept = {k: v for k, v in existing.options.items() if k not in {o.name for o in spec.options}}
        except errors.ConfigError:
            kept = {}  # options that are not this provider's (the embedded sandbox's mark) stay
        typed = self.form.settings()
        parsed = {n: spec.option(n).parse(v) for n, v in typed.items()}
        spec.resolve(parsed)
        options = {**kept, **{n: v for n, v in parsed.items() if v is not None and v != spec.option(n).default}}
        return settings.Profile(name=name, kind=self.kind, base_url=self.url_edit.text().strip(), options=options)

    def _secret_on_screen(self, name: str) -> str:
        """The keyring entry the form stands for: what is typed over what is stored ("" when neither)."""
        spec = spec_for(self.kind)
        typed = self.form.typed_secrets()
        stored: dict[str, str] = {}
        if len(typed) < len(spec.secrets):
            try:
                stored = spec.decode_secret(self.session.credentials.get(name) or "")
            except (errors.CredentialsError, errors.KeyringUnavailable):
                stored = {}
        return spec.encode_secret({**stored, **typed}) if typed else ""

    def save_current(self) -> bool:
        try:
            profile = self._profile_on_screen()
        except errors.ConfigError as exc:
            self.result_label.setText(localize(exc.message))
            return False
        if not profile.name or not profile.base_url.startswith(("http://", "https://")):
            self.result_label.setText(self.tr("A profile needs a name and an address starting with https://."))
            return False
        secret = self._secret_on_screen(profile.name)
        if secret:
            try:
                self.session.credentials.set(profile.name, secret)
            except errors.KeyringUnavailable as exc:
                choice = QMessageBox.question(
                    self,
                    localize(exc.title),
                    fill(self.tr("%1\n\nKeep the key in memory until Assetdrop quits?"), localize(exc.message)),
                )
                if choice != QMessageBox.StandardButton.Yes:
                    return False
                self.session.set_runtime_key(profile.name, secret)
        self.form.clear_secrets(stored=bool(secret) or self._stored_secret(profile.name))
        self.session.settings.upsert(profile)
        self.session.settings.current_profile = profile.name
        self.session.forget_provider(profile.name)
        self.session.save_settings()
        self.result_label.setText(fill(self.tr("Saved “%1”."), profile.name))
        self._refresh(select=profile.name)
        return True

    def test_connection(self) -> None:
        try:
            profile = self._profile_on_screen()
        except errors.ConfigError as exc:
            self.result_label.setText(localize(exc.message))
            return
        secret = self._secret_on_screen(profile.name)
        session = self.session
        self.result_label.setText(self.tr("Testing…"))
        self.test_button.setEnabled(False)

        failed = self.tr("%1: %2")

        def check() -> str:
            key = secret or session.api_key(profile.name)
            endpoint = profile.endpoint
            # the profile's CA bundle and proxy apply
            with make_http(endpoint, pool_size=1, timeout=(5, 15), secret=key) as http:
                return build(endpoint, key, http).check_connection()

        Background(self, check).success(lambda said: self._tested(localize(said))).failure(
            lambda exc: self._tested(fill(failed, localize(exc.title), localize(exc.message)))
        ).run()

    def _tested(self, message: str) -> None:
        self.test_button.setEnabled(True)
        self.result_label.setText(message)
