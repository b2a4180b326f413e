"""What pyproject.toml cannot say: a wheel carries the window's compiled translations and its icons.

The .qm files are not in git (docs/translations.md): build_py compiles each resources/translations/*.ts with
pyside6-lrelease (PySide6-Essentials, which packaging/wheel/wheel_backend.py adds to the wheel's build
requirements) into assetdrop/resources/translations/, and copies resources/icons beside them, where
assetdrop.resources finds them in an installed package. An editable install reads resources/ in the source tree
instead, so it compiles nothing here (`make translations` does)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
LRELEASE = [sys.executable, "-c", "import sys; from PySide6.scripts.pyside_tool import lrelease; sys.exit(lrelease())"]


def add_resources(package_dir: Path) -> list[Path]:
    """Compile the .ts into package_dir/resources/translations and copy the icons; returns the files written."""
    target = package_dir / "resources"
    translations = target / "translations"
    translations.mkdir(parents=True, exist_ok=True)
    written = []
    for ts in sorted((ROOT / "resources" / "translations").glob("*.ts")):
        qm = translations / ts.with_suffix(".qm").name
        subprocess.run([*LRELEASE, "-silent", str(ts), "-qm", str(qm)], check=True)
        if not qm.is_file():
            raise RuntimeError(f"pyside6-lrelease wrote no {qm.name}")
        written.append(qm)
    icons = ROOT / "resources" / "icons"
    shutil.copytree(icons, target / "icons", dirs_exist_ok=True)
    written += [target / "icons" / p.relative_to(icons) for p in icons.rglob("*") if p.is_file()]
    return written


class BuildPy(build_py):
    def run(self) -> None:
        super().run()
        if not self.editable_mode:
            add_resources(Path(self.build_lib) / "assetdrop")


setup(cmdclass={"build_py": BuildPy})
