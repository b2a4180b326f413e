"""POST policy checks against policies and signatures botocore generated."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta

import botocore.config
import botocore.session
import pytest

from assetdrop.sandbox.storage import post_policy
from assetdrop.sandbox.storage.errors import S3Error

AK, SK, REGION, BUCKET = "AKIAEXAMPLE000000001", "the-secret", "us-east-1", "bkt"


def presigned(key="k/file.bin", secret=SK, access=AK, conditions=None, fields=None, expires=600):
    client = botocore.session.get_session().create_client(
        "s3",
        endpoint_url="http://127.0.0.1:9",
        region_name=REGION,
        aws_access_key_id=access,
        aws_secret_access_key=secret,
        config=botocore.config.Config(signature_version="s3v4", s3={"addressing_style": "path"}),
    )
    conds = (
        conditions
        if conditions is not None
        else [{"bucket": BUCKET}, ["eq", "$key", key], ["content-length-range", 1, 100]]
    )
    return client.generate_presigned_post(
        Bucket=BUCKET, Key=key, Fields=fields or {"key": key}, Conditions=conds, ExpiresIn=expires
    )["fields"]


def lookup(access_key):
    return SK if access_key == AK else None


def check(fields, now=None):
    fields = post_policy.lower_fields(fields)
    post_policy.verify_signature(fields, lookup, REGION)
    policy = post_policy.decode(fields["policy"])
    post_policy.check_expiration(policy, now or datetime.now(UTC))
    return post_policy.check_conditions(policy, fields, BUCKET)


def code_of(fn, *args):
    with pytest.raises(S3Error) as info:
        fn(*args)
    return info.value.status, info.value.code, info.value.message


def test_botocore_policy_signed_with_the_right_key_is_accepted():
    assert check(presigned()) == post_policy.SizeRange(1, 100)


def test_botocore_policy_signed_with_a_wrong_key_is_rejected():
    assert code_of(check, presigned(secret="other-secret"))[:2] == (403, "SignatureDoesNotMatch")


def test_unknown_access_key():
    assert code_of(check, presigned(access="AKIAUNKNOWN000000000"))[:2] == (403, "InvalidAccessKeyId")


def test_tampered_policy_text_breaks_the_signature():
    fields = presigned()
    doc = json.loads(base64.b64decode(fields["policy"]))
    doc["conditions"][2] = ["content-length-range", 1, 10**12]
    fields["policy"] = base64.b64encode(json.dumps(doc).encode()).decode()
    assert code_of(check, fields)[:2] == (403, "SignatureDoesNotMatch")


def test_expired_policy():
    status, code, message = code_of(check, presigned(expires=-5))
    assert (status, code) == (403, "AccessDenied") and message == "Invalid according to Policy: Policy expired."


def test_eq_condition_failure_names_the_condition():
    fields = presigned()
    fields["key"] = "k/other.bin"
    status, code, message = code_of(check, fields)
    assert (status, code) == (403, "AccessDenied")
    assert message == 'Invalid according to Policy: Policy Condition failed: ["eq", "$key", "k/file.bin"]'


def test_starts_with_and_case_insensitive_field_names():
    conds = [{"bucket": BUCKET}, ["starts-with", "$key", "up/"], ["starts-with", "$Content-Type", "image/"]]
    fields = presigned(
        "up/${filename}", conditions=conds, fields={"key": "up/${filename}", "Content-Type": "image/png"}
    )
    assert check(fields) is None
    assert code_of(check, {**fields, "Content-Type": "text/html"})[1] == "AccessDenied"
    assert code_of(check, {**fields, "key": "down/x"})[1] == "AccessDenied"
    renamed = {("KEY" if k == "key" else k): v for k, v in fields.items()}
    assert check(renamed) is None


def test_bucket_condition():
    fields = post_policy.lower_fields(presigned())
    policy = post_policy.decode(fields["policy"])
    assert code_of(post_policy.check_conditions, policy, fields, "another-bucket")[1] == "AccessDenied"


def test_extra_fields_are_refused_except_exempt_ones():
    fields = presigned()
    assert check({**fields, "x-ignore-me": "1", "X-Amz-Signature": fields["x-amz-signature"]}) is not None
    status, code, message = code_of(check, {**fields, "acl": "public-read"})
    assert (status, code, message) == (403, "AccessDenied", "Invalid according to Policy: Extra input fields: acl")


def test_size_range():
    rng = post_policy.SizeRange(2, 5)
    rng.check(2)
    rng.check(5)
    assert code_of(rng.check, 6)[:2] == (400, "EntityTooLarge")
    assert code_of(rng.check, 1)[:2] == (400, "EntityTooSmall")


@pytest.mark.parametrize(
    "doc,fragment",
    [
        ("not base64 json", "Invalid JSON"),
        (json.dumps({"conditions": []}), "missing expiration"),
        (json.dumps({"expiration": "2030-01-01T00:00:00Z"}), "missing conditions"),
        (json.dumps({"expiration": "soon", "conditions": []}), "expiration"),
    ],
)
def test_invalid_policy_documents(doc, fragment):
    encoded = doc if doc == "not base64 json" else base64.b64encode(doc.encode()).decode()
    status, code, message = code_of(post_policy.decode, encoded)
    assert (status, code) == (400, "InvalidPolicyDocument") and fragment in message


def test_simple_condition_with_two_properties_is_invalid():
    policy = post_policy.Policy(datetime.now(UTC) + timedelta(hours=1), [{"key": "a", "acl": "b"}])
    assert code_of(post_policy.check_conditions, policy, {"key": "a", "acl": "b"}, BUCKET)[1] == "InvalidPolicyDocument"


def test_fractional_expiration_format():
    doc = {"expiration": "2999-12-01T12:00:00.000Z", "conditions": []}
    policy = post_policy.decode(base64.b64encode(json.dumps(doc).encode()).decode())
    assert policy.expiration.year == 2999 and policy.expiration.tzinfo is not None


# -- signature V2 (Xvid's upload sessions) ------------------------------------------------------------------------


def test_v2_signature_is_base64_hmac_sha1_of_the_policy_text():
    import base64 as b64
    import hashlib as hl
    import hmac as hm

    from assetdrop.sandbox.storage import post_policy as pp

    policy = b64.b64encode(b'{"expiration":"2099-01-01T00:00:00Z","conditions":[]}').decode()
    expected = b64.b64encode(hm.new(b"secret", policy.encode(), hl.sha1).digest()).decode()
    assert pp.v2_signature("secret", policy) == expected
    fields = {"awsaccesskeyid": "AK", "policy": policy, "signature": expected}
    assert pp.is_v2(fields)
    assert pp.verify_signature_v2(fields, lambda k: "secret" if k == "AK" else None) == "AK"


def test_v2_wrong_signature_unknown_key_and_missing_signature_are_refused():
    import pytest as pt

    from assetdrop.sandbox.storage import post_policy as pp
    from assetdrop.sandbox.storage.errors import S3Error

    lookup = lambda k: "secret" if k == "AK" else None  # noqa: E731
    for fields, code in [
        ({"awsaccesskeyid": "AK", "policy": "cA==", "signature": "bad"}, "SignatureDoesNotMatch"),
        ({"awsaccesskeyid": "XX", "policy": "cA==", "signature": "x"}, "InvalidAccessKeyId"),
        ({"awsaccesskeyid": "AK", "policy": "cA=="}, "InvalidArgument"),
    ]:
        with pt.raises(S3Error) as info:
            pp.verify_signature_v2(fields, lookup)
        assert info.value.code == code
    assert not pp.is_v2({"awsaccesskeyid": "AK", "x-amz-signature": "s"})
