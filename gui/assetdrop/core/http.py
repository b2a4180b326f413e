"""The one HTTP layer every provider and transfer uses.

One `requests.Session` per client with connect/read timeouts, an `Assetdrop/<version>` User-Agent, connection pools
sized to the transfer concurrency, large socket send blocks, and retries only where a retry is safe (idempotent
methods, before any body byte was used). Every failure leaves this module as a typed `AssetdropError` carrying the
server's own message; secrets never appear in those messages.

TLS: verification is always on (there is no switch to turn it off). Trust comes from the operating system's store
through `truststore` when it is installed (so a certificate authority the user's organisation added to the system
is honoured), plus certifi's bundle; a profile may add its own CA bundle (`ca_bundle`, a PEM file or a hashed
directory), which adds to that trust instead of replacing it, since the same client also talks to public storage.

Proxies: each request goes through the proxy its profile's ProxyChoice names for that URL (core/proxy.py: the
environment's HTTP_PROXY/HTTPS_PROXY/ALL_PROXY/NO_PROXY, the desktop's setting, or the profile's own). `trust_env`
stays off, so requests never reads netrc. https goes through a CONNECT tunnel: the proxy sees the host name and
port, never a header; the API key is still added only for the API's own origin (Credential). A proxy that cannot
be reached or refuses (407, a refused tunnel) is a ProxyProblem naming the proxy, without its password.

Connections: the pools hold `pool_size` kept-alive connections per host (the session sizes it to transfers at once
x connections per download, so a busy queue reuses connections instead of opening new ones). urllib3 sets
TCP_NODELAY on every direct connection (HTTPConnection.default_socket_options) but not on proxy connections, so the
adapter sets it there too: small requests are never held back by Nagle's algorithm
(tests/integration/test_connections.py reads the option off live sockets). TLS sessions are not
resumed across connections: urllib3 gives no way to hand an SSLSession to a new connection, so a new connection
costs a full handshake; keep-alive is what keeps their number low (bench/wan.py counts them per 1,000 files).
"""

from __future__ import annotations

import logging
import os
import ssl
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
import urllib3.connection
import urllib3.exceptions
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

try:  # a dependency; a build without it falls back to OpenSSL's defaults (system_trust_available says which)
    import truststore
except ImportError:  # pragma: no cover
    truststore = None  # type: ignore[assignment]

from .. import __version__
from . import errors
from .proxy import ProxyChoice, Route
from .redact import redact_url
from .request_errors import CONNECTION_REFUSED, HOST_NOT_FOUND, PROXY_UNREACHABLE, map_exception, origin, proxy_refused
from .responses import MAX_JSON_BYTES, error_from_response, read_limited
from .sentence import translate

__all__ = ["CONNECTION_REFUSED", "HOST_NOT_FOUND", "PROXY_UNREACHABLE", "Credential", "HttpClient", "map_exception"]
__all__ += ["make_ssl_context", "origin", "system_trust_available"]

log = logging.getLogger(__name__)

USER_AGENT = f"Assetdrop/{__version__}"
DEFAULT_TIMEOUT = (10.0, 30.0)  # (connect, read) seconds: 30 s without a byte is "no answer", retried visibly
SEND_BLOCK = 1024 * 1024  # http.client sends request bodies in blocks of this size (default is 8 KiB)
MAX_REDIRECTS = 5
# NetworkError codes for an address that cannot be reached at all (not a blip): callers holding a stored URL ask
# for a new one (a FileSpin storage URL after the storage moved).


class _Adapter(HTTPAdapter):
    """HTTPAdapter whose connections send in large blocks (8 KiB blocks cap loopback uploads at a fraction of the link)
    and verify TLS with the client's own SSL context."""

    def __init__(self, *args: Any, ssl_context: ssl.SSLContext | None = None, **kwargs: Any):
        self._ssl_context = ssl_context
        super().__init__(*args, **kwargs)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["blocksize"] = SEND_BLOCK
        if self._ssl_context is not None:
            kwargs["ssl_context"] = self._ssl_context
        super().init_poolmanager(*args, **kwargs)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        # requests builds a proxy's pools without init_poolmanager's arguments: the same blocks and TLS context.
        # urllib3 turns Nagle's algorithm back on for proxy connections (ConnectionPool: socket_options=[]), which
        # holds a small write (a TLS record in a tunnel, a body block after its headers) until the previous one is
        # acknowledged, up to a delayed ACK's 40 ms: keep TCP_NODELAY on them too.
        proxy_kwargs.setdefault("socket_options", urllib3.connection.HTTPConnection.default_socket_options)
        proxy_kwargs.setdefault("blocksize", SEND_BLOCK)
        if self._ssl_context is not None:
            proxy_kwargs.setdefault("ssl_context", self._ssl_context)
            if proxy.lower().startswith("https:"):  # an https proxy is verified with the same trust as a server
                proxy_kwargs.setdefault("proxy_ssl_context", self._ssl_context)
        return super().proxy_manager_for(proxy, **proxy_kwargs)


