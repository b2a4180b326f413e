"""What is shipped, checked as shipped: build the PyInstaller bundle and the .deb (packaging/build.sh, what
`make package` runs), unpack the .deb into a throwaway root with `dpkg-deb -x` (or `dpkg -i` when CI=true and
we are root), and run the installed launcher's `--self-test` under Xvfb: embedded sandbox, real window, one upload,
one download, Help → About, screenshot. The .desktop file, AppStream metainfo, icons, launcher, Depends and the
bundle's Qt contents are checked too.

`make test` sets ASSETDROP_REQUIRE_PACKAGING=1 (and ASSETDROP_REQUIRE_KEYRING=1): then a missing tool is a failure,
not a skip, and the frozen app must round-trip a secret through the real keyring (its backends are bundled).
"""

from __future__ import annotations

import configparser
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.support.xvfb import xvfb_display as start_xvfb

# the first test also builds the bundle and the .deb (~75 s here): more than the suite's 300 s default on slow CI
pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

ROOT = Path(__file__).resolve().parents[2]
APP_ID = "io.assetdrop.Assetdrop"
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
REQUIRED = os.environ.get("ASSETDROP_REQUIRE_PACKAGING") == "1" or os.environ.get("ASSETDROP_REQUIRE_KEYRING") == "1"
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
# what Qt's xcb platform plugin needs from the system (Qt's own docs, and what `make run` installs)
XCB_PACKAGES = ("libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-image0", "libxcb-render-util0",
                "libxcb-shape0", "libxcb-xkb1", "libxkbcommon-x11-0", "libxcb-randr0", "libxcb1", "libx11-xcb1",
                "libfontconfig1", "libdbus-1-3", "libegl1")
USE_DPKG_I = os.environ.get("CI") == "true" and hasattr(os, "geteuid") and os.geteuid() == 0


def missing(what: str) -> None:
    if REQUIRED:  # make test installs every tool: a missing one is a broken set-up, not a reason to skip
        pytest.fail(what)
    pytest.skip(what)


