"""The one HTTP layer every provider and transfer uses.

One `requests.Session` per client with connect/read timeouts, an `Assetdrop/<version>` User-Agent, connection pools
sized to the transfer concurrency, large socket send blocks, and retries only where a retry is safe (idempotent
methods, before any body byte was used). Every failure leaves this module as a typed `AssetdropError` carrying the
server's own message; secrets never appear in those messages.

TLS: verification is always on (there is no switch to turn it off). Trust comes from the operating system's store
through `truststore` when it is installed (so a certificate authority the user's organisation added to the system
is honoured), plus certifi's bundle; a profile may add its own CA bundle (`ca_bundle`, a PEM file or a hashed
directory), which adds to that trust instead of replacing it, since the same client also talks to public storage.
"""

from __future__ import annotations

import logging
import os
import ssl
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from .. import __version__
from . import errors
from .redact import redact_text, redact_url
from .responses import MAX_JSON_BYTES, error_from_response, read_limited

log = logging.getLogger(__name__)

USER_AGENT = f"Assetdrop/{__version__}"
DEFAULT_TIMEOUT = (10.0, 60.0)  # (connect, read) seconds
SEND_BLOCK = 1024 * 1024  # http.client sends request bodies in blocks of this size (default is 8 KiB)
MAX_REDIRECTS = 5


class _Adapter(HTTPAdapter):
    """HTTPAdapter whose connections send in large blocks (8 KiB blocks cap loopback uploads at a fraction of the link)
    and verify TLS with the client's own SSL context."""

    def __init__(self, *args, ssl_context: ssl.SSLContext | None = None, **kwargs):
        self._ssl_context = ssl_context
        super().__init__(*args, **kwargs)

    def init_poolmanager(self, *args, **kwargs):
        kwargs["blocksize"] = SEND_BLOCK
        if self._ssl_context is not None:
            kwargs["ssl_context"] = self._ssl_context
        super().init_poolmanager(*args, **kwargs)


def system_trust_available() -> bool:
    """Whether the OS trust store is used (the optional `truststore` package is importable)."""
    try:
        import truststore  # noqa: F401
    except ImportError:
        return False
    return True


def make_ssl_context(ca_bundle: str | None = None) -> ssl.SSLContext:
    """A client context that always verifies certificate and host name.

    The OS trust store (truststore) when available, else OpenSSL's defaults; requests adds certifi's bundle on top;
    `ca_bundle` (a profile's own CA file or directory) adds to that trust. A bundle that cannot be read is a
    ConfigError in words, never a silent fallback.
    """
    try:
        import truststore

        context = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    except ImportError:
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
            raise errors.ConfigError(f"The profile's CA bundle {path} does not exist. Fix the path in Profiles "
                                     f"or clear it.", title="Certificate settings") from None
        except (OSError, ssl.SSLError, ValueError) as exc:
            raise errors.ConfigError(f"The profile's CA bundle {path} could not be read as PEM certificates "
                                     f"({type(exc).__name__}: {getattr(exc, 'reason', None) or exc}).",
                                     title="Certificate settings") from None
    context.verify_mode = ssl.CERT_REQUIRED
    context.check_hostname = True
    return context


def _safe_retry() -> Retry:
    # Connection-level blips only (refused, reset before an answer), idempotent methods only (urllib3's default
    # list excludes POST), a short hidden backoff. HTTP statuses (429, 5xx) are not retried here: the transfer
    # layer retries them visibly ("retrying in 8 s"), honouring Retry-After, and a person can cancel the wait.
    return Retry(total=2, connect=2, read=1, status=0, backoff_factor=0.25, status_forcelist=(),
                 respect_retry_after_header=False, raise_on_status=False, raise_on_redirect=False, redirect=0)


def origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    return parts.scheme.lower(), (parts.hostname or "").lower(), port


@dataclass
class Credential:
    """Headers that authenticate to exactly one origin. They are never sent anywhere else."""

    origin_url: str
    headers: dict[str, str] = field(default_factory=dict, repr=False)

    def applies_to(self, url: str) -> bool:
        return origin(url) == origin(self.origin_url)


