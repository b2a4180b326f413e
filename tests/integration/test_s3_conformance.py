"""The sandbox storage behaves like S3: the same cases run against it and against LocalStack, same outcomes.

Each case asserts the HTTP status and S3 error Code that S3 itself gives. LocalStack (signature validation on) is the
oracle nobody here wrote; where it is known not to check something S3 checks (the POST signature, fields outside the
policy, anonymous reads; see tests/support/localstack.py) the case runs against ours only and says so.
Plain `requests` is the HTTP client; botocore presigns against each server.
"""

from __future__ import annotations

import hashlib
import time
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import botocore.config
import botocore.session
import pytest
import requests

from assetdrop.sandbox.storage import StorageService
from tests.support.localstack import ACCESS_KEY, REGION, SECRET_KEY

pytestmark = pytest.mark.localstack


@dataclass
class Target:
    name: str
    endpoint: str
    bucket: str
    access_key: str
    secret_key: str

    def client(self, secret_key: str | None = None, access_key: str | None = None):
        return botocore.session.get_session().create_client(
            "s3",
            endpoint_url=self.endpoint,
            region_name=REGION,
            aws_access_key_id=access_key or self.access_key,
            aws_secret_access_key=secret_key or self.secret_key,
            config=botocore.config.Config(signature_version="s3v4", s3={"addressing_style": "path"}),
        )

    def __post_init__(self):
        self.s3 = self.client()

    def presign_post(
        self, key, *, expires_in=600, min_size=0, max_size=1 << 20, conditions=None, fields=None, client=None
    ):
        conds = (
            conditions
            if conditions is not None
            else [{"bucket": self.bucket}, ["eq", "$key", key], ["content-length-range", min_size, max_size]]
        )
        return (client or self.s3).generate_presigned_post(
            Bucket=self.bucket,
            Key=key,
            Fields=fields if fields is not None else {"key": key},
            Conditions=conds,
            ExpiresIn=expires_in,
        )

    def presign_get(self, key, expires_in=600, **extra):
        return self.s3.generate_presigned_url(
            "get_object", Params={"Bucket": self.bucket, "Key": key, **extra}, ExpiresIn=expires_in
        )

    def upload(self, key, data: bytes, **kw) -> requests.Response:
        presigned = self.presign_post(key, **kw)
        return post(presigned, data)


def post(presigned: dict, data: bytes, filename: str = "blob.bin", fields: dict | None = None):
    form = dict(presigned["fields"]) if fields is None else fields
    return requests.post(presigned["url"], data=form, files={"file": (filename, data)}, timeout=30)


def error_code(response: requests.Response) -> str | None:
    if not response.content:
        return None
    return ET.fromstring(response.content).findtext("Code")


def outcome(response: requests.Response) -> tuple[int, str | None]:
    return response.status_code, (error_code(response) if response.status_code >= 300 else None)


def expect(
    server: Target,
    response: requests.Response,
    expected: tuple[int, str | None],
    gap: str = "",
    localstack_answers: tuple[int, str | None] | None = None,
) -> None:
    """Assert S3's outcome. A known LocalStack gap is skipped (saying what it answered) only when LocalStack
    gives exactly the answer the gap declares; any other answer is a failure, as it would be against S3."""
    got = outcome(response)
    if gap and server.name == "localstack" and got == localstack_answers:
        pytest.skip(f"LocalStack answers {got} where S3 answers {expected}: {gap}")
    assert got == expected


@pytest.fixture(scope="module")
def ours(tmp_path_factory):
    with StorageService(tmp_path_factory.mktemp("conformance-storage")) as svc:
        yield Target("sandbox", svc.endpoint, svc.bucket, svc.access_key, svc.secret_key)


@pytest.fixture(scope="module")
def localstack(localstack_endpoint):
    target = Target("localstack", localstack_endpoint, f"conformance-{uuid.uuid4().hex[:12]}", ACCESS_KEY, SECRET_KEY)
    target.s3.create_bucket(Bucket=target.bucket)
    return target


@pytest.fixture(params=["sandbox", "localstack"])
def server(request) -> Target:
    return request.getfixturevalue("ours" if request.param == "sandbox" else "localstack")


def unique(prefix="obj") -> str:
    return f"conformance/{prefix}-{uuid.uuid4().hex[:10]}.bin"


# -- POST -------------------------------------------------------------------------------------------------------


def test_valid_post_stores_the_object_with_an_md5_etag(server):
    key, data = unique(), b"hello conformance" * 100
    r = server.upload(key, data)
    assert r.status_code == 204
    assert r.headers["ETag"] == f'"{hashlib.md5(data).hexdigest()}"'
    got = requests.get(server.presign_get(key), timeout=30)
    assert got.status_code == 200 and got.content == data


