"""Strip secrets from anything that may reach a log, a dialog, "copy diagnostics" or a crash report.

Signed URLs keep their scheme, host and path (useful for diagnosis) and lose the query parameters that would let a
reader use them: signatures, credentials, policies, tokens, expiry stamps. The same parameters are found in free
text too (a bare `path?query` as urllib3 logs it, a form-field dict, JSON), and so are credential headers
(`Authorization: Bearer ...`, `X-FileSpin-Api-Key: ...`). Secrets registered with `register_secret` (the keys in
use) are replaced wherever they appear, whatever code produced the text.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Mapping
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_SECRET_PARAMS = {
    # AWS SigV4 / SigV2, GCS, CloudFront, Azure SAS
    "x-amz-signature",
    "x-amz-credential",
    "x-amz-security-token",
    "x-amz-date",
    "x-amz-expires",
    "awsaccesskeyid",
    "signature",
    "sig",
    "policy",
    "expires",
    "se",
    "key-pair-id",
    "x-goog-signature",
    "x-goog-credential",
    "x-goog-date",
    "x-goog-expires",
    "googleaccessid",
    # tokens and keys some APIs put in a query or a form
    "token",
    "access_token",
    "refresh_token",
    "id_token",
    "api_key",
    "apikey",
    "api-key",
    "client_secret",
    "password",
    "secret",
    # Xvid HMAC-signed links: the expiry stamp is part of what the signature covers
    "expiry_time",
}
_SECRET_HEADERS = {
    "x-filespin-api-key",
    "authorization",
    "cookie",
    "set-cookie",
    "proxy-authorization",
    "x-amz-security-token",
}
REDACTED = "REDACTED"
MIN_SECRET_LENGTH = 4

_registered: set[str] = set()
_registered_lock = threading.Lock()


def register_secret(secret: str | None) -> None:
    """Redact `secret` from every text this module cleans, from now on (process-wide).

    A JSON object secret (an Xvid profile's `{"client_id", "client_secret", "token"}`) registers each of its
    string values too, so the HMAC secret alone is caught, not only the whole JSON text.
    """
    if not secret or len(secret) < MIN_SECRET_LENGTH:
        return
    found = {secret, secret.strip()}
    try:
        data = json.loads(secret)
    except ValueError:
        data = None
    if isinstance(data, dict):
        found.update(v for v in data.values() if isinstance(v, str))
    with _registered_lock:
        _registered.update(s for s in found if len(s) >= MIN_SECRET_LENGTH)


def registered_secrets() -> tuple[str, ...]:
    with _registered_lock:
        return tuple(sorted(_registered, key=len, reverse=True))  # longest first: no partial leftovers


def redact_url(url: str) -> str:
    """Return `url` with secret query values replaced, host and path kept (and no user:password@)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<unparseable URL>"
    if "@" in parts.netloc:
        parts = parts._replace(netloc=f"{REDACTED}@{parts.netloc.rsplit('@', 1)[1]}")
    if not parts.query:
        return urlunsplit(parts)
    pairs = [
        (k, REDACTED if k.lower() in _SECRET_PARAMS else v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
    ]
    return urlunsplit(parts._replace(query=urlencode(pairs, safe=REDACTED)))


def redact_headers(headers: Mapping[str, str]) -> dict[str, str]:
    return {k: (REDACTED if k.lower() in _SECRET_HEADERS else v) for k, v in dict(headers).items()}


_URL_RE = re.compile(r"https?://[^\s'\"<>]+")
_PARAM_NAMES = "|".join(sorted((re.escape(name) for name in _SECRET_PARAMS), key=len, reverse=True))
# name=value inside a query string or form text (not preceded by a word character, so `response-expires` stays)
_QUERY_PARAM_RE = re.compile(rf"(?i)(?<![\w-])({_PARAM_NAMES})=(?!{REDACTED})[^&\s'\"<>#]*")
# 'name': 'value' / "name": "value" (a form-fields dict, JSON)
_QUOTED_PARAM_RE = re.compile(rf"""(?i)(['"])({_PARAM_NAMES})\1(\s*[:=]\s*)(['"])(?!{REDACTED})[^'"]*\4""")
# Authorization: Bearer x / X-FileSpin-Api-Key: x (as text, or as a dict repr)
_HEADER_NAMES = "|".join(re.escape(name) for name in sorted(_SECRET_HEADERS, key=len, reverse=True))
_HEADER_RE = re.compile(rf"""(?i)(?<![\w-])(['"]?)({_HEADER_NAMES})\1(\s*[:=]\s*)(['"]?)(?!{REDACTED})[^'"\r\n,}}]+""")
_BEARER_RE = re.compile(r"(?i)\b(bearer\s+)(?!REDACTED)[A-Za-z0-9._~+/=-]{8,}")


def redact_text(text: str, secrets: tuple[str, ...] = ()) -> str:
    """Redact every URL, secret query parameter and credential header in free text, every registered secret,
    and any literal secret given."""
    if not text:
        return text
    text = _URL_RE.sub(lambda m: redact_url(m.group(0)), text)
    text = _QUERY_PARAM_RE.sub(lambda m: f"{m.group(1)}={REDACTED}", text)
    text = _QUOTED_PARAM_RE.sub(
        lambda m: f"{m.group(1)}{m.group(2)}{m.group(1)}{m.group(3)}{m.group(4)}{REDACTED}{m.group(4)}", text
    )
    text = _HEADER_RE.sub(lambda m: f"{m.group(1)}{m.group(2)}{m.group(1)}{m.group(3)}{m.group(4)}{REDACTED}", text)
    text = _BEARER_RE.sub(lambda m: f"{m.group(1)}{REDACTED}", text)
    for secret in sorted({*registered_secrets(), *(s for s in secrets if s)}, key=len, reverse=True):
        text = text.replace(secret, REDACTED)
    return text
