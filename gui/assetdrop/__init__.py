"""Assetdrop: a desktop uploader/downloader for signed-link asset APIs.

The version lives in one place, pyproject.toml; everything else reads it from the installed metadata.
"""

from importlib import metadata as _metadata

try:
    __version__ = _metadata.version("assetdrop")
except _metadata.PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"
