"""Turn a server-supplied file name into a safe local one.

The name comes from `Content-Disposition` (RFC 6266, `filename*` preferred per RFC 5987) or the asset's metadata,
and a hostile server may send `../../x`, an absolute path, `CON`, control characters or 10 kB of text. The result
is always a single path component that is valid on Windows, macOS and Linux and at most 255 bytes of UTF-8.
"""

from __future__ import annotations

import re
import unicodedata
from email.message import Message
from email.utils import collapse_rfc2231_value

MAX_NAME_BYTES = 255
TEMPORARY_PREFIX, TEMPORARY_SUFFIX = ".assetdrop-", ".part"  # our own downloads in progress (transfer/partfile.py)
_RESERVED_CHARS = re.compile(r'[<>:"/\\|?*]')
_WINDOWS_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    "CONIN$",
    "CONOUT$",
    *(f"COM{i}" for i in range(10)),
    *(f"LPT{i}" for i in range(10)),
    "COM¹",
    "COM²",
    "COM³",
    "LPT¹",
    "LPT²",
    "LPT³",
}


def filename_from_content_disposition(header: str | None) -> str | None:
    """The file name a Content-Disposition header carries, preferring `filename*` (RFC 6266 §4.3), unsanitized."""
    if not header:
        return None
    message = Message()
    message["content-disposition"] = header
    plain = encoded = None
    for key, value in message.get_params(header="content-disposition", failobj=[])[1:]:
        if key.lower() != "filename":
            continue
        if isinstance(value, tuple):  # came from filename*=charset'lang'%xx
            try:
                encoded = collapse_rfc2231_value(value, errors="strict")
            except (LookupError, UnicodeError):
                continue
        elif plain is None:
            plain = _utf8(value)
    return encoded or plain or None


def _utf8(value: str) -> str:
    """A raw `filename="café.txt"` sent as UTF-8 bytes arrives decoded as Latin-1 ("cafÃ©.txt"): read it as UTF-8
    when those bytes are valid UTF-8, as browsers do; otherwise keep it."""
    try:
        return value.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return value


def safe_filename(name: str | None, fallback: str = "download") -> str:
    """A single, portable path component derived from `name`; `fallback` (itself sanitized) when nothing is left."""
    cleaned = _clean(name or "")
    if not cleaned:
        cleaned = _clean(fallback) or "download"
    return cleaned


def _clean(name: str) -> str:
    name = unicodedata.normalize("NFC", name)
    # Keep only the last path component, whatever separator the server used.
    name = re.split(r"[/\\]", name)[-1]
    # Control and format characters (newlines, NUL, bidi overrides that disguise extensions) become nothing.
    name = "".join(ch for ch in name if unicodedata.category(ch) not in ("Cc", "Cf", "Zl", "Zp"))
    name = _RESERVED_CHARS.sub("_", name)
    name = name.strip().rstrip(". ")  # trailing dots and spaces: Windows drops them; a leading dot is a name
    if not name or set(name) <= {"."}:
        return ""
    if name.startswith(TEMPORARY_PREFIX) and name.endswith(TEMPORARY_SUFFIX):
        name = "_" + name  # never the name of one of our temporary files, which clean-ups remove
    stem = name.split(".", 1)[0].rstrip(" ")
    if stem.upper() in _WINDOWS_RESERVED:
        name = "_" + name
    return _truncate(name, MAX_NAME_BYTES)


def _truncate(name: str, limit: int) -> str:
    """Cut to `limit` UTF-8 bytes on a character boundary, keeping a short extension."""
    if len(name.encode("utf-8")) <= limit:
        return name
    stem, dot, ext = name.rpartition(".")
    if not dot or len(ext.encode("utf-8")) > 16 or not stem:
        stem, ext = name, ""
    suffix = f".{ext}" if ext else ""
    budget = limit - len(suffix.encode("utf-8"))
    cut = stem.encode("utf-8")[:budget].decode("utf-8", "ignore").rstrip(" .")
    return cut + suffix


def numbered(name: str, n: int) -> str:
    """`report.pdf`, 2 -> `report (2).pdf`; stays within the byte limit."""
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem:
        stem, ext = name, ""
    suffix = f" ({n})" + (f".{ext}" if ext else "")
    budget = MAX_NAME_BYTES - len(suffix.encode("utf-8"))
    return stem.encode("utf-8")[:budget].decode("utf-8", "ignore") + suffix
