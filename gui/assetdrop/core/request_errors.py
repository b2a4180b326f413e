"""What a request that failed means, in words a person can act on (core/http.py raises what this returns): a
refused or unknown host, a reset, a timeout, a certificate problem named precisely, a proxy that cannot be reached
or refuses; never the URL's secrets (core/redact.py), never a traceback."""

from __future__ import annotations

from urllib.parse import urlsplit

import requests
import urllib3.exceptions

from . import errors
from .proxy import Route
from .redact import redact_text, redact_url

CONNECTION_REFUSED = "CONNECTION_REFUSED"
HOST_NOT_FOUND = "HOST_NOT_FOUND"
PROXY_UNREACHABLE = "PROXY_UNREACHABLE"  # not the server's fault: a new storage URL would not help


def origin(url: str) -> tuple[str, str, int | None]:
    """(scheme, host, port) of a URL, the unit a credential is bound to (Credential in core/http.py)."""
    parts = urlsplit(url)
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    return parts.scheme.lower(), (parts.hostname or "").lower(), port


# What resolvers and urllib3 say of a name that does not resolve: glibc's two errors (an unknown name; no DNS
# server reachable, as on a machine offline), macOS's, and urllib3 2's own wording around them.
_UNRESOLVED = (
    "name or service not known",
    "temporary failure in name resolution",
    "nodename nor servname",
    "no address associated with hostname",
    "getaddrinfo",
    "failed to resolve",
)


def _unresolved(text: str) -> bool:
    return any(words in text for words in _UNRESOLVED)


def map_exception(
    exc: requests.RequestException, url: str, *, read_timeout: float | None = None, route: Route | None = None
) -> errors.AssetdropError:
    """Turn a requests/urllib3 exception into words a person understands, without the URL's secrets."""
    scheme, host, port = origin(url)
    where = f"{host}:{port}" if port else host
    if route is not None and isinstance(exc, requests.exceptions.ProxyError):
        return proxy_refused(route, url, _reason(exc))
    if isinstance(exc, requests.exceptions.SSLError):
        return errors.NetworkError(
            f"The secure connection to {where} failed: {tls_problem(_reason(exc), host)}", title="Certificate problem"
        )
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return errors.RequestTimeout(f"Connecting to {where} timed out. Check your network connection.")
    if isinstance(exc, requests.exceptions.ReadTimeout) or _read_timed_out(exc):
        waited = f" for {read_timeout:.0f} s" if read_timeout else ""
        return errors.RequestTimeout(f"No answer from {where}{waited} (the read timed out).")
    if isinstance(exc, (requests.exceptions.ChunkedEncodingError, requests.exceptions.ContentDecodingError)):
        return errors.ProtocolError(f"The connection to {where} broke before the whole answer arrived.")
    if isinstance(exc, requests.exceptions.ConnectionError):
        text = _reason(exc).lower()
        if "refused" in text:
            return errors.NetworkError(
                f"Could not connect to {where}: connection refused. Is the server running?", code=CONNECTION_REFUSED
            )
        if _unresolved(text):
            return errors.NetworkError(
                f"Could not find the server {host}. Check the address and your network.", code=HOST_NOT_FOUND
            )
        if "reset" in text or "aborted" in text or "broken pipe" in text:
            return errors.NetworkError(f"The connection to {where} was reset.")
        return errors.NetworkError(f"Could not talk to {where} ({_reason(exc)}).")
    if isinstance(
        exc, (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema, requests.exceptions.InvalidSchema)
    ):
        return errors.ConfigError(f"Not a usable address: {redact_url(url)}")
    return errors.NetworkError(f"Request to {where} failed ({type(exc).__name__}).")


