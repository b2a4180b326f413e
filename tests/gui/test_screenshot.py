"""A real window under Xvfb (the xcb platform, as on a desktop) with a populated queue: its screenshot is saved
to docs/screenshots/main-window.png, which the README shows."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.xvfb import xvfb_display as start_xvfb

ROOT = Path(__file__).resolve().parents[2]
SHOT = ROOT / "docs" / "screenshots" / "main-window.png"


@pytest.fixture
def xvfb_display():
    if not shutil.which("Xvfb"):
        reason = "Xvfb is not installed (make test installs it)"
        if os.environ.get("ASSETDROP_REQUIRE_KEYRING") == "1":  # set by make test, which installs Xvfb too
            pytest.fail(reason)
        pytest.skip(reason)
    with start_xvfb() as display:
        yield display


@pytest.mark.slow
def test_real_window_screenshot(xvfb_display, tmp_path):
    from PySide6.QtGui import QImage

    env = dict(os.environ, DISPLAY=xvfb_display, QT_QPA_PLATFORM="xcb", ASSETDROP_HOME=str(tmp_path),
               PYTHONPATH=str(ROOT))
    out = tmp_path / "main-window.png"
    result = subprocess.run([sys.executable, "-m", "tests.gui.screenshot_app", str(out)], env=env, cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    image = QImage(str(out))
    assert (image.width(), image.height()) == tuple(int(v) for v in result.stdout.split()[-1].split("x"))
    assert image.width() >= 1000 and image.height() >= 500
    # a real rendering, not a blank: many distinct colours across the window
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 40, f"only {len(colours)} colours: the window did not render"
    SHOT.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(out, SHOT)