class HttpClient:
    def __init__(self, *, timeout: tuple[float, float] = DEFAULT_TIMEOUT, pool_size: int = 8,
                 ca_bundle: str | None = None):
        self.timeout = timeout
        self.session = requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        self.session.trust_env = False  # no netrc credentials or env proxies injected behind our back
        self.session.verify = True  # always; the profile's CA bundle is in the SSL context, added to the trust
        self.ca_bundle = ca_bundle
        adapter = _Adapter(pool_connections=4, pool_maxsize=max(pool_size, 4), max_retries=_safe_retry(),
                           ssl_context=make_ssl_context(ca_bundle))
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)

    def close(self) -> None:
        self.session.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def request(self, method: str, url: str, *, credential: Credential | None = None, headers=None,
                stream: bool = False, timeout=None, source: str = "api", max_body: int = MAX_JSON_BYTES,
                **kwargs) -> requests.Response:
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
            try:
                response = self.session.request(method, url, headers=send_headers, stream=True, timeout=timeout,
                                                allow_redirects=False, **kwargs)
            except requests.RequestException as exc:
                raise map_exception(exc, url) from exc
            if response.is_redirect and "location" in response.headers:
                target = urljoin(url, response.headers["location"])
                response.close()
                if urlsplit(url).scheme == "https" and urlsplit(target).scheme != "https":
                    raise errors.ProtocolError(f"Refused a redirect from https to an insecure address "
                                               f"({redact_url(target)}).")
                log.debug("redirect %s -> %s", redact_url(url), redact_url(target))
                url = target
                if response.status_code in (301, 302, 303) and method not in ("GET", "HEAD"):
                    method = "GET"
                    kwargs.pop("data", None)
                    kwargs.pop("json", None)
                continue
            if response.status_code >= 400 or response.status_code < 200:
                try:
                    raise error_from_response(response, source=source)
                finally:
                    response.close()
            if not stream:
                try:
                    body = read_limited(response, max_body)
                except BaseException:
                    response.close()
                    raise
                response._content, response._content_consumed = body, True  # what requests' own preload sets
                response.close()  # body fully read: the connection goes back to the pool
            return response
        raise errors.ProtocolError(f"Too many redirects starting at {redact_url(url)}.")


def map_exception(exc: requests.RequestException, url: str) -> errors.AssetdropError:
    """Turn a requests/urllib3 exception into words a person understands, without the URL's secrets."""
    scheme, host, port = origin(url)
    where = f"{host}:{port}" if port else host
    if isinstance(exc, requests.exceptions.SSLError):
        return errors.NetworkError(f"The secure connection to {where} failed: {tls_problem(_reason(exc), host)}",
                                   title="Certificate problem")
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return errors.RequestTimeout(f"Connecting to {where} timed out. Check your network connection.")
    if isinstance(exc, requests.exceptions.ReadTimeout):
        return errors.RequestTimeout(f"{where} stopped sending data (read timed out).")
    if isinstance(exc, (requests.exceptions.ChunkedEncodingError, requests.exceptions.ContentDecodingError)):
        return errors.ProtocolError(f"The connection to {where} broke before the whole answer arrived.")
    if isinstance(exc, requests.exceptions.ConnectionError):
        text = _reason(exc).lower()
        if "refused" in text:
            return errors.NetworkError(f"Could not connect to {where}: connection refused. Is the server running?")
        if "name or service not known" in text or "nodename nor servname" in text or "getaddrinfo" in text:
            return errors.NetworkError(f"Could not find the server {host}. Check the address and your network.")
        if "reset" in text or "aborted" in text or "broken pipe" in text:
            return errors.NetworkError(f"The connection to {where} was reset.")
        return errors.NetworkError(f"Could not talk to {where} ({_reason(exc)}).")
    if isinstance(exc, (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
                        requests.exceptions.InvalidSchema)):
        return errors.ConfigError(f"Not a usable address: {redact_url(url)}")
    return errors.NetworkError(f"Request to {where} failed ({type(exc).__name__}).")


_TLS_ADVICE = ("If this server uses your organisation's own certificate authority, add its CA bundle (PEM) to "
               "the profile.")


def tls_problem(reason: str, host: str) -> str:
    """What a TLS failure means, in words, with what the user can do; OpenSSL's own text in brackets."""
    text = reason.lower()
    if "expired" in text:
        words = (f"the certificate of {host} has expired (or this computer's clock is wrong). The server's "
                 f"administrator must renew it.")
    elif "not yet valid" in text:
        words = f"the certificate of {host} is not valid yet. Check this computer's date and time."
    elif "hostname mismatch" in text or "doesn't match" in text or "ip address mismatch" in text:
        words = (f"the certificate does not belong to {host} (it was issued for another name). Check the address "
                 f"in the profile; someone may be intercepting the connection.")
    elif "self-signed" in text or "self signed" in text:
        words = f"the certificate of {host} is self-signed, so it cannot be trusted. {_TLS_ADVICE}"
    elif "unable to get local issuer" in text or "unknown ca" in text or "unable to get issuer" in text:
        words = f"the certificate of {host} was issued by an authority this computer does not trust. {_TLS_ADVICE}"
    elif "revoked" in text:
        words = f"the certificate of {host} has been revoked."
    elif "wrong version number" in text or "record layer failure" in text or "packet length too long" in text:
        words = (f"{host} does not speak TLS on this port. Check whether the address should start with http:// "
                 f"or use another port.")
    elif "certificate verify failed" in text or "verify" in text:
        words = f"the certificate of {host} could not be verified. {_TLS_ADVICE}"
    else:
        words = "the TLS handshake failed (the server and Assetdrop could not agree on a secure connection)."
    return f"{words} ({reason})" if reason else words


def _reason(exc: BaseException) -> str:
    """The underlying cause's text (requests wraps urllib3's error, whose `reason` holds the cause), redacted."""
    inner = exc.args[0] if exc.args else exc
    inner = getattr(inner, "reason", inner)
    return redact_text(str(inner))[:200]
