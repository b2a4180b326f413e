"""Make a Linux PyInstaller bundle fit for a Debian package, in place (packaging/build.sh runs it):

- RUNPATHs that name the build machine (pyenv's lib folder, a venv) are removed; `$ORIGIN`-relative ones stay
  (Qt's plugins find Qt's libraries through them). The loader finds libpython by its soname, already loaded.
- shared objects are stripped as Debian's dh_strip does (--strip-unneeded, no .comment/.note), and lose the
  execute bit they do not need; the executable itself is left alone (its module archive is an ELF section);
- symlinks to files that were dropped from the bundle are removed;
- gzip members' timestamps are zeroed (botocore's data files), so the bundle's bytes do not carry build dates.

    python3 packaging/deb/tidy_bundle.py dist/assetdrop

Needs patchelf and strip (binutils); prints what it changed and the bundle's size before and after.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def size(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def is_elf(path: Path) -> bool:
    with open(path, "rb") as f:
        return f.read(4) == b"\x7fELF"


def runpath(path: Path) -> list[str]:
    out = subprocess.run(["patchelf", "--print-rpath", str(path)], capture_output=True, text=True).stdout.strip()
    return [p for p in out.split(":") if p]


def main(bundle: Path) -> int:
    before = size(bundle)
    executable = bundle / "assetdrop"
    fixed_rpath = stripped = dangling = gzips = 0
    for path in sorted(bundle.rglob("*")):
        if path.is_symlink():
            if not path.exists():
                path.unlink()
                dangling += 1
            continue
        if not path.is_file():
            continue
        if path.suffix == ".gz":
            data = bytearray(path.read_bytes())
            if data[:2] == b"\x1f\x8b" and data[4:8] != b"\0\0\0\0":
                data[4:8] = b"\0\0\0\0"  # MTIME; the CRC covers the uncompressed data only
                path.write_bytes(bytes(data))
                gzips += 1
            continue
        if path == executable or not is_elf(path):
            continue
        entries = runpath(path)
        kept = [e for e in entries if e.startswith("$ORIGIN")]
        if kept != entries:
            args = ["--set-rpath", ":".join(kept)] if kept else ["--remove-rpath"]
            subprocess.run(["patchelf", *args, str(path)], check=True)
            fixed_rpath += 1
        subprocess.run(
            ["strip", "--strip-unneeded", "--remove-section=.comment", "--remove-section=.note", str(path)],
            check=True,
        )
        os.chmod(path, 0o644)
        stripped += 1
    after = size(bundle)
    print(
        f"tidy: {fixed_rpath} build-machine RUNPATHs removed, {stripped} shared objects stripped, "
        f"{dangling} dangling symlinks removed, {gzips} gzip timestamps zeroed; "
        f"{before / 1048576:.0f} MiB -> {after / 1048576:.0f} MiB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
