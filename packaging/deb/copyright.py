"""Print the .deb's machine-readable debian/copyright for a PyInstaller bundle: our MIT license, then every
component the bundle carries, with the license texts and notices taken from where they were installed.

    python packaging/deb/copyright.py dist/assetdrop LICENSE

Run it with the Python that built the bundle (make package does): the Python distributions are found by reading
the module archive inside the bundle's executable (PyInstaller's own reader) and the bundle's folders, then looked
up in that Python's installed metadata, whose license files are copied. Texts that are one of Debian's common
licenses (Apache-2.0, MPL-2.0, the GPLs) point to /usr/share/common-licenses instead, as Debian does; NOTICE files
are always copied. Only the Unicode license (ICU; the PySide6 wheel ships no license texts) is kept in
packaging/deb/licenses/.
"""

from __future__ import annotations

import re
import sys
import sysconfig
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
FORMAT = "https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
COMMON = {  # a full text is recognised by these words, and replaced by a pointer to Debian's copy
    "Apache-2.0": "Apache License\n                           Version 2.0, January 2004",
    "MPL-2.0": "Mozilla Public License Version 2.0",
    "LGPL-3": "GNU LESSER GENERAL PUBLIC LICENSE\n                       Version 3",
    "GPL-3": "GNU GENERAL PUBLIC LICENSE\n                       Version 3",
    "GPL-2": "GNU GENERAL PUBLIC LICENSE\n                       Version 2, June 1991",
}
CLASSIFIERS = {
    "MIT License": "MIT",
    "BSD License": "BSD-3-clause",
    "Apache Software License": "Apache-2.0",
    "Mozilla Public License 2.0 (MPL 2.0)": "MPL-2.0",
    "Python Software Foundation License": "PSF-2.0",
}
LGPL_OFFER = (
    "Qt and PySide6 are used under the LGPL-3 and bundled unmodified, as the shared libraries of the\n"
    "PySide6-Essentials {version} wheel: they can be replaced by other builds of the same version. Their\n"
    "source is at https://download.qt.io/official_releases/QtForPython/ and https://code.qt.io/. For three\n"
    "years from our last release of this package we will also send the corresponding source on request\n"
    "to dev@assetdrop.io, for no more than the cost of doing so. Qt's own third-party parts (HarfBuzz,\n"
    "FreeType, libpng, libjpeg-turbo in imageformats/libqjpeg.so, PCRE2, md4c...) are listed with their\n"
    "licenses at https://doc.qt.io/qt-6/licenses-used-in-qt.html."
)


def field_text(text: str) -> str:
    """A multi-line field's continuation: each line indented, empty lines as ' .'."""
    lines = text.strip("\n").expandtabs().splitlines()
    return "\n".join(" " + line.rstrip() if line.strip() else " ." for line in lines)


def bundled_top_levels(bundle: Path) -> set[str]:
    from PyInstaller.archive.readers import CArchiveReader

    archive = CArchiveReader(str(bundle / "assetdrop"))
    names = {name.split(".")[0] for name in archive.open_embedded_archive("PYZ.pyz").toc}
    for entry in (bundle / "_internal").iterdir():
        if not entry.name.endswith(".dist-info"):
            names.add(entry.name.split(".")[0])
    return names