def test_post_success_action_status_201_returns_post_response_xml(server):
    key = unique()
    presigned = server.presign_post(
        key,
        conditions=[{"bucket": server.bucket}, ["eq", "$key", key], {"success_action_status": "201"}],
        fields={"key": key, "success_action_status": "201"},
    )
    r = post(presigned, b"abc")
    assert r.status_code == 201
    doc = ET.fromstring(r.content)
    for element in doc.iter():  # LocalStack adds S3's 2006-03-01 namespace, AWS's documented example has none
        element.tag = element.tag.rpartition("}")[2]
    assert doc.tag == "PostResponse" and doc.findtext("Key") == key and doc.findtext("Bucket") == server.bucket
    assert doc.findtext("ETag") == f'"{hashlib.md5(b"abc").hexdigest()}"'


def test_post_expired_policy_is_access_denied(server):
    presigned = server.presign_post(unique(), expires_in=-60)
    r = post(presigned, b"data")
    assert outcome(r) == (403, "AccessDenied")
    assert "Policy expired" in ET.fromstring(r.content).findtext("Message")


def test_post_key_breaking_eq_condition_is_access_denied(server):
    presigned = server.presign_post(unique())
    form = dict(presigned["fields"], key=unique("other"))
    assert outcome(post(presigned, b"data", fields=form)) == (403, "AccessDenied")


def test_post_key_breaking_starts_with_condition_is_access_denied(server):
    prefix = f"conformance/{uuid.uuid4().hex[:8]}/"
    presigned = server.presign_post(
        prefix + "${filename}",
        conditions=[{"bucket": server.bucket}, ["starts-with", "$key", prefix]],
        fields={"key": prefix + "${filename}"},
    )
    form = dict(presigned["fields"], key="elsewhere/${filename}")
    assert outcome(post(presigned, b"data", fields=form)) == (403, "AccessDenied")
    # ...and the same policy accepts a key inside the prefix, with ${filename} substituted.
    assert post(presigned, b"data", filename="photo 1.jpg").status_code == 204
    assert requests.get(server.presign_get(prefix + "photo 1.jpg"), timeout=30).content == b"data"


def test_post_body_over_content_length_range_is_entity_too_large(server):
    key = unique()
    r = post(server.presign_post(key, max_size=10), b"x" * 11)
    assert outcome(r) == (400, "EntityTooLarge")
    assert requests.get(server.presign_get(key), timeout=30).status_code == 404  # nothing became visible


def test_post_body_under_content_length_range_is_entity_too_small(server):
    r = post(server.presign_post(unique(), min_size=5, max_size=10), b"x" * 2)
    assert outcome(r) == (400, "EntityTooSmall")


def test_post_body_at_the_range_bounds_is_accepted(server):
    assert post(server.presign_post(unique(), min_size=3, max_size=5), b"abc").status_code == 204
    assert post(server.presign_post(unique(), min_size=3, max_size=5), b"abcde").status_code == 204


def test_post_without_key_field_is_invalid_argument(server):
    presigned = server.presign_post(unique())
    form = {k: v for k, v in presigned["fields"].items() if k != "key"}
    expect(
        server,
        post(presigned, b"data", fields=form),
        (400, "InvalidArgument"),
        gap="it errors internally instead of reaching its own 'key' check",
        localstack_answers=(500, "InternalError"),
    )


def test_post_altered_signature_is_rejected(server):
    if server.name == "localstack":
        pytest.skip("LocalStack does not verify POST signatures (a to-do in its code; local-s3.md case 5)")
    key = unique()
    presigned = server.presign_post(key)
    sig = presigned["fields"]["x-amz-signature"]
    form = dict(presigned["fields"], **{"x-amz-signature": sig[:-1] + ("0" if sig[-1] != "0" else "1")})
    assert outcome(post(presigned, b"data", fields=form)) == (403, "SignatureDoesNotMatch")
    # Signed by botocore with a wrong secret: rejected; with the right one: accepted.
    wrong = server.presign_post(key, client=server.client(secret_key="not-the-secret"))
    assert outcome(post(wrong, b"data")) == (403, "SignatureDoesNotMatch")
    unknown = server.presign_post(key, client=server.client(access_key="AKIANOTKNOWN0000000", secret_key="x"))
    assert outcome(post(unknown, b"data")) == (403, "InvalidAccessKeyId")
    assert post(presigned, b"data").status_code == 204


def test_post_field_outside_the_policy_is_access_denied(server):
    presigned = server.presign_post(unique())
    form = dict(presigned["fields"], **{"x-amz-meta-sneaky": "1"})
    r = post(presigned, b"data", fields=form)
    gap = "it does not check for fields the policy does not cover (a to-do)"
    expect(server, r, (403, "AccessDenied"), gap=gap, localstack_answers=(204, None))
    assert "Extra input fields: x-amz-meta-sneaky" in ET.fromstring(r.content).findtext("Message")


