"""Browser-based POST policies (SigV4, and the older V2): decode the policy, verify its signature, check expiry and
every condition.

V2 (`AWSAccessKeyId`, `signature` = base64 HMAC-SHA1 of the base64 policy) is what Xvid's upload sessions hand out
(docs/providers.md, Xvid upload), so the sandbox verifies it too rather than trusting whatever a client sends.

S3 treats the base64 policy as the string to sign, so the signature is checked over the exact bytes that arrived,
before anything is decoded. Form field names are matched case-insensitively, values exactly, as S3 does; the
content-length-range bounds are returned for the caller to enforce while the file streams in.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from .errors import S3Error, access_denied, invalid_access_key, missing_post_field, signature_mismatch
from .sigv4 import ALGORITHM, Credential, SecretLookup, post_policy_signature

# Fields a policy never needs to mention (S3 docs, "Creating a POST policy").
EXEMPT_FIELDS = frozenset({"x-amz-signature", "file", "policy", "signature", "awsaccesskeyid"})
SIGV4_FIELDS = ("x-amz-algorithm", "x-amz-credential", "x-amz-date", "x-amz-signature")


def invalid_policy(message: str) -> S3Error:
    return S3Error(400, "InvalidPolicyDocument", f"Invalid Policy: {message}")


@dataclass(frozen=True)
class SizeRange:
    """content-length-range bounds, inclusive."""

    minimum: int
    maximum: int

    def check(self, size: int) -> None:
        if size > self.maximum:
            raise entity_too_large(size, self.maximum)
        if size < self.minimum:
            raise S3Error(
                400,
                "EntityTooSmall",
                "Your proposed upload is smaller than the minimum allowed size",
                ProposedSize=size,
                MinSizeAllowed=self.minimum,
            )


def entity_too_large(size: int, maximum: int) -> S3Error:
    return S3Error(
        400,
        "EntityTooLarge",
        "Your proposed upload exceeds the maximum allowed size",
        ProposedSize=size,
        MaxSizeAllowed=maximum,
    )


@dataclass(frozen=True)
class Policy:
    expiration: datetime
    conditions: list


def lower_fields(fields: Mapping[str, str]) -> dict[str, str]:
    """Field names are case-insensitive; the first occurrence of a name wins."""
    out: dict[str, str] = {}
    for name, value in fields.items():
        out.setdefault(name.lower(), value)
    return out


def verify_signature(fields: Mapping[str, str], secrets: SecretLookup, region: str) -> str:
    """Check x-amz-signature over the raw policy text; return the access key."""
    if fields.get("x-amz-algorithm", ALGORITHM) != ALGORITHM:
        raise S3Error(
            400,
            "InvalidArgument",
            "Only AWS4-HMAC-SHA256 is supported for x-amz-algorithm",
            ArgumentName="x-amz-algorithm",
            ArgumentValue=fields["x-amz-algorithm"],
        )
    for name in SIGV4_FIELDS:
        if name not in fields:
            raise missing_post_field("-".join(p.capitalize() for p in name.split("-")))
    cred = Credential.parse(fields["x-amz-credential"], region, param="x-amz-credential")
    secret = secrets(cred.access_key)
    if secret is None:
        raise invalid_access_key(cred.access_key)
    expected = post_policy_signature(secret, cred.date, cred.region, fields["policy"])
    provided = fields["x-amz-signature"]
    if not hmac.compare_digest(expected, provided.lower()):
        raise signature_mismatch(
            AWSAccessKeyId=cred.access_key, StringToSign=fields["policy"], SignatureProvided=provided
        )
    return cred.access_key


def is_v2(fields: Mapping[str, str]) -> bool:
    """A V2 POST carries `AWSAccessKeyId` + `signature` and none of the SigV4 fields."""
    return "awsaccesskeyid" in fields and not any(n in fields for n in SIGV4_FIELDS)


def v2_signature(secret_key: str, policy_b64: str) -> str:
    return base64.b64encode(
        hmac.new(secret_key.encode("utf-8"), policy_b64.encode("utf-8"), hashlib.sha1).digest()
    ).decode("ascii")


def verify_signature_v2(fields: Mapping[str, str], secrets: SecretLookup) -> str:
    """Check a V2 `signature` (base64 HMAC-SHA1 over the raw policy text); return the access key."""
    if "signature" not in fields:
        raise missing_post_field("Signature")
    access_key = fields["awsaccesskeyid"]
    secret = secrets(access_key)
    if secret is None:
        raise invalid_access_key(access_key)
    expected = v2_signature(secret, fields["policy"])
    if not hmac.compare_digest(expected.encode("ascii"), fields["signature"].encode("utf-8", "replace")):
        raise signature_mismatch(
            AWSAccessKeyId=access_key, StringToSign=fields["policy"], SignatureProvided=fields["signature"]
        )
    return access_key


def decode(policy_b64: str) -> Policy:
    try:
        doc = json.loads(base64.b64decode(policy_b64, validate=False).decode("utf-8"))
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise invalid_policy("Invalid JSON.") from None
    if not isinstance(doc, dict):
        raise invalid_policy("Invalid JSON.")
    if "expiration" not in doc:
        raise invalid_policy("Policy missing expiration.")
    if "conditions" not in doc:
        raise invalid_policy("Policy missing conditions.")
    if not isinstance(doc["conditions"], list):
        raise invalid_policy("Invalid Conditions: conditions must be an array.")
    raw = doc["expiration"]
    try:
        expiration = datetime.fromisoformat(str(raw).replace("Z", "+00:00"))
    except ValueError:
        raise invalid_policy(f"Invalid 'expiration' value: '{raw}'") from None
    if expiration.tzinfo is None:
        expiration = expiration.replace(tzinfo=UTC)
    return Policy(expiration, doc["conditions"])


def check_expiration(policy: Policy, now: datetime) -> None:
    if now >= policy.expiration:
        raise access_denied("Invalid according to Policy: Policy expired.")


def _failed(condition: list) -> S3Error:
    return access_denied("Invalid according to Policy: Policy Condition failed: " + json.dumps(condition))


def _field_value(name: str, fields: Mapping[str, str], bucket: str) -> str | None:
    return bucket if name == "bucket" else fields.get(name)


def check_conditions(policy: Policy, fields: Mapping[str, str], bucket: str) -> SizeRange | None:
    """Check every condition against the (lower-cased) form fields; return content-length-range if given.

    Raises AccessDenied naming the first failed condition, or the fields no condition covers.
    """
    covered: set[str] = set()
    size_range: SizeRange | None = None
    for cond in policy.conditions:
        if isinstance(cond, dict):
            if len(cond) != 1:
                raise invalid_policy(
                    "Invalid Simple-Condition: Simple-Conditions must have exactly one property specified."
                )
            ((name, expected),) = cond.items()
            op, name = "eq", name.lower()
            shown = ["eq", "$" + name, expected]
        elif isinstance(cond, list) and len(cond) == 3 and isinstance(cond[0], str):
            op = cond[0].lower()
            if op == "content-length-range":
                try:
                    size_range = SizeRange(int(cond[1]), int(cond[2]))
                except (TypeError, ValueError):
                    raise invalid_policy("Invalid content-length-range: bounds must be integers.") from None
                continue
            if op not in ("eq", "starts-with") or not isinstance(cond[1], str) or not cond[1].startswith("$"):
                raise invalid_policy(f"Invalid Condition: {json.dumps(cond)}")
            name, expected, shown = cond[1][1:].lower(), cond[2], cond
        else:
            raise invalid_policy(f"Invalid Condition: {json.dumps(cond)}")
        if not isinstance(expected, str):
            raise invalid_policy(f"Invalid Condition: {json.dumps(cond)}")
        covered.add(name)
        actual = _field_value(name, fields, bucket)
        if op == "eq":
            ok = actual is not None and actual == expected
        elif name == "content-type" and actual is not None:
            ok = all(part.strip().startswith(expected) for part in actual.split(","))
        else:
            ok = expected == "" or (actual is not None and actual.startswith(expected))
        if not ok:
            raise _failed(shown)
    extra = [n for n in fields if n not in covered and n not in EXEMPT_FIELDS and not n.startswith("x-ignore-")]
    if extra:
        raise access_denied("Invalid according to Policy: Extra input fields: " + ", ".join(extra))
    return size_range
