"""Which proxy a request goes through: the profile's choice (system, none or manual), decided per URL.

core/http.py keeps requests' `trust_env` off, so netrc is never read; the proxy variables are read here instead,
with requests' own helpers (HTTP_PROXY, HTTPS_PROXY, ALL_PROXY and NO_PROXY, lower or upper case, the lower one
winning, as curl and requests do). The desktop's proxy setting comes from the window as a plain mapping
(qt/desktop_proxy.py asks Qt's QNetworkProxyFactory), so this module has no Qt in it. The password of a manual
proxy lives in the keyring with the profile's key (core/credentials.py), never in the settings file.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit
from urllib.request import getproxies_environment

from requests.utils import get_environ_proxies, select_proxy, should_bypass_proxies

from . import errors
from .redact import redact_url
from .sentence import translate

SYSTEM, NONE, MANUAL = "system", "none", "manual"
SCHEMES = ("http", "https")  # what urllib3 speaks to a proxy without extra packages (no SOCKS)

_desktop: dict[str, str] = {}
_desktop_lock = threading.Lock()


def set_desktop_proxies(mapping: Mapping[str, str]) -> None:
    """The desktop's proxy per scheme ({"https": "http://proxy:3128"}), as the window found it; {} for none."""
    with _desktop_lock:
        _desktop.clear()
        _desktop.update({str(k): str(v) for k, v in mapping.items() if v})


def desktop_proxies() -> dict[str, str]:
    with _desktop_lock:
        return dict(_desktop)


def summary() -> str:
    """The proxy variables and the desktop's proxies, for a diagnostics report: addresses only (no user, no
    password), so that a report pasted into a ticket shows the route without its credentials."""
    found = {key: value for key, value in getproxies_environment().items() if value}
    parts = [f"{key}_proxy={_address(value)}" for key, value in sorted(found.items()) if key != "no"]
    if "no" in found:
        parts.append(f"no_proxy={found['no']}")
    parts += [f"desktop {key}={_address(value)}" for key, value in sorted(desktop_proxies().items())]
    return ", ".join(parts) or "none set"


def _address(url: str) -> str:
    parts = urlsplit(url if "://" in url else f"http://{url}")
    return f"{parts.scheme}://{parts.hostname}{f':{parts.port}' if parts.port else ''}"


@dataclass(frozen=True)
class Route:
    """The proxy one request goes through (`url` carries the credentials; never log it), and where it came from."""

    url: str = field(repr=False)
    source: str  # for messages: "the profile's proxy setting", "HTTPS_PROXY", "the desktop's proxy setting"

    @property
    def where(self) -> str:
        """The proxy's address for a message or a log: scheme, host and port, no user or password."""
        parts = urlsplit(self.url)
        return f"{parts.hostname}:{parts.port or (443 if parts.scheme == 'https' else 80)}"

    @property
    def has_credentials(self) -> bool:
        return "@" in urlsplit(self.url).netloc


@dataclass(frozen=True)
class ProxyChoice:
    """A profile's proxy: the system's (environment, then the desktop), none, or its own URL and user name."""

    mode: str = SYSTEM
    url: str = ""
    user: str = ""
    password: str = field(default="", repr=False, compare=False)

    @classmethod
    def from_setting(cls, setting: object, user: object = "", password: str = "") -> ProxyChoice:
        """From the `proxy` option's value (see parse_setting): "system", "none" or a proxy URL."""
        text = str(setting or SYSTEM).strip()
        if text in (SYSTEM, NONE):
            return cls(text)
        return cls(MANUAL, text, str(user or ""), password)

    def route(self, url: str) -> Route | None:
        """The proxy for `url`, or None to connect directly. NO_PROXY is honoured in system and manual mode (as
        curl honours it with -x); a SOCKS proxy is refused in words (it would need the PySocks package)."""
        if self.mode == NONE:
            return None
        scheme = urlsplit(url).scheme.lower()
        if self.mode == MANUAL:
            if should_bypass_proxies(url, no_proxy=None):
                return None
            return _checked(
                Route(
                    _with_credentials(self.url, self.user, self.password),
                    translate("proxy", "the profile's proxy setting"),
                )
            )
        found = get_environ_proxies(url, no_proxy=None)  # environment only: never netrc
        if found:
            chosen = select_proxy(url, found)
            return _checked(Route(chosen, _variable(scheme, found, chosen))) if chosen else None
        if should_bypass_proxies(url, no_proxy=None):
            return None
        chosen = select_proxy(url, desktop_proxies())
        return _checked(Route(chosen, translate("proxy", "the desktop's proxy setting"))) if chosen else None


def parse_setting(text: str) -> str:
    """The `proxy` option from what a person typed: system, none, or a proxy address (http:// if no scheme given).
    A user name or password inside the address is refused: the file would keep it, the keyring must."""
    lowered = text.strip().lower()
    if lowered in ("", SYSTEM, "default"):
        return SYSTEM
    if lowered in (NONE, "off", "direct", "no"):
        return NONE
    url = text.strip() if "://" in text else f"http://{text.strip()}"
    parts = urlsplit(url)
    if parts.scheme.lower() not in SCHEMES:
        raise errors.ConfigError(
            translate("proxy", "{scheme}:// proxies are not supported; give an http:// proxy address").format(
                scheme=parts.scheme
            )
        )
    if not parts.hostname:
        raise errors.ConfigError(
            translate("proxy", "{text!r} is not a proxy address (like http://proxy.example:3128)").format(text=text)
        )
    if "@" in parts.netloc:
        raise errors.ConfigError(
            translate("proxy", "put the user name in Proxy user and the password in Proxy password, not in the URL")
        )
    try:
        port = parts.port
    except ValueError:
        raise errors.ConfigError(translate("proxy", "{text!r} has no valid port number").format(text=text)) from None
    return f"{parts.scheme.lower()}://{parts.hostname}{f':{port}' if port else ''}"


def _with_credentials(url: str, user: str, password: str) -> str:
    if not user:
        return url
    parts = urlsplit(url)
    auth = quote(user, safe="") + (":" + quote(password, safe="") if password else "")
    return parts._replace(netloc=f"{auth}@{parts.netloc}").geturl()


def _variable(scheme: str, found: Mapping[str, str], chosen: str) -> str:
    """Which environment variable named the proxy, for a message."""
    for key in (scheme, "all"):
        if found.get(key) == chosen:
            return f"{key.upper()}_PROXY"
    return "the proxy environment variables"


def _checked(route: Route) -> Route:
    scheme = urlsplit(route.url).scheme.lower()
    if scheme not in SCHEMES:
        raise errors.ConfigError(
            translate(
                "proxy",
                "{source} names a {scheme} proxy ({address}); Assetdrop speaks to http:// proxies only. "
                "Give an http:// proxy, or choose no proxy in the profile.",
            ).format(source=route.source, scheme=scheme or "schemeless", address=redact_url(route.url)),
            title=translate("proxy", "Proxy settings"),
        )
    return route
