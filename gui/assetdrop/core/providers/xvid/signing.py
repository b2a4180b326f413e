"""Xvid HMAC-signed request URLs: how a client without a token authorises `/files/downloads/` (docs/providers.md).

The server recomputes the signature over the request target exactly as it arrives, so the query is encoded here
once, signed, and sent as is: `signature` is appended last and nothing is re-encoded or re-ordered afterwards.
Key = base64-decoded client_secret; HMAC-SHA256 over the `/v1/...?...` string (scheme and host stripped); hex.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from urllib.parse import quote, urlsplit

from ... import errors
from ...sentence import translate


def encode_query(pairs: list[tuple[str, str]]) -> str:
    """`k=v&k=v` with every reserved character percent-encoded (stable: requests leaves it untouched)."""
    return "&".join(f"{quote(str(k), safe='')}={quote(str(v), safe='')}" for k, v in pairs)


def signature(message: str, client_secret: str) -> str:
    try:
        key = base64.b64decode(client_secret.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise errors.ConfigError(
            translate(
                "providers.xvid.signing", "The Xvid client_secret is not base64 text; copy it again from the Apps tab."
            )
        ) from None
    return hmac.new(key, message.encode("utf-8"), hashlib.sha256).hexdigest()


def sign_url(
    url_without_query: str,
    pairs: list[tuple[str, str]],
    *,
    client_id: str,
    client_secret: str,
    expiry_time: int,
    multi_use: bool = True,
) -> str:
    """The full signed URL: `pairs`, then multi_use, client_id, expiry_time, then `signature` last.

    `pairs` must not hold expiry_time/client_id/multi_use/signature themselves (they are added here).
    """
    reserved = {"signature", "client_id", "multi_use", "expiry_time"}
    clash = [k for k, _ in pairs if k in reserved]
    if clash:
        raise ValueError(f"sign_url adds {', '.join(clash)} itself")
    signed_pairs = [
        *pairs,
        ("multi_use", "true" if multi_use else "false"),
        ("client_id", client_id),
        ("expiry_time", str(int(expiry_time))),
    ]
    parts = urlsplit(url_without_query)
    message = f"{parts.path}?{encode_query(signed_pairs)}"
    origin = f"{parts.scheme}://{parts.netloc}"
    return f"{origin}{message}&signature={signature(message, client_secret)}"
