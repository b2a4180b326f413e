"""HTTP plumbing for the API: body framing, auth, routing, JSON errors and zero-copy file streaming.

Every request body is either read in full or the connection is closed, so keep-alive clients never see a
desynchronized stream; every failure, including an unexpected exception, answers with the contract's JSON error.
The API key is compared in constant time and never logged.
"""

from __future__ import annotations

import hmac
import json
import logging
import re
from urllib.parse import parse_qsl, unquote, urlsplit

from ..httpserver import QuietHandler
from . import endpoints
from .download import FileResponse
from .errors import ApiError, invalid

log = logging.getLogger("assetdrop.sandbox.api")

MAX_BODY = 1024 * 1024  # JSON bodies; larger -> 413
DRAIN_LIMIT = 64 * 1024 * 1024  # an oversized body up to this is read and discarded to keep the connection
API_KEY_HEADER = "X-FileSpin-Api-Key"

_ID = r"(?P<asset_id>[^/]+)"
# The documented 403s (get-content-storage-url-get), by the `auth_refusal` switch: (code, message, only on).
REFUSALS = {
    "authentication_failed": ("AUTHENTICATION_FAILED", "authentication failed", None),
    "account_disabled": ("ACCOUNT_DISABLED", "user account is disabled", None),
    "upload_limit": ("UPLOAD_LIMIT_EXCEEDED", "upload limit exceeded (FREE plan)", endpoints.content_storage_url),
}
ROUTES: list[tuple[re.Pattern, dict]] = [
    (re.compile(r"/api/v1/assets/new/content_storage_url"), {"GET": endpoints.content_storage_url}),
    (re.compile(r"/api/v1/assets/new/register_asset"), {"POST": endpoints.register_asset}),
    (re.compile(r"/api/v1/assets/get_link"), {"POST": endpoints.get_links}),
    (re.compile(rf"/api/v1/assets/{_ID}/data"), {"GET": endpoints.asset_data}),
    (re.compile(rf"/api/v1/assets/{_ID}/get_link"), {"GET": endpoints.get_link}),
    (
        re.compile(rf"/api/v1/assets/{_ID}/content/(?P<content_key>[^/]+)/download"),
        {"GET": endpoints.download_content, "HEAD": endpoints.download_content},
    ),
    (re.compile(r"/api/v1/search"), {"POST": endpoints.search}),
    (re.compile(r"/api/v1/search/(?P<search_result_id>[^/]+)/(?P<page>[^/]+)"), {"GET": endpoints.search_page}),
]


