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
from .sentence import translate

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
            translate("request_errors", "The secure connection to {where} failed: {tls_problem}").format(
                where=where, tls_problem=tls_problem(_reason(exc), host)
            ),
            title=translate("request_errors", "Certificate problem"),
        )
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return errors.RequestTimeout(
            translate("request_errors", "Connecting to {where} timed out. Check your network connection.").format(
                where=where
            )
        )
    if isinstance(exc, requests.exceptions.ReadTimeout) or _read_timed_out(exc):
        if read_timeout:
            return errors.RequestTimeout(
                translate("request_errors", "No answer from {where} for {seconds:.0f} s (the read timed out).").format(
                    where=where, seconds=read_timeout
                )
            )
        return errors.RequestTimeout(
            translate("request_errors", "No answer from {where} (the read timed out).").format(where=where)
        )
    if isinstance(exc, (requests.exceptions.ChunkedEncodingError, requests.exceptions.ContentDecodingError)):
        return errors.ProtocolError(
            translate("request_errors", "The connection to {where} broke before the whole answer arrived.").format(
                where=where
            )
        )
    if isinstance(exc, requests.exceptions.ConnectionError):
        text = _reason(exc).lower()
        if "refused" in text:
            return errors.NetworkError(
                translate(
                    "request_errors", "Could not connect to {where}: connection refused. Is the server running?"
                ).format(where=where),
                code=CONNECTION_REFUSED,
            )
        if _unresolved(text):
            return errors.NetworkError(
                translate(
                    "request_errors", "Could not find the server {host}. Check the address and your network."
                ).format(host=host),
                code=HOST_NOT_FOUND,
            )
        if "reset" in text or "aborted" in text or "broken pipe" in text:
            return errors.NetworkError(
                translate("request_errors", "The connection to {where} was reset.").format(where=where)
            )
        return errors.NetworkError(
            translate("request_errors", "Could not talk to {where} ({reason}).").format(
                where=where, reason=_reason(exc)
            )
        )
    if isinstance(
        exc, (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema, requests.exceptions.InvalidSchema)
    ):
        return errors.ConfigError(
            translate("request_errors", "Not a usable address: {address}").format(address=redact_url(url))
        )
    return errors.NetworkError(
        translate("request_errors", "Request to {where} failed ({kind}).").format(where=where, kind=type(exc).__name__)
    )


def proxy_refused(route: Route, url: str, reason: str) -> errors.ProxyProblem:
    """A proxy that could not be reached or would not pass the request on, in words that name it (never its
    password) and say where its setting comes from."""
    _, host, port = origin(url)
    text = reason.lower()
    check = translate("request_errors", "Check {source}").format(source=route.source)
    if "407" in text or "tunnel connection failed: 401" in text:  # tinyproxy answers a wrong password with 401
        given = (
            translate("request_errors", "refused the user name and password it was given")
            if route.has_credentials
            else translate("request_errors", "wants a sign-in")
        )
        return errors.ProxyAuthError(
            translate(
                "request_errors",
                "The proxy {where} {given} (HTTP 407). {check}: the proxy user name, and the proxy "
                "password in Profiles.",
            ).format(where=route.where, given=given, check=check),
            status=407,
        )
    if "tunnel connection failed" in text:
        status = reason.split("Tunnel connection failed:", 1)[-1].strip(" ')\"")
        return errors.ProxyProblem(
            translate(
                "request_errors",
                "The proxy {where} would not open a connection to {host}:{port} ({status}). Ask whoever "
                "runs the proxy whether {host} is allowed, or check {source}.",
            ).format(where=route.where, host=host, port=port, status=status, source=route.source),
        )
    if "certificate" in text or "ssl" in text:
        proxy_host = route.where.rsplit(":", 1)[0]
        return errors.ProxyProblem(
            translate("request_errors", "The secure connection to the proxy {where} failed: {tls_problem}").format(
                where=route.where, tls_problem=tls_problem(reason, proxy_host)
            ),
            title=translate("request_errors", "Certificate problem"),
        )
    if "refused" in text:
        return errors.ProxyProblem(
            translate(
                "request_errors",
                "Could not connect to the proxy {where}: connection refused. {check}: the proxy's "
                "address and port, or choose no proxy in the profile.",
            ).format(where=route.where, check=check),
            code=CONNECTION_REFUSED,
        )
    if _unresolved(text):
        return errors.ProxyProblem(
            translate("request_errors", "Could not find the proxy {where}. {check}: the proxy's address.").format(
                where=route.where, check=check
            )
        )
    return errors.ProxyProblem(
        translate("request_errors", "Could not talk to the proxy {where} ({reason}). {check}.").format(
            where=route.where, reason=reason, check=check
        )
    )


_TLS_ADVICE = translate(
    "request_errors",
    "If this server uses your organisation's own certificate authority, add its CA bundle (PEM) to the profile.",
)


def tls_problem(reason: str, host: str) -> str:
    """What a TLS failure means, in words, with what the user can do; OpenSSL's own text in brackets."""
    text = reason.lower()
    if "expired" in text:
        words = translate(
            "request_errors",
            "the certificate of {host} has expired (or this computer's clock is wrong). The server's "
            "administrator must renew it.",
        ).format(host=host)
    elif "not yet valid" in text:
        words = translate(
            "request_errors", "the certificate of {host} is not valid yet. Check this computer's date and time."
        ).format(host=host)
    elif "hostname mismatch" in text or "doesn't match" in text or "ip address mismatch" in text:
        words = translate(
            "request_errors",
            "the certificate does not belong to {host} (it was issued for another name). Check the address "
            "in the profile; someone may be intercepting the connection.",
        ).format(host=host)
    elif "self-signed" in text or "self signed" in text:
        words = translate(
            "request_errors", "the certificate of {host} is self-signed, so it cannot be trusted. {advice}"
        ).format(host=host, advice=_TLS_ADVICE)
    elif "unable to get local issuer" in text or "unknown ca" in text or "unable to get issuer" in text:
        words = translate(
            "request_errors",
            "the certificate of {host} was issued by an authority this computer does not trust. {advice}",
        ).format(host=host, advice=_TLS_ADVICE)
    elif "revoked" in text:
        words = translate("request_errors", "the certificate of {host} has been revoked.").format(host=host)
    elif "wrong version number" in text or "record layer failure" in text or "packet length too long" in text:
        words = translate(
            "request_errors",
            "{host} does not speak TLS on this port. Check whether the address should start with http:// "
            "or use another port.",
        ).format(host=host)
    elif "certificate verify failed" in text or "verify" in text:
        words = translate("request_errors", "the certificate of {host} could not be verified. {advice}").format(
            host=host, advice=_TLS_ADVICE
        )
    else:
        words = translate(
            "request_errors",
            "the TLS handshake failed (the server and Assetdrop could not agree on a secure connection).",
        )
    return translate("request_errors", "{words} ({reason})").format(words=words, reason=reason) if reason else words


def _read_timed_out(exc: requests.RequestException) -> bool:
    """requests reports a read timeout that urllib3's retries gave up on as a ConnectionError around it."""
    inner = exc.args[0] if exc.args else None
    return isinstance(getattr(inner, "reason", None), urllib3.exceptions.ReadTimeoutError)


def _reason(exc: BaseException) -> str:
    """The underlying cause's text (requests wraps urllib3's error, whose `reason` holds the cause), redacted."""
    inner = exc.args[0] if exc.args else exc
    inner = getattr(inner, "reason", inner)
    return redact_text(str(inner))[:200]
