"""The translations are complete and in sync with the code, and every text the window shows goes through them.

- pyside6-lupdate, run over a copy of resources/translations as `make update-translations` runs it, changes
  nothing and leaves no entry new, unfinished, obsolete or vanished: the committed .ts match the code.
- lupdate's Python parser misses some calls silently (a nested call inside QCoreApplication.translate's
  arguments, a variable as its context): every literal handed to tr / translate / QT_TRANSLATE_NOOP in qt/*.py
  is read with `ast` and must be in the German .ts.
- No literal text reaches a widget without passing through tr: a string constant or f-string given to a Qt text
  setter (setText, setWindowTitle, QLabel(...), addItem...) in qt/*.py fails the test.
"""

from __future__ import annotations

import ast
import shutil

import pytest
from PySide6.QtWidgets import QGroupBox

from tests.support import translations as ts_support
from tests.support.translations import QT_SOURCES, TR_SOURCES, TS_DIR, entries, languages, lupdate


def test_both_languages_are_there():
    assert languages() == ["de", "en"]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_ts_in_sync_with_the_code_and_complete(lang, tmp_path):
    committed = TS_DIR / f"assetdrop_{lang}.ts"
    copy = tmp_path / committed.name
    shutil.copyfile(committed, copy)
    lupdate(copy, lang)
    before, after = entries(committed), entries(copy)
    added = [str(e) for e in after if (e.context, e.source) not in {(b.context, b.source) for b in before}]
    assert not added, f"strings in the code missing from {committed.name} (make update-translations): {added}"
    assert after == before, f"lupdate changes {committed.name}: run make update-translations and translate"
    pending = [str(e) for e in after if e.status or not all(t.strip() for t in e.translations)]
    assert not pending, f"{committed.name}: {len(pending)} entries not translated: {pending}"
    assert after, "no entries at all"
    if lang == "en":  # only the plurals, each with its singular and plural form
        assert all(len(e.translations) == 2 for e in after)


def test_placeholders_survive_translation():
    """A translation keeps each %1, %2... and %n of its source (or the value would be lost on screen)."""
    import re

    wrong = []
    for lang in languages():
        for e in entries(TS_DIR / f"assetdrop_{lang}.ts"):
            wanted = sorted(re.findall(r"%L?[n\d]", e.source))
            for form in e.translations:
                if sorted(re.findall(r"%L?[n\d]", form)) != wanted:
                    wrong.append(f"{lang} {e}: {form!r}")
    assert not wrong, wrong


def test_core_placeholders_survive_translation():
    """The core's sentences are filled with str.format: a translation keeps exactly the {name} fields of its source
    (a lost one would drop a value; a new one could not be filled and the window would fall back to English)."""
    import re
    import string

    def fields(text: str) -> list[str]:
        return sorted(
            f"{{{name}{'!' + conv if conv else ''}{':' + spec if spec else ''}}}"
            for _, name, spec, conv in string.Formatter().parse(text)
            if name is not None
        )

    wrong, checked = [], 0
    for lang in languages():
        for e in entries(TS_DIR / f"assetdrop_{lang}.ts"):
            if not re.search(r"\{\w", e.source):
                continue
            checked += 1
            for form in e.translations:
                if fields(form) != fields(e.source):
                    wrong.append(f"{lang} {e}: {form!r}")
    assert checked > 50
    assert not wrong, wrong


def _literal(node) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _translatable_calls():
    """(file, line, context, text) of every literal given to self.tr, QCoreApplication.translate, QT_TRANSLATE_NOOP,
    and the core's translate (core/sentence.py)."""
    for path in TR_SOURCES:
        if path.name == "core_text.py":  # looks up the core's sentences by their kept context and template
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        classes: dict[int, str] = {}
        for cls in ast.walk(tree):
            if isinstance(cls, ast.ClassDef):
                for node in ast.walk(cls):
                    classes[id(node)] = cls.name  # innermost wins: nested classes are walked later
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if name == "tr" and isinstance(func, ast.Attribute) and node.args:
                text = _literal(node.args[0])
                owner = func.value
                # self.tr(str(label)): the run-time look-up of a text marked with QT_TRANSLATE_NOOP (checked there)
                if isinstance(owner, ast.Name) and owner.id == "self" and text is not None:
                    yield path.name, node.lineno, classes.get(id(node)), text
            elif name in ("translate", "QT_TRANSLATE_NOOP") and len(node.args) >= 2:
                text = node.args[1]
                if isinstance(text, ast.Call) and isinstance(text.func, ast.Name) and text.func.id == "str":
                    continue  # translate("Ctx", str(label)): the look-up of a QT_TRANSLATE_NOOP text
                yield path.name, node.lineno, _literal(node.args[0]), _literal(text)


