"""StorageService behaviour beyond the S3 conformance cases: interface, keep-alive, restarts, request log."""

from __future__ import annotations

import hashlib
import socket
import xml.etree.ElementTree as ET

import botocore.config
import botocore.session
import pytest
import requests

from assetdrop.sandbox.storage import ObjectInfo, StorageService


@pytest.fixture
def svc(tmp_path):
    with StorageService(tmp_path / "store") as service:
        yield service


def upload(svc, key, data, **kw):
    p = svc.presign_post(key, expires_in=60, max_size=kw.pop("max_size", 1 << 20), **kw)
    return requests.post(p["url"], data=p["fields"], files={"file": ("f.bin", data)}, timeout=10)


def code(r):
    return r.status_code, ET.fromstring(r.content).findtext("Code")


def test_interface_round_trip(svc):
    assert svc.endpoint.startswith("http://127.0.0.1:") and svc.bucket == "assetdrop-sandbox"
    r = upload(svc, "dir/é x.bin", b"payload", min_size=1)
    assert r.status_code == 204 and r.headers["Location"].endswith("/assetdrop-sandbox/dir/%C3%A9%20x.bin")
    info = svc.stat("dir/é x.bin")
    assert isinstance(info, ObjectInfo)
    assert (info.size, info.md5, info.etag) == (7, hashlib.md5(b"payload").hexdigest(), r.headers["ETag"])
    with svc.open("dir/é x.bin") as f:
        assert f.read() == b"payload"
    url = svc.presign_get("dir/é x.bin", expires_in=60, content_disposition="inline", content_type="text/plain")
    got = requests.get(url, timeout=10)
    assert got.content == b"payload" and got.headers["Content-Disposition"] == "inline"
    assert got.headers["Accept-Ranges"] == "bytes" and "Last-Modified" in got.headers
    assert svc.stat("nope") is None


def test_presigned_urls_and_objects_survive_a_restart(tmp_path):
    root = tmp_path / "store"
    with StorageService(root) as first:
        upload(first, "k", b"v1")
        url = first.presign_get("k", expires_in=600)
        post = first.presign_post("k2", expires_in=600, max_size=10)
        keys = first.access_key, first.secret_key
    with StorageService(root) as second:
        assert (second.access_key, second.secret_key) == keys
        # Same signature, new port: re-point the URL's host, which is part of what was signed.
        assert code(requests.get(url.replace(url.split("/")[2], second.endpoint.split("//")[1]), timeout=10)) == (
            403,
            "SignatureDoesNotMatch",
        )
        fresh = second.presign_get("k", expires_in=600)
        assert requests.get(fresh, timeout=10).content == b"v1"
    with StorageService(root, port=int(url.split(":")[2].split("/")[0])) as third:  # same port: URL still good
        assert requests.get(url, timeout=10).content == b"v1"
        r = requests.post(post["url"], data=post["fields"], files={"file": ("f", b"late")}, timeout=10)
        assert r.status_code == 204 and third.stat("k2").size == 4


def test_request_log_records_headers(svc):
    upload(svc, "k", b"x")
    requests.get(svc.presign_get("k", expires_in=60), headers={"X-Trace": "t1"}, timeout=10)
    records = svc.received
    assert [r.method for r in records] == ["POST", "GET"]
    assert records[1].headers["X-Trace"] == "t1" and records[1].path.startswith("/assetdrop-sandbox/k?")
    assert not any("X-FileSpin-Api-Key" in r.headers for r in records)


