"""S3's XML error responses.

Every failure the storage service reports is an `S3Error` carrying the HTTP status, S3's error `Code`, its `Message`
and any extra elements S3 adds (e.g. `ProposedSize`), so the handler can render the exact body S3 would send and the
client's error handling is exercised against the real shape.
"""

from __future__ import annotations

from xml.sax.saxutils import escape


class S3Error(Exception):
    """An S3 error: status code, `Code`, `Message` and extra XML elements in order."""

    def __init__(self, status: int, code: str, message: str, **extra: object):
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.extra = extra

    def to_xml(self, request_id: str, host_id: str = "") -> bytes:
        parts = [f"<Code>{escape(self.code)}</Code>", f"<Message>{escape(self.message)}</Message>"]
        for name, value in self.extra.items():
            if value is None:
                continue
            parts.append(f"<{name}>{escape(str(value))}</{name}>")
        parts.append(f"<RequestId>{escape(request_id)}</RequestId>")
        if host_id:
            parts.append(f"<HostId>{escape(host_id)}</HostId>")
        return ('<?xml version="1.0" encoding="UTF-8"?>\n<Error>' + "".join(parts) + "</Error>").encode("utf-8")


def access_denied(message: str = "Access Denied", **extra: object) -> S3Error:
    return S3Error(403, "AccessDenied", message, **extra)


def signature_mismatch(**extra: object) -> S3Error:
    return S3Error(
        403,
        "SignatureDoesNotMatch",
        "The request signature we calculated does not match the signature you provided. "
        "Check your key and signing method.",
        **extra,
    )


def invalid_access_key(access_key: str) -> S3Error:
    return S3Error(
        403,
        "InvalidAccessKeyId",
        "The AWS Access Key Id you provided does not exist in our records.",
        AWSAccessKeyId=access_key,
    )


def invalid_argument(message: str, name: str, value: str = "") -> S3Error:
    return S3Error(400, "InvalidArgument", message, ArgumentName=name, ArgumentValue=value)


def missing_post_field(name: str) -> S3Error:
    return invalid_argument(
        f"Bucket POST must contain a field named '{name}'.  If it is specified, please check the order of the fields.",
        name,
    )


def malformed_post() -> S3Error:
    return S3Error(400, "MalformedPOSTRequest", "The body of your POST request is not well-formed multipart/form-data.")


def auth_query_error(message: str) -> S3Error:
    return S3Error(400, "AuthorizationQueryParametersError", message)