def system_trust_available() -> bool:
    """Whether the OS trust store is used (the optional `truststore` package is importable)."""
    return truststore is not None


def make_ssl_context(ca_bundle: str | None = None) -> ssl.SSLContext:
    """A client context that always verifies certificate and host name.

    The OS trust store (truststore) when available, else OpenSSL's defaults; requests adds certifi's bundle on top;
    `ca_bundle` (a profile's own CA file or directory) adds to that trust. A bundle that cannot be read is a
    ConfigError in words, never a silent fallback.
    """
    if truststore is not None:
        context: ssl.SSLContext = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    else:
        context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    if ca_bundle:
        path = os.path.expanduser(ca_bundle)
        try:
            if os.path.isdir(path):
                context.load_verify_locations(capath=path)
            else:
                context.load_verify_locations(cafile=path)
        except FileNotFoundError:
            raise errors.ConfigError(
                translate(
                    "http", "The profile's CA bundle {path} does not exist. Fix the path in Profiles or clear it."
                ).format(path=path),
                title=translate("http", "Certificate settings"),
            ) from None
        except (OSError, ssl.SSLError, ValueError) as exc:
            raise errors.ConfigError(
                translate(
                    "http", "The profile's CA bundle {path} could not be read as PEM certificates ({kind}: {reason})."
                ).format(path=path, kind=type(exc).__name__, reason=getattr(exc, "reason", None) or exc),
                title=translate("http", "Certificate settings"),
            ) from None
    context.verify_mode = ssl.CERT_REQUIRED
    context.check_hostname = True
    return context


class _Retry(Retry):
    """urllib3's Retry, except that a proxy refusing the tunnel (407, 403) is not asked again: the answer will not
    change, and each wrong password counts towards locking the account."""

    def increment(
        self,
        method: str | None = None,
        url: str | None = None,
        response: Any = None,
        error: Exception | None = None,
        _pool: Any = None,
        _stacktrace: Any = None,
    ) -> _Retry:
        if isinstance(error, urllib3.exceptions.ProxyError) and "Tunnel connection failed: 4" in str(error):
            raise urllib3.exceptions.MaxRetryError(_pool, url or "", error) from error
        return super().increment(method, url, response, error, _pool, _stacktrace)


def _safe_retry() -> Retry:
    # Connection-level blips only (refused, reset before an answer), idempotent methods only (urllib3's default
    # list excludes POST), a short hidden backoff. HTTP statuses (429, 5xx) are not retried here: the transfer
    # layer retries them visibly ("retrying in 8 s"), honouring Retry-After, and a person can cancel the wait.
    return _Retry(
        total=2,
        connect=2,
        read=0,  # a read timeout is the queue's to retry, in words ("no answer from ... for 30 s, retrying")
        status=0,
        backoff_factor=0.25,
        status_forcelist=(),
        respect_retry_after_header=False,
        raise_on_status=False,
        raise_on_redirect=False,
        redirect=0,
    )


@dataclass
class Credential:
    """Headers that authenticate to exactly one origin. They are never sent anywhere else."""

    origin_url: str
    headers: dict[str, str] = field(default_factory=dict, repr=False)

    def applies_to(self, url: str) -> bool:
        return origin(url) == origin(self.origin_url)


