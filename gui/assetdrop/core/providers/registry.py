"""The providers this version knows, from their specs: the one place that maps a kind to a provider.

Adding a provider means its package (with its `SPEC`), its sandbox module and their tests, plus its name in
`SPECS` below (docs/architecture.md, "How to add a provider").
"""

from __future__ import annotations

import os
from typing import Any

from ..errors import ConfigError
from ..http import HttpClient
from ..proxy import NONE, ProxyChoice
from ..redact import register_secret
from . import filespin, memories, xvid
from .base import Provider
from .endpoint import Endpoint
from .spec import ProviderConfig, ProviderSpec

SPECS: tuple[ProviderSpec[Provider], ...] = (filespin.SPEC, xvid.SPEC, memories.SPEC)
DEFAULT_KIND = filespin.SPEC.kind
ENV_PROXY_PASSWORD = "ASSETDROP_PROXY_PASSWORD"  # a command line's proxy password, when the keyring has none


def kinds() -> tuple[str, ...]:
    return tuple(spec.kind for spec in SPECS)


def spec_for(kind: str) -> ProviderSpec[Provider]:
    for spec in SPECS:
        if spec.kind == kind:
            return spec
    raise ConfigError(f"This version of Assetdrop does not know the provider {kind!r} (it knows {', '.join(kinds())}).")


def make_http(endpoint: Endpoint, *, pool_size: int = 8, secret: str = "", **kwargs: Any) -> HttpClient:
    """The HttpClient for an endpoint: its TLS options (the CA bundle) and its proxy applied, the proxy password
    from `secret` (the keyring entry) or ASSETDROP_PROXY_PASSWORD. Raises ConfigError for a bad bundle or proxy."""
    ca_bundle = endpoint.options.get("ca_bundle") or None
    bundle = str(ca_bundle) if ca_bundle else None
    return HttpClient(pool_size=pool_size, ca_bundle=bundle, proxy=proxy_choice(endpoint, secret), **kwargs)


def proxy_choice(endpoint: Endpoint, secret: str = "") -> ProxyChoice:
    """The endpoint's proxy: the built-in sandbox is on this computer and never goes through one."""
    if endpoint.options.get("embedded_sandbox"):
        return ProxyChoice(NONE)
    spec = spec_for(endpoint.kind)
    setting = spec.option("proxy").parse(endpoint.options.get("proxy"))
    password = spec.decode_secret(secret).get("proxy_password") or os.environ.get(ENV_PROXY_PASSWORD, "")
    register_secret(password)
    return ProxyChoice.from_setting(setting, endpoint.options.get("proxy_user") or "", password)


def build(endpoint: Endpoint, secret: str, http: HttpClient) -> Provider:
    """The provider for an endpoint, with the keyring entry's `secret` (see ProviderSpec.decode_secret)."""
    spec = spec_for(endpoint.kind)
    return spec.factory(ProviderConfig.build(spec, endpoint, secret), http)


def connect(kind: str, http: HttpClient, base_url: str, secret: str = "", **options: Any) -> Provider:
    """A provider from plain values: `secret` as the keyring holds it, or the secret options by name
    (`client_id=...`), and any other option by name. For scripts and tests."""
    spec = spec_for(kind)
    secrets = {option.name: str(options.pop(option.name)) for option in spec.secrets if option.name in options}
    unknown = set(options) - {option.name for option in spec.options}
    if unknown:
        raise ConfigError(f"{spec.label} has no option {', '.join(sorted(unknown))}.")
    text = secret or spec.encode_secret(secrets)
    return build(Endpoint(kind, base_url, options), text, http)