class ApiHandler(QuietHandler):
    server_version = "AssetdropSandbox/1.0"
    sys_version = ""

    def do_GET(self) -> None:
        self._dispatch()

    do_POST = do_HEAD = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_GET

    @property
    def api(self):
        return self.server.owner

    # -- request ---------------------------------------------------------------------------------------------

    def _dispatch(self) -> None:
        self._started = False
        mount = self.api.mount_for(urlsplit(self.path).path)
        if mount is not None:
            self._dispatch_mount(mount)
            return
        status = 500
        try:
            body = self._read_body()
            if self.api.invalid_limit.tripped:
                raise ApiError(
                    429,
                    "TOO_MANY_INVALID_REQUESTS",
                    "too many invalid requests (unknown asset IDs or bad keys); this limit does not clear by itself",
                )
            self._authenticate()
            handler, params, query = self._route()
            self._refuse_account(handler)
            if not self.api.rate_limit.allow(handler.__name__):
                raise ApiError(
                    429, "RATE_LIMIT_EXCEEDED", "more than 30 requests a second to this API; it clears within a minute"
                )
            req = endpoints.Request(self.command, params, query, body, self.headers)
            result = handler(self.api, req)
            if isinstance(result, FileResponse):
                status = result.status
                self._send_file(result)
            else:
                status = 200
                self._send_json(200, result)
        except ApiError as exc:
            status = exc.status
            if status == 401 or exc.code == "ASSET_NOT_FOUND":
                self.api.invalid_limit.record()
            self._send_error(exc)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        except Exception:
            log.exception("sandbox API failed on %s %s", self.command, urlsplit(self.path).path[:200])
            self._send_error(ApiError(500, "INTERNAL_ERROR", "the sandbox failed; see its log"))
        log.debug("%s %s -> %s", self.command, urlsplit(self.path).path[:200], status)

    def _dispatch_mount(self, mount) -> None:
        """Another vendor's API (sandbox/mounts.py): same framing and streaming, its own auth and error shapes."""
        from ..mounts import MountRequest

        try:
            try:
                body = self._read_body()
            except ApiError as exc:
                reply = mount.error_reply(exc.status, exc.message)
            else:
                reply = mount.handle(MountRequest(self.command, self.path, body, self.headers))
            if isinstance(reply, FileResponse):
                self._send_file(reply)
            else:
                self._send_raw(reply)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        except Exception:
            log.exception("sandbox mount failed on %s %s", self.command, urlsplit(self.path).path[:200])
            if not self._started:
                try:
                    self._send_raw(mount.error_reply(500, "Internal Error"))
                except OSError:
                    self.close_connection = True
            else:
                self.close_connection = True

    def _send_raw(self, reply) -> None:
        self._started = True
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(reply.body)))
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD" and reply.body:
            self.wfile.write(reply.body)

    def _read_body(self) -> bytes:
        """Read the whole body (Content-Length or chunked) so the connection stays in sync, or close it."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return self._read_chunked()
        raw = self.headers.get("Content-Length")
        if raw is None:
            return b""
        if not re.fullmatch(r"\s*[0-9]{1,18}\s*", raw):
            self.close_connection = True
            raise invalid("Content-Length is not a valid number")
        length = int(raw)
        if length > MAX_BODY:
            if length <= DRAIN_LIMIT:
                self._drain(length)
            else:
                self.close_connection = True
            raise self._too_large()
        body = self.rfile.read(length)
        if len(body) != length:
            self.close_connection = True
            raise invalid("request body shorter than its Content-Length")
        return body

    def _read_chunked(self) -> bytes:
        parts, total = [], 0
        while True:
            line = self.rfile.readline(1024)
            try:
                size = int(line.split(b";")[0].strip(), 16)
            except ValueError:
                self.close_connection = True
                raise invalid("malformed chunked body") from None
            if size == 0:
                while self.rfile.readline(8192).strip():  # trailers
                    pass
                return b"".join(parts)
            total += size
            if total > MAX_BODY:
                self.close_connection = True
                raise self._too_large()
            parts.append(self.rfile.read(size))
            self.rfile.readline(8)  # CRLF after each chunk

    def _drain(self, length: int) -> None:
        while length > 0:
            chunk = self.rfile.read(min(length, 256 * 1024))
            if not chunk:
                self.close_connection = True
                return
            length -= len(chunk)

    @staticmethod
    def _too_large() -> ApiError:
        return ApiError(413, "REQUEST_TOO_LARGE", f"request bodies are limited to {MAX_BODY} bytes")

    def _authenticate(self) -> None:
        """A missing or wrong key is 401, as the vendor documents (its 403s are for a key that is valid)."""
        given = self.headers.get(API_KEY_HEADER)
        if not given:
            raise ApiError(401, "AUTHENTICATION_REQUIRED", f"the {API_KEY_HEADER} header is required")
        expected = self.api.api_key.encode("utf-8")
        if not hmac.compare_digest(given.encode("utf-8", "surrogateescape"), expected):
            raise ApiError(401, "INVALID_API_KEY", "the API key is not valid for this sandbox")

    def _refuse_account(self, handler) -> None:
        refusal = REFUSALS.get(self.api.auth_refusal or "")
        if refusal is not None and refusal[2] in (None, handler):
            raise ApiError(403, refusal[0], refusal[1])

    def _route(self):
        parts = urlsplit(self.path)
        path = parts.path  # matched still-encoded, so an encoded "/" inside an id cannot change the route
        if len(path) > 1 and path.endswith("/"):
            path = path[:-1]
        for pattern, methods in ROUTES:
            match = pattern.fullmatch(path)
            if match:
                handler = methods.get(self.command)
                if handler is None:
                    raise ApiError(
                        405,
                        "METHOD_NOT_ALLOWED",
                        f"{self.command[:16]} is not allowed here",
                        headers={"Allow": ", ".join(methods)},
                    )
                query = {}
                for key, value in parse_qsl(parts.query, keep_blank_values=True, errors="replace"):
                    query.setdefault(key, value)
                params = {k: unquote(v, errors="replace") for k, v in match.groupdict().items()}
                return handler, params, query
        raise ApiError(404, "NOT_FOUND", f"no endpoint at {unquote(path, errors='replace')[:200]!r}")

    # -- response --------------------------------------------------------------------------------------------

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """The stdlib's own protocol errors (bad request line, header too long, unknown method) as JSON too."""
        status, error = {
            414: (414, "REQUEST_TOO_LARGE"),
            431: (431, "REQUEST_TOO_LARGE"),
            501: (405, "METHOD_NOT_ALLOWED"),
        }.get(code, (code, "INVALID_PARAMETER"))
        self.close_connection = True
        self._started = False
        if not getattr(self, "command", None):
            self.command = "GET"  # the request line was unreadable; still answer with a body
        if getattr(self, "request_version", "HTTP/0.9") == "HTTP/0.9":
            self.request_version = "HTTP/1.0"  # otherwise the stdlib would send a bare body without a status line
        self._send_error(ApiError(status, error, message or "malformed request"))

    def _send_json(self, status: int, payload, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        self._started = True
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _send_error(self, exc: ApiError) -> None:
        if self._started:  # headers already out: the only honest signal left is closing the connection
            self.close_connection = True
            return
        try:
            self._send_json(exc.status, exc.body(), exc.headers)
        except OSError:
            self.close_connection = True

    def _send_file(self, plan: FileResponse) -> None:
        """Headers, then the object's bytes straight from the page cache with sendfile(2)."""
        source = self.api.storage.open(plan.key) if self.command != "HEAD" and plan.length else None
        try:
            self._started = True
            self.send_response(plan.status)
            for name, value in plan.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(plan.length))
            self.end_headers()
            if source is not None:
                sent = self.connection.sendfile(source, plan.offset, plan.length)
                if sent != plan.length:  # the object shrank under us; the client must not reuse this stream
                    self.close_connection = True
        finally:
            if source is not None:
                source.close()