def need_tools(*tools: str) -> None:
    absent = [t for t in tools if not shutil.which(t)]
    if absent:
        missing(f"not installed: {', '.join(absent)} (make test installs them)")


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    if not sys.platform.startswith("linux"):
        pytest.skip("the .deb is built on Linux only")
    need_tools("dpkg-deb", "readelf", "objdump", "dpkg-query")
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        missing("PyInstaller is not installed (pip install -e '.[packaging]'; make test does it)")
    out = tmp_path_factory.mktemp("package")
    env = dict(os.environ, PYTHON=sys.executable)
    result = subprocess.run(["bash", str(ROOT / "packaging" / "build.sh"), str(out / "dist"), str(out / "work")],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    print(result.stdout)
    assert result.returncode == 0, f"packaging/build.sh failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    debs = list((out / "dist").glob("*.deb"))
    assert [d.name for d in debs] == [f"assetdrop_{VERSION}_amd64.deb"]
    return {"deb": debs[0], "bundle": out / "dist" / "assetdrop", "icons": out / "work" / "assetdrop" / "icons",
            "log": result.stdout}


@pytest.fixture(scope="module")
def installed(build, tmp_path_factory):
    """The root the package is installed in: `dpkg -i` on a CI machine (root, CI=true), else a `dpkg -x` tree."""
    if USE_DPKG_I:
        result = subprocess.run(["dpkg", "-i", str(build["deb"])], capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, f"dpkg -i failed (missing Depends?):\n{result.stdout}\n{result.stderr}"
        yield Path("/")
        subprocess.run(["dpkg", "-r", "assetdrop"], capture_output=True, timeout=300)
        return
    root = tmp_path_factory.mktemp("root")
    subprocess.run(["dpkg-deb", "-x", str(build["deb"]), str(root)], check=True, timeout=300)
    yield root


@pytest.fixture
def xvfb_display():
    need_tools("Xvfb")
    with start_xvfb() as display:
        yield display


def clean_env(**extra: str) -> dict[str, str]:
    """The environment of a user's session: nothing from this venv or source tree may leak into the frozen app."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "LD_LIBRARY_PATH", "QT_PLUGIN_PATH",
                        "QT_QPA_PLATFORM_PLUGIN_PATH", "PYTHONSTARTUP")}
    env["PATH"] = "/usr/local/bin:/usr/bin:/bin"
    env.setdefault("LANG", "C.UTF-8")
    env.update(extra)
    return env


# -- the installed app works ---------------------------------------------------------------------------------------
def test_installed_launcher_self_test_under_xvfb(installed, xvfb_display, tmp_path, qapp):
    from PySide6.QtGui import QImage

    launcher = installed / "usr" / "bin" / "assetdrop"
    shot = tmp_path / "self-test.png"
    args = [str(launcher), "--self-test", "--screenshot", str(shot), "--timeout", "60"]
    keyring_required = os.environ.get("ASSETDROP_REQUIRE_KEYRING") == "1"
    if keyring_required:  # make test runs under a private dbus session with an unlocked gnome-keyring
        args.append("--keyring")
    result = subprocess.run(args, env=clean_env(DISPLAY=xvfb_display, QT_QPA_PLATFORM="xcb",
                                                ASSETDROP_HOME=str(tmp_path / "home")),
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    assert result.returncode == 0, f"self-test failed ({result.returncode}): {result.stdout}\n{result.stderr[-2000:]}"
    print(summary)
    assert summary.startswith("self-test ok:"), summary
    assert f"Assetdrop {VERSION} (frozen," in summary, "not the frozen build, or a version not from pyproject"
    assert "platform xcb" in summary
    assert re.search(r"uploaded \d+ bytes as [0-9a-f]{32} and downloaded them back identical", summary)
    if keyring_required:
        assert "SecretService.Keyring (round trip ok)" in summary, summary
    image = QImage(str(shot))
    assert not image.isNull() and image.width() >= 1000 and image.height() >= 600, (image.width(), image.height())
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 40, f"only {len(colours)} colours: the window did not render"


def test_self_test_fails_in_words_without_a_display(installed, tmp_path):
    env = clean_env(ASSETDROP_HOME=str(tmp_path / "home"), QT_QPA_PLATFORM="xcb")
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    result = subprocess.run([str(installed / "usr" / "bin" / "assetdrop"), "--self-test"], env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert result.stdout.strip().startswith("self-test FAILED: no display"), result.stdout


# -- what the package holds -----------------------------------------------------------------------------------------
def test_control_fields_and_depends(build):
    def field(name: str) -> str:
        return subprocess.run(["dpkg-deb", "-f", str(build["deb"]), name], capture_output=True, text=True,
                              check=True).stdout.strip()

    assert field("Package") == "assetdrop"
    assert field("Version") == VERSION
    assert field("Architecture") == "amd64"
    depends = [d.strip() for d in field("Depends").split(",")]
    names = {re.sub(r"\s*\(.*\)", "", d) for d in depends}
    assert set(XCB_PACKAGES) <= names, f"Depends lacks {set(XCB_PACKAGES) - names}"
    assert any(d.startswith("libc6 (>= ") for d in depends)
    for dep in depends:  # each (first alternative) is a real package on this Debian: the build resolved them
        name = re.sub(r"\s*\(.*\)", "", dep.split("|")[0]).strip()
        known = subprocess.run(["apt-cache", "show", name], capture_output=True, text=True)
        installed_ = subprocess.run(["dpkg-query", "-W", name], capture_output=True, text=True)
        assert known.returncode == 0 or installed_.returncode == 0, f"Depends names an unknown package {name}"


def test_launcher_desktop_file_and_metainfo(installed):
    need_tools("desktop-file-validate", "appstreamcli")
    launcher = installed / "usr" / "bin" / "assetdrop"
    assert launcher.is_file() and os.access(launcher, os.X_OK)
    assert "/opt/assetdrop/assetdrop" in launcher.read_text()
    app = installed / "opt" / "assetdrop" / "assetdrop"
    assert app.is_file() and os.access(app, os.X_OK)

    desktop = installed / "usr" / "share" / "applications" / f"{APP_ID}.desktop"
    result = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(desktop)
    section = entry["Desktop Entry"]
    assert section["Exec"].split()[0] == "assetdrop" and section["Icon"] == APP_ID
    assert section["Categories"] == "Network;FileTransfer;"
    assert "MimeType" not in section

    metainfo = installed / "usr" / "share" / "metainfo" / f"{APP_ID}.metainfo.xml"
    result = subprocess.run(["appstreamcli", "validate", "--no-net", str(metainfo)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    text = metainfo.read_text()
    assert f'<release version="{VERSION}"' in text and "@" not in text
    assert f"<launchable type=\"desktop-id\">{APP_ID}.desktop</launchable>" in text


def test_icons_every_size_and_scalable(installed, build, qapp):
    from PySide6.QtGui import QImage, QImageReader

    hicolor = installed / "usr" / "share" / "icons" / "hicolor"
    for size in HICOLOR_SIZES:
        image = QImage(str(hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png"))
        assert (image.width(), image.height()) == (size, size), size
        assert image.hasAlphaChannel() and image.pixelColor(size // 2, size // 2).alpha() == 255
    svg = hicolor / "scalable" / "apps" / f"{APP_ID}.svg"
    assert svg.read_bytes() == (ROOT / "resources" / "icons" / f"{APP_ID}.svg").read_bytes()
    # the Windows and macOS icon formats, rendered in the same build
    ico = QImageReader(str(build["icons"] / f"{APP_ID}.ico"))
    assert ico.imageCount() == 7 and ico.canRead(), ico.errorString()
    icns = build["icons"] / f"{APP_ID}.icns"
    assert icns.read_bytes()[:4] == b"icns" and int.from_bytes(icns.read_bytes()[4:8], "big") == icns.stat().st_size


def test_bundle_holds_what_qt_needs_and_nothing_unused(build):
    internal = build["bundle"] / "_internal"
    qt = internal / "PySide6" / "Qt"
    for plugin in ("platforms/libqxcb.so", "platforms/libqwayland.so", "platforms/libqoffscreen.so",
                   "xcbglintegrations/libqxcb-glx-integration.so", "wayland-shell-integration/libxdg-shell.so",
                   "imageformats/libqsvg.so", "iconengines/libqsvgicon.so", "platformthemes/libqxdgdesktopportal.so"):
        assert (qt / "plugins" / plugin).is_file(), plugin
    libs = {p.name for p in (qt / "lib").iterdir()}
    for unused in ("Network", "Qml", "Quick", "Pdf", "OpenGLWidgets", "Sql", "Test", "Xml", "EglFSDeviceIntegration"):
        assert f"libQt6{unused}.so.6" not in libs, f"unused Qt module bundled: {unused}"
    assert not (qt / "plugins" / "platformthemes" / "libqgtk3.so").exists()
    assert not (internal / "libgtk-3.so.0").exists() and not (internal / "libxcb.so.1").exists(), \
        "system libraries belong to Depends, not the bundle"
    assert (internal / "keyring-25.7.0.dist-info").is_dir() or list(internal.glob("keyring-*.dist-info")), \
        "keyring's entry-point metadata is missing: no backend would load frozen"
    assert list(internal.glob("assetdrop-*.dist-info")), "assetdrop's metadata (its version) is missing"
    assert (internal / "resources" / "icons" / f"{APP_ID}.svg").is_file()
    assert (internal / "certifi" / "cacert.pem").is_file(), "HTTPS needs certifi's CA bundle"
    assert not (internal / "botocore" / "data" / "ec2").exists(), "only botocore's S3 data is needed"
    size = sum(p.stat().st_size for p in build["bundle"].rglob("*") if p.is_file() and not p.is_symlink())
    assert size < 180 * 1024 * 1024, f"bundle grew to {size / 1048576:.0f} MiB"


def test_every_bundled_qt_plugin_finds_its_libraries(installed):
    """ldd on each Qt plugin and the Qt libraries, with the bundle's own folders (as the frozen app sets them):
    nothing is 'not found', so the Depends (installed here by make test) cover what the bundle leaves out."""
    internal = installed / "opt" / "assetdrop" / "_internal"
    qt = internal / "PySide6" / "Qt"
    env = clean_env(LD_LIBRARY_PATH=f"{internal}:{qt / 'lib'}")
    problems = []
    for path in [*(qt / "plugins").rglob("*.so"), *(qt / "lib").glob("*.so.*"), installed / "opt" / "assetdrop" /
                 "assetdrop"]:
        out = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env).stdout
        problems += [f"{path.relative_to(installed)}: {line.strip()}" for line in out.splitlines()
                     if "not found" in line]
    assert not problems, "\n".join(problems)
