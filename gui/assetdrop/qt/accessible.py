"""Accessible names and descriptions for what Qt makes itself: the standard buttons of a dialog's button box
(OK, Cancel, Close) come with a name (their text) but nothing a screen reader can say about what they do."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialogButtonBox, QWidget

_Button = QDialogButtonBox.StandardButton


def describe(widget: QWidget, name: str, description: str) -> None:
    widget.setAccessibleName(name)
    widget.setAccessibleDescription(description)


def describe_buttons(box: QDialogButtonBox) -> None:
    texts = {
        _Button.Ok: QCoreApplication.translate("Accessible", "Keep the changes and close the dialog"),
        _Button.Save: QCoreApplication.translate("Accessible", "Keep the changes and close the dialog"),
        _Button.Cancel: QCoreApplication.translate("Accessible", "Close the dialog without keeping the changes"),
        _Button.Close: QCoreApplication.translate("Accessible", "Close the dialog"),
    }
    for which, text in texts.items():
        button = box.button(which)
        if button is not None:
            button.setAccessibleDescription(text)