def license_name(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    expression = meta.get("License-Expression") or ""
    if not expression:
        short = (meta.get("License") or "").strip()
        if short and "\n" not in short and " " not in short:
            expression = short
    if not expression:
        found = [
            CLASSIFIERS[c.rsplit(" :: ", 1)[-1]]
            for c in meta.get_all("Classifier") or []
            if c.rsplit(" :: ", 1)[-1] in CLASSIFIERS
        ]
        expression = " OR ".join(dict.fromkeys(found)) or "unknown"
    expression = re.sub(r"-(only|or-later)\b", lambda m: "" if m.group(1) == "only" else "+", expression)
    expression = re.sub(r"\bGPL-3\.0\b", "GPL-3", re.sub(r"\b(L?GPL-\d)\.0\b", r"\1", expression))
    return expression.replace(" OR ", " or ").replace(" AND ", " and ")


def license_texts(dist: metadata.Distribution) -> list[tuple[str, str]]:
    texts = []
    for file in dist.files or []:
        if file.parts[0].endswith(".dist-info") and re.match(r"(LICEN[CS]E|COPYING|NOTICE|AUTHORS)", file.name, re.I):
            texts.append((file.name, Path(file.locate()).read_text(encoding="utf-8", errors="replace")))
    return sorted(texts)


def common_license(text: str) -> str | None:
    flat = re.sub(r"\s+", " ", text)
    return next((name for name, words in COMMON.items() if re.sub(r"\s+", " ", words) in flat), None)


def shorten(text: str) -> str:
    """A file made of "=== Title ===" sections (PyInstaller's COPYING.txt holds the whole GPL-2 and Apache-2.0)
    keeps its own words, and each section that is a common license's full text becomes a pointer to it."""
    parts = re.split(r"(?m)^(=+\n[^\n]+\n=+)\n", text)
    for i in range(2, len(parts), 2):
        if common := common_license(parts[i]):
            parts[i] = f"\nOn Debian systems this text is in /usr/share/common-licenses/{common}.\n\n"
    return "".join(parts)


def copyright_lines(texts: list[tuple[str, str]], fallback: str) -> str:
    """The "Copyright ..." lines of the license files (not of a common license's own text, nor templates)."""
    found = []
    for _name, text in texts:
        if common_license(text):
            continue
        for line in text.splitlines():
            line = line.strip(" *#")
            if re.match(r"(Copyright\s*(\(c\)|©|\d)|\(c\)\s*\d|©)", line, re.I) and not re.search(r"[<\[{]", line):
                found.append(re.sub(r"^Copyright\s*:?\s*", "", line, flags=re.I))
    return "\n".join(f" {c}" for c in dict.fromkeys(found)).lstrip() if found else fallback


def module_patterns(dist: metadata.Distribution, top_levels: list[str], shared: set[str]) -> list[str]:
    """Where the distribution's modules sit under _internal (on disk, or in the archive): its top-level package,
    or for a namespace several distributions share (jaraco.*) its own part of it."""
    found = set()
    for file in dist.files or []:
        parts = file.parts
        if parts[0].endswith(".dist-info"):
            continue
        if parts[0] in top_levels or parts[0].split(".")[0] in top_levels:
            depth = 2 if parts[0] in shared and len(parts) > 2 else 1
            entry = "/".join(parts[:depth])
            found.add(entry + "/*" if len(parts) > depth else entry)
    return sorted(found) or [f"{t}/*" for t in top_levels]


def dist_paragraph(dist: metadata.Distribution, top_levels: list[str], bundle: Path, shared: set[str]) -> str:
    name, version = dist.metadata["Name"], dist.version
    internal = bundle / "_internal"
    on_disk = [t for t in top_levels if (internal / t).exists() or list(internal.glob(f"{t}.*"))]
    files = "\n ".join(f"opt/assetdrop/_internal/{p}" for p in module_patterns(dist, top_levels, shared))
    texts = license_texts(dist)
    author = dist.metadata.get("Author") or dist.metadata.get("Author-email") or f"the {name} authors"
    body = []
    for file_name, text in texts:
        common = common_license(text) if not file_name.upper().startswith("NOTICE") else None
        if common:
            body.append(
                f"{file_name}: the {common} license; on Debian systems its text is in "
                f"/usr/share/common-licenses/{common}."
            )
        else:
            body.append(f"{file_name}:\n\n{shorten(text).strip()}")
    where = "" if on_disk else "; its modules are in the archive inside opt/assetdrop/assetdrop"
    comment = f"{name} {version} (Python package{where})."
    if name == "cryptography":
        comment += " Its Rust extension links OpenSSL 3 statically (Apache-2.0; /usr/share/common-licenses/Apache-2.0)."
    text = "\n\n".join(body) if body else f"{name}'s metadata names {license_name(dist)} and ships no license file."
    return (
        f"Files: {files}\nCopyright: {copyright_lines(texts, author)}\nLicense: {license_name(dist)}\n"
        f"{field_text(text)}\nComment: {comment}"
    )


def main(bundle: Path, our_license: Path) -> int:
    mapping = metadata.packages_distributions()
    by_dist: dict[str, list[str]] = {}
    for top in sorted(bundled_top_levels(bundle)):
        for dist_name in mapping.get(top, []):
            by_dist.setdefault(dist_name, []).append(top)
    pyside = metadata.version("PySide6-Essentials")
    pyinstaller = metadata.distribution("pyinstaller")
    bootloader = dict(license_texts(pyinstaller)).get("COPYING.txt", "")
    python_license = Path(sysconfig.get_path("stdlib")) / "LICENSE.txt"
    mit = our_license.read_text()
    paragraphs = [
        f"Format: {FORMAT}\nUpstream-Name: Assetdrop\nUpstream-Contact: Assetdrop developers <dev@assetdrop.io>\n"
        "Source: https://assetdrop.io/\nComment: The package is a PyInstaller bundle: Python, Qt and the Python\n"
        " packages below are inside /opt/assetdrop, each under its own license.",
        f"Files: *\nCopyright: {copyright_lines([('LICENSE', mit)], 'Assetdrop developers')}\nLicense: MIT\n"
        f"{field_text(mit)}",
        "Files: opt/assetdrop/assetdrop\nCopyright: 2010-2023, PyInstaller Development Team\n"
        " 2005-2009, Giovanni Bajo\n 2002, McMillan Enterprises, Inc.\n"
        "License: GPL-2+ with PyInstaller bootloader exception\n"
        f"{field_text(shorten(bootloader))}\nComment: The executable is PyInstaller {pyinstaller.version}'s "
        "bootloader with "
        "Assetdrop's\n module archive; the bootloader exception allows that. GPL-2: /usr/share/common-licenses/GPL-2.",
        "Files: opt/assetdrop/_internal/PySide6/* opt/assetdrop/_internal/shiboken6/*\n"
        " opt/assetdrop/_internal/libQt6* opt/assetdrop/_internal/libpyside6*\n"
        " opt/assetdrop/_internal/libshiboken6*\nCopyright: The Qt Company Ltd. and other contributors\n"
        f"License: LGPL-3\nComment: {field_text(LGPL_OFFER.format(version=pyside)).lstrip()}",
        "Files: opt/assetdrop/_internal/PySide6/Qt/lib/libicu* opt/assetdrop/_internal/libicu*\n"
        "Copyright: 1991-2023 Unicode, Inc. and others\nLicense: Unicode-DFS-2016\n"
        f"{field_text((HERE / 'licenses' / 'Unicode-DFS-2016').read_text())}\n"
        "Comment: ICU 73, as built into the PySide6-Essentials wheel.",
        "Files: opt/assetdrop/_internal/libpython* opt/assetdrop/_internal/python3*\n"
        " opt/assetdrop/_internal/base_library.zip\n"
        "Copyright: 2001-2023 Python Software Foundation\nLicense: PSF-2.0\n"
        f"{field_text(python_license.read_text())}\n"
        f"Comment: Python {sys.version.split()[0]}, with its bundled Expat (MIT; Copyright 1998-2000 Thai Open Source\n"
        " Software Center Ltd and Clark Cooper, 2001-2022 Expat maintainers) and libmpdec (BSD-2-clause).\n"
        " Its ssl module uses Debian's OpenSSL (libssl3), a dependency, not a bundled copy.",
    ]
    shared = {top for top in mapping if len(set(mapping[top])) > 1}
    skip = {"assetdrop", "PySide6_Essentials", "PySide6-Essentials", "shiboken6", "pyinstaller"}
    for dist_name in sorted(by_dist, key=str.lower):
        if dist_name not in skip:
            paragraphs.append(dist_paragraph(metadata.distribution(dist_name), by_dist[dist_name], bundle, shared))
    paragraphs += [
        "License: LGPL-3\n On Debian systems the GNU Lesser General Public License version 3 is in\n"
        " /usr/share/common-licenses/LGPL-3 and the GNU GPL version 3 it extends in /usr/share/common-licenses/GPL-3.",
    ]
    print("\n\n".join(paragraphs))
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
