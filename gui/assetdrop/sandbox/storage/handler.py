"""The storage's HTTP handler: parses the request target, logs the request, and routes it to one of three paths.

A query-signed PUT/POST to an object is a signed upload (signed_upload.py), any other POST a browser upload to the
bucket (browser_post.py), GET/HEAD of an object a download (download.py); everything else gets S3's XML error.
An unexpected exception still answers 500 InternalError and closes the connection, so no client is left hanging.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING
from urllib.parse import unquote

from ..httpserver import QuietHandler
from . import browser_post, signed_upload
from .body import drop_small_body
from .download import send_object
from .errors import S3Error, access_denied
from .replies import send_error, send_simple
from .request_log import RequestRecord
from .sigv4 import parse_query, verify_header_auth, verify_query_auth

if TYPE_CHECKING:
    from .server import StorageService


class StorageHandler(QuietHandler):
    """One HTTP connection; `self.server.owner` is the StorageService."""

    def version_string(self) -> str:
        return "AmazonS3"

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

    def bucket_and_key(self, svc: StorageService) -> tuple[str, str]:
        """The decoded (bucket, key) of the target; 404 NoSuchBucket for any bucket but the service's."""
        bucket, _, key = self.raw_path.lstrip("/").partition("/")
        bucket = unquote(bucket)
        if bucket and bucket != svc.bucket:
            raise S3Error(404, "NoSuchBucket", "The specified bucket does not exist", BucketName=bucket)
        return bucket, unquote(key)

    def _dispatch(self) -> None:
        svc = self._begin()
        try:
            if self.command in ("PUT", "POST") and signed_upload.is_signed_object_upload(self):
                signed_upload.handle(self, svc)
                return
            if self.command == "POST":
                browser_post.handle(self, svc)
                return
            keep = drop_small_body(self)
            try:
                self._read(svc)
            except S3Error as err:
                send_error(self, err, close=not keep)
            else:
                if not keep:
                    self.close_connection = True
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        except Exception:  # never leave a client hanging on a half-handled request
            self.close_connection = True
            try:
                send_error(
                    self,
                    S3Error(500, "InternalError", "We encountered an internal error. Please try again."),
                    close=True,
                )
            except OSError:
                pass
            raise

    do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _dispatch

    def _read(self, svc: StorageService) -> None:
        """GET/HEAD: an object download, or HEAD of the bucket; S3's errors for any other method or listing."""
        if self.command not in ("GET", "HEAD"):
            raise S3Error(
                405,
                "MethodNotAllowed",
                "The specified method is not allowed against this resource.",
                Method=self.command,
                ResourceType="OBJECT",
            )
        bucket, key = self.bucket_and_key(svc)
        self._authenticate(svc)
        if not bucket:
            raise S3Error(
                501,
                "NotImplemented",
                "A header you provided implies functionality that is not implemented",
                Header="ListBuckets",
            )
        if not key:
            if self.command == "HEAD":
                send_simple(self, 200)
                return
            raise S3Error(
                501,
                "NotImplemented",
                "A header you provided implies functionality that is not implemented",
                Header="ListObjects",
            )
        send_object(self, svc, key)

    def _authenticate(self, svc: StorageService) -> str:
        """A query-signed (presigned) or header-signed SigV4 request; anything unsigned is denied."""
        names = {k for k, _ in self.query}
        if "X-Amz-Signature" in names or "X-Amz-Credential" in names or "X-Amz-Algorithm" in names:
            return verify_query_auth(
                self.command, self.raw_path, self.query, self.headers, svc._secret_for, svc.region, svc._now()
            )
        if "Authorization" in self.headers:
            return verify_header_auth(
                self.command, self.raw_path, self.query, self.headers, svc._secret_for, svc.region, svc._now()
            )
        raise access_denied()
