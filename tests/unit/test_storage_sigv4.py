"""SigV4 verification against signatures botocore made (and AWS's published example)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, urlencode, urlsplit

import botocore.auth
import botocore.awsrequest
import botocore.config
import botocore.credentials
import botocore.session
import pytest

from assetdrop.sandbox.storage import sigv4
from assetdrop.sandbox.storage.errors import S3Error

AK, SK, REGION, HOST = "AKIAEXAMPLE000000001", "secret/Key+example", "us-east-1", "127.0.0.1:9999"


def client(secret=SK, access=AK, region=REGION):
    return botocore.session.get_session().create_client(
        "s3",
        endpoint_url=f"http://{HOST}",
        region_name=region,
        aws_access_key_id=access,
        aws_secret_access_key=secret,
        config=botocore.config.Config(signature_version="s3v4", s3={"addressing_style": "path"}),
    )


def lookup(access_key):
    return SK if access_key == AK else None


def verify(url, *, now=None, method="GET", headers=None, region=REGION):
    parts = urlsplit(url)
    pairs = sigv4.parse_query(parts.query)
    signed_at = datetime.strptime(dict(pairs)["X-Amz-Date"], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    return sigv4.verify_query_auth(
        method,
        parts.path,
        pairs,
        headers or {"Host": parts.netloc},
        lookup,
        region,
        now or signed_at + timedelta(seconds=1),
    )


def presign(key="folder/file.bin", expires=600, **params):
    return client().generate_presigned_url(
        "get_object", Params={"Bucket": "b", "Key": key, **params}, ExpiresIn=expires
    )


def code_of(fn, *args, **kwargs):
    with pytest.raises(S3Error) as info:
        fn(*args, **kwargs)
    return info.value.status, info.value.code


def test_signing_key_matches_aws_documented_example():
    key = sigv4.signing_key("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215", "us-east-1", "iam")
    assert key.hex() == "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d"


@pytest.mark.parametrize("key", ["plain.bin", "a b/c+d=e&f.txt", "ünïcødé/日本語.png", "tilde~/percent%20x", "x//y"])
def test_botocore_presigned_url_verifies(key):
    assert (
        verify(
            presign(
                key,
                ResponseContentDisposition="attachment; filename*=UTF-8''%E2%82%AC.txt",
                ResponseContentType="text/plain",
            )
        )
        == AK
    )


def test_head_presign_verifies_as_head_only():
    url = client().generate_presigned_url("head_object", Params={"Bucket": "b", "Key": "k"})
    assert verify(url, method="HEAD") == AK
    assert code_of(verify, url, method="GET") == (403, "SignatureDoesNotMatch")


def with_param(url, name, value):
    parts = urlsplit(url)
    pairs = [(k, value if k == name else v) for k, v in parse_qsl(parts.query)]
    return parts._replace(query=urlencode(pairs)).geturl()


def test_expired_url_is_access_denied_after_expiry_only():
    url = presign(expires=60)
    signed_at = datetime.strptime(dict(parse_qsl(urlsplit(url).query))["X-Amz-Date"], "%Y%m%dT%H%M%SZ")
    signed_at = signed_at.replace(tzinfo=UTC)
    assert verify(url, now=signed_at + timedelta(seconds=60)) == AK
    assert code_of(verify, url, now=signed_at + timedelta(seconds=61)) == (403, "AccessDenied")


@pytest.mark.parametrize(
    "name,value",
    [
        ("X-Amz-Expires", "601"),
        ("X-Amz-Signature", "0" * 64),
        ("X-Amz-Date", "20200101T000000Z"),
        ("response-content-type", "x/y"),
    ],
)
def test_tampered_parameters_do_not_match(name, value):
    url = presign(ResponseContentType="text/plain")
    bad = with_param(url, name, value)
    parts = urlsplit(bad)
    pairs = sigv4.parse_query(parts.query)
    now = datetime.now(UTC)
    if name == "X-Amz-Date":  # date moved; the credential scope date no longer matches
        assert code_of(sigv4.verify_query_auth, "GET", parts.path, pairs, {"Host": HOST}, lookup, REGION, now)[0] in (
            400,
            403,
        )
    else:
        assert code_of(verify, bad) == (403, "SignatureDoesNotMatch")


def test_other_path_host_or_secret_do_not_match():
    url = presign("a.bin")
    assert code_of(verify, url.replace("/b/a.bin", "/b/b.bin")) == (403, "SignatureDoesNotMatch")
    assert code_of(verify, url, headers={"Host": "127.0.0.1:1"}) == (403, "SignatureDoesNotMatch")
    wrong = client(secret="wrong").generate_presigned_url("get_object", Params={"Bucket": "b", "Key": "a.bin"})
    assert code_of(verify, wrong) == (403, "SignatureDoesNotMatch")


def test_unknown_access_key_and_wrong_region():
    other = client(access="AKIAUNKNOWN000000000").generate_presigned_url(
        "get_object", Params={"Bucket": "b", "Key": "k"}
    )
    assert code_of(verify, other) == (403, "InvalidAccessKeyId")
    eu = client(region="eu-west-1").generate_presigned_url("get_object", Params={"Bucket": "b", "Key": "k"})
    assert code_of(verify, eu) == (400, "AuthorizationQueryParametersError")


def test_missing_parameter_and_expiry_bounds():
    url = presign()
    parts = urlsplit(url)
    pairs = [(k, v) for k, v in sigv4.parse_query(parts.query) if k != "X-Amz-Expires"]
    assert code_of(
        sigv4.verify_query_auth, "GET", parts.path, pairs, {"Host": HOST}, lookup, REGION, datetime.now(UTC)
    ) == (400, "AuthorizationQueryParametersError")
    assert code_of(verify, with_param(url, "X-Amz-Expires", "604801")) == (400, "AuthorizationQueryParametersError")


def test_unsigned_amz_header_is_refused():
    url = presign()
    assert code_of(verify, url, headers={"Host": HOST, "x-amz-security-token": "t"}) == (403, "AccessDenied")


def test_header_auth_made_by_botocore_verifies():
    creds = botocore.credentials.Credentials(AK, SK)
    request = botocore.awsrequest.AWSRequest(method="GET", url=f"http://{HOST}/b/some%20key.txt?versionId=3")
    botocore.auth.S3SigV4Auth(creds, "s3", REGION).add_auth(request)
    headers = dict(request.headers.items())
    headers["Host"] = HOST
    now = datetime.now(UTC)
    assert (
        sigv4.verify_header_auth("GET", "/b/some%20key.txt", [("versionId", "3")], headers, lookup, REGION, now) == AK
    )
    assert code_of(
        sigv4.verify_header_auth, "GET", "/b/other.txt", [("versionId", "3")], headers, lookup, REGION, now
    ) == (403, "SignatureDoesNotMatch")
