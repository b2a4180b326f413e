"""Query-signed object uploads to `/<bucket>/<key>`: the presigned PUT (raw body) or POST (a `file` form part)
that memories.ai hands out.

The signature is checked before any byte is stored; the body streams from the socket to a temporary upload that is
committed only when it arrived whole, and is discarded otherwise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .body import finish_body_then_error, read_fields, upload_length
from .errors import S3Error, invalid_argument, malformed_post
from .multipart import BodyTruncated, MultipartError, MultipartReader, boundary_from_content_type
from .objects import DEFAULT_CONTENT_TYPE
from .replies import send_error, send_simple
from .sigv4 import verify_query_auth

if TYPE_CHECKING:
    from .handler import StorageHandler
    from .server import StorageService


def is_signed_object_upload(h: StorageHandler) -> bool:
    """A SigV4 query-signed PUT/POST to `/<bucket>/<key>`: the signed-URL upload memories.ai hands out."""
    bucket, _, key = h.raw_path.lstrip("/").partition("/")
    return bool(key) and any(name == "X-Amz-Signature" for name, _ in h.query)


def handle(h: StorageHandler, svc: StorageService) -> None:
    length = upload_length(h)
    if length is None:
        return
    upload = None
    reader = None
    try:
        bucket, key = h.bucket_and_key(svc)
        verify_query_auth(h.command, h.raw_path, h.query, h.headers, svc._secret_for, svc.region, svc._now())
        content_type = h.headers.get("Content-Type") or DEFAULT_CONTENT_TYPE
        upload = svc._store.new_upload()
        if h.command == "PUT":
            remaining = length
            while remaining:
                chunk = h.rfile.read(min(remaining, 1 << 20))
                if not chunk:
                    raise BodyTruncated("short body")
                upload.write(chunk)
                remaining -= len(chunk)
        else:
            boundary = boundary_from_content_type(content_type)
            if boundary is None:
                raise malformed_post()
            reader = MultipartReader(h.rfile.read, boundary, length)
            fields, part = read_fields(reader)
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
            finish_body_then_error(h, reader, err)
        else:
            send_error(h, err, close=True)
        return
    except (BodyTruncated, MultipartError):
        if upload is not None:
            upload.discard()
        send_error(h, S3Error(400, "IncompleteBody", "The request body is incomplete or malformed."), close=True)
        return
    except BaseException:
        if upload is not None:
            upload.discard()
        raise
    send_simple(h, 200, {"ETag": info.etag})
