"""Profiles: add, edit, remove; secrets go to the keyring and are never shown back.

Each provider kind's fields are drawn from its spec (option_form.py), so this dialog knows no provider. Secret
fields start empty: typing replaces the stored value, leaving them empty keeps it, and each says whether its value
is stored (option_form.py `Stored`). "Test connection" calls the API in the background with what is on screen and
reports the answer in words; "Save profile" runs the same test first and asks before saving a profile whose test
failed or whose address is plain http (save_check.py). A value that does not fit is named by its field's label.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
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
from ..core.providers.option_error import OptionError
from ..core.providers.registry import SPECS, spec_for
from .accessible import describe_buttons
from .background import Background
from .core_text import localize
from .option_form import OptionForm, Stored
from .profile_saving import ProfileSaving
from .profile_secrets import secret_on_screen, stored_secrets
from .save_check import SaveCheck, connection_check
from .translations import fill


class ProfilesDialog(QDialog):
    saved = Signal(str)  # a profile's name, once it is saved (also after the dialog was closed mid-test)

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
        self.save_button = save = QPushButton(self.tr("Save profile"))
        save.setAccessibleDescription(
            self.tr("Test the connection, then save the profile on screen; its key goes to the keyring")
        )
        self.saving = ProfileSaving(self)
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
        save.clicked.connect(self.save_checked)
        self.test_button.clicked.connect(self.test_connection)
        self.list.currentTextChanged.connect(self._load)
        self._show_kind()
        self.refresh(select=session.settings.current_profile)

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

    def refresh(self, select: str | None = None) -> None:
        self.list.clear()
        for profile in self.session.settings.profiles:
            self.list.addItem(profile.name)
        matches = self.list.findItems(select, Qt.MatchFlag.MatchExactly) if select else []
        if matches:
            self.list.setCurrentItem(matches[0])
        elif self.list.count():
            self.list.setCurrentRow(0)

    def stored(self, name: str) -> Stored:
        return stored_secrets(self.session, spec_for(self.kind), name)

    def _load(self, name: str) -> None:
        try:
            profile = self.session.settings.profile(name)
        except errors.ConfigError:
            return
        self.name_edit.setText(profile.name)
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(profile.kind), 0))
        self.url_edit.setText(profile.base_url)
        self.url_edit.setReadOnly(profile.embedded_sandbox)
        self.form.load(profile.options, stored=self.stored(profile.name))
        self.result_label.clear()

    def _new(self) -> None:
        """A clean form: nothing carried over from the profile shown before."""
        self.list.setCurrentRow(-1)  # no current profile: the one shown before can be chosen again
        self.list.clearSelection()
        self.name_edit.clear()
        self.kind_combo.setCurrentIndex(0)
        self.url_edit.clear()
        self.url_edit.setReadOnly(False)
        for form in self.forms.values():
            form.load({})
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
        self.refresh()

    def profile_on_screen(self) -> settings.Profile:
        """The profile as the form says; ConfigError (naming the field) when a value does not fit."""
        name = self.name_edit.text().strip()
        spec = spec_for(self.kind)
        try:
            existing = self.session.settings.profile(name)
            kept = {k: v for k, v in existing.options.items() if k not in {o.name for o in spec.options}}
        except errors.ConfigError:
            kept = {}  # options that are not this provider's (the embedded sandbox's mark) stay
        typed = self.form.settings()
        parsed = {n: spec.option(n).parse(v) for n, v in typed.items()}  # OptionError names the option
        spec.resolve(parsed)
        options = {**kept, **{n: v for n, v in parsed.items() if v is not None and v != spec.option(n).default}}
        return settings.Profile(name=name, kind=self.kind, base_url=self.url_edit.text().strip(), options=options)

    def secret_typed(self, name: str) -> str:
        return secret_on_screen(self.session, spec_for(self.kind), self.form.typed_secrets(), name)

    # -- saving (profile_saving.py) ------------------------------------------------------------------------------
    def save_checked(self) -> None:
        """The Save button: tested first, asked about when the test failed or the address is plain http."""
        self.saving.checked()

    def save_current(self) -> bool:
        """Save what is on screen without the connection test."""
        return self.saving.now()

    @property
    def check(self) -> SaveCheck | None:
        """The save being checked (its question box, while one is open)."""
        return self.saving.check

    def test_connection(self) -> None:
        try:
            profile = self.profile_on_screen()
        except OptionError as exc:
            self.result_label.setText(self.form.explain(exc))
            return
        except errors.ConfigError as exc:
            self.result_label.setText(localize(exc.message))
            return
        check = connection_check(self.session, profile, self.secret_typed(profile.name))
        self.result_label.setText(self.tr("Testing…"))
        self.test_button.setEnabled(False)
        failed = self.tr("%1: %2")
        Background(self, check).success(lambda said: self._tested(localize(said))).failure(
            lambda exc: self._tested(fill(failed, localize(exc.title), localize(exc.message)))
        ).run()

    def _tested(self, message: str) -> None:
        self.test_button.setEnabled(True)
        self.result_label.setText(message)