class HttpClient:
    def __init__(
        self,
        *,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        pool_size: int = 8,
        ca_bundle: str | None = None,
        proxy: ProxyChoice | None = None,
    ):
        self.timeout = timeout
        self.proxy = proxy or ProxyChoice()
        self.session = requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        self.session.trust_env = False  # no netrc credentials; proxies are chosen per request (core/proxy.py)
        self.session.verify = True  # always; the profile's CA bundle is in the SSL context, added to the trust
        self.ca_bundle = ca_bundle
        adapter = _Adapter(
            pool_connections=4,
            pool_maxsize=max(pool_size, 4),
            max_retries=_safe_retry(),
            ssl_context=make_ssl_context(ca_bundle),
        )
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def request(
        self,
        method: str,
        url: str,
        *,
        credential: Credential | None = None,
        headers: Mapping[str, str] | None = None,
        stream: bool = False,
        timeout: float | tuple[float, float] | None = None,
        source: str = "api",
        max_body: int = MAX_JSON_BYTES,
        **kwargs: Any,
    ) -> requests.Response:
        """Send a request and return a 2xx response, or raise the typed error for whatever went wrong.

        Redirects are followed here, not by requests: credential headers go only to the credential's own origin,
        and an https -> http downgrade is refused. Without `stream`, the body is read here with a limit
        (`max_body`, 16 MiB by default): a server answering gigabytes (or forever) gets a ProtocolError, not our
        memory. Bodies of any size are read by streaming callers (downloads), which apply their own caps.
        """
        timeout = timeout or self.timeout
        for _ in range(MAX_REDIRECTS + 1):
            send_headers = dict(headers or {})
            if credential is not None and credential.applies_to(url):
                send_headers.update(credential.headers)
            kwargs.pop("verify", None)  # verification cannot be turned off per request either
            kwargs.pop("proxies", None)  # the profile's choice decides, per URL
            route = self.proxy.route(url)
            proxies = {urlsplit(url).scheme.lower(): route.url} if route else {}
            try:
                response = self.session.request(
                    method,
                    url,
                    headers=send_headers,
                    stream=True,
                    timeout=timeout,
                    allow_redirects=False,
                    proxies=proxies,
                    **kwargs,
                )
            except requests.RequestException as exc:
                raise map_exception(exc, url, read_timeout=_read_timeout(timeout), route=route) from exc
            if response.status_code == 407 and route is not None:  # a plain-http request the proxy did not pass on
                response.close()
                raise proxy_refused(route, url, "407 Proxy Authentication Required")
            if response.is_redirect and "location" in response.headers:
                target = urljoin(url, response.headers["location"])
                response.close()
                _check_redirect(method, url, target, response.status_code, kwargs)
                log.debug("redirect %s -> %s", redact_url(url), redact_url(target))
                url = target
                continue
            if response.status_code >= 400 or response.status_code < 200:
                try:
                    raise _with_proxy_hint(error_from_response(response, source=source), route, url)
                finally:
                    response.close()
            if not stream:
                try:
                    body = read_limited(response, max_body)
                except BaseException:
                    response.close()
                    raise
                response._content = body  # what requests' own preload sets
                response._content_consumed = True  # type: ignore[attr-defined]
                response.close()  # body fully read: the connection goes back to the pool
            return response
        raise errors.ProtocolError(
            translate("http", "Too many redirects starting at {address}.").format(address=redact_url(url))
        )


def _with_proxy_hint(exc: errors.AssetdropError, route: Route | None, url: str) -> errors.AssetdropError:
    """A 401 to a plain-http request sent through a signed-in proxy may be the proxy's (tinyproxy answers a wrong
    proxy password so, not with 407): say so, since the answer alone cannot tell which refused."""
    if exc.status == 401 and route is not None and route.has_credentials and urlsplit(url).scheme == "http":
        exc.message += (
            f" If it was the proxy {route.where} that refused, check {route.source}: the proxy user name and "
            f"password (some proxies answer a wrong proxy password with 401)."
        )
        exc.args = (exc.message,)
    return exc


def _read_timeout(timeout: float | tuple[float, float]) -> float:
    return timeout[1] if isinstance(timeout, tuple) else timeout


def _check_redirect(method: str, url: str, target: str, status: int, kwargs: dict[str, Any]) -> None:
    """A redirect is followed only where it cannot lose or misplace what was sent: never from https to http; a
    request with a body (an upload, a registration) is sent again whole on 307/308, to a target of the same
    scheme, and fails in words on 301/302/303, which would turn it into a GET of nothing (the bytes never stored,
    or never registered, while the answer looks like a success)."""
    scheme, new_scheme = urlsplit(url).scheme, urlsplit(target).scheme
    if scheme == "https" and new_scheme != "https":
        raise errors.ProtocolError(
            translate("http", "Refused a redirect from https to an insecure address ({address}).").format(
                address=redact_url(target)
            )
        )
    if method in ("GET", "HEAD"):
        return
    where = origin(target)[1] or "another address"
    if status in (301, 302, 303):
        raise errors.ProtocolError(
            translate(
                "http",
                "The server answered the {method} with a redirect (HTTP {status}) to {where}, which "
                "would drop what was sent; nothing was sent there. Check the address in the profile.",
            ).format(method=method, status=status, where=where),
            status=status,
        )
    if new_scheme != scheme:
        raise errors.ProtocolError(
            translate("http", "Refused to send the {method} again to another scheme ({address}).").format(
                method=method, address=redact_url(target)
            )
        )
    body = kwargs.get("data")
    if body is not None and not isinstance(body, bytes | str | dict | list | tuple):
        rewind = getattr(body, "rewind", None)
        if rewind is None:
            raise errors.ProtocolError(
                translate(
                    "http", "The server redirected the {method} (HTTP {status}); it cannot be sent again."
                ).format(method=method, status=status)
            )
        rewind()  # the whole body again, from its first byte
