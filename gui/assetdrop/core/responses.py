"""Read what servers answer, defensively: JSON with a size limit, S3 XML errors, HTML error pages, plain text.

An API may answer HTML where JSON was expected (a proxy's error page, a wrong base URL), a JSON error with status
200, or a truncated body. Each becomes a typed error with a sentence a person can act on.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit
from xml.etree import ElementTree

import requests

from . import errors
from .redact import redact_text

MAX_JSON_BYTES = 16 * 1024 * 1024
MAX_ERROR_BYTES = 64 * 1024
_EXPIRED_S3 = ("request has expired", "policy expired")
_PLAIN_MD5_ETAG = re.compile(r'^"?([0-9a-fA-F]{32})"?$')


def md5_from_etag(etag: str | None) -> str | None:
    """The MD5 an S3 ETag states for a single-part object (lower-case hex), or None for multipart/other ETags."""
    match = _PLAIN_MD5_ETAG.match(etag or "")
    return match.group(1).lower() if match else None


def read_limited(response: requests.Response, limit: int) -> bytes:
    """The body, refusing anything over `limit` bytes (checked while reading, not after)."""
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise errors.ProtocolError(f"The server's answer is too large ({int(declared):,} bytes; limit {limit:,}).")
    chunks, total = [], 0
    try:
        for chunk in response.iter_content(64 * 1024):
            total += len(chunk)
            if total > limit:
                raise errors.ProtocolError(f"The server's answer is too large (over {limit:,} bytes).")
            chunks.append(chunk)
    except requests.RequestException as exc:
        raise errors.ProtocolError(f"The connection to {_host(response)} broke before the whole answer arrived.") \
            from exc
    body = b"".join(chunks)
    if declared and declared.isdigit() and len(body) != int(declared) and not response.headers.get(
            "content-encoding"):
        raise errors.ProtocolError(f"The answer from {_host(response)} was cut short "
                                   f"({len(body):,} of {int(declared):,} bytes).")
    return body


def _host(response: requests.Response) -> str:
    parts = urlsplit(response.url or "")
    return parts.netloc.rsplit("@", 1)[-1] or "the server"


def _looks_html(content_type: str, body: bytes) -> bool:
    head = body[:512].lstrip().lower()
    return "html" in content_type or head.startswith((b"<!doctype html", b"<html"))


def read_json(response: requests.Response, *, limit: int = MAX_JSON_BYTES):
    """Parse a JSON answer, or raise ProtocolError saying what came instead."""
    content_type = response.headers.get("content-type", "").lower()
    body = read_limited(response, limit)
    if _looks_html(content_type, body):
        raise errors.ProtocolError(
            f"{_host(response)} sent a web page where data was expected (HTTP {response.status_code}). "
            f"Check the API address in the profile.")
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        snippet = redact_text(body[:80].decode("utf-8", "replace").strip())
        raise errors.ProtocolError(f"{_host(response)} sent something that is not valid JSON "
                                   f"(HTTP {response.status_code}): {snippet!r}") from None


def json_error_fields(payload) -> tuple[str | None, str | None]:
    """(code, message) from the error shapes our providers use, or (None, None)."""
    if not isinstance(payload, dict):
        return None, None
    inner = payload.get("error")
    if isinstance(inner, dict):
        code = inner.get("code") or inner.get("error_code")
        message = inner.get("message") or inner.get("error_message") or inner.get("msg")
        return _str(code), _str(message)
    code = payload.get("code") or payload.get("error_code")
    message = (payload.get("message") or payload.get("error_message") or payload.get("msg")
               or payload.get("detail") or (inner if isinstance(inner, str) else None))
    return _str(code), _str(message)


def _str(value) -> str | None:
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
    kwargs = dict(status=status, code=code, retry_after=retry_after)

    if source == "storage":
        if status in (400, 403) and any(words in (message or "").lower() for words in _EXPIRED_S3):
            return errors.LinkExpired(f"The signed link has expired: {detail}. Request a new link.", **kwargs)
        if status == 404:
            return errors.NotFoundError(f"The file is not in storage: {detail}", **kwargs)
        if status >= 500:
            return errors.ServerError(f"Storage server error: {detail}", **kwargs)
        if status == 429 or code == "SlowDown":
            return errors.RateLimited(f"Storage asks to slow down: {detail}", **kwargs)
        return errors.StorageError(f"Storage refused the transfer: {detail}", **kwargs)
    if status in (401, 403):
        return errors.AuthError(f"The server rejected the API key: {detail}. Check the key in the profile.",
                                **kwargs)
    if status == 404:
        return errors.NotFoundError(f"{detail}", **kwargs)
    if status == 409:
        return errors.ConflictError(detail, **kwargs)
    if status == 429:
        return errors.RateLimited(f"The server is limiting requests: {detail}", **kwargs)
    if status >= 500:
        return errors.ServerError(f"The server had a problem: {detail}", **kwargs)
    return errors.ClientRequestError(detail, **kwargs)


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        from email.utils import parsedate_to_datetime
        from datetime import datetime, timezone
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())
