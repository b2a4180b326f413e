"""AWS Signature Version 4, server side: derive the signing key and check what botocore signed.

Two uses: the browser-POST policy signature (HMAC of the base64 policy) and query-string auth of presigned GET/HEAD
URLs (canonical request over method, path, sorted query, signed headers and UNSIGNED-PAYLOAD). Header auth
(`Authorization: AWS4-HMAC-SHA256 ...`) is verified the same way so plain botocore clients can read objects too.
Canonicalisation decodes what arrived and re-encodes it the AWS way, so it does not depend on how a client escaped.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import quote, unquote

from .errors import S3Error, access_denied, auth_query_error, invalid_access_key, signature_mismatch

ALGORITHM = "AWS4-HMAC-SHA256"
UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD"
MAX_EXPIRES = 7 * 24 * 3600  # S3 refuses presigned URLs valid for more than a week
CLOCK_SKEW = timedelta(minutes=15)
AMZ_DATE_FORMAT = "%Y%m%dT%H%M%SZ"

SecretLookup = Callable[[str], "str | None"]


def signing_key(secret_key: str, date: str, region: str, service: str = "s3") -> bytes:
    """kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")."""
    key = hmac.new(("AWS4" + secret_key).encode("utf-8"), date.encode("utf-8"), hashlib.sha256).digest()
    for part in (region, service, "aws4_request"):
        key = hmac.new(key, part.encode("utf-8"), hashlib.sha256).digest()
    return key


def sign(key: bytes, string_to_sign: str) -> str:
    return hmac.new(key, string_to_sign.encode("utf-8"), hashlib.sha256).hexdigest()


def post_policy_signature(secret_key: str, date: str, region: str, policy_b64: str) -> str:
    """The x-amz-signature of a browser POST: the base64 policy text is the string to sign."""
    return sign(signing_key(secret_key, date, region), policy_b64)


def uri_encode(value: str, safe: str = "") -> str:
    """AWS URI encoding: everything but A-Z a-z 0-9 - _ . ~ (and `safe`) percent-encoded, UTF-8, upper-case hex."""
    return quote(value, safe="-_.~" + safe)


def canonical_uri(raw_path: str) -> str:
    """S3 signs the object path encoded once, slashes kept (no dot-segment normalisation)."""
    return uri_encode(unquote(raw_path), safe="/") or "/"


def parse_query(raw_query: str) -> list[tuple[str, str]]:
    """Split a raw query string into decoded (name, value) pairs, keeping order and duplicates."""
    pairs = []
    for item in raw_query.split("&"):
        if not item:
            continue
        name, _, value = item.partition("=")
        pairs.append((unquote(name), unquote(value)))
    return pairs


def canonical_query(pairs: Iterable[tuple[str, str]], exclude: str = "") -> str:
    encoded = sorted((uri_encode(k), uri_encode(v)) for k, v in pairs if k != exclude)
    return "&".join(f"{k}={v}" for k, v in encoded)


def canonical_headers(headers: Mapping[str, str], signed: list[str]) -> str:
    lower = {k.lower(): v for k, v in headers.items()}
    lines = []
    for name in signed:
        if name not in lower:
            raise signature_mismatch()
        lines.append(f"{name}:{' '.join(str(lower[name]).split())}\n")
    return "".join(lines)


def canonical_request(
    method: str,
    raw_path: str,
    pairs: Iterable[tuple[str, str]],
    headers: Mapping[str, str],
    signed: list[str],
    payload_hash: str,
    exclude_param: str = "",
) -> str:
    return "\n".join(
        [
            method.upper(),
            canonical_uri(raw_path),
            canonical_query(pairs, exclude_param),
            canonical_headers(headers, signed),
            ";".join(signed),
            payload_hash,
        ]
    )


def string_to_sign(amz_date: str, scope: str, canon_request: str) -> str:
    digest = hashlib.sha256(canon_request.encode("utf-8")).hexdigest()
    return "\n".join([ALGORITHM, amz_date, scope, digest])


@dataclass(frozen=True)
class Credential:
    """`AKID/yyyymmdd/region/s3/aws4_request`, the credential scope of a SigV4 signature."""

    access_key: str
    date: str
    region: str
    service: str

    @property
    def scope(self) -> str:
        return f"{self.date}/{self.region}/{self.service}/aws4_request"

    @classmethod
    def parse(cls, value: str, expected_region: str, param: str = "X-Amz-Credential") -> Credential:
        parts = value.split("/")
        if len(parts) != 5 or parts[4] != "aws4_request":
            raise auth_query_error(
                f"Error parsing the {param} parameter; the Credential is mal-formed; "
                'expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".'
            )
        access_key, date, region, service, _ = parts
        if len(date) != 8 or not date.isdigit():
            raise auth_query_error(
                f"Error parsing the {param} parameter; incorrect date format. "
                'This date in the credential must be in the format "yyyyMMdd".'
            )
        if region != expected_region:
            raise S3Error(
                400,
                "AuthorizationQueryParametersError",
                f"Error parsing the {param} parameter; the region '{region}' is wrong; expecting '{expected_region}'",
                Region=expected_region,
            )
        if service != "s3":
            raise auth_query_error(
                f"Error parsing the {param} parameter; incorrect service '{service}'. This endpoint belongs to 's3'."
            )
        return cls(access_key, date, region, service)