def test_every_translatable_literal_is_in_the_german_ts():
    known = {(e.context, e.source) for e in entries(TS_DIR / "assetdrop_de.ts")}
    calls = list(_translatable_calls())
    assert len(calls) > 100
    missed = [f"{f}:{line} {ctx!r} {text!r}" for f, line, ctx, text in calls if (ctx, text) not in known]
    # a variable where lupdate needs a literal: the text can never be extracted
    not_literal = [f"{f}:{line}" for f, line, ctx, text in calls if ctx is None or text is None]
    assert not not_literal, f"tr/translate without a literal context and text: {not_literal}"
    assert not missed, f"lupdate did not extract these (rewrite the call plainly): {missed}"


TEXT_SETTERS = {
    "setText",
    "setWindowTitle",
    "setToolTip",
    "setStatusTip",
    "setWhatsThis",
    "setPlaceholderText",
    "setAccessibleName",
    "setAccessibleDescription",
    "setTitle",
    "setSuffix",
    "setPrefix",
    "setSpecialValueText",
    "showMessage",
    "addItem",
    "addAction",
    "addMenu",
    "addTab",
    "addButton",
    "addRow",
    "setTabText",
    "setHorizontalHeaderLabels",
    "setFormat",
    "information",
    "warning",
    "critical",
    "question",
    "getExistingDirectory",
    "getOpenFileNames",
    "getSaveFileName",
}
TEXT_WIDGETS = {"QLabel", "QPushButton", "QCheckBox", "QToolButton", "QGroupBox", "QAction", "QMenu", "QRadioButton"}


def _untranslated_text(node) -> bool:
    if isinstance(node, ast.JoinedStr):
        return True
    text = _literal(node)
    return bool(text) and any(c.isalpha() for c in text)


def test_no_literal_text_reaches_a_widget():
    found = []
    for path in QT_SOURCES:
        if path.name == "self_test.py":  # its one printed line is read by scripts, like the CLI's output
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            logging = isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "log"
            if (name in TEXT_SETTERS or name in TEXT_WIDGETS or name == "QMessageBox") and not logging:
                args = list(node.args) + [k.value for k in node.keywords if k.arg in ("placeholderText", "text")]
                for arg in args:
                    if _untranslated_text(arg):
                        found.append(f"{path.name}:{node.lineno} {ast.unparse(arg)[:60]}")
    assert not found, f"{len(found)} texts shown without tr: {found}"


def test_the_compiled_catalogs_load(qapp):
    from PySide6.QtCore import QTranslator

    ts_support.compile_all()
    for lang in languages():
        assert QTranslator().load(f"assetdrop_{lang}", str(TS_DIR)), lang


def test_every_provider_option_text_is_in_the_catalogue():
    """The specs (core/providers/) declare their options' texts in English; qt/provider_texts.py lists them for
    lupdate. A text added to a spec and not listed there would show in English in a German dialog."""
    from assetdrop.core.providers import registry
    from assetdrop.qt.provider_texts import _PATH_HELP, TEXTS

    listed = set(map(str, TEXTS))
    missing = []
    for spec in registry.SPECS:
        missing += [spec.label] if spec.label not in listed else []
        for option in spec.options:
            texts = [option.label, option.help, option.group, option.placeholder, *(c.label for c in option.choices)]
            for text in texts:
                if text and not text.startswith("/") and not _PATH_HELP.fullmatch(text) and text not in listed:
                    missing.append(f"{spec.kind}.{option.name}: {text!r}")
    assert not missing, f"add these to gui/assetdrop/qt/provider_texts.py: {missing}"


def test_provider_options_in_german(german, qtbot):
    from assetdrop.core.providers import registry
    from assetdrop.qt.option_form import OptionForm

    form = OptionForm(registry.spec_for("filespin"))
    qtbot.addWidget(form)
    assert form.fields["api_key"].accessibleName() == "API-Schlüssel"
    paths = [box for box in form.findChildren(QGroupBox) if box.isCheckable()]
    assert [box.title() for box in paths] == ["Endpunkt-Pfade"]
    form.load({"path_search": "/custom/search"})  # the folded box still opens for its own
    assert paths[0].isChecked()
