"""The providers' option texts in the window's language. Each provider declares its options once, in English, in
core/providers/<vendor>/ (core/providers/spec.py), for the dialog, the command line's flags and the core's
messages; lupdate reads only qt/, so the texts are listed here too, and tests/gui/test_translations.py fails when a
spec holds a text this list lacks. Messages from the core that name an option (a value that does not fit) still
name it in English."""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from .translations import fill

TEXTS = (
    QT_TRANSLATE_NOOP("ProviderTexts", "FileSpin"),
    QT_TRANSLATE_NOOP("ProviderTexts", "API key"),
    QT_TRANSLATE_NOOP("ProviderTexts", "The account's API key (X-FileSpin-Api-Key)"),
    QT_TRANSLATE_NOOP("ProviderTexts", "Paste the API key"),
    QT_TRANSLATE_NOOP("ProviderTexts", "Link lifetime (s)"),
    QT_TRANSLATE_NOOP("ProviderTexts", "Seconds a signed download link stays valid"),
    QT_TRANSLATE_NOOP("ProviderTexts", "Downloads"),
    QT_TRANSLATE_NOOP("ProviderTexts", "Requests a second"),
    QT_TRANSLATE_NOOP(
        "ProviderTexts",
        "API calls a second at most, shared by every transfer and by Browse (FileSpin documents about 30 a second); 0: no limit",
    ),
    QT_TRANSLATE_NOOP("ProviderTexts", "Wait until processed"),
    QT_TRANSLATE_NOOP(
        "ProviderTexts", "Wait until FileSpin has processed each upload (NOT_READY to OK); an ERROR fails the upload"
    ),
    QT_TRANSLATE_NOOP("ProviderTexts", "Uploads"),
    QT_TRANSLATE_NOOP("ProviderTexts", "CA bundle"),
    QT_TRANSLATE_NOOP(
        "ProviderTexts",
        "Extra certificate authorities to trust for this profile (a PEM file or a hashed folder), added to the system's; verification is always on",
    ),
    QT_TRANSLATE_NOOP("ProviderTexts", "optional: extra CA certificates (file or folder)"),
    QT_TRANSLATE_NOOP("ProviderTexts", "Proxy"),
    QT_TRANSLATE_NOOP(
        "ProviderTexts",
        "The proxy for this profile: system (the proxy environment variables, else the desktop's setting), none, or a proxy's address (http://host:port); NO_PROXY applies to system and to an address",
    ),
    QT_TRANSLATE_NOOP("ProviderTexts", "system (default), none, or http://proxy.example:3128"),
    QT_TRANSLATE_NOOP("ProviderTexts", "Proxy user"),
    QT_TRANSLATE_NOOP(
        "ProviderTexts", "The user name the profile's proxy asks for (its password is kept in the keyring)"
    ),
    QT_TRANSLATE_NOOP("ProviderTexts", "only if the proxy asks for a sign-in"),
    QT_TRANSLATE_NOOP("ProviderTexts", "Proxy password"),
    QT_TRANSLATE_NOOP("ProviderTexts", "The password the profile's proxy asks for, kept in the keyring with the key"),
    QT_TRANSLATE_NOOP("ProviderTexts", "Content storage url"),
    QT_TRANSLATE_NOOP("ProviderTexts", "Endpoint paths"),
    QT_TRANSLATE_NOOP("ProviderTexts", "Register asset"),
    QT_TRANSLATE_NOOP("ProviderTexts", "Asset data"),
    QT_TRANSLATE_NOOP("ProviderTexts", "Get link"),
    QT_TRANSLATE_NOOP("ProviderTexts", "Get links"),
    QT_TRANSLATE_NOOP("ProviderTexts", "Download"),
    QT_TRANSLATE_NOOP("ProviderTexts", "Search"),
    QT_TRANSLATE_NOOP("ProviderTexts", "Search page"),
    QT_TRANSLATE_NOOP("ProviderTexts", "Xvid MediaHub"),
    QT_TRANSLATE_NOOP("ProviderTexts", "Token"),
    QT_TRANSLATE_NOOP("ProviderTexts", "A Bearer token (instead of the client pair)"),
    QT_TRANSLATE_NOOP("ProviderTexts", "optional: a Bearer token instead of the client pair"),
    QT_TRANSLATE_NOOP("ProviderTexts", "Client ID"),
    QT_TRANSLATE_NOOP("ProviderTexts", "The app's client ID (Apps tab)"),
    QT_TRANSLATE_NOOP("ProviderTexts", "From the Apps tab of your MediaHub account"),
    QT_TRANSLATE_NOOP("ProviderTexts", "Client secret"),
    QT_TRANSLATE_NOOP("ProviderTexts", "The app's client secret, base64 (Apps tab)"),
    QT_TRANSLATE_NOOP("ProviderTexts", "Base64 text from the Apps tab"),
    QT_TRANSLATE_NOOP("ProviderTexts", "optional"),
    QT_TRANSLATE_NOOP("ProviderTexts", "Scope"),
    QT_TRANSLATE_NOOP("ProviderTexts", "OAuth scope asked for with the client pair"),
    QT_TRANSLATE_NOOP("ProviderTexts", "Download authentication"),
    QT_TRANSLATE_NOOP(
        "ProviderTexts",
        "How downloads authenticate: HMAC-signed links when there is no token (auto), or always a Bearer token",
    ),
    QT_TRANSLATE_NOOP("ProviderTexts", "Signed links when there is no token"),
    QT_TRANSLATE_NOOP("ProviderTexts", "Bearer token"),
    QT_TRANSLATE_NOOP("ProviderTexts", "Signed link lifetime (s)"),
    QT_TRANSLATE_NOOP("ProviderTexts", "Seconds an HMAC-signed download link stays valid"),
    QT_TRANSLATE_NOOP("ProviderTexts", "Download links"),
    QT_TRANSLATE_NOOP("ProviderTexts", "Pipeline ID"),
    QT_TRANSLATE_NOOP("ProviderTexts", "The pipeline uploads belong to"),
    QT_TRANSLATE_NOOP("ProviderTexts", "needed to upload"),
    QT_TRANSLATE_NOOP("ProviderTexts", "Object key"),
    QT_TRANSLATE_NOOP("ProviderTexts", "Object key of an upload; {name} is the file's name"),
    QT_TRANSLATE_NOOP("ProviderTexts", "uploads/{name} (the default)"),
    QT_TRANSLATE_NOOP("ProviderTexts", "optional: download this object key instead of a file ID"),
    QT_TRANSLATE_NOOP("ProviderTexts", "only with an object key"),
    QT_TRANSLATE_NOOP("ProviderTexts", "Download this object key (with a pipeline ID) instead of a file ID"),
    QT_TRANSLATE_NOOP("ProviderTexts", "The pipeline the object key is relative to"),
    QT_TRANSLATE_NOOP("ProviderTexts", "Links expire at"),
    QT_TRANSLATE_NOOP("ProviderTexts", "When links expire: epoch seconds UTC, +SECONDS from now, or ISO-8601"),
    QT_TRANSLATE_NOOP("ProviderTexts", "+3600, epoch seconds or 2027-01-31T12:00:00Z"),
    QT_TRANSLATE_NOOP("ProviderTexts", "Redirect to the file"),
    QT_TRANSLATE_NOOP("ProviderTexts", "Ask for a 302 straight to the file instead of JSON"),
    QT_TRANSLATE_NOOP("ProviderTexts", "Answer format"),
    QT_TRANSLATE_NOOP("ProviderTexts", "The link answer's format"),
    QT_TRANSLATE_NOOP("ProviderTexts", "JSON"),
    QT_TRANSLATE_NOOP("ProviderTexts", "XML"),
    QT_TRANSLATE_NOOP("ProviderTexts", "Human-readable answers"),
    QT_TRANSLATE_NOOP("ProviderTexts", "Streaming links"),
    QT_TRANSLATE_NOOP("ProviderTexts", "Links that stream in a browser"),
    QT_TRANSLATE_NOOP("ProviderTexts", "Client IP"),
    QT_TRANSLATE_NOOP("ProviderTexts", "The IPv4 address links are for (sent as a 32-bit integer)"),
    QT_TRANSLATE_NOOP("ProviderTexts", "e.g. 192.0.2.10"),
    QT_TRANSLATE_NOOP("ProviderTexts", "AutoGraph tag"),
    QT_TRANSLATE_NOOP("ProviderTexts", "AutoGraph tag (files with AutoGraph enabled only)"),
    QT_TRANSLATE_NOOP("ProviderTexts", "Anti-fraud protection"),
    QT_TRANSLATE_NOOP("ProviderTexts", "Link-sharing prevention"),
    QT_TRANSLATE_NOOP("ProviderTexts", "Parallel downloads"),
    QT_TRANSLATE_NOOP("ProviderTexts", "Downloads of one archive at once (the server is told too)"),
    QT_TRANSLATE_NOOP(
        "ProviderTexts",
        "API calls a second at most, shared by every transfer and by Browse (Xvid documents no limit); 0: no limit",
    ),
    QT_TRANSLATE_NOOP("ProviderTexts", "Upload"),
    QT_TRANSLATE_NOOP("ProviderTexts", "Files"),
    QT_TRANSLATE_NOOP("ProviderTexts", "File"),
    QT_TRANSLATE_NOOP("ProviderTexts", "memories.ai"),
    QT_TRANSLATE_NOOP("ProviderTexts", "The account's API key (sent as Authorization)"),
    QT_TRANSLATE_NOOP("ProviderTexts", "Signed upload"),
    QT_TRANSLATE_NOOP(
        "ProviderTexts",
        "How an upload is sent to the signed URL: a form with a file field (the vendor's sample), or the raw body",
    ),
    QT_TRANSLATE_NOOP("ProviderTexts", "POST form with a file field (vendor sample)"),
    QT_TRANSLATE_NOOP("ProviderTexts", "PUT raw body"),
    QT_TRANSLATE_NOOP(
        "ProviderTexts",
        "API calls a second at most, shared by every transfer and by Browse (memories.ai documents a limit but not its size: a cautious default); 0: no limit",
    ),
    QT_TRANSLATE_NOOP(
        "ProviderTexts", "Wait until memories.ai reports each upload ready (SUCCESS); FAILED fails the upload"
    ),
    QT_TRANSLATE_NOOP("ProviderTexts", "Signed upload url"),
    QT_TRANSLATE_NOOP("ProviderTexts", "Asset status"),
)
# core/providers/base.py words each endpoint path's help this way
PATH_HELP = QT_TRANSLATE_NOOP("ProviderTexts", "API path of %1, relative to the API address")
_PATH_HELP = re.compile(r"API path of (.+), relative to the API address")


def translated(text: str | None) -> str:
    """A spec's text in the window's language (a text not in the catalogue, such as a path, as it is)."""
    if not text:
        return text or ""
    match = _PATH_HELP.fullmatch(text)
    if match:
        return fill(QCoreApplication.translate("ProviderTexts", str(PATH_HELP)), match.group(1))
    return QCoreApplication.translate("ProviderTexts", str(text))  # listed above with QT_TRANSLATE_NOOP
