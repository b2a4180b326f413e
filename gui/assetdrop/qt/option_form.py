"""A provider's options as a form, drawn from its spec (core/providers/spec.py): the Profiles dialog has no field
of its own for any provider, so an option declared once appears here by itself.

Text options are line edits, whole numbers spin boxes, yes/no options check boxes, choices combo boxes; secret
options are password fields that start empty (typing replaces the stored value, leaving one empty keeps it).
Options with a group stand in that group's box; the endpoint paths box starts folded. Parsing and the rules
between options are the core's (Option.parse, ProviderSpec.resolve); their OptionError says which option, and
`explain` words it with these fields' labels and puts the cursor in the first one.

A secret field says "Stored in the keyring" only when that option's value is in the profile's keyring entry (an
Xvid entry may hold the client pair and no token; the proxy password shares the entry), and "Kept in memory"
when the key lives only in this run (no keyring, or the built-in sandbox's).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..core.providers.base import PATHS_GROUP
from ..core.providers.option_error import OptionError
from ..core.providers.spec import Option, ProviderSpec
from .core_text import localize
from .provider_texts import translated
from .translations import fill

Field = QLineEdit | QSpinBox | QCheckBox | QComboBox


class OptionForm(QWidget):
    def __init__(self, spec: ProviderSpec, parent: QWidget | None = None):
        super().__init__(parent)
        self.spec = spec
        self.fields: dict[str, Field] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        main = QFormLayout()
        layout.addLayout(main)
        boxes: dict[str, QFormLayout] = {}
        for option in spec.options:
            field = self._field(option)
            self.fields[option.name] = field
            if not option.group:
                form = main
            elif option.group in boxes:
                form = boxes[option.group]
            else:
                box = QGroupBox(translated(option.group))
                box.setProperty("option_group", option.group)  # the spec's own word (the title is translated)
                box.setAccessibleName(box.title())
                box.setAccessibleDescription(box.title())
                if option.group == PATHS_GROUP:
                    box.setCheckable(True)
                    box.setChecked(False)
                    box.setToolTip(self.tr("Only where your provider's paths differ from its documented ones"))
                    box.setAccessibleDescription(box.toolTip())
                    box.toggled.connect(lambda on, b=box: _fold(b, on))
                form = boxes[option.group] = QFormLayout(box)
                layout.addWidget(box)
            if isinstance(field, QCheckBox):
                form.addRow("", field)
            else:
                form.addRow(translated(option.label), field)
        for box in self.findChildren(QGroupBox):
            if box.isCheckable():
                _fold(box, False)

    @staticmethod
    def _field(option: Option) -> Field:
        widget: Field
        if option.choices:
            widget = QComboBox()
            for choice in option.choices:
                widget.addItem(translated(choice.label), choice.value)
        elif option.type is bool:
            widget = QCheckBox(translated(option.label))
            widget.setChecked(bool(option.default))  # a new profile starts at the default (on, for some)
        elif option.type is int and option.parse_text is None:
            widget = QSpinBox(minimum=(option.minimum or 0) - 1, maximum=2_000_000_000)
            widget.setSpecialValueText(
                QCoreApplication.translate("OptionForm", "default")
                if option.default is None
                else fill(QCoreApplication.translate("OptionForm", "default (%1)"), option.default)
            )
            widget.setValue(widget.minimum())  # shows "default" until a value is typed
        else:
            widget = QLineEdit(placeholderText=translated(option.placeholder))
            if option.secret:
                widget.setEchoMode(QLineEdit.EchoMode.Password)
        widget.setAccessibleName(translated(option.label))
        widget.setAccessibleDescription(translated(option.help or option.label))
        widget.setToolTip(translated(option.help))
        return widget

    # -- to and from the profile --------------------------------------------------------------------------------
    def load(self, options: Mapping[str, Any], *, stored: Stored | None = None) -> None:
        """Show a profile's options (each at its default when not set) and clear the secret fields."""
        for option in self.spec.options:
            field = self.fields[option.name]
            value = options.get(option.name, option.default)
            if option.secret:
                continue
            if isinstance(field, QComboBox):
                field.setCurrentIndex(max(field.findData(value if value is not None else option.default), 0))
            elif isinstance(field, QCheckBox):
                field.setChecked(bool(value))
            elif isinstance(field, QSpinBox):
                field.setValue(value if isinstance(value, int) and value != option.default else field.minimum())
            else:
                field.setText("" if value is None or value == option.default else str(value))
        for box in self.findChildren(QGroupBox):
            if box.isCheckable():
                paths = [o for o in self.spec.options if o.group == box.property("option_group")]
                box.setChecked(any(options.get(o.name) not in (None, "", o.default) for o in paths))
        self.clear_secrets(stored or Stored())

    def settings(self) -> dict[str, object]:
        """The non-secret options as typed (raw; unset fields are left out, so the default applies)."""
        values: dict[str, object] = {}
        for option in self.spec.settings:
            field = self.fields[option.name]
            if isinstance(field, QComboBox):
                values[option.name] = field.currentData()
            elif isinstance(field, QCheckBox):
                values[option.name] = field.isChecked()
            elif isinstance(field, QSpinBox):
                if field.value() != field.minimum():
                    values[option.name] = field.value()
            elif field.text().strip():
                values[option.name] = field.text().strip()
        return values

    def typed_secrets(self) -> dict[str, str]:
        return {
            option.name: field.text()
            for option in self.spec.secrets
            if isinstance(field := self.fields[option.name], QLineEdit) and field.text()
        }

    def clear_secrets(self, stored: Stored) -> None:
        """Empty the secret fields; each says whether its value is stored (and where) or what to type."""
        for option in self.spec.secrets:
            field = self.fields[option.name]
            assert isinstance(field, QLineEdit)
            field.clear()
            if option.name not in stored.names:
                field.setPlaceholderText(translated(option.placeholder))
            elif stored.in_memory:
                field.setPlaceholderText(
                    QCoreApplication.translate("OptionForm", "Kept in memory until Assetdrop quits; type to replace")
                )
            else:
                field.setPlaceholderText(
                    QCoreApplication.translate("OptionForm", "Stored in the keyring; type to replace")
                )

    def explain(self, exc: OptionError) -> str:
        """The error in the window's words (the fields' labels) with the cursor put in the first field named."""
        field = self.fields.get(exc.option.name)
        if field is not None:
            for box in self.findChildren(QGroupBox):
                if box.isCheckable() and box.isAncestorOf(field):
                    box.setChecked(True)
            field.setFocus()
        return exc.worded(lambda option: translated(option.label), localize)


@dataclass(frozen=True)
class Stored:
    """Which secret options a profile has stored, and whether only in memory (this run) instead of the keyring."""

    names: frozenset[str] = frozenset()
    in_memory: bool = False


def _fold(box: QGroupBox, unfolded: bool) -> None:
    for child in box.findChildren(QWidget):
        child.setVisible(unfolded)