def parse_amz_date(value: str, param: str = "X-Amz-Date") -> datetime:
    try:
        return datetime.strptime(value, AMZ_DATE_FORMAT).replace(tzinfo=UTC)
    except (TypeError, ValueError):
        raise auth_query_error(f"{param} must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"") from None


def _check_signature(secrets: SecretLookup, cred: Credential, amz_date: str, canon: str, provided: str) -> None:
    secret = secrets(cred.access_key)
    if secret is None:
        raise invalid_access_key(cred.access_key)
    sts = string_to_sign(amz_date, cred.scope, canon)
    expected = sign(signing_key(secret, cred.date, cred.region, cred.service), sts)
    if not hmac.compare_digest(expected, provided.lower()):
        raise signature_mismatch(
            AWSAccessKeyId=cred.access_key, StringToSign=sts, SignatureProvided=provided, CanonicalRequest=canon
        )


QUERY_PARAMS = (
    "X-Amz-Algorithm",
    "X-Amz-Credential",
    "X-Amz-Signature",
    "X-Amz-Date",
    "X-Amz-SignedHeaders",
    "X-Amz-Expires",
)


def verify_query_auth(
    method: str,
    raw_path: str,
    pairs: list[tuple[str, str]],
    headers: Mapping[str, str],
    secrets: SecretLookup,
    region: str,
    now: datetime,
) -> str:
    """Verify a presigned URL (SigV4 query auth); return the access key or raise the S3Error S3 would send.

    Order as S3/LocalStack: parameter syntax, then signature, then expiry.
    """
    params = dict(pairs)
    if any(p not in params for p in QUERY_PARAMS):
        raise auth_query_error(
            "Query-string authentication version 4 requires the X-Amz-Algorithm, "
            "X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, "
            "and X-Amz-Expires parameters."
        )
    if params["X-Amz-Algorithm"] != ALGORITHM:
        raise auth_query_error('X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"')
    cred = Credential.parse(params["X-Amz-Credential"], region)
    amz_date = params["X-Amz-Date"]
    signed_at = parse_amz_date(amz_date)
    if cred.date != amz_date[:8]:
        raise auth_query_error("Invalid credential date. Date is not the same as X-Amz-Date.")
    try:
        expires = int(params["X-Amz-Expires"])
    except ValueError:
        raise auth_query_error("X-Amz-Expires should be a number") from None
    if expires < 0:
        raise auth_query_error("X-Amz-Expires must be non-negative")
    if expires > MAX_EXPIRES:
        raise auth_query_error("X-Amz-Expires must be less than a week (in seconds) that is 604800")
    signed = params["X-Amz-SignedHeaders"].lower().split(";")
    if "host" not in signed:
        raise auth_query_error("Query-string authentication requires the host header to be signed.")
    unsigned_amz = sorted(k.lower() for k in headers if k.lower().startswith("x-amz-") and k.lower() not in signed)
    if unsigned_amz:
        raise access_denied(
            "There were headers present in the request which were not signed", HeadersNotSigned=", ".join(unsigned_amz)
        )
    canon = canonical_request(
        method, raw_path, pairs, headers, signed, UNSIGNED_PAYLOAD, exclude_param="X-Amz-Signature"
    )
    _check_signature(secrets, cred, amz_date, canon, params["X-Amz-Signature"])
    if now > signed_at + timedelta(seconds=expires):
        raise access_denied(
            "Request has expired",
            **{
                "X-Amz-Expires": expires,
                "Expires": (signed_at + timedelta(seconds=expires)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "ServerTime": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
            },
        )
    if signed_at > now + CLOCK_SKEW:
        raise access_denied("Request is not valid yet")
    return cred.access_key


def verify_header_auth(
    method: str,
    raw_path: str,
    pairs: list[tuple[str, str]],
    headers: Mapping[str, str],
    secrets: SecretLookup,
    region: str,
    now: datetime,
) -> str:
    """Verify `Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...`."""
    lower = {k.lower(): v for k, v in headers.items()}
    auth = lower.get("authorization", "")
    algorithm, _, rest = auth.strip().partition(" ")
    if algorithm != ALGORITHM:
        raise S3Error(
            400,
            "InvalidRequest",
            "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.",
        )
    fields = {}
    for item in rest.split(","):
        name, _, value = item.strip().partition("=")
        fields[name] = value
    if not all(k in fields for k in ("Credential", "SignedHeaders", "Signature")):
        raise S3Error(
            400,
            "AuthorizationHeaderMalformed",
            "The authorization header is malformed; "
            "the authorization header requires three components: "
            "Credential, SignedHeaders, and Signature.",
        )
    try:
        cred = Credential.parse(fields["Credential"], region, param="Authorization")
    except S3Error as err:
        raise S3Error(400, "AuthorizationHeaderMalformed", err.message, Region=region) from None
    amz_date = lower.get("x-amz-date", "")
    try:
        signed_at = parse_amz_date(amz_date)
    except S3Error:
        raise access_denied("AWS authentication requires a valid Date or x-amz-date header") from None
    payload_hash = lower.get("x-amz-content-sha256")
    if not payload_hash:
        raise S3Error(400, "InvalidRequest", "Missing required header for this request: x-amz-content-sha256")
    signed = fields["SignedHeaders"].lower().split(";")
    canon = canonical_request(method, raw_path, pairs, headers, signed, payload_hash)
    _check_signature(secrets, cred, amz_date, canon, fields["Signature"])
    if abs(now - signed_at) > CLOCK_SKEW:
        raise S3Error(
            403,
            "RequestTimeTooSkewed",
            "The difference between the request time and the current time is too large.",
            RequestTime=amz_date,
            ServerTime=now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        )
    return cred.access_key
