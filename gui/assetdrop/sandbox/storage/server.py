"""The S3-compatible storage service: request handler plus `StorageService`, which owns server, store and keys.

Only what the Assetdrop client uses is implemented, the way S3 does it: browser POST uploads with SigV4 policies
(`/<bucket>`), presigned (or header-signed) GET/HEAD of objects with Range and response-* overrides, and S3's XML
errors for everything else. Uploads stream to disk; downloads go out with `socket.sendfile`.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import string
import threading
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path
from urllib.parse import unquote
from xml.sax.saxutils import escape

from ..httpserver import BackgroundServer, QuietHandler
from . import post_policy
from .errors import S3Error, access_denied, invalid_argument, malformed_post, missing_post_field
from .multipart import BodyTruncated, MultipartError, MultipartReader, boundary_from_content_type
from .objects import DEFAULT_CONTENT_TYPE, ObjectInfo, ObjectStore
from .sigv4 import uri_encode, verify_header_auth, verify_query_auth, parse_query

MAX_PRE_FILE_DATA = 1 << 20  # form fields before `file` (S3's own limit is far smaller)
DRAIN_LIMIT = 1 << 30  # after an error, read up to this much of the body to keep the connection; else close
SMALL_BODY = 1 << 20  # bodies of non-POST requests we read and drop to keep a keep-alive connection in sync
MAX_KEY_BYTES = 1024
RECORD_LIMIT = 10_000
STORED_FIELDS = ("cache-control", "content-disposition", "content-encoding", "content-language", "expires")
RESPONSE_OVERRIDES = {
    "response-content-type": "Content-Type", "response-content-disposition": "Content-Disposition",
    "response-content-language": "Content-Language", "response-expires": "Expires",
    "response-cache-control": "Cache-Control", "response-content-encoding": "Content-Encoding",
}


@dataclass(frozen=True)
class RequestRecord:
    method: str
    path: str
    headers: dict[str, str]


def _parse_range(value: str, size: int) -> tuple[int, int] | None | S3Error:
    """Single `bytes=a-b|a-|-n` range -> (first, last); None means ignore the header (S3 serves the whole object)."""
    unit, _, spec = value.strip().partition("=")
    if unit.strip().lower() != "bytes" or "," in spec:
        return None
    first, dash, last = spec.strip().partition("-")
    if not dash:
        return None
    try:
        if first == "":
            n = int(last)
            if n <= 0 or size == 0:
                raise ValueError("unsatisfiable")
            return max(0, size - n), size - 1
        a = int(first)
        b = int(last) if last else size - 1
    except ValueError as exc:
        if str(exc) == "unsatisfiable":
            return S3Error(416, "InvalidRange", "The requested range is not satisfiable",
                           RangeRequested=value, ActualObjectSize=size)
        return None
    if a < 0 or (last and b < a):
        return None
    if a >= size:
        return S3Error(416, "InvalidRange", "The requested range is not satisfiable",
                       RangeRequested=value, ActualObjectSize=size)
    return a, min(b, size - 1)


class StorageHandler(QuietHandler):
    """One HTTP connection; `self.server.owner` is the StorageService."""

    def version_string(self) -> str:
        return "AmazonS3"

    # -- plumbing -------------------------------------------------------------------------------------------------
    def _begin(self) -> StorageService:
        self.request_id = secrets.token_hex(8).upper()
        svc: StorageService = self.server.owner
        svc._record(RequestRecord(self.command, self.path, dict(self.headers.items())))
        raw = self.path
        if raw.startswith(("http://", "https://")):  # absolute-form request target
            raw = "/" + raw.split("/", 3)[3] if raw.count("/") >= 3 else "/"
        self.raw_path, _, self.raw_query = raw.partition("?")
        self.query = parse_query(self.raw_query)
        return svc

    def _common_headers(self) -> None:
        self.send_header("x-amz-request-id", self.request_id)
        self.send_header("x-amz-id-2", base64.b64encode(secrets.token_bytes(24)).decode())

    def _send_error(self, err: S3Error, close: bool = False) -> None:
        body = err.to_xml(self.request_id)
        self.send_response(err.status)
        self._common_headers()
        self.send_header("Content-Type", "application/xml")
        if err.status == 416 and "ActualObjectSize" in err.extra:
            self.send_header("Content-Range", f"bytes */{err.extra['ActualObjectSize']}")
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        if self.command == "HEAD":
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    def _content_length(self) -> int | None:
        value = self.headers.get("Content-Length")
        if value is None:
            return None
        try:
            n = int(value)
        except ValueError:
            return -1
        return n if n >= 0 else -1

    def _drop_small_body(self) -> bool:
        """Read and discard a (small) body on methods that take none; False if the connection must close."""
        if self.headers.get("Transfer-Encoding"):
            return False
        n = self._content_length()
        if n is None or n == 0:
            return True
        if n < 0 or n > SMALL_BODY:
            return False
        return len(self.rfile.read(n)) == n

    def _route(self, svc: "StorageService") -> tuple[str, str]:
        bucket, _, key = self.raw_path.lstrip("/").partition("/")
        bucket = unquote(bucket)
        if bucket and bucket != svc.bucket:
            raise S3Error(404, "NoSuchBucket", "The specified bucket does not exist", BucketName=bucket)
        return bucket, unquote(key)

    def _dispatch(self) -> None:
        svc = self._begin()
        try:
            if self.command in ("PUT", "POST") and self._is_signed_object_upload():
                self._signed_upload(svc)
                return
            if self.command == "POST":
                self._post(svc)
                return
            keep = self._drop_small_body()
            try:
                if self.command not in ("GET", "HEAD"):
                    raise S3Error(405, "MethodNotAllowed", "The specified method is not allowed against this resource.",
                                  Method=self.command, ResourceType="OBJECT")
                bucket, key = self._route(svc)
                self._authenticate(svc)
                if not bucket:
                    raise S3Error(501, "NotImplemented", "A header you provided implies functionality that is "
                                                         "not implemented", Header="ListBuckets")
                if not key:
                    if self.command == "HEAD":
                        self._send_simple(200)
                        return
                    raise S3Error(501, "NotImplemented", "A header you provided implies functionality that is "
                                                         "not implemented", Header="ListObjects")
                self._get(svc, key)
            except S3Error as err:
                self._send_error(err, close=not keep)
            else:
                if not keep:
                    self.close_connection = True
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        except Exception:  # never leave a client hanging on a half-handled request
            self.close_connection = True
            try:
                self._send_error(S3Error(500, "InternalError", "We encountered an internal error. Please try again."),
                                 close=True)
            except OSError:
                pass
            raise

    do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _dispatch

    def _send_simple(self, status: int, headers: dict[str, str] | None = None, body: bytes = b"") -> None:
        self.send_response(status)
        self._common_headers()
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)

    # -- auth -----------------------------------------------------------------------------------------------------
    def _authenticate(self, svc: "StorageService") -> str:
        names = {k for k, _ in self.query}
        if "X-Amz-Signature" in names or "X-Amz-Credential" in names or "X-Amz-Algorithm" in names:
            return verify_query_auth(self.command, self.raw_path, self.query, self.headers, svc._secret_for,
                                     svc.region, svc._now())
        if "Authorization" in self.headers:
            return verify_header_auth(self.command, self.raw_path, self.query, self.headers, svc._secret_for,
                                      svc.region, svc._now())
        raise access_denied()

    # -- GET / HEAD -----------------------------------------------------------------------------------------------
    def _get(self, svc: "StorageService", key: str) -> None:
        found = svc._store.open_with_info(key)
        if found is None:
            raise S3Error(404, "NoSuchKey", "The specified key does not exist.", Key=key)
        info, f = found
        with f:
            headers = {"Content-Type": info.content_type or DEFAULT_CONTENT_TYPE}
            headers.update(info.headers)
            headers.update({"ETag": info.etag, "Last-Modified": format_datetime(info.last_modified, usegmt=True),
                            "Accept-Ranges": "bytes"})
            for param, value in self.query:
                if param.lower() in RESPONSE_OVERRIDES:
                    headers[RESPONSE_OVERRIDES[param.lower()]] = value
            status = self._preconditions(info)
            if status == 304:
                self._send_simple(304, {k: headers[k] for k in ("ETag", "Last-Modified")})
                return
            first, last = 0, info.size - 1
            status = 200
            rng = self.headers.get("Range")
            if rng and self._if_range_ok(info):
                parsed = _parse_range(rng, info.size)
                if isinstance(parsed, S3Error):
                    raise parsed
                if parsed is not None:
                    first, last = parsed
                    status = 206
                    headers["Content-Range"] = f"bytes {first}-{last}/{info.size}"
            length = max(0, last - first + 1)
            self.send_response(status)
            self._common_headers()
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(length))
            self.end_headers()
            if self.command == "GET" and length:
                sent = self.connection.sendfile(f, first, length)
                if sent != length:
                    self.close_connection = True

    def _preconditions(self, info: ObjectInfo) -> int:
        """If-Match / If-Unmodified-Since -> 412; If-None-Match / If-Modified-Since -> 304; else 200."""
        h = self.headers

        def etag_in(value: str) -> bool:
            tags = [t.strip() for t in value.split(",")]
            return "*" in tags or info.etag in tags or info.md5 in tags

        def when(value: str | None) -> datetime | None:
            try:
                return parsedate_to_datetime(value) if value else None
            except (TypeError, ValueError):
                return None

        if h.get("If-Match") is not None and not etag_in(h["If-Match"]):
            raise S3Error(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold",
                          Condition="If-Match")
        since = when(h.get("If-Unmodified-Since"))
        if h.get("If-Match") is None and since and info.last_modified > since:
            raise S3Error(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold",
                          Condition="If-Unmodified-Since")
        if h.get("If-None-Match") is not None:
            return 304 if etag_in(h["If-None-Match"]) else 200
        since = when(h.get("If-Modified-Since"))
        if since and info.last_modified <= since:
            return 304
        return 200

    def _if_range_ok(self, info: ObjectInfo) -> bool:
        value = self.headers.get("If-Range")
        if not value:
            return True
        if value.strip().startswith(('"', "W/")):
            return value.strip() == info.etag
        try:
            return info.last_modified <= parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return False

    # -- POST upload ----------------------------------------------------------------------------------------------
    def _post(self, svc: "StorageService") -> None:
        length = self._content_length()
        if self.headers.get("Transfer-Encoding") or length is None or length < 0:
            self._send_error(S3Error(411, "MissingContentLength", "You must provide the Content-Length HTTP header."),
                             close=True)
            return
        reader = MultipartReader(self.rfile.read, b"", length)
        upload = None
        try:
            bucket, key = self._route(svc)
            if key or not bucket or self.raw_query:
                raise S3Error(405, "MethodNotAllowed", "The specified method is not allowed against this resource.",
                              Method="POST", ResourceType="OBJECT" if key else "BUCKET")
            boundary = boundary_from_content_type(self.headers.get("Content-Type", ""))
            if boundary is None:
                raise S3Error(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold",
                              Condition="Bucket POST must be of the enclosure-type multipart/form-data")
            reader = MultipartReader(self.rfile.read, boundary, length)
            fields, file_part = self._read_fields(reader)
            key_template = fields.get("key")
            if key_template is None:
                raise missing_post_field("key")
            if file_part is None:
                raise invalid_argument("POST requires exactly one file upload per request.", "file", "0")
            size_range = self._authorize_post(svc, fields, bucket)
            filename = file_part.filename or ""
            key = key_template.replace("${filename}", filename)
            if not key:
                raise invalid_argument("User key must have a length greater than 0.", "key", key_template)
            if len(key.encode("utf-8")) > MAX_KEY_BYTES:
                raise S3Error(400, "KeyTooLongError", "Your key is too long", Size=len(key.encode("utf-8")),
                              MaxSizeAllowed=MAX_KEY_BYTES)
            upload = svc._store.new_upload()
            maximum = size_range.maximum if size_range else None
            for chunk in reader.iter_body():
                if maximum is not None and upload.size + len(chunk) > maximum:
                    seen = upload.size + len(chunk)
                    upload.discard()
                    upload = None
                    if reader.unread <= DRAIN_LIMIT:  # count the rest so ProposedSize is exact, keep the connection
                        seen += sum(len(c) for c in reader.iter_body())
                    raise post_policy.entity_too_large(seen, maximum)
                upload.write(chunk)
            if size_range:
                size_range.check(upload.size)
            while reader.next_part() is not None:  # S3 ignores fields after the file, but the body must be whole
                pass
            headers = {n.title() if not n.startswith("x-amz-meta-") else n: v for n, v in fields.items()
                       if n in STORED_FIELDS or n.startswith("x-amz-meta-")}
            info = upload.commit(key, fields.get("content-type") or DEFAULT_CONTENT_TYPE, headers)
            upload = None
        except S3Error as err:
            if upload is not None:
                upload.discard()
            self._finish_body_then_error(reader, err)
            return
        except BodyTruncated:
            if upload is not None:
                upload.discard()
            self._send_error(S3Error(400, "IncompleteBody", "You did not provide the number of bytes specified by "
                                                            "the Content-Length HTTP header"), close=True)
            return
        except MultipartError:
            if upload is not None:
                upload.discard()
            self._finish_body_then_error(reader, malformed_post())
            return
        except BaseException:
            if upload is not None:
                upload.discard()
            raise
        self._post_success(bucket, info, fields)

    # -- presigned object upload (PUT raw body, or POST with a `file` form part) -----------------------------------
    def _is_signed_object_upload(self) -> bool:
        """A SigV4 query-signed PUT/POST to `/<bucket>/<key>`: the signed-URL upload memories.ai hands out."""
        bucket, _, key = self.raw_path.lstrip("/").partition("/")
        return bool(key) and any(name == "X-Amz-Signature" for name, _ in self.query)

    def _signed_upload(self, svc: "StorageService") -> None:
        length = self._content_length()
        if self.headers.get("Transfer-Encoding") or length is None or length < 0:
            self._send_error(S3Error(411, "MissingContentLength", "You must provide the Content-Length HTTP header."),
                             close=True)
            return
        upload = None
        reader = None
        try:
            bucket, key = self._route(svc)
            verify_query_auth(self.command, self.raw_path, self.query, self.headers, svc._secret_for, svc.region,
                              svc._now())
            content_type = self.headers.get("Content-Type") or DEFAULT_CONTENT_TYPE
            upload = svc._store.new_upload()
            if self.command == "PUT":
                remaining = length
                while remaining:
                    chunk = self.rfile.read(min(remaining, 1 << 20))
                    if not chunk:
                        raise BodyTruncated("short body")
                    upload.write(chunk)
                    remaining -= len(chunk)
            else:
                boundary = boundary_from_content_type(content_type)
                if boundary is None:
                    raise malformed_post()
                reader = MultipartReader(self.rfile.read, boundary, length)
                fields, part = self._read_fields(reader)
                if part is None:
                    raise invalid_argument("POST requires exactly one file upload per request.", "file", "0")
                content_type = part.content_type or DEFAULT_CONTENT_TYPE
                for chunk in reader.iter_body():
                    upload.write(chunk)
                while reader.next_part() is not None:
                    pass
            info = upload.commit(key, content_type, {})
            upload = None
        except S3Error as err:
            if upload is not None:
                upload.discard()
            if reader is not None:
                self._finish_body_then_error(reader, err)
            else:
                self._send_error(err, close=True)
            return
        except (BodyTruncated, MultipartError):
            if upload is not None:
                upload.discard()
            self._send_error(S3Error(400, "IncompleteBody", "The request body is incomplete or malformed."),
                             close=True)
            return
        except BaseException:
            if upload is not None:
                upload.discard()
            raise
        self._send_simple(200, {"ETag": info.etag})

    def _finish_body_then_error(self, reader: MultipartReader, err: S3Error) -> None:
        close = reader.unread > DRAIN_LIMIT
        if not close:
            try:
                reader.drain()
            except BodyTruncated:
                close = True
        self._send_error(err, close=close)

    def _read_fields(self, reader: MultipartReader) -> tuple[dict[str, str], object]:
        """Form fields up to the `file` part (lower-cased names, first wins); returns (fields, file part or None)."""
        fields: dict[str, str] = {}
        total = 0
        while True:
            part = reader.next_part()
            if part is None:
                return fields, None
            name = part.name.lower()
            if name == "file":
                return fields, part
            value = reader.read_value(MAX_PRE_FILE_DATA)
            total += len(value)
            if total > MAX_PRE_FILE_DATA:
                raise S3Error(400, "MaxPostPreDataLengthExceeded",
                              "Your POST request fields preceeding the upload file was too large.")
            fields.setdefault(name, value.decode("utf-8", "replace"))

    def _authorize_post(self, svc: "StorageService", fields: dict[str, str], bucket: str):
        if "policy" not in fields:
            if any(n in fields for n in post_policy.SIGV4_FIELDS):
                raise missing_post_field("Policy")
            raise access_denied()  # an anonymous upload; the bucket is private
        if post_policy.is_v2(fields):
            post_policy.verify_signature_v2(fields, svc._secret_for)
        else:
            post_policy.verify_signature(fields, svc._secret_for, svc.region)
        policy = post_policy.decode(fields["policy"])
        post_policy.check_expiration(policy, svc._now())
        return post_policy.check_conditions(policy, fields, bucket)

    def _post_success(self, bucket: str, info: ObjectInfo, fields: dict[str, str]) -> None:
        host = self.headers.get("Host") or f"{self.server.server_address[0]}:{self.server.server_address[1]}"
        location = f"http://{host}/{uri_encode(bucket)}/{uri_encode(info.key, safe='/')}"
        headers = {"ETag": info.etag, "Location": location}
        redirect = fields.get("success_action_redirect") or fields.get("redirect")
        if redirect:
            sep = "&" if "?" in redirect else "?"
            target = (f"{redirect}{sep}bucket={uri_encode(bucket)}&key={uri_encode(info.key)}"
                      f"&etag={uri_encode(info.etag)}")
            self._send_simple(303, {**headers, "Location": target})
            return
        status = fields.get("success_action_status", "204")
        if status == "201":
            body = ('<?xml version="1.0" encoding="UTF-8"?>\n<PostResponse>'
                    f"<Location>{escape(location)}</Location><Bucket>{escape(bucket)}</Bucket>"
                    f"<Key>{escape(info.key)}</Key><ETag>{escape(info.etag)}</ETag></PostResponse>").encode()
            self._send_simple(201, {**headers, "Content-Type": "application/xml"}, body)
        elif status == "200":
            self._send_simple(200, headers)
        else:
            self._send_simple(204, headers)


class StorageService(BackgroundServer):
    """An S3-compatible bucket on loopback, with its own generated credentials, persisted under `root`."""

    def __init__(self, root: Path, *, host: str = "127.0.0.1", port: int = 0, bucket: str = "assetdrop-sandbox",
                 region: str = "us-east-1"):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.bucket = bucket
        self.region = region
        self._store = ObjectStore(self.root)
        self.access_key, self.secret_key = self._load_credentials()
        self._records: deque[RequestRecord] = deque(maxlen=RECORD_LIMIT)
        self._records_lock = threading.Lock()
        self._client = None
        self._client_lock = threading.Lock()
        self._public_endpoint: str | None = None
        super().__init__(StorageHandler, host, port)

    # -- identity -------------------------------------------------------------------------------------------------
    def _load_credentials(self) -> tuple[str, str]:
        path = self.root / "credentials.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return data["access_key"], data["secret_key"]
        except (FileNotFoundError, KeyError, ValueError):
            pass
        alphabet = string.ascii_uppercase + string.digits
        access = "AKIA" + "".join(secrets.choice(alphabet) for _ in range(16))
        secret = base64.b64encode(secrets.token_bytes(30)).decode()
        tmp = path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump({"access_key": access, "secret_key": secret}, f)
        os.replace(tmp, path)
        return access, secret

    def _secret_for(self, access_key: str) -> str | None:
        return self.secret_key if access_key == self.access_key else None

    @staticmethod
    def _now() -> datetime:
        return datetime.now(timezone.utc)

    @property
    def endpoint(self) -> str:
        """The address signed into presigned URLs: this server's, or `public_endpoint` when a proxy fronts it."""
        return self.public_endpoint or self.url

    @property
    def public_endpoint(self) -> str | None:
        return self._public_endpoint

    @public_endpoint.setter
    def public_endpoint(self, value: str | None) -> None:
        with self._client_lock:
            self._public_endpoint = value
            self._client = None  # re-created for the new address

    # -- presigning (botocore, exactly what AWS clients would produce) --------------------------------------------
    @property
    def client(self):
        with self._client_lock:
            if self._client is None:
                import botocore.config
                import botocore.session

                self._client = botocore.session.get_session().create_client(
                    "s3", endpoint_url=self.endpoint, region_name=self.region,
                    aws_access_key_id=self.access_key, aws_secret_access_key=self.secret_key,
                    config=botocore.config.Config(signature_version="s3v4", s3={"addressing_style": "path"}),
                )
            return self._client

    def presign_post(self, key: str, *, expires_in: int, max_size: int, min_size: int = 0) -> dict:
        return self.client.generate_presigned_post(
            Bucket=self.bucket, Key=key, Fields={"key": key},
            Conditions=[{"bucket": self.bucket}, ["eq", "$key", key], ["content-length-range", min_size, max_size]],
            ExpiresIn=expires_in,
        )

    def presign_post_v2(self, key: str, *, expires_in: int, max_size: int, fields: dict[str, str] | None = None,
                        min_size: int = 0) -> dict:
        """A signature-V2 browser POST (`AWSAccessKeyId`, `policy`, `signature`), as Xvid's upload sessions send.

        Every given field is pinned in the policy with `eq`, so the client must send them back unchanged.
        """
        form = {"key": key, **(fields or {})}
        expiration = datetime.now(timezone.utc).timestamp() + expires_in
        conditions = [{"bucket": self.bucket}, *(["eq", f"${name}", value] for name, value in form.items()),
                      ["content-length-range", min_size, max_size]]
        policy = base64.b64encode(json.dumps({
            "expiration": datetime.fromtimestamp(expiration, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
            "conditions": conditions}).encode("utf-8")).decode("ascii")
        form.update({"AWSAccessKeyId": self.access_key, "policy": policy,
                     "signature": post_policy.v2_signature(self.secret_key, policy)})
        return {"url": f"{self.endpoint}/{self.bucket}/", "fields": form}

    def presign_upload(self, key: str, *, expires_in: int, method: str = "PUT") -> str:
        """A query-signed URL that accepts one upload of `key` by `method` (PUT raw body, or POST with `file`)."""
        return self.client.generate_presigned_url("put_object", Params={"Bucket": self.bucket, "Key": key},
                                                  ExpiresIn=expires_in, HttpMethod=method.upper())

    def presign_get(self, key: str, *, expires_in: int, content_disposition: str | None = None,
                    content_type: str | None = None) -> str:
        params = {"Bucket": self.bucket, "Key": key}
        if content_disposition is not None:
            params["ResponseContentDisposition"] = content_disposition
        if content_type is not None:
            params["ResponseContentType"] = content_type
        return self.client.generate_presigned_url("get_object", Params=params, ExpiresIn=expires_in)

    # -- objects --------------------------------------------------------------------------------------------------
    def stat(self, key: str) -> ObjectInfo | None:
        return self._store.stat(key)

    def open(self, key: str):
        return self._store.open(key)

    # -- request log ----------------------------------------------------------------------------------------------
    def _record(self, record: RequestRecord) -> None:
        with self._records_lock:
            self._records.append(record)

    @property
    def received(self) -> list[RequestRecord]:
        with self._records_lock:
            return list(self._records)
