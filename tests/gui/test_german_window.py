"""The window and its dialogs in German (the Settings override; the system locale, LANG=de_DE.UTF-8, is proven
under Xvfb by test_screenshot.py): no text the German .ts translates is left in English, the standard buttons come
from Qt's own German catalogue, sizes and numbers use German separators, and nothing is cut off at 1280x800."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QGroupBox, QLabel, QTabWidget, QWidget

from tests.gui.ui_walk import clipped
from tests.support.translations import TS_DIR, entries


def _english_left(root: QWidget) -> list[str]:
    """Texts on screen that the German catalogue translates differently: a string set without tr."""
    english = {e.source.replace("&", "") for e in entries(TS_DIR / "assetdrop_de.ts") if e.translations[0] != e.source}
    english -= {e.translations[0].replace("&", "") for e in entries(TS_DIR / "assetdrop_de.ts")}  # same word in both
    from assetdrop.qt.option_form import OptionForm

    shown = [root.windowTitle()]
    provider_texts = {id(w) for form in root.findChildren(OptionForm) for w in form.findChildren(QWidget)}
    for widget in root.findChildren(QWidget):
        if id(widget) in provider_texts:  # labels the providers' specs declare (core): English for now
            continue
        for getter in ("text", "title", "placeholderText", "toolTip", "accessibleName", "accessibleDescription"):
            value = getattr(widget, getter, None)
            if callable(value):
                text = value()
                if isinstance(text, str):
                    shown.append(text)
        if isinstance(widget, QTabWidget):
            shown += [widget.tabText(i) for i in range(widget.count())]
        for action in widget.actions():
            shown += [action.text(), action.toolTip()]
    return sorted({t for t in shown if t.replace("&", "") in english})


def _dialogs(window):
    from assetdrop.qt.profiles_dialog import ProfilesDialog
    from assetdrop.qt.settings_dialog import SettingsDialog
    from assetdrop.qt.watch_folders_dialog import WatchFoldersDialog

    return [
        SettingsDialog(window.session, window),
        ProfilesDialog(window.session, window),
        WatchFoldersDialog(window.session, window),
    ]


def test_window_and_dialogs_speak_german(german, make_window, qtbot):
    window = make_window()
    tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert tabs == ["Uploads", "Downloads", "Abgeschlossen", "Fehlgeschlagen", "Durchsuchen"]
    assert [a.text() for a in window.menuBar().actions()] == ["&Datei", "Ü&bertragungen", "E&xtras", "&Hilfe"]
    assert _english_left(window) == []
    for dialog in _dialogs(window):
        dialog.show()
        qtbot.waitExposed(dialog)
        assert _english_left(dialog) == [], type(dialog).__name__
        box = dialog.findChild(QDialogButtonBox)
        if box is not None and box.button(QDialogButtonBox.StandardButton.Cancel) is not None:
            assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Abbrechen"
        dialog.close()
    settings = _dialogs(window)[0]
    assert settings.windowTitle() == "Einstellungen"


def test_german_sizes_and_numbers(german):
    from assetdrop.qt import locale_format

    assert locale_format.size(1536 * 1024) == "1,5 MiB"
    assert locale_format.rate(3 * 1024 * 1024) == "3,0 MiB/s"
    assert locale_format.number(12345) == "12.345"
    assert locale_format.percent(0.42) == "42 %"


def test_german_plurals(german):
    from assetdrop.qt.translations import Plurals

    assert Plurals().recovered(1, resumed=True) == "1 unvollendete Übertragung aus der letzten Sitzung fortgesetzt."
    assert Plurals().recovered(3, resumed=False) == "3 unvollendete Übertragungen aus der letzten Sitzung pausiert."


def test_english_plurals():
    from assetdrop.qt.translations import Plurals

    assert Plurals().recovered(1, resumed=True) == "1 unfinished transfer from the last session resumed."
    assert Plurals().recovered(2, resumed=True) == "2 unfinished transfers from the last session resumed."


@pytest.mark.parametrize("lang", ["de", "en"])
def test_nothing_clipped_at_1280x800(lang, qapp, make_window, qtbot):
    from assetdrop.qt import translations

    translations.install(qapp, lang)
    try:
        window = make_window()
        window.resize(1280, 800)
        qtbot.waitExposed(window)
        problems = []
        for index in range(window.tabs.count()):
            window.tabs.setCurrentIndex(index)
            qapp.processEvents()
            problems += [f"tab {window.tabs.tabText(index)}: {p}" for p in clipped(window)]
        assert window.width() <= 1280 and window.height() <= 800, "the window does not fit in 1280x800"
        for dialog in _dialogs(window):
            dialog.show()
            qtbot.waitExposed(dialog)
            qapp.processEvents()
            for box in dialog.findChildren(QGroupBox):  # folded boxes open: their texts are checked too
                if box.isCheckable():
                    box.setChecked(True)
            qapp.processEvents()
            assert dialog.width() <= 1280 and dialog.height() <= 800, type(dialog).__name__
            problems += [f"{type(dialog).__name__}: {p}" for p in clipped(dialog)]
            dialog.close()
        assert problems == []
    finally:
        translations.install(qapp, "en")


def test_the_clipping_check_catches_a_cut_label(qtbot):
    """The check itself: a label squeezed below its size hint is reported."""
    from PySide6.QtWidgets import QHBoxLayout

    root = QWidget()
    qtbot.addWidget(root)
    layout = QHBoxLayout(root)
    label = QLabel("Übertragungen werden fortgesetzt")
    layout.addWidget(label)
    root.show()
    label.setFixedWidth(20)
    qtbot.waitExposed(root)
    assert len(clipped(root)) == 1


def _mnemonics(texts) -> list[str]:
    letters = [t[t.index("&") + 1].lower() for t in texts if "&" in t and t.index("&") + 1 < len(t)]
    return sorted({letter for letter in letters if letters.count(letter) > 1})


@pytest.mark.parametrize("lang", ["de", "en"])
def test_mnemonics_are_unique_in_each_menu_and_dialog(lang, qapp, make_window, qtbot):
    """Alt+letter reaches one entry: translated labels keep their & letters apart, menu by menu and dialog by
    dialog (the menu bar's titles among themselves)."""
    from PySide6.QtWidgets import QAbstractButton, QLabel, QMenu

    from assetdrop.qt import translations

    translations.install(qapp, lang)
    try:
        window = make_window()
        clashes = {"menu bar": _mnemonics([a.text() for a in window.menuBar().actions()])}
        for menu in window.menuBar().findChildren(QMenu):
            clashes[menu.title()] = _mnemonics([a.text() for a in menu.actions()])
        for dialog in _dialogs(window):
            texts = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton)]
            clashes[type(dialog).__name__] = _mnemonics(texts)
        assert {where: letters for where, letters in clashes.items() if letters} == {}
    finally:
        translations.install(qapp, "en")
