"""Read what servers answer, defensively: JSON with a size limit, S3 XML errors, HTML error pages, plain text.

An API may answer HTML where JSON was expected (a proxy's error page, a wrong base URL), a JSON error with status
200, or a truncated body. Each becomes a typed error with a sentence a person can act on.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit
from xml.etree import ElementTree

import requests
import urllib3.exceptions

from . import errors
from .redact import redact_text
from .sentence import translate

MAX_JSON_BYTES = 16 * 1024 * 1024
MAX_ERROR_BYTES = 64 * 1024
CHUNK = 1024 * 1024
ANSWER_DEADLINE = 120.0  # seconds an API answer's body may take to arrive, in all
MAX_JSON_CONTAINERS = 200_000  # objects and lists in one answer (16 MiB of `{},` would be 5.6 million)
_EXPIRED_S3 = ("request has expired", "policy expired")
_PLAIN_MD5_ETAG = re.compile(r'^"?([0-9a-fA-F]{32})"?$')


def md5_from_etag(etag: str | None) -> str | None:
    """The MD5 an S3 ETag states for a single-part object (lower-case hex), or None for multipart/other ETags."""
    match = _PLAIN_MD5_ETAG.match(etag or "")
    return match.group(1).lower() if match else None


def body_chunks(response: requests.Response, size: int = CHUNK) -> Iterator[bytes]:
    """The body as it arrives: each chunk is what one read of the connection gave, so a caller sees progress (or
    its lack) byte by byte, not once per megabyte. urllib3's errors while reading become requests' (as requests'
    own iter_content does), which core/http.py puts into words. A body already read (core/http.py reads every
    answer that is not streamed) is given as it was read."""
    if getattr(response, "_content_consumed", False):
        if response._content:
            yield response._content
        return
    raw = response.raw
    while True:
        try:
            data = raw.read1(size, decode_content=True)
        except urllib3.exceptions.ReadTimeoutError as exc:
            raise requests.exceptions.ReadTimeout(exc) from exc
        except urllib3.exceptions.SSLError as exc:
            raise requests.exceptions.SSLError(exc) from exc
        except urllib3.exceptions.DecodeError as exc:
            raise requests.exceptions.ContentDecodingError(exc) from exc
        except (urllib3.exceptions.ProtocolError, urllib3.exceptions.IncompleteRead) as exc:
            raise requests.exceptions.ChunkedEncodingError(exc) from exc
        except OSError as exc:  # a reset or a closed socket below urllib3
            raise requests.exceptions.ConnectionError(exc) from exc
        if not data:
            return
        yield data


def read_limited(response: requests.Response, limit: int, *, deadline: float = ANSWER_DEADLINE) -> bytes:
    """The body, refusing anything over `limit` bytes (checked while reading, not after), or one that takes
    longer than `deadline` seconds to arrive (a server dripping its answer a byte at a time)."""
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise errors.ProtocolError(
            translate("responses", "The server's answer is too large ({declared:,} bytes; limit {limit:,}).").format(
                declared=int(declared), limit=limit
            )
        )
    chunks, total = [], 0
    give_up = time.monotonic() + deadline
    try:
        for chunk in body_chunks(response, 64 * 1024):
            total += len(chunk)
            if total > limit:
                raise errors.ProtocolError(
                    translate("responses", "The server's answer is too large (over {limit:,} bytes).").format(
                        limit=limit
                    )
                )
            if time.monotonic() > give_up:
                raise errors.RequestTimeout(
                    translate(
                        "responses", "{host} took more than {deadline:.0f} s to send its answer; it was given up."
                    ).format(host=_host(response), deadline=deadline)
                )
            chunks.append(chunk)
    except requests.RequestException as exc:
        raise errors.ProtocolError(
            translate("responses", "The connection to {host} broke before the whole answer arrived.").format(
                host=_host(response)
            )
        ) from exc
    body = b"".join(chunks)
    if declared and declared.isdigit() and len(body) != int(declared) and not response.headers.get("content-encoding"):
        raise errors.ProtocolError(
            translate("responses", "The answer from {host} was cut short ({received:,} of {declared:,} bytes).").format(
                host=_host(response), received=len(body), declared=int(declared)
            )
        )
    return body


def _host(response: requests.Response) -> str:
    parts = urlsplit(response.url or "")
    return parts.netloc.rsplit("@", 1)[-1] or "the server"


def _looks_html(content_type: str, body: bytes) -> bool:
    head = body[:512].lstrip().lower()
    return "html" in content_type or head.startswith((b"<!doctype html", b"<html"))


def read_json(response: requests.Response, *, limit: int = MAX_JSON_BYTES) -> Any:
    """Parse a JSON answer, or raise ProtocolError saying what came instead."""
    content_type = response.headers.get("content-type", "").lower()
    body = read_limited(response, limit)
    if _looks_html(content_type, body):
        raise errors.ProtocolError(
            translate(
                "responses",
                "{host} sent a web page where data was expected (HTTP {status_code}). Check the API "
                "address in the profile.",
            ).format(host=_host(response), status_code=response.status_code)
        )
    return parse_json(body, _host(response), response.status_code)


def parse_json(body: bytes, host: str, status: int) -> Any:
    """JSON within a budget: a body of a million tiny objects (hundreds of MiB once parsed) or nested deeper
    than Python can follow is refused in words, not paid for."""
    if body.count(b"{") + body.count(b"[") > MAX_JSON_CONTAINERS:
        raise errors.ProtocolError(
            translate(
                "responses",
                "{host} sent an answer with too many parts to read (over {limit:,} objects or lists; HTTP {status}).",
            ).format(host=host, limit=MAX_JSON_CONTAINERS, status=status)
        )
    try:
        return json.loads(body.decode("utf-8"))
    except RecursionError:
        raise errors.ProtocolError(
            translate("responses", "{host} sent an answer nested too deeply to read (HTTP {status}).").format(
                host=host, status=status
            )
        ) from None
    except (UnicodeDecodeError, ValueError):
        snippet = redact_text(body[:80].decode("utf-8", "replace").strip())
        raise errors.ProtocolError(
            translate("responses", "{host} sent something that is not valid JSON (HTTP {status}): {snippet!r}").format(
                host=host, status=status, snippet=snippet
            )
        ) from None


def json_error_fields(payload: Any) -> tuple[str | None, str | None]:
    """(code, message) from the error shapes our providers use, or (None, None)."""
    if not isinstance(payload, dict):
        return None, None
    inner = payload.get("error")
    if isinstance(inner, dict):
        code = inner.get("code") or inner.get("error_code")
        message = inner.get("message") or inner.get("error_message") or inner.get("msg")
        return _str(code), _str(message)
    code = payload.get("code") or payload.get("error_code")
    message = (
        payload.get("message")
        or payload.get("error_message")
        or payload.get("msg")
        or payload.get("detail")
        or (inner if isinstance(inner, str) else None)
    )
    return _str(code), _str(message)


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def s3_error_fields(body: bytes) -> tuple[str | None, str | None]:
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError:
        return None, None
    code, message = root.findtext("Code"), root.findtext("Message")
    if code is None and message is None:  # Xvid's `format=xml` errors: <error><error_code/><error_message/>
        code, message = root.findtext(".//error_code"), root.findtext(".//error_message")
    return code, message


def error_from_response(response: requests.Response, *, source: str = "api") -> errors.AssetdropError:
    """Build the typed error for a non-2xx answer. `source` is "api" or "storage"."""
    status = response.status_code
    content_type = response.headers.get("content-type", "").lower()
    try:
        body = read_limited(response, MAX_ERROR_BYTES)
    except errors.ProtocolError:
        body = b""
    code = message = None
    if "json" in content_type or body[:1] in (b"{", b"["):
        try:
            code, message = json_error_fields(json.loads(body.decode("utf-8")))
        except ValueError:
            pass
    elif "xml" in content_type or body.lstrip().startswith((b"<?xml", b"<Error", b"<error")):
        code, message = s3_error_fields(body)
    if message is None:
        if _looks_html(content_type, body):
            title = re.search(rb"<title>(.*?)</title>", body, re.I | re.S)
            page = f" ({title.group(1).decode('utf-8', 'replace').strip()[:80]})" if title else ""
            message = f"{_host(response)} answered with an error page{page}"
        else:
            text = body.decode("utf-8", "replace").strip()
            message = text[:200] if text and text.isprintable() else (response.reason or "no explanation given")
    # A hostile or careless server may echo the key, a token or a signed URL in its message: never show them.
    message, code = redact_text(message), (redact_text(code)[:80] if code else code)
    detail = f"{message} (HTTP {status}{', ' + code if code else ''})"
    retry_after = _retry_after(response.headers.get("retry-after"))
    kwargs: dict[str, Any] = {"status": status, "code": code, "retry_after": retry_after}

    if source == "storage":
        if status in (400, 403) and any(words in (message or "").lower() for words in _EXPIRED_S3):
            return errors.LinkExpired(
                translate("responses", "The signed link has expired: {detail}. Request a new link.").format(
                    detail=detail
                ),
                **kwargs,
            )
        if status == 404:
            return errors.NotFoundError(
                translate("responses", "The file is not in storage: {detail}").format(detail=detail), **kwargs
            )
        if status >= 500:
            return errors.ServerError(
                translate("responses", "Storage server error: {detail}").format(detail=detail), **kwargs
            )
        if status == 429 or code == "SlowDown":
            return errors.RateLimited(
                translate("responses", "Storage asks to slow down: {detail}").format(detail=detail), **kwargs
            )
        return errors.StorageError(
            translate("responses", "Storage refused the transfer: {detail}").format(detail=detail), **kwargs
        )
    if status == 401:
        return errors.AuthError(
            translate("responses", "The server rejected the API key: {detail}. Check the key in the profile.").format(
                detail=detail
            ),
            **kwargs,
        )
    if status == 403:  # a key the server knows, refused for this account or action (disabled, over a plan's limit)
        return errors.AuthError(
            translate(
                "responses",
                "The server refused this key or account: {detail}. Check the key, and the account's status and plan.",
            ).format(detail=detail),
            title=translate("responses", "Not allowed"),
            **kwargs,
        )
    if status == 404:
        return errors.NotFoundError(f"{detail}", **kwargs)
    if status == 409:
        return errors.ConflictError(detail, **kwargs)
    if status == 429:
        return errors.RateLimited(
            translate("responses", "The server is limiting requests: {detail}").format(detail=detail), **kwargs
        )
    if status >= 500:
        return errors.ServerError(
            translate("responses", "The server had a problem: {detail}").format(detail=detail), **kwargs
        )
    return errors.ClientRequestError(detail, **kwargs)


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        return max(0.0, (when - datetime.now(UTC)).total_seconds())


MAX_URL_DEPTH = 4  # how deep a link may sit in an answer


def is_url(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(("https://", "http://"))


def find_url(payload: Any, keys: tuple[str, ...], depth: int = 0) -> str | None:
    """The link in an answer whose shape a vendor does not document: the payload itself when it is one, a value
    under one of `keys`, else the first http(s) string found, at most MAX_URL_DEPTH objects down."""
    if isinstance(payload, str):
        return payload if is_url(payload) else None
    if not isinstance(payload, dict) or depth > MAX_URL_DEPTH:
        return None
    for key in keys:
        if is_url(payload.get(key)):
            return str(payload[key])
    for value in payload.values():
        found = find_url(value, keys, depth + 1) if isinstance(value, str | dict) else None
        if found:
            return found
    return None