def raw_exchange(svc, payloads):
    """Send raw requests on one connection; return the status lines of the responses."""
    with socket.create_connection(("127.0.0.1", svc.port), timeout=10) as s:
        f = s.makefile("rb")
        statuses = []
        for payload in payloads:
            s.sendall(payload)
            status = f.readline().decode().strip()
            length = 0
            while (line := f.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            f.read(length)
            statuses.append(status)
        return statuses


def post_bytes(svc, fields, data, trailer=b""):
    b = "KA-boundary"
    body = "".join(f'--{b}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n' for k, v in fields.items())
    body = body.encode() + f'--{b}\r\nContent-Disposition: form-data; name="file"; filename="f"\r\n\r\n'.encode()
    body += data + f"\r\n--{b}--\r\n".encode() + trailer
    host = svc.endpoint.split("//")[1]
    return (
        f"POST /{svc.bucket} HTTP/1.1\r\nHost: {host}\r\nContent-Type: multipart/form-data; boundary={b}\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode() + body


def test_keep_alive_survives_every_error_path(svc):
    upload(svc, "k", b"content")
    get = svc.presign_get("k", expires_in=60).split(svc.endpoint)[1]
    host = svc.endpoint.split("//")[1]
    get_req = f"GET {get} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()
    good = svc.presign_post("new", expires_in=60, max_size=5)["fields"]
    expired = svc.presign_post("new", expires_in=-1, max_size=5)["fields"]
    statuses = raw_exchange(
        svc,
        [
            post_bytes(svc, good, b"too large body"),  # EntityTooLarge mid-stream
            get_req,
            post_bytes(svc, expired, b"abc"),  # policy rejected before the file streams
            get_req,
            post_bytes(svc, {"key": "x"}, b"abc"),  # anonymous
            get_req,
            post_bytes(svc, good, b"abc", trailer=b"epilogue"),  # success, with an epilogue
            get_req,
            b"PUT /assetdrop-sandbox/k HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc",
            get_req,
        ],
    )
    assert statuses == [
        "HTTP/1.1 400 Bad Request",
        "HTTP/1.1 200 OK",
        "HTTP/1.1 403 Forbidden",
        "HTTP/1.1 200 OK",
        "HTTP/1.1 403 Forbidden",
        "HTTP/1.1 200 OK",
        "HTTP/1.1 204 No Content",
        "HTTP/1.1 200 OK",
        "HTTP/1.1 405 Method Not Allowed",
        "HTTP/1.1 200 OK",
    ]
    assert list((svc.root / "tmp").iterdir()) == []


def test_post_response_variants_and_filename_substitution(svc):
    client = svc.client
    p = client.generate_presigned_post(
        Bucket=svc.bucket,
        Key="up/${filename}",
        ExpiresIn=60,
        Fields={"success_action_status": "200", "Content-Type": "image/png", "x-amz-meta-owner": "me"},
        Conditions=[
            {"success_action_status": "200"},
            ["starts-with", "$Content-Type", "image/"],
            {"x-amz-meta-owner": "me"},
        ],
    )
    r = requests.post(p["url"], data=p["fields"], files={"file": ("pic.png", b"png")}, timeout=10)
    assert r.status_code == 200 and r.content == b""
    info = svc.stat("up/pic.png")
    assert info.content_type == "image/png"
    got = requests.get(svc.presign_get("up/pic.png", expires_in=60), timeout=10)
    assert got.headers["Content-Type"] == "image/png" and got.headers["x-amz-meta-owner"] == "me"


def test_non_multipart_post_missing_file_and_wrong_bucket(svc):
    p = svc.presign_post("k", expires_in=60, max_size=10)
    r = requests.post(p["url"], data=p["fields"], timeout=10)  # urlencoded, no file
    assert code(r) == (412, "PreconditionFailed")
    r = requests.post(p["url"], files={k: (None, v) for k, v in p["fields"].items()}, timeout=10)
    assert code(r) == (400, "InvalidArgument")
    r = requests.get(svc.endpoint + "/other-bucket/k", timeout=10)
    assert code(r) == (404, "NoSuchBucket")


def test_fields_after_the_file_are_ignored(svc):
    p = svc.presign_post("k", expires_in=60, max_size=10)
    files = [*((k, (None, v)) for k, v in p["fields"].items()), ("file", ("f", b"abc")), ("acl", (None, "x"))]
    assert requests.post(p["url"], files=files, timeout=10).status_code == 204


def test_head_ranges_and_conditionals(svc):
    upload(svc, "k", b"0123456789")
    url = svc.presign_get("k", expires_in=60)
    assert requests.head(url, timeout=10).status_code == 403  # signed for GET, as S3: the method is signed
    head_url = svc.client.generate_presigned_url("head_object", Params={"Bucket": svc.bucket, "Key": "k"})
    head = requests.head(head_url, timeout=10)
    assert head.status_code == 200 and head.headers["Content-Length"] == "10"
    etag = head.headers["ETag"]
    assert requests.get(url, headers={"If-None-Match": etag}, timeout=10).status_code == 304
    assert code(requests.get(url, headers={"If-Match": '"nope"'}, timeout=10)) == (412, "PreconditionFailed")
    r = requests.get(url, headers={"Range": "bytes=-3"}, timeout=10)
    assert (r.status_code, r.content, r.headers["Content-Range"]) == (206, b"789", "bytes 7-9/10")
    r = requests.get(url, headers={"Range": "bytes=2-3", "If-Range": '"stale"'}, timeout=10)
    assert (r.status_code, r.content) == (200, b"0123456789")
    r = requests.get(url, headers={"Range": "bytes=20-30"}, timeout=10)
    assert code(r) == (416, "InvalidRange") and r.headers["Content-Range"] == "bytes */10"
    assert requests.get(url, headers={"Range": "bytes=0-1,4-5"}, timeout=10).status_code == 200


def test_botocore_client_with_header_auth_can_read(svc):
    upload(svc, "k", b"hello")
    s3 = svc.client
    assert s3.head_object(Bucket=svc.bucket, Key="k")["ContentLength"] == 5
    assert s3.get_object(Bucket=svc.bucket, Key="k")["Body"].read() == b"hello"
    wrong = botocore.session.get_session().create_client(
        "s3",
        endpoint_url=svc.endpoint,
        region_name="us-east-1",
        aws_access_key_id=svc.access_key,
        aws_secret_access_key="wrong",
        config=botocore.config.Config(signature_version="s3v4", s3={"addressing_style": "path"}),
    )
    with pytest.raises(wrong.exceptions.ClientError) as info:
        wrong.get_object(Bucket=svc.bucket, Key="k")
    assert info.value.response["Error"]["Code"] == "SignatureDoesNotMatch"
