"""File names as they travel: a safe storage key, Content-Disposition headers, and a Content-Type.

The asset's `name` always keeps exactly what the client sent; only the storage key and the ASCII `filename=`
fallback are sanitized, so a name like `../../etc/passwd` or `rapport été.pdf` can neither escape the bucket
layout nor break a header.
"""

from __future__ import annotations

import mimetypes
import re
import unicodedata
from urllib.parse import quote

_UNSAFE_KEY_CHARS = re.compile(r"[^A-Za-z0-9._-]+")
_ATTR_CHARS = "!#$&+-.^_`|~"  # RFC 5987 attr-char beyond ALPHA / DIGIT
MAX_NAME_CHARS = 1024


def _ascii(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")


def base_name(name: str) -> str:
    """The last path component, whichever separator the client's OS used."""
    return re.split(r"[\\/]", name)[-1]


def storage_name(name: str) -> str:
    """`[A-Za-z0-9._-]` only, no leading dots, at most 200 chars; `file` if nothing is left."""
    safe = _UNSAFE_KEY_CHARS.sub("_", _ascii(base_name(name))).lstrip(".")
    safe = safe[-200:] if len(safe) > 200 else safe
    return safe.strip("_") or "file"


def link_name(name: str) -> str:
    """The file's own name as the last segment of a storage key (Xvid's links end in it, `…/test1.mp4`):
    Unicode kept, control characters and `\\` replaced, at most 200 characters, `file` if nothing is left."""
    clean = "".join("_" if ch == "\\" or unicodedata.category(ch) == "Cc" else ch for ch in base_name(name))
    clean = unicodedata.normalize("NFC", clean).strip().lstrip(".")
    return clean[-200:] or "file"


def storage_key(asset_id: str, name: str) -> str:
    return f"originals/{asset_id}/original/original__{storage_name(name)}"


def content_disposition(name: str, *, inline: bool = False) -> str:
    """RFC 6266: `attachment; filename="<ascii>"; filename*=UTF-8''<pct-encoded>`.

    Path separators and control characters become `_` in both forms (recipients must not see a path).
    """
    clean = "".join("_" if (ch in "/\\" or unicodedata.category(ch) == "Cc") else ch for ch in name) or "download"
    fallback = "".join("_" if ch in '"\\%' else ch for ch in _ascii(clean)).strip() or "download"
    encoded = quote(clean, safe=_ATTR_CHARS)
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{encoded}"


def content_type(name: str) -> str:
    guessed, _ = mimetypes.guess_type(base_name(name), strict=False)
    return guessed or "application/octet-stream"
