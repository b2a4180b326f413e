"""The window's language: the system's locale (LANG, LC_MESSAGES, LANGUAGE) unless Settings say otherwise, read
the way a freshly started process reads it (each case in its own process: Qt reads the locale once); the command
line never loads a translation, so its output is the same in every locale."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import sys
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication
from assetdrop.qt.translations import install
app = QApplication([])
locale = install(app, sys.argv[1])
print(locale.name(), QCoreApplication.translate("DropZone", "Drop zone"), sep="|")
"""


def _probe(override: str, **env: str) -> str:
    from tests.support.translations import compile_all

    compile_all()
    clean = {k: v for k, v in os.environ.items() if k not in ("LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    clean.update(QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT / "gui"), **env)
    result = subprocess.run(
        [sys.executable, "-c", PROBE, override], env=clean, capture_output=True, text=True, timeout=60, check=True
    )
    return result.stdout.strip()


@pytest.mark.parametrize(
    "override, env, expected",
    [
        ("", {"LANG": "de_DE.UTF-8"}, "de_DE|Ablagebereich"),
        ("", {"LANG": "en_GB.UTF-8", "LC_MESSAGES": "de_AT.UTF-8"}, "Ablagebereich"),
        ("", {"LANG": "en_US.UTF-8"}, "en_US|Drop zone"),
        ("", {"LANG": "fr_FR.UTF-8"}, "fr_FR|Drop zone"),  # no French yet: English, with French numbers
        ("en", {"LANG": "de_DE.UTF-8"}, "en_US|Drop zone"),  # the Settings override wins over the system
        ("de", {"LANG": "en_US.UTF-8"}, "de_DE|Ablagebereich"),
    ],
)
def test_the_window_follows_the_system_unless_settings_say_otherwise(override, env, expected):
    assert _probe(override, **env).endswith(expected)


def test_the_cli_never_loads_a_translation(tmp_path):
    """Its output (IDs, tab-separated lines) is read by scripts: no module it imports loads qt/translations.py,
    and its help is the same English under LANG=de_DE.UTF-8."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "gui"), ASSETDROP_HOME=str(tmp_path))
    outputs = []
    for lang in ("C.UTF-8", "de_DE.UTF-8"):
        env["LANG"] = env["LC_ALL"] = lang
        code = (
            "import sys, assetdrop.cli; print(sorted(m for m in sys.modules if 'translations' in m or 'PySide6' in m))"
        )
        modules = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
        assert modules.stdout.strip() == "[]", modules.stdout
        help_text = subprocess.run(
            [sys.executable, "-m", "assetdrop.cli", "--help"], env=env, capture_output=True, text=True, check=True
        )
        outputs.append(help_text.stdout)
    assert outputs[0] == outputs[1] and "usage:" in outputs[0]


def test_the_settings_language_is_saved(make_window, tmp_path):
    """Settings → Language: System, English, Deutsch (each language by its own name), stored in settings.json."""
    from assetdrop.core import settings
    from assetdrop.qt.settings_dialog import SettingsDialog

    window = make_window()
    dialog = SettingsDialog(window.session, window)
    names = [dialog.language.itemText(i) for i in range(dialog.language.count())]
    assert names == ["System", "English", "Deutsch"]
    assert dialog.language.currentData() == ""  # follows the system until chosen
    dialog.language.setCurrentIndex(dialog.language.findData("de"))
    dialog.apply()
    assert settings.load(tmp_path / "settings.json").language == "de"
    again = SettingsDialog(window.session, window)
    assert again.language.currentData() == "de"
