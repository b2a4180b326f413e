"""The sandbox storage's V2 browser POST (Xvid) and query-signed PUT/POST object uploads (memories.ai)."""

from __future__ import annotations

import requests


def test_v2_post_with_success_action_status_201(sandbox):
    post = sandbox.storage.presign_post_v2(
        "v2/a.bin", expires_in=60, max_size=100, fields={"success_action_status": "201", "acl": "private"}
    )
    assert post["fields"]["AWSAccessKeyId"] == sandbox.storage.access_key
    r = requests.post(post["url"], files=[*post["fields"].items(), ("file", ("a.bin", b"abc"))])
    assert r.status_code == 201 and b"<Key>v2/a.bin</Key>" in r.content
    assert sandbox.storage.stat("v2/a.bin").size == 3


def test_v2_post_with_a_changed_field_or_signature_is_refused(sandbox):
    post = sandbox.storage.presign_post_v2("v2/b.bin", expires_in=60, max_size=100, fields={"acl": "private"})
    changed = {**post["fields"], "acl": "public-read"}
    r = requests.post(post["url"], files=[*changed.items(), ("file", ("b", b"x"))])
    assert r.status_code == 403 and b"AccessDenied" in r.content
    forged = {**post["fields"], "signature": "AAAA" + post["fields"]["signature"][4:]}
    r = requests.post(post["url"], files=[*forged.items(), ("file", ("b", b"x"))])
    assert r.status_code == 403 and b"SignatureDoesNotMatch" in r.content
    too_big = requests.post(post["url"], files=[*post["fields"].items(), ("file", ("b", b"x" * 101))])
    assert too_big.status_code == 400 and b"EntityTooLarge" in too_big.content
    assert sandbox.storage.stat("v2/b.bin") is None


def test_signed_put_and_post_are_bound_to_their_method(sandbox):
    put_url = sandbox.storage.presign_upload("signed/put.bin", expires_in=60, method="PUT")
    assert requests.post(put_url, files={"file": ("p", b"x")}).status_code == 403
    assert requests.put(put_url, data=b"hello").status_code == 200
    assert sandbox.storage.stat("signed/put.bin").size == 5
    post_url = sandbox.storage.presign_upload("signed/post.bin", expires_in=60, method="POST")
    assert requests.put(post_url, data=b"x").status_code == 403
    assert requests.post(post_url, files={"file": ("p", b"hello!")}).status_code == 200
    assert sandbox.storage.stat("signed/post.bin").size == 6


def test_unsigned_put_is_still_not_allowed(sandbox):
    r = requests.put(f"{sandbox.storage.endpoint}/{sandbox.storage.bucket}/x", data=b"x")
    assert r.status_code in (403, 405)
