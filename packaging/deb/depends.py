"""Print the Debian `Depends:` value for a PyInstaller bundle: the packages providing every shared library that
the bundle's ELF files link (NEEDED) and do not carry themselves, plus what Qt loads with dlopen.

    python3 packaging/deb/depends.py dist/assetdrop

Libraries are resolved on the build machine (ldconfig cache, then `dpkg -S`), so the build machine must have
them installed (`make package` installs them). libc6 gets a minimum version: the newest GLIBC_x.y symbol
version any bundled file needs. A library that no package provides stops the build with its name, never a .deb
that fails to start.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

# Not linked but loaded at run time: QtDBus dlopens libdbus-1 (tray icon, portals, keyring through dbus); the xcb
# platform's GL integrations load libEGL/libGL through their own links (listed for clarity when one is missing).
DLOPENED = ("libdbus-1-3",)
# Alternatives and runtime helpers that no ELF file names.
EXTRA = ("fonts-dejavu-core | fonts-freefont-ttf | fonts-liberation2",)


def elf_files(root: Path):
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with open(path, "rb") as f:
                if f.read(4) == b"\x7fELF":
                    yield path


def needed(path: Path) -> list[str]:
    out = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)


def glibc_versions(path: Path) -> set[tuple[int, ...]]:
    out = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True).stdout
    return {tuple(int(p) for p in v.split(".")) for v in re.findall(r"GLIBC_(\d+(?:\.\d+)+)", out)}


def ldconfig_paths() -> dict[str, str]:
    out = subprocess.run(["/sbin/ldconfig", "-p"], capture_output=True, text=True).stdout
    found: dict[str, str] = {}
    for line in out.splitlines():
        m = re.match(r"\s+(\S+) \(([^)]*)\) => (\S+)", line)
        if m and "x86-64" in m.group(2):
            found.setdefault(m.group(1), m.group(3))
    return found


def owning_package(lib_path: str) -> str | None:
    real = os.path.realpath(lib_path)
    candidates = {lib_path, real}
    for p in list(candidates):  # merged /usr: dpkg may know the file under either prefix
        candidates.add(p[4:] if p.startswith("/usr/") else "/usr" + p)
    for p in candidates:
        res = subprocess.run(["dpkg-query", "-S", p], capture_output=True, text=True)
        if res.returncode == 0:
            return res.stdout.split(":", 1)[0].strip()
    return None


def main(bundle: Path) -> int:
    files = list(elf_files(bundle))
    inside = {p.name for p in bundle.rglob("*")}
    wanted: dict[str, list[str]] = {}
    glibc: set[tuple[int, ...]] = set()
    for path in files:
        glibc |= glibc_versions(path)
        for lib in needed(path):
            if lib not in inside:
                wanted.setdefault(lib, []).append(str(path.relative_to(bundle)))
    cache = ldconfig_paths()
    packages: set[str] = set(DLOPENED)
    missing = []
    for lib, users in sorted(wanted.items()):
        pkg = owning_package(cache[lib]) if lib in cache else None
        if pkg is None:
            missing.append(f"{lib} (needed by {users[0]})")
        else:
            packages.add(pkg.split(":")[0])
    if missing:
        print("No installed Debian package provides: " + "; ".join(missing), file=sys.stderr)
        return 1
    parts = []
    for pkg in sorted(packages):
        if pkg == "libc6" and glibc:
            parts.append(f"libc6 (>= {'.'.join(map(str, max(glibc)))})")
        else:
            parts.append(pkg)
    print(", ".join([*parts, *EXTRA]))
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