# -- GET --------------------------------------------------------------------------------------------------------


@pytest.fixture
def stored(server):
    key, data = unique(), bytes(range(256)) * 40
    assert server.upload(key, data).status_code == 204
    return key, data


def test_valid_get_returns_the_object(server, stored):
    key, data = stored
    r = requests.get(server.presign_get(key), timeout=30)
    assert r.status_code == 200 and r.content == data
    assert r.headers["ETag"] == f'"{hashlib.md5(data).hexdigest()}"'
    assert int(r.headers["Content-Length"]) == len(data)


def test_get_response_overrides_set_disposition_and_type(server, stored):
    key, _ = stored
    disposition = "attachment; filename=\"a b.txt\"; filename*=UTF-8''a%20b.txt"
    r = requests.get(
        server.presign_get(
            key, ResponseContentDisposition=disposition, ResponseContentType="text/plain; charset=utf-8"
        ),
        timeout=30,
    )
    assert r.status_code == 200
    assert r.headers["Content-Disposition"] == disposition
    assert r.headers["Content-Type"] == "text/plain; charset=utf-8"


def test_head_with_presigned_url(server, stored):
    key, data = stored
    url = server.s3.generate_presigned_url("head_object", Params={"Bucket": server.bucket, "Key": key})
    r = requests.head(url, timeout=30)
    assert r.status_code == 200 and int(r.headers["Content-Length"]) == len(data)


def test_get_missing_object_with_valid_signature_is_no_such_key(server):
    assert outcome(requests.get(server.presign_get(unique("missing")), timeout=30)) == (404, "NoSuchKey")


def test_expired_get_url_is_access_denied(server, stored):
    key, _ = stored
    url = server.presign_get(key, expires_in=1)
    time.sleep(2.1)
    r = requests.get(url, timeout=30)
    assert outcome(r) == (403, "AccessDenied")
    assert "expired" in ET.fromstring(r.content).findtext("Message")


def _with_params(url: str, **changes) -> str:
    parts = urlsplit(url)
    params = [(k, changes.pop(k) if k in changes else v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    params += list(changes.items())
    return urlunsplit(parts._replace(query=urlencode(params)))


@pytest.mark.parametrize("tamper", ["expiry", "signature", "other-key", "added-param", "response-override"])
def test_tampered_get_url_is_signature_does_not_match(server, stored, tamper):
    key, _ = stored
    other_key, _ = unique("other"), server.upload(unique("other"), b"x")
    url = server.presign_get(key, expires_in=600)
    if tamper == "expiry":
        bad = _with_params(url, **{"X-Amz-Expires": "6000"})
    elif tamper == "signature":
        sig = dict(parse_qsl(urlsplit(url).query))["X-Amz-Signature"]
        bad = _with_params(url, **{"X-Amz-Signature": sig[:-1] + ("0" if sig[-1] != "0" else "1")})
    elif tamper == "other-key":
        bad = url.replace(urlsplit(url).path, f"/{server.bucket}/{other_key}")
    elif tamper == "added-param":
        bad = _with_params(url, **{"response-content-type": "text/html"})
    else:
        url = server.presign_get(key, ResponseContentDisposition="attachment")
        bad = _with_params(url, **{"response-content-disposition": "inline"})
    assert outcome(requests.get(bad, timeout=30)) == (403, "SignatureDoesNotMatch")


@pytest.mark.parametrize(
    "header,first,last",
    [("bytes=2-5", 2, 5), ("bytes=10-", 10, None), ("bytes=-7", None, 7), ("bytes=5-100000", 5, None)],
)
def test_range_get_is_206_with_etag(server, stored, header, first, last):
    key, data = stored
    r = requests.get(server.presign_get(key), headers={"Range": header}, timeout=30)
    assert r.status_code == 206
    if first is None:
        expected, start = data[-last:], len(data) - last
    else:
        expected, start = data[first : (last + 1 if last is not None else None)], first
    assert r.content == expected
    assert r.headers["Content-Range"] == f"bytes {start}-{start + len(expected) - 1}/{len(data)}"
    assert r.headers["ETag"] == f'"{hashlib.md5(data).hexdigest()}"'


def test_unsatisfiable_range_is_416_invalid_range(server, stored):
    key, data = stored
    r = requests.get(server.presign_get(key), headers={"Range": f"bytes={len(data)}-"}, timeout=30)
    assert outcome(r) == (416, "InvalidRange")


def test_unsigned_get_is_access_denied(server, stored):
    key, _ = stored
    expect(
        server,
        requests.get(f"{server.endpoint}/{server.bucket}/{key}", timeout=30),
        (403, "AccessDenied"),
        gap="it does not enforce bucket ACLs, so a private bucket serves anonymous reads",
        localstack_answers=(200, None),
    )
