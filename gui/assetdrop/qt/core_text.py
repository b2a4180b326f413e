"""The core's sentences (core/sentence.py) in the window's language: every place the window shows a text the core
wrote (an error's title and message, a watch folder's event) passes it through `localize`.

A Sentence's template is looked up in the installed translators under its own context (the .ts holds it:
lupdate reads core/ too), and filled with its values, themselves localized when they are sentences. A plain str
(a server's own words, an older queue file's message) comes back as it is, and so does a sentence whose
translation cannot be filled (a lost placeholder): the English is better than nothing. A count written `{n:,}`
gets the locale's digit grouping ("1.234" in German), as the window's own numbers do (locale_format.py).
"""

from __future__ import annotations

import logging
import string

from PySide6.QtCore import QCoreApplication, QLocale

from ..core.sentence import Sentence

log = logging.getLogger(__name__)


def localize(text: str) -> str:
    if not isinstance(text, Sentence):
        return text
    template = QCoreApplication.translate(text.context, text.template)
    if text.params is None:
        return template
    values = {name: localize(value) if isinstance(value, str) else value for name, value in text.params.items()}
    try:
        return _grouped(template, values).format(**values)
    except (KeyError, IndexError, ValueError):
        log.warning("the translation of %r cannot be filled: %r", text.template, template)
        return str(text)


def _grouped(template: str, values: dict[str, str | int | float]) -> str:
    """The template with each `{n:,}` of a whole number turned into `{n}`, its value written by QLocale."""
    parts = []
    for literal, name, spec, conversion in string.Formatter().parse(template):
        parts.append(literal.replace("{", "{{").replace("}", "}}"))
        if name is None:
            continue
        value = values.get(name)
        if spec == "," and not conversion and isinstance(value, int) and not isinstance(value, bool):
            values[name] = QLocale().toString(value)
            parts.append(f"{{{name}}}")
        else:
            parts.append(f"{{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}")
    return "".join(parts)
