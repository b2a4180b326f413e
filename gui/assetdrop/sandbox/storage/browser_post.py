"""Browser POST uploads to `/<bucket>`: a multipart form whose policy (SigV4 or V2) says what may be stored.

The fields before `file` are read (capped), the policy is checked before any file byte is stored, and the file
streams from the socket to a temporary upload that is committed only when the whole body arrived within the
policy's size range; on any failure it is discarded and the body drained (or the connection closed).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import post_policy
from .body import DRAIN_LIMIT, finish_body_then_error, read_fields, upload_length
from .errors import S3Error, access_denied, invalid_argument, malformed_post, missing_post_field
from .multipart import BodyTruncated, MultipartError, MultipartReader, boundary_from_content_type
from .objects import DEFAULT_CONTENT_TYPE
from .post_reply import send_post_success
from .replies import send_error

if TYPE_CHECKING:
    from .handler import StorageHandler
    from .server import StorageService

MAX_KEY_BYTES = 1024
STORED_FIELDS = ("cache-control", "content-disposition", "content-encoding", "content-language", "expires")


def handle(h: StorageHandler, svc: StorageService) -> None:
    length = upload_length(h)
    if length is None:
        return
    reader = MultipartReader(h.rfile.read, b"", length)
    upload = None
    try:
        bucket, key = h.bucket_and_key(svc)
        if key or not bucket or h.raw_query:
            raise S3Error(
                405,
                "MethodNotAllowed",
                "The specified method is not allowed against this resource.",
                Method="POST",
                ResourceType="OBJECT" if key else "BUCKET",
            )
        boundary = boundary_from_content_type(h.headers.get("Content-Type", ""))
        if boundary is None:
            raise S3Error(
                412,
                "PreconditionFailed",
                "At least one of the pre-conditions you specified did not hold",
                Condition="Bucket POST must be of the enclosure-type multipart/form-data",
            )
        reader = MultipartReader(h.rfile.read, boundary, length)
        fields, file_part = read_fields(reader)
        key_template = fields.get("key")
        if key_template is None:
            raise missing_post_field("key")
        if file_part is None:
            raise invalid_argument("POST requires exactly one file upload per request.", "file", "0")
        size_range = _authorize(svc, fields, bucket)
        filename = file_part.filename or ""
        key = key_template.replace("${filename}", filename)
        if not key:
            raise invalid_argument("User key must have a length greater than 0.", "key", key_template)
        if len(key.encode("utf-8")) > MAX_KEY_BYTES:
            raise S3Error(
                400,
                "KeyTooLongError",
                "Your key is too long",
                Size=len(key.encode("utf-8")),
                MaxSizeAllowed=MAX_KEY_BYTES,
            )
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
        headers = {
            n.title() if not n.startswith("x-amz-meta-") else n: v
            for n, v in fields.items()
            if n in STORED_FIELDS or n.startswith("x-amz-meta-")
        }
        info = upload.commit(key, fields.get("content-type") or DEFAULT_CONTENT_TYPE, headers)
        upload = None
    except S3Error as err:
        if upload is not None:
            upload.discard()
        finish_body_then_error(h, reader, err)
        return
    except BodyTruncated:
        if upload is not None:
            upload.discard()
        send_error(
            h,
            S3Error(
                400,
                "IncompleteBody",
                "You did not provide the number of bytes specified by the Content-Length HTTP header",
            ),
            close=True,
        )
        return
    except MultipartError:
        if upload is not None:
            upload.discard()
        finish_body_then_error(h, reader, malformed_post())
        return
    except BaseException:
        if upload is not None:
            upload.discard()
        raise
    send_post_success(h, bucket, info, fields)


def _authorize(svc: StorageService, fields: dict[str, str], bucket: str):
    """Check the policy's signature (V2 or SigV4), expiry and conditions; returns its content-length-range."""
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
