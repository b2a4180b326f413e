"""Strip secrets from anything that may reach a log, a dialog or a crash report.

Signed URLs keep their scheme, host and path (useful for diagnosis) and lose the query parameters that would let a
reader use them: signatures, credentials, policies, tokens.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_SECRET_PARAMS = {
    "x-amz-signature", "x-amz-credential", "x-amz-security-token", "signature", "sig", "policy",
    "awsaccesskeyid", "x-goog-signature", "x-goog-credential", "token", "access_token", "api_key",
    "apikey", "key-pair-id", "client_secret", "x-amz-date", "x-amz-expires", "expires",
}
_SECRET_HEADERS = {"x-filespin-api-key", "authorization", "cookie", "proxy-authorization"}
REDACTED = "REDACTED"


def redact_url(url: str) -> str:
    """Return `url` with secret query values replaced, host and path kept."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<unparseable URL>"
    if not parts.query:
        return url
    pairs = [(k, REDACTED if k.lower() in _SECRET_PARAMS else v)
             for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    return urlunsplit(parts._replace(query=urlencode(pairs, safe=REDACTED)))


def redact_headers(headers) -> dict[str, str]:
    return {k: (REDACTED if k.lower() in _SECRET_HEADERS else v) for k, v in dict(headers).items()}


_URL_RE = re.compile(r"https?://[^\s'\"<>]+")


def redact_text(text: str, secrets: tuple[str, ...] = ()) -> str:
    """Redact every URL in free text, and any literal secret given."""
    text = _URL_RE.sub(lambda m: redact_url(m.group(0)), text)
    for secret in secrets:
        if secret:
            text = text.replace(secret, REDACTED)
    return text
