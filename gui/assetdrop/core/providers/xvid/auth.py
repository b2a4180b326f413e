"""Xvid's credentials and tokens: a Bearer token, or the app's client_id + client_secret (docs/providers.md).

With the pair, downloads are HMAC-signed URLs (signing.py, no header at all) and the Bearer-only endpoints
(uploads, file data) use a token fetched with `grant_type=client_credential`, renewed before it expires or when
the server calls it invalid (0x0000003). The keyring entry holds the three secret options of the spec
(xvid/__init__.py): a bare token, or JSON `{"client_id", "client_secret"}` (optionally with `"token"`).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import requests

from ... import errors
from ...http import Credential, HttpClient
from ...sentence import translate

INVALID_TOKEN = "0x0000003"
TOKEN_MARGIN = 60  # renew a token this many seconds before it expires


@dataclass(frozen=True)
class XvidCredentials:
    token: str | None = None
    client_id: str | None = None
    client_secret: str | None = None

    @property
    def has_client(self) -> bool:
        return bool(self.client_id and self.client_secret)

    @property
    def secret(self) -> str:
        """The keyring entry for these credentials: the bare token, or JSON with the client pair."""
        if self.token and not self.client_id:
            return self.token
        pairs = (("client_id", self.client_id), ("client_secret", self.client_secret), ("token", self.token))
        return json.dumps({k: v for k, v in pairs if v})

    @classmethod
    def from_secrets(cls, secrets: Mapping[str, str]) -> XvidCredentials:
        creds = cls(
            secrets.get("token") or None, secrets.get("client_id") or None, secrets.get("client_secret") or None
        )
        if not creds.token and not creds.has_client:
            raise errors.CredentialsError(
                translate("providers.xvid.auth", "This Xvid profile needs a token, or a client ID and a client secret.")
            )
        return creds


class TokenSource:
    """The Bearer token for the API origin: the configured one, or one fetched (and renewed) with the client pair."""

    def __init__(
        self,
        http: HttpClient,
        token_url: str,
        credentials: XvidCredentials,
        scope: str | None,
        parse: Callable[[requests.Response], Any],
    ):
        self._http = http
        self._url = token_url
        self.credentials = credentials
        self._scope = scope
        self._parse = parse
        self._token = credentials.token
        self._expiry: float | None = None  # None: a configured token, expiry unknown
        self._lock = threading.Lock()

    def token(self, *, renew: bool = False) -> str:
        with self._lock:
            fresh = self._token and (self._expiry is None or time.time() < self._expiry - TOKEN_MARGIN)
            if self._token and fresh and not renew:
                return self._token
            if not self.credentials.has_client:
                if self._token:
                    return self._token
                raise errors.CredentialsError(
                    translate("providers.xvid.auth", "This Xvid profile has neither a token nor client credentials.")
                )
            form = {
                "grant_type": "client_credential",
                "client_id": str(self.credentials.client_id),
                "client_secret": str(self.credentials.client_secret),
            }
            if self._scope:
                form["scope"] = self._scope
            payload = self._parse(self._http.request("POST", self._url, data=form))
            token = payload.get("access_token") if isinstance(payload, dict) else None
            if not isinstance(token, str) or not token:
                raise errors.ProtocolError(
                    translate("providers.xvid.auth", "The Xvid token answer holds no access_token.")
                )
            try:
                lifetime = float(payload.get("expires_in"))  # the vendor sends it as a string
            except (TypeError, ValueError):
                lifetime = 3600.0
            self._token, self._expiry = token, time.time() + lifetime
            return token

    def bearer(self, origin: str, *, renew: bool = False) -> Credential:
        return Credential(origin, {"Authorization": f"Bearer {self.token(renew=renew)}"})
