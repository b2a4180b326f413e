"""A real window under Xvfb (the xcb platform, as on a desktop) mid-transfer: its screenshots are saved to
docs/screenshots/main-window.png (partial bars), failed-view.png (the Failed tab) and browse-thumbnails.png
(Browse's grid), which the README shows. With LANG=de_DE.UTF-8 the same window speaks German (the system's
locale, which qt/app.py follows): docs/screenshots/main-window-de.png, which docs/translations.md shows. Both
fail on any text cut off under the X server's fonts. Settings → Watch folders is shot the same way, in both
languages: docs/screenshots/watch-folders.png (English), which docs/watch-folders.md shows."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import require
from tests.support.xvfb import xvfb_display as start_xvfb

ROOT = Path(__file__).resolve().parents[2]
SHOT = ROOT / "docs" / "screenshots" / "main-window.png"
FAILED_SHOT = ROOT / "docs" / "screenshots" / "failed-view.png"
BROWSE_SHOT = ROOT / "docs" / "screenshots" / "browse-thumbnails.png"
GERMAN_SHOT = ROOT / "docs" / "screenshots" / "main-window-de.png"
# the locale as a desktop session sets it (LANGUAGE, LC_ALL and LC_MESSAGES would override LANG); a word each
# language shows in its tabs and menus
LOCALES = {"en": ("en_US.UTF-8", "Browse", "&Help"), "de": ("de_DE.UTF-8", "Durchsuchen", "&Hilfe")}


@pytest.fixture
def xvfb_display():
    if not shutil.which("Xvfb"):
        require.unavailable("Xvfb is not installed (make test installs it)", require.XVFB)
    with start_xvfb() as display:
        yield display


def run_shot(module: str, outputs: list, lang: str, display: str, home) -> subprocess.CompletedProcess:
    """Run a screenshot module in its own process under Xvfb, in `lang`'s locale, with this tree's code."""
    env = dict(
        os.environ,
        DISPLAY=display,
        QT_QPA_PLATFORM="xcb",
        ASSETDROP_HOME=str(home),
        PYTHONPATH=os.pathsep.join([str(ROOT / "gui"), str(ROOT)]),  # this tree's code, not an installed copy
    )
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        env.pop(name, None)
    env["LANG"] = LOCALES[lang][0]
    result = subprocess.run(
        [sys.executable, "-m", module, *map(str, outputs)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "de"])
def test_real_window_screenshot(lang, xvfb_display, tmp_path):
    from PySide6.QtGui import QImage

    from tests.support.translations import compile_all

    compile_all()
    _, tab_word, menu_word = LOCALES[lang]
    out, failed_out, browse_out = (tmp_path / name for name in ("main.png", "failed.png", "browse.png"))
    result = run_shot("tests.gui.screenshot_app", [out, failed_out, browse_out], lang, xvfb_display, tmp_path)
    lines = result.stdout.splitlines()
    assert any(line.startswith("tabs: ") and tab_word in line for line in lines), result.stdout
    assert any(line.startswith("menus: ") and menu_word in line for line in lines), result.stdout
    assert "clipped: []" in lines, result.stdout  # nothing cut off, the toolbar fits
    image = QImage(str(out))
    assert (image.width(), image.height()) == tuple(int(v) for v in result.stdout.split()[-1].split("x"))
    assert image.width() >= 1000 and image.height() >= 500
    # a real rendering, not a blank: many distinct colours across the window
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 40, f"only {len(colours)} colours: the window did not render"
    # mid-transfer: some bars partly filled (the highlight runs across part of a Progress cell's width)
    failed = QImage(str(failed_out))
    assert not failed.isNull() and failed.width() == image.width()
    browse = QImage(str(browse_out))
    assert not browse.isNull() and browse.width() == image.width()
    SHOT.parent.mkdir(parents=True, exist_ok=True)
    if lang == "de":
        shutil.copyfile(out, GERMAN_SHOT)
        return
    shutil.copyfile(out, SHOT)
    shutil.copyfile(failed_out, FAILED_SHOT)
    shutil.copyfile(browse_out, BROWSE_SHOT)


WATCH_SHOT = ROOT / "docs" / "screenshots" / "watch-folders.png"
WATCH_WORDS = {"en": "After upload", "de": "Nach dem Hochladen"}


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "de"])
def test_watch_folders_dialog_screenshot(lang, xvfb_display, tmp_path):
    """Settings → Watch folders with three folders, under Xvfb: nothing cut off in either language; the English
    one is docs/screenshots/watch-folders.png, which docs/watch-folders.md shows."""
    from PySide6.QtGui import QImage

    from tests.support.translations import compile_all

    compile_all()
    out = tmp_path / "watch.png"
    result = run_shot("tests.gui.watch_dialog_shot", [out], lang, xvfb_display, tmp_path)
    lines = result.stdout.splitlines()
    assert any(line.startswith("columns: ") and WATCH_WORDS[lang] in line for line in lines), result.stdout
    assert "clipped: []" in lines, result.stdout
    image = QImage(str(out))
    assert (image.width(), image.height()) == tuple(int(v) for v in lines[-1].split("x"))
    assert image.width() >= 900 and image.height() >= 250
    colours = {image.pixel(x, y) for x in range(0, image.width(), 5) for y in range(0, image.height(), 5)}
    assert len(colours) > 20, f"only {len(colours)} colours: the dialog did not render"
    if lang == "en":
        shutil.copyfile(out, WATCH_SHOT)
