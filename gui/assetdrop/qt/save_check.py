"""Saving a profile tests it first, so a wrong key or a plain-http address is found while the form is still open.

The test is the dialog's Test connection (the provider's `check_connection`, with the profile's CA bundle and
proxy) run off the UI thread through background.py; an http:// address to another computer
(core/providers/endpoint.py `unencrypted`) or a failed test is put to the person in a box that does not block the
event loop, and they may still save.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from ..core import settings
from ..core.errors import AssetdropError
from ..core.providers.endpoint import unencrypted
from ..core.providers.registry import build, make_http
from .background import Background
from .core_text import localize
from .translations import fill


def connection_check(session: Any, profile: settings.Profile, secret: str) -> Callable[[], str]:
    """What Test connection runs: the typed secret, else the stored one; the profile's TLS and proxy options."""

    def check() -> str:
        key = secret or session.api_key(profile.name)
        endpoint = profile.endpoint
        with make_http(endpoint, pool_size=1, timeout=(5, 15), secret=key) as http:
            return build(endpoint, key, http).check_connection()

    return check


class SaveCheck:
    """One save's check: `done(tested)` when it may be saved (the test's answer, or "" when the person chose to
    save despite a warning); nothing when the person keeps editing. `question` is the open box, if any."""

    def __init__(self, parent: QWidget, session: Any, profile: settings.Profile, secret: str):
        self.parent, self.profile = parent, profile
        self.check = connection_check(session, profile, secret)
        self.question: QMessageBox | None = None
        self.warnings: list[str] = []
        if unencrypted(profile.base_url) and not profile.embedded_sandbox:
            self.warnings.append(
                QCoreApplication.translate(
                    "SaveCheck",
                    "The address starts with http://: the key and the files would cross the network unencrypted. "
                    "Use https:// unless you trust every network in between.",
                )
            )

    def run(self, done: Callable[[str], None], kept: Callable[[str], None]) -> None:
        """Test, then call `done` (saved) or, after "Keep editing", `kept` with the warnings in words."""

        def tested(message: object) -> None:
            self._decide(localize(str(message)) if isinstance(message, str) else str(message), done, kept)

        def failed(exc: AssetdropError) -> None:
            self.warnings.append(
                fill(
                    QCoreApplication.translate("SaveCheck", "The connection test failed: %1: %2"),
                    localize(exc.title),
                    localize(exc.message),
                )
            )
            self._decide("", done, kept)

        Background(self.parent, self.check).success(tested).failure(failed).run()

    def _decide(self, message: str, done: Callable[[str], None], kept: Callable[[str], None]) -> None:
        if not self.warnings:
            done(message)
            return
        text = "\n\n".join(self.warnings)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            QCoreApplication.translate("SaveCheck", "Save this profile?"),
            text,
            parent=self.parent,
        )
        box.setInformativeText(QCoreApplication.translate("SaveCheck", "You can save it anyway, or keep editing."))
        save = box.addButton(QCoreApplication.translate("SaveCheck", "&Save anyway"), QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(
            QCoreApplication.translate("SaveCheck", "&Keep editing"), QMessageBox.ButtonRole.RejectRole
        )
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.setAccessibleName(box.windowTitle())
        box.setAccessibleDescription(text)
        self.question = box

        def answered() -> None:
            self.question = None
            if box.clickedButton() is save:
                done(message)
            else:
                kept(text)

        box.finished.connect(answered)
        box.open()  # window-modal, and the event loop goes on
