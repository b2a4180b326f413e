"""What is shipped, checked as shipped: build the PyInstaller bundle and the .deb (packaging/build.sh, what
`make package` runs), unpack the .deb into a throwaway root with `dpkg-deb -x` (or `dpkg -i` when CI=true and
we are root), and run the installed launcher's `--self-test` under Xvfb: embedded sandbox, real window, one upload,
one download, Help → About, screenshot. The .desktop file, AppStream metainfo, icons, launcher, Depends and the
bundle's Qt contents are checked too, and the package as a Debian maintainer would: lintian, `assetdrop-cli`,
both man pages through `man -l`, a bash completion query, and a second launch handing its file to the first window.

`make test` sets ASSETDROP_REQUIRE_PACKAGING=1 (and ASSETDROP_REQUIRE_KEYRING=1): then a missing tool is a failure,
not a skip, and the frozen app must round-trip a secret through the real keyring (its backends are bundled).
"""

from __future__ import annotations

import configparser
import contextlib
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import tomllib
from pathlib import Path

import pytest

from tests.support.xvfb import xvfb_display as start_xvfb

# the first test also builds the bundle and the .deb (~75 s here): more than the suite's 300 s default on slow CI
pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

ROOT = Path(__file__).resolve().parents[2]
APP_ID = "io.assetdrop.Assetdrop"
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
# the Debian version: pyproject's plus the packaging revision, from the changelog's first line
DEB_VERSION = re.match(r"assetdrop \(([^)]+)\)", (ROOT / "packaging" / "deb" / "changelog").read_text()).group(1)
REQUIRED = os.environ.get("ASSETDROP_REQUIRE_PACKAGING") == "1"
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
# what Qt's xcb platform plugin needs from the system (Qt's own docs, and what `make run` installs)
XCB_PACKAGES = (
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-image0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-xkb1",
    "libxkbcommon-x11-0",
    "libxcb-randr0",
    "libxcb1",
    "libx11-xcb1",
    "libfontconfig1",
    "libdbus-1-3",
    "libegl1",
)
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
    need_tools("dpkg-deb", "readelf", "objdump", "dpkg-query", "patchelf", "strip")
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        missing("PyInstaller is not installed (pip install -e '.[packaging]'; make test does it)")
    out = tmp_path_factory.mktemp("package")
    env = dict(os.environ, PYTHON=sys.executable)
    result = subprocess.run(
        ["bash", str(ROOT / "packaging" / "build.sh"), str(out / "dist"), str(out / "work")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    print(result.stdout)
    assert result.returncode == 0, f"packaging/build.sh failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    debs = list((out / "dist").glob("*.deb"))
    assert [d.name for d in debs] == [f"assetdrop_{DEB_VERSION}_amd64.deb"]
    return {
        "deb": debs[0],
        "bundle": out / "dist" / "assetdrop",
        "icons": out / "work" / "assetdrop" / "icons",
        "log": result.stdout,
    }


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
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in (
            "PYTHONPATH",
            "PYTHONHOME",
            "VIRTUAL_ENV",
            "LD_LIBRARY_PATH",
            "QT_PLUGIN_PATH",
            "QT_QPA_PLATFORM_PLUGIN_PATH",
            "PYTHONSTARTUP",
        )
    }
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
    result = subprocess.run(
        args,
        env=clean_env(DISPLAY=xvfb_display, QT_QPA_PLATFORM="xcb", ASSETDROP_HOME=str(tmp_path / "home")),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
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
    result = subprocess.run(
        [str(installed / "usr" / "bin" / "assetdrop"), "--self-test"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert result.stdout.strip().startswith("self-test FAILED: no display"), result.stdout


# -- what the package holds -----------------------------------------------------------------------------------------
def test_control_fields_and_depends(build):
    def field(name: str) -> str:
        return subprocess.run(
            ["dpkg-deb", "-f", str(build["deb"]), name], capture_output=True, text=True, check=True
        ).stdout.strip()

    assert field("Package") == "assetdrop"
    assert field("Version") == DEB_VERSION and DEB_VERSION.startswith(f"{VERSION}-")
    assert field("Architecture") == "amd64"
    # the keyring services themselves (not kwalletmanager's GUI), and no portal without a backend
    assert field("Recommends") == "gnome-keyring | libkf5wallet-bin"
    depends = [d.strip() for d in field("Depends").split(",")]
    names = {re.sub(r"\s*\(.*\)", "", d) for d in depends}
    assert set(XCB_PACKAGES) <= names, f"Depends lacks {set(XCB_PACKAGES) - names}"
    assert any(d.startswith("libc6 (>= ") for d in depends)
    recommends = [alt.strip() for alt in field("Recommends").split("|")]
    for dep in depends + recommends:  # each (first alternative) is a real package on this Debian
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
    assert f'<launchable type="desktop-id">{APP_ID}.desktop</launchable>' in text


def test_watch_folder_unit_installed_and_off(installed, build):
    """The systemd user unit and its docs ship; nothing enables it (no maintainer scripts, no wants link)."""
    unit = installed / "usr" / "lib" / "systemd" / "user" / "assetdrop-watch@.service"
    source = Path(__file__).resolve().parents[2] / "packaging" / "deb" / "assetdrop-watch@.service"
    assert unit.read_text() == source.read_text()
    assert (installed / "usr" / "share" / "doc" / "assetdrop" / "watch-folders.md").is_file()
    listing = subprocess.run(["dpkg-deb", "-c", str(build["deb"])], capture_output=True, text=True, check=True)
    assert "./usr/lib/systemd/user/assetdrop-watch@.service" in listing.stdout
    assert ".wants/" not in listing.stdout
    # Under `dpkg -i` the root is the machine's own, whose systemd has wants folders of its own:
    # only a link to our unit in any of them would mean the package enabled it.
    systemd_roots = [installed / "etc" / "systemd", installed / "usr" / "lib" / "systemd"]
    enabled = [link for root in systemd_roots if root.is_dir() for link in root.glob("**/*.wants/assetdrop*")]
    assert not enabled
    control = subprocess.run(["dpkg-deb", "-I", str(build["deb"])], capture_output=True, text=True, check=True)
    assert "postinst" not in control.stdout


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
    for plugin in (
        "platforms/libqxcb.so",
        "platforms/libqwayland.so",
        "platforms/libqoffscreen.so",
        "xcbglintegrations/libqxcb-glx-integration.so",
        "wayland-shell-integration/libxdg-shell.so",
        "imageformats/libqsvg.so",
        "iconengines/libqsvgicon.so",
        "platformthemes/libqxdgdesktopportal.so",
    ):
        assert (qt / "plugins" / plugin).is_file(), plugin
    libs = {p.name for p in (qt / "lib").iterdir()}
    assert "libQt6Network.so.6" in libs, "the single-instance socket (QLocalServer) needs QtNetwork"
    assert not (qt / "plugins" / "tls").exists(), "QtNetwork's TLS plugins are unused (HTTPS is Python's ssl)"
    for unused in ("Qml", "Quick", "Pdf", "OpenGLWidgets", "Sql", "Test", "Xml", "EglFSDeviceIntegration"):
        assert f"libQt6{unused}.so.6" not in libs, f"unused Qt module bundled: {unused}"
    assert not (qt / "plugins" / "platformthemes" / "libqgtk3.so").exists()
    assert not (internal / "libgtk-3.so.0").exists() and not (internal / "libxcb.so.1").exists(), (
        "system libraries belong to Depends, not the bundle"
    )
    assert (internal / "keyring-25.7.0.dist-info").is_dir() or list(internal.glob("keyring-*.dist-info")), (
        "keyring's entry-point metadata is missing: no backend would load frozen"
    )
    assert list(internal.glob("assetdrop-*.dist-info")), "assetdrop's metadata (its version) is missing"
    assert (internal / "resources" / "icons" / f"{APP_ID}.svg").is_file()
    for lang in ("de", "en"):  # compiled by the spec from resources/translations/*.ts (qt/translations.py)
        assert (internal / "resources" / "translations" / f"assetdrop_{lang}.qm").is_file(), lang
    qt_catalogs = {p.name for p in (qt / "translations").glob("*.qm")} if (qt / "translations").is_dir() else set()
    wanted = {"qtbase_de.qm", "qtbase_en.qm"}  # qtbase only (the standard buttons), in the window's languages
    assert qt_catalogs == wanted, f"Qt's own catalogues: {qt_catalogs}"
    assert (internal / "certifi" / "cacert.pem").is_file(), "HTTPS needs certifi's CA bundle"
    assert not (internal / "botocore" / "data" / "ec2").exists(), "only botocore's S3 data is needed"
    size = sum(p.stat().st_size for p in build["bundle"].rglob("*") if p.is_file() and not p.is_symlink())
    assert size < 130 * 1024 * 1024, f"bundle grew to {size / 1048576:.0f} MiB (116 MiB stripped, 2026-12)"


def test_every_bundled_qt_plugin_finds_its_libraries(installed):
    """ldd on each Qt plugin and the Qt libraries, with the bundle's own folders (as the frozen app sets them):
    nothing is 'not found', so the Depends (installed here by make test) cover what the bundle leaves out."""
    internal = installed / "opt" / "assetdrop" / "_internal"
    qt = internal / "PySide6" / "Qt"
    env = clean_env(LD_LIBRARY_PATH=f"{internal}:{qt / 'lib'}")
    problems = []
    for path in [
        *(qt / "plugins").rglob("*.so"),
        *(qt / "lib").glob("*.so.*"),
        installed / "opt" / "assetdrop" / "assetdrop",
    ]:
        out = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env).stdout
        problems += [
            f"{path.relative_to(installed)}: {line.strip()}" for line in out.splitlines() if "not found" in line
        ]
    assert not problems, "\n".join(problems)


# -- what a Debian maintainer checks ---------------------------------------------------------------------------------
def test_lintian_clean_and_every_override_used(build):
    """No lintian error or warning the overrides file does not cover; each override has a reason and is used."""
    need_tools("lintian")

    # one run: overridden tags print as "O:", anything else as "E:"/"W:" (--fail-on would count overridden ones)
    result = subprocess.run(
        ["lintian", "--tag-display-limit", "0", "--show-overrides", str(build["deb"])],
        capture_output=True,
        text=True,
        timeout=600,
    )
    problems = [line for line in result.stdout.splitlines() if re.match(r"[EW]: ", line)]
    tags = [line for line in result.stdout.splitlines() if line.startswith("O: ")]
    assert tags and not problems, "\n".join(problems) or f"lintian did not run: {result.stderr[-2000:]}"
    overrides = (ROOT / "packaging" / "deb" / "lintian-overrides").read_text().splitlines()
    for i, line in enumerate(overrides):
        if line.startswith("assetdrop: "):
            above = next(o for o in reversed(overrides[:i]) if not o.startswith("assetdrop: "))
            assert above.startswith("# "), f"override without a reason: {line}"
            tag = line.split()[1]
            assert any(f": {tag} " in t or t.endswith(f": {tag}") for t in tags), f"override no longer needed: {line}"


def test_version_and_help_need_no_display(installed, tmp_path):
    """--version, --help and --self-test --help answer before Qt starts: with no display and the xcb platform
    forced, a QApplication would abort the process (exit 134) instead."""
    env = clean_env(ASSETDROP_HOME=str(tmp_path / "home"), QT_QPA_PLATFORM="xcb")
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    launcher = str(installed / "usr" / "bin" / "assetdrop")

    def run(*args):
        result = subprocess.run([launcher, *args], env=env, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, f"{args}: {result.returncode} {result.stdout} {result.stderr[-1500:]}"
        return result.stdout

    assert run("--version").strip() == f"assetdrop {VERSION}"
    help_text = run("--help")
    for option in ("--self-test", "--profile", "--version", "FILE_OR_ID", "--timeout", "--keyring"):
        assert option in help_text, option
    self_test_help = run("--self-test", "--help")
    assert self_test_help.startswith("usage: assetdrop --self-test") and "--screenshot" in self_test_help


def test_cli_man_pages_and_bash_completion(installed, tmp_path):
    need_tools("man", "bash")
    env = clean_env(ASSETDROP_HOME=str(tmp_path / "home"), MANWIDTH="120")
    cli = installed / "usr" / "bin" / "assetdrop-cli"
    result = subprocess.run([str(cli), "--version"], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.strip() == f"assetdrop-cli {VERSION}", result
    result = subprocess.run([str(cli), "--help"], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "upload" in result.stdout and "download" in result.stdout, result

    man1 = installed / "usr" / "share" / "man" / "man1"
    pages = {}
    for prog in ("assetdrop", "assetdrop-cli"):
        result = subprocess.run(
            ["man", "-l", "-P", "cat", str(man1 / f"{prog}.1.gz")], env=env, capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 0 and not result.stderr.strip(), result.stderr
        pages[prog] = result.stdout
        assert re.search(rf"^NAME\n\s+{prog} - upload and download", result.stdout, re.M), result.stdout[:500]
        assert VERSION in result.stdout
    assert "--self-test" in pages["assetdrop"] and "FILE_OR_ID" in pages["assetdrop"]
    for command in ("upload", "download", "resume", "info", "search", "sandbox"):
        assert f"assetdrop-cli {command}" in pages["assetdrop-cli"], command

    completions = installed / "usr" / "share" / "bash-completion" / "completions"
    script = f"""
        source {completions / "assetdrop-cli"}
        spec=$(complete -p assetdrop-cli) && echo "$spec"
        COMP_WORDS=(assetdrop-cli up); COMP_CWORD=1; COMP_LINE="assetdrop-cli up"; COMP_POINT=${{#COMP_LINE}}
        func=$(sed -E 's/.* -F ([^ ]+) .*/\\1/' <<<"$spec")
        "$func" assetdrop-cli up assetdrop-cli
        printf 'reply:%s\\n' "${{COMPREPLY[@]}}"
    """
    result = subprocess.run(["bash", "--norc", "--noprofile", "-c", script], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert [line for line in result.stdout.splitlines() if line.startswith("reply:")] == ["reply:upload"], result.stdout
    assert (completions / "assetdrop").is_file()
    for prog in ("assetdrop", "assetdrop-cli"):
        zsh = installed / "usr" / "share" / "zsh" / "vendor-completions" / f"_{prog}"
        assert zsh.read_text().startswith(f"#compdef {prog}"), zsh


def test_second_launch_hands_its_file_to_the_first_window(installed, xvfb_display, tmp_path):
    """A real first window under Xvfb; a second launch with a file and an asset ID exits 0 quickly, starts no
    window of its own, and the first window queues both (its queue store, read here, and its log say so)."""
    home = tmp_path / "home"
    env = clean_env(DISPLAY=xvfb_display, QT_QPA_PLATFORM="xcb", ASSETDROP_HOME=str(home))
    launcher = str(installed / "usr" / "bin" / "assetdrop")
    log = home / "log" / "assetdrop.log"
    first = subprocess.Popen(
        [launcher], env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 60
        while not (log.is_file() and "listening for second launches" in log.read_text()):
            assert first.poll() is None, f"the first window exited: {first.stdout.read().decode()[-2000:]}"
            assert time.monotonic() < deadline, "the first window never listened for a second launch"
            time.sleep(0.2)
        upload = tmp_path / "handed over.txt"
        upload.write_bytes(os.urandom(4096))
        asset_id = "0123456789abcdef0123456789abcdef"
        started = time.monotonic()
        second = subprocess.run(
            [launcher, upload.name, asset_id], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60
        )
        took = time.monotonic() - started
        assert second.returncode == 0, f"{second.stdout}\n{second.stderr[-2000:]}"
        assert took < 10, f"the second launch took {took:.1f} s"
        rows = {}
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with sqlite3.connect(home / "data" / "queue.sqlite3", timeout=10) as db:
                rows = {
                    (d, src): status for d, src, status in db.execute("SELECT direction, source, status FROM transfers")
                }
            if rows.get(("upload", str(upload))) == "done" and ("download", asset_id) in rows:
                break
            time.sleep(0.3)
        assert rows.get(("upload", str(upload))) == "done", rows  # uploaded by the first window's sandbox profile
        assert ("download", asset_id) in rows, rows
        text = log.read_text()
        assert "a second launch handed over 1 path(s) and 1 asset ID(s)" in text
        assert text.count("listening for second launches") == 1, "the second launch started a window of its own"
        assert first.poll() is None, "the first window quit"
    finally:
        os.killpg(first.pid, 15)
        first.wait(timeout=30)


def test_self_test_names_qt_display_error_and_cleans_up(installed, tmp_path):
    """DISPLAY names an X server that is not there: Qt's own reason is the one line, and no temp folder is left."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    env = clean_env(ASSETDROP_HOME=str(tmp_path / "home"), QT_QPA_PLATFORM="xcb", DISPLAY=":987", TMPDIR=str(tmp))
    env.pop("WAYLAND_DISPLAY", None)
    result = subprocess.run(
        [str(installed / "usr" / "bin" / "assetdrop"), "--self-test", "--timeout", "30"],
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr[-1500:])
    assert result.stdout.startswith("self-test FAILED: no display: Qt could not connect to display :987"), result.stdout
    assert list(tmp.iterdir()) == [], f"left behind: {list(tmp.iterdir())}"


def test_self_test_names_a_missing_secret_service(installed, tmp_path):
    """A session bus address where nothing listens: the reason is the Secret Service's, not "not bundled"."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    env = clean_env(
        ASSETDROP_HOME=str(tmp_path / "home"),
        QT_QPA_PLATFORM="offscreen",
        TMPDIR=str(tmp),
        DBUS_SESSION_BUS_ADDRESS=f"unix:path={tmp_path / 'no-bus'}",
    )
    result = subprocess.run(
        [str(installed / "usr" / "bin" / "assetdrop"), "--self-test", "--keyring", "--timeout", "30"],
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert result.returncode == 1, (result.stdout, result.stderr[-1500:])
    assert result.stdout.startswith("self-test FAILED: no usable keyring"), result.stdout
    assert "Secret Service" in result.stdout and "not bundled" not in result.stdout, result.stdout
    assert list(tmp.iterdir()) == []


def _silent_session_bus(path: str) -> socket.socket:
    """A session bus that authenticates its clients and then never answers a call: to a keyring client it looks
    like a Secret Service stuck behind an unlock prompt. It stands in for one because a real prompt needs a
    desktop session to show it (the only mock here: the frozen app and its keyring client are real)."""
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(8)

    def serve(conn: socket.socket) -> None:
        buffer = b""
        with conn:
            while data := conn.recv(4096):
                buffer += data
                while b"\r\n" in buffer:
                    line, buffer = buffer.split(b"\r\n", 1)
                    line = line.lstrip(b"\0")
                    if line.startswith(b"AUTH"):
                        conn.sendall(b"OK 0123456789abcdef0123456789abcdef\r\n")
                    elif line.startswith(b"NEGOTIATE_UNIX_FD"):
                        conn.sendall(b"AGREE_UNIX_FD\r\n")
                    elif line.startswith(b"BEGIN"):
                        while conn.recv(4096):  # D-Bus messages from here on: read, never answered
                            pass
                        return

    def accept() -> None:
        with contextlib.suppress(OSError):  # closed by the test
            while True:
                threading.Thread(target=serve, args=(server.accept()[0],), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    return server


def test_self_test_timeout_holds_when_the_keyring_hangs(installed, tmp_path):
    """--timeout 5 ends the self-test in about 5 s, saying why, when the keyring never answers."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    bus_path = str(tmp_path / "silent-bus")
    silent = _silent_session_bus(bus_path)
    env = clean_env(
        ASSETDROP_HOME=str(tmp_path / "home"),
        QT_QPA_PLATFORM="offscreen",
        TMPDIR=str(tmp),
        DBUS_SESSION_BUS_ADDRESS=f"unix:path={bus_path}",
    )
    try:
        started = time.monotonic()
        result = subprocess.run(
            [str(installed / "usr" / "bin" / "assetdrop"), "--self-test", "--keyring", "--timeout", "5"],
            env=env,
            capture_output=True,
            text=True,
            timeout=90,
        )
        took = time.monotonic() - started
    finally:
        silent.close()
    assert result.returncode == 1, (result.stdout, result.stderr[-1500:])
    assert result.stdout.startswith("self-test FAILED: the keyring did not answer within 5 s"), result.stdout
    assert took < 15, f"took {took:.1f} s with --timeout 5"
    assert list(tmp.iterdir()) == []
