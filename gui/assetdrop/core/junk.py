"""Files nobody means to upload: what operating systems, Office and editors leave beside real files.

One rule for every way files are chosen: the window's drops (qt/controller.py), `assetdrop-cli upload`
(cli.py), and anything else that lists folders, all through `core/local_files.expand_paths`. It applies inside
dropped or named folders only: a file named on its own is taken as asked. `Settings.skip_junk` turns it off.
"""

from __future__ import annotations

# by exact name, compared without case (Windows and macOS file systems ignore it)
JUNK_FILES = frozenset({".ds_store", "thumbs.db", "ehthumbs.db", "desktop.ini", "icon\r", ".localized"})
JUNK_FOLDERS = frozenset(
    {"__macosx", ".spotlight-v100", ".trashes", ".fseventsd", "$recycle.bin", "system volume information"}
)
SWAP_SUFFIXES = (".swp", ".swo", ".swn", ".swx")  # Vim
DESCRIPTION = (
    ".DS_Store, Thumbs.db, desktop.ini, __MACOSX folders, Office ~$ lock files and editor swap or backup "
    "files (.swp, .swo, name~, .#name)"
)


def is_junk_file(name: str) -> bool:
    """True for a file name the rule leaves out."""
    lower = name.lower()
    return (
        lower in JUNK_FILES
        or lower.startswith("~$")  # Microsoft Office's owner file beside an open document
        or lower.startswith("._")  # AppleDouble resource forks on non-Mac volumes
        or lower.startswith(".#")  # Emacs lock links
        or lower.startswith(".~lock.")  # LibreOffice's lock file beside an open document
        or (lower.endswith("~") and len(lower) > 1)  # Emacs, gedit and others' backups
        or lower.endswith(SWAP_SUFFIXES)
        or (lower.startswith("#") and lower.endswith("#") and len(lower) > 2)  # Emacs auto-save
    )


def is_junk_folder(name: str) -> bool:
    """True for a folder whose contents the rule leaves out."""
    return name.lower() in JUNK_FOLDERS