def proxy_refused(route: Route, url: str, reason: str) -> errors.ProxyProblem:
    """A proxy that could not be reached or would not pass the request on, in words that name it (never its
    password) and say where its setting comes from."""
    _, host, port = origin(url)
    text = reason.lower()
    check = f"Check {route.source}"
    if "407" in text or "tunnel connection failed: 401" in text:  # tinyproxy answers a wrong password with 401
        given = "refused the user name and password it was given" if route.has_credentials else "wants a sign-in"
        return errors.ProxyAuthError(
            f"The proxy {route.where} {given} (HTTP 407). {check}: the proxy user name, and the proxy password in "
            f"Profiles.",
            status=407,
        )
    if "tunnel connection failed" in text:
        status = reason.split("Tunnel connection failed:", 1)[-1].strip(" ')\"")
        return errors.ProxyProblem(
            f"The proxy {route.where} would not open a connection to {host}:{port} ({status}). Ask whoever runs "
            f"the proxy whether {host} is allowed, or {check[0].lower()}{check[1:]}.",
        )
    if "certificate" in text or "ssl" in text:
        proxy_host = route.where.rsplit(":", 1)[0]
        return errors.ProxyProblem(
            f"The secure connection to the proxy {route.where} failed: {tls_problem(reason, proxy_host)}",
            title="Certificate problem",
        )
    if "refused" in text:
        return errors.ProxyProblem(
            f"Could not connect to the proxy {route.where}: connection refused. {check}: the proxy's address and "
            f"port, or choose no proxy in the profile.",
            code=CONNECTION_REFUSED,
        )
    if _unresolved(text):
        return errors.ProxyProblem(f"Could not find the proxy {route.where}. {check}: the proxy's address.")
    return errors.ProxyProblem(f"Could not talk to the proxy {route.where} ({reason}). {check}.")


_TLS_ADVICE = (
    "If this server uses your organisation's own certificate authority, add its CA bundle (PEM) to the profile."
)


def tls_problem(reason: str, host: str) -> str:
    """What a TLS failure means, in words, with what the user can do; OpenSSL's own text in brackets."""
    text = reason.lower()
    if "expired" in text:
        words = (
            f"the certificate of {host} has expired (or this computer's clock is wrong). The server's "
            f"administrator must renew it."
        )
    elif "not yet valid" in text:
        words = f"the certificate of {host} is not valid yet. Check this computer's date and time."
    elif "hostname mismatch" in text or "doesn't match" in text or "ip address mismatch" in text:
        words = (
            f"the certificate does not belong to {host} (it was issued for another name). Check the address "
            f"in the profile; someone may be intercepting the connection."
        )
    elif "self-signed" in text or "self signed" in text:
        words = f"the certificate of {host} is self-signed, so it cannot be trusted. {_TLS_ADVICE}"
    elif "unable to get local issuer" in text or "unknown ca" in text or "unable to get issuer" in text:
        words = f"the certificate of {host} was issued by an authority this computer does not trust. {_TLS_ADVICE}"
    elif "revoked" in text:
        words = f"the certificate of {host} has been revoked."
    elif "wrong version number" in text or "record layer failure" in text or "packet length too long" in text:
        words = (
            f"{host} does not speak TLS on this port. Check whether the address should start with http:// "
            f"or use another port."
        )
    elif "certificate verify failed" in text or "verify" in text:
        words = f"the certificate of {host} could not be verified. {_TLS_ADVICE}"
    else:
        words = "the TLS handshake failed (the server and Assetdrop could not agree on a secure connection)."
    return f"{words} ({reason})" if reason else words


def _read_timed_out(exc: requests.RequestException) -> bool:
    """requests reports a read timeout that urllib3's retries gave up on as a ConnectionError around it."""
    inner = exc.args[0] if exc.args else None
    return isinstance(getattr(inner, "reason", None), urllib3.exceptions.ReadTimeoutError)


def _reason(exc: BaseException) -> str:
    """The underlying cause's text (requests wraps urllib3's error, whose `reason` holds the cause), redacted."""
    inner = exc.args[0] if exc.args else exc
    inner = getattr(inner, "reason", inner)
    return redact_text(str(inner))[:200]
