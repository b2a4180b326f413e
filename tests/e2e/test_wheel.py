"""The wheel carries the window's compiled translations (issue 21 section 2: "the .qm files are compiled at build,
shipped in the package"): from a copy of the files git tracks (as a fresh clone has them: no .qm), an sdist is built
with the project's own backend (packaging/wheel/wheel_backend.py), a wheel is built from that sdist by pip, as
`pip install` would, and the wheel is opened: each .ts has its .qm (German ones that Qt loads and that translate),
the icons are there, and an installed copy's assetdrop.resources finds both.

The builds are pip's usual isolated ones: setuptools and PySide6-Essentials come from the package index (or pip's
cache), about ten seconds here."""

from __future__ import annotations

import re
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())


def _clean_copy(target: Path) -> Path:
    """The tracked (and new, not ignored) files of the app's build: what a fresh clone gives the build."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for raw in filter(None, listed):
        name = raw.decode()
        if name.split("/")[0] in {"tests", "bench", "docs"} or not (ROOT / name).is_file():
            continue
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_bytes((ROOT / name).read_bytes())
    assert not list(target.rglob("*.qm")), "the .qm files are built, never committed"
    return target


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("wheel")
    source = _clean_copy(base / "src")
    backend = base / "backend"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "install", "--target", str(backend), *PYPROJECT["build-system"]["requires"]], check=True)
    sdist_dir = base / "sdist"
    code = "import sys, wheel_backend; print(wheel_backend.build_sdist(sys.argv[1]))"
    env_path = f"{source / 'packaging' / 'wheel'}:{backend}"
    made = subprocess.run(
        [sys.executable, "-c", code, str(sdist_dir)],
        cwd=source,
        env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    sdist = sdist_dir / made.stdout.strip().splitlines()[-1]
    with tarfile.open(sdist) as tar:
        names = tar.getnames()
    assert any(n.endswith("resources/translations/assetdrop_de.ts") for n in names), "the sdist lacks the .ts"
    assert not any(n.endswith(".qm") for n in names)
    out = base / "dist"
    subprocess.run([*pip, "wheel", "--no-deps", "-w", str(out), str(sdist)], check=True)
    (built,) = out.glob("assetdrop-*.whl")
    return built


def test_the_wheel_carries_every_compiled_translation_and_the_icons(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    languages = sorted(ts.stem for ts in (ROOT / "resources" / "translations").glob("assetdrop_*.ts"))
    assert languages == ["assetdrop_de", "assetdrop_en"]
    for stem in languages:
        assert f"assetdrop/resources/translations/{stem}.qm" in names
    icons = sorted(p.name for p in (ROOT / "resources" / "icons").glob("*.svg"))
    assert icons and all(f"assetdrop/resources/icons/{name}" in names for name in icons)


def test_an_installed_wheel_finds_its_translations_and_they_translate(wheel, tmp_path):
    zipfile.ZipFile(wheel).extractall(tmp_path / "site")
    code = """
import sys
import tarfile
from PySide6.QtCore import QCoreApplication, QTranslator
from assetdrop.resources import resource_path
app = QCoreApplication([])
folder = resource_path("translations")
translator = QTranslator()
assert translator.load("assetdrop_de", str(folder)), folder
app.installTranslator(translator)
print(folder)
print(QCoreApplication.translate("Errors", "API key rejected"))
print(resource_path("icons", "upload.svg").is_file())
"""
    shown = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path / "site"), "QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert shown == [
        str(tmp_path / "site" / "assetdrop" / "resources" / "translations"),
        "API-Schlüssel abgelehnt",
        "True",
    ]


def test_the_wheel_build_asks_for_the_pyside_the_app_depends_on():
    """lrelease comes from the same PySide6-Essentials the app needs at run time (one pin, said twice)."""
    sys.path.insert(0, str(ROOT / "packaging" / "wheel"))
    try:
        import wheel_backend
    finally:
        sys.path.pop(0)
    pins = [d for d in PYPROJECT["project"]["dependencies"] if re.match(r"PySide6-Essentials\b", d)]
    assert pins == [wheel_backend.LRELEASE_FROM]
    assert PYPROJECT["build-system"]["build-backend"] == "wheel_backend"
