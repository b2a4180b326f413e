"""The window's language: Qt translators for Assetdrop's own strings and for Qt's (the standard buttons of
QDialogButtonBox and QMessageBox come from qtbase_<lang>.qm, shipped with PySide6), chosen from the system
locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG) or the Settings override.

The .qm files are compiled from resources/translations/*.ts by `make translations` (pyside6-lrelease, which
PySide6-Essentials ships, so the build needs nothing more); packaging/assetdrop.spec compiles them for the bundle.
A missing .qm is logged and the window stays in English: a language is never a reason not to start.
The command line never loads these (its output is read by scripts)."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator

from ..resources import resource_path

log = logging.getLogger(__name__)

CATALOG = "assetdrop"
# (Settings value, the language's name in that language): "" follows the system. Only "System" is translated:
# a person looks for their own language by its own name.
LANGUAGES = [("", None), ("en", "English"), ("de", "Deutsch")]


def fill(template: str, *values: object) -> str:
    """QString::arg for Python strings: %1, %2... replaced in one pass (a value holding "%2" stays as it is), so a
    translation may put the placeholders in another order."""
    return re.sub(
        r"%(\d)",
        lambda m: str(values[int(m.group(1)) - 1]) if 0 < int(m.group(1)) <= len(values) else m.group(0),
        template,
    )


def translations_dir() -> Path:
    return resource_path("translations")


def language_label(code: str) -> str:
    names = dict(LANGUAGES)
    return names.get(code) or QCoreApplication.translate("Languages", "System")


def chosen_locale(override: str = "") -> QLocale:
    """The override from Settings ("de", "en"), else the system's locale."""
    return QLocale(override) if override else QLocale.system()


def install(app: QCoreApplication, override: str = "", directory: Path | None = None) -> QLocale:
    """Load the translators for the chosen locale into `app`, replacing any installed before; dates, sizes and
    numbers formatted with QLocale() follow it too. Returns the locale."""
    locale = chosen_locale(override)
    QLocale.setDefault(locale)
    for old in app.findChildren(QTranslator, "assetdrop-translator"):
        app.removeTranslator(old)
        old.deleteLater()
    # English too: assetdrop_en.qm holds only the plurals ("1 file", "3 files" for the source's "%n file(s)").
    _load(app, locale, CATALOG, directory or translations_dir())
    _load(app, locale, "qtbase", Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)))
    return locale


def _load(app: QCoreApplication, locale: QLocale, catalog: str, directory: Path) -> None:
    translator = QTranslator(app)
    translator.setObjectName("assetdrop-translator")
    if translator.load(locale, catalog, "_", str(directory)):
        app.installTranslator(translator)
        log.info("language %s: %s", locale.name(), translator.filePath())
    else:
        translator.deleteLater()
        if catalog == CATALOG:
            log.warning("no %s translation for %s in %s (make translations)", catalog, locale.name(), directory)


class Plurals(QObject):
    """Plurals for code outside a QObject: lupdate marks a string as having numerus forms ("1 file", "3 files")
    only when it comes through self.tr(text, "", n), never through QCoreApplication.translate."""

    def recovered(self, n: int, resumed: bool) -> str:
        if resumed:
            return self.tr("%n unfinished transfer(s) from the last session resumed.", "", n)
        return self.tr("%n unfinished transfer(s) from the last session paused.", "", n)
