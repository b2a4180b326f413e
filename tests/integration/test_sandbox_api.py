"""The sandbox's FileSpin API against docs/sandbox-contract.md, with plain `requests` and a real Sandbox
(API + StorageService on loopback). Every endpoint and every error code in the contract's table is exercised.
"""

from __future__ import annotations

import base64
import hashlib
import json
import threading
import time
import uuid
from urllib.parse import parse_qs, quote, urlsplit

import pytest
import requests

from assetdrop.sandbox.server import Sandbox

V1 = "/api/v1"


class Client:
    """A thin helper around one keep-alive requests.Session for one sandbox."""

    def __init__(self, sb: Sandbox):
        self.sb = sb
        self.http = requests.Session()
        self.http.headers["X-FileSpin-Api-Key"] = sb.api_key

    def call(self, method: str, path: str, **kw) -> requests.Response:
        return self.http.request(method, self.sb.api_url + V1 + path, timeout=30, **kw)

    def storage_url(self, name: str) -> dict:
        r = self.call("GET", "/assets/new/content_storage_url", params={"filename": name})
        assert r.status_code == 200, r.text
        return r.json()

    def upload(self, name: str, data: bytes) -> str:
        """Steps 1 and 2 of the direct upload; returns the asset id (not registered yet)."""
        slot = self.storage_url(name)
        st = slot["storage"]
        r = requests.post(st["url"], data=st["fields"], files={"file": (name, data)}, timeout=30)
        assert r.status_code in (200, 201, 204), r.text
        return slot["asset_id"]

    def register(self, asset_id: str, data: bytes, **overrides) -> requests.Response:
        if "body_asset_id" in overrides:
            overrides["asset_id"] = overrides.pop("body_asset_id")
        body = {
            "asset_id": asset_id,
            "size": len(data),
            "checksum": hashlib.md5(data).hexdigest(),
            "upload_time": "2024-05-01T10:00:00Z",
            "upload_started_at": "2024-05-01T09:59:58Z",
            "upload_completed_at": "2024-05-01T10:00:00Z",
            "service_data": {"client": "tests"},
        }
        body.update(overrides)
        body = {k: v for k, v in body.items() if v is not ...}
        return self.call("POST", "/assets/new/register_asset", json=body)

    def make(self, name: str, data: bytes, **overrides) -> dict:
        asset_id = self.upload(name, data)
        r = self.register(asset_id, data, **overrides)
        assert r.status_code == 200, r.text
        return r.json()

    def search(self, **criteria) -> requests.Response:
        return self.call("POST", "/search", json=criteria)


def assert_error(r: requests.Response, status: int, code: str) -> dict:
    assert r.status_code == status, (r.status_code, r.text)
    assert r.headers["Content-Type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code, body
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return body


@pytest.fixture(scope="module")
def sb(tmp_path_factory):
    # The limits are tested on their own (test_vendor_documents.py); here hundreds of calls probe the contract.
    with Sandbox(tmp_path_factory.mktemp("sandbox"), rate_limits=False) as sandbox:
        sandbox.processing_delay = 0  # assets are processed at once; processing is tested on its own
        yield sandbox


@pytest.fixture()
def client(sb):
    sb.get_link_enabled = True
    sb.upload_url_expiry = 86400
    c = Client(sb)
    yield c
    c.http.close()


@pytest.fixture(scope="module")
def asset(sb):
    """One registered asset with a non-ASCII name and 100 kB of content."""
    c = Client(sb)
    data = bytes(range(256)) * 400
    info = c.make("Rapport d'été 2024.pdf", data)
    return info, data


def tag() -> str:
    return "t" + uuid.uuid4().hex[:10]


# -- auth -------------------------------------------------------------------------------------------------------------

ENDPOINTS = [
    ("GET", "/assets/new/content_storage_url?filename=a.txt"),
    ("POST", "/assets/new/register_asset"),
    ("GET", "/assets/" + "0" * 32 + "/data"),
    ("GET", "/assets/" + "0" * 32 + "/get_link"),
    ("POST", "/assets/get_link"),
    ("GET", "/assets/" + "0" * 32 + "/content/original/download"),
    ("HEAD", "/assets/" + "0" * 32 + "/content/original/download"),
    ("POST", "/search"),
    ("GET", "/search/abc/1"),
]


@pytest.mark.parametrize("method,path", ENDPOINTS)
def test_missing_or_wrong_key_is_401(sb, method, path):
    r = requests.request(method, sb.api_url + V1 + path, json={}, timeout=10)
    assert r.status_code == 401
    if method != "HEAD":
        assert_error(r, 401, "AUTHENTICATION_REQUIRED")
    r = requests.request(
        method, sb.api_url + V1 + path, json={}, timeout=10, headers={"X-FileSpin-Api-Key": sb.api_key + "x"}
    )
    assert r.status_code == 401
    if method != "HEAD":
        assert_error(r, 401, "INVALID_API_KEY")


def test_non_ascii_key_is_401_not_a_crash(sb):
    r = requests.get(sb.api_url + V1 + "/search/abc/1", headers={"X-FileSpin-Api-Key": "clé".encode()}, timeout=10)
    assert_error(r, 401, "INVALID_API_KEY")


def test_generated_key_format(sb):
    assert sb.api_key.startswith("sbx_") and len(sb.api_key) == 36
    int(sb.api_key[4:], 16)
    assert sb.api_url.startswith("http://127.0.0.1:") and not sb.api_url.endswith("/api/v1")


# -- step 1: content_storage_url -----------------------------------------------------------------------------------


def test_content_storage_url_shape_and_policy(client, sb):
    slot = client.storage_url("photo.jpg")
    asset_id, st = slot["asset_id"], slot["storage"]
    assert len(asset_id) == 32 and int(asset_id, 16) >= 0
    key = f"originals/{asset_id}/original/original__photo.jpg"
    assert st["name"] == "photo.jpg" and st["protocol"] == "POST" and st["expiry"] == 86400
    assert st["key"] == "/" + key and st["fields"]["key"] == key
    assert st["bucket"] == sb.storage.bucket and st["storage_type"] == "AMAZON_S3"
    assert st["url"].startswith(sb.storage.endpoint)
    policy = json.loads(base64.b64decode(st["fields"]["policy"]))
    conditions = policy["conditions"]
    assert {"bucket": sb.storage.bucket} in conditions
    assert ["eq", "$key", key] in conditions or {"key": key} in conditions
    assert ["content-length-range", 0, sb.max_upload_size] in conditions


def test_content_storage_url_requires_filename(client):
    assert_error(client.call("GET", "/assets/new/content_storage_url"), 400, "MISSING_MANDATORY_PARAMETERS")
    assert_error(client.call("GET", "/assets/new/content_storage_url?filename="), 400, "MISSING_MANDATORY_PARAMETERS")


def test_upload_expiry_is_settable_at_run_time(client, sb):
    sb.upload_url_expiry = 120
    assert client.storage_url("a.txt")["storage"]["expiry"] == 120


def test_path_traversal_name_is_sanitized_in_key_but_kept_as_name(client):
    name = "../../etc/pa ss\\wd\u00e9\u2603.txt"
    slot = client.storage_url(name)
    key = slot["storage"]["fields"]["key"]
    assert key.startswith(f"originals/{slot['asset_id']}/original/original__")
    assert ".." not in key and "\\" not in key and key.count("/") == 3 and key.isascii()
    assert slot["storage"]["name"] == name
    data = b"traversal"
    r = requests.post(slot["storage"]["url"], data=slot["storage"]["fields"], files={"file": ("x", data)}, timeout=10)
    assert r.status_code in (200, 201, 204), r.text
    info = client.register(slot["asset_id"], data).json()
    assert info["name"] == name and info["key"] == key


# -- step 3: register_asset ----------------------------------------------------------------------------------------


def test_register_success_shape(client, sb):
    data = b"hello sandbox\n" * 1000
    asset_id = client.upload("notes.txt", data)
    r = client.register(asset_id, data, checksum=hashlib.md5(data).hexdigest().upper())
    assert r.status_code == 200, r.text
    info = r.json()
    expected_keys = {
        "id",
        "status",
        "name",
        "size",
        "checksum",
        "provider",
        "storage_type",
        "bucket",
        "key",
        "public",
        "content_type",
        "creator_id",
        "upload_time",
        "update_time",
        "upload_source",
        "metadata",
        "data",
        "conversions",
        "addons_info",
        "service_data",
    }
    assert expected_keys <= set(info)
    assert info["id"] == asset_id and info["status"] == "OK" and info["name"] == "notes.txt"
    assert info["size"] == len(data) and info["checksum"] == hashlib.md5(data).hexdigest()
    assert info["provider"] == "sandbox" and info["storage_type"] == "AMAZON_S3" and info["public"] is False
    assert info["content_type"] == "text/plain" and info["upload_source"] == "api"
    assert info["upload_time"] == "2024-05-01T10:00:00Z" and info["update_time"].endswith("Z")
    assert info["service_data"] == {"client": "tests"}
    assert info["bucket"] == sb.storage.bucket and info["key"].endswith("original__notes.txt")
    assert client.call("GET", f"/assets/{asset_id}/data").json() == info
    assert [a["id"] for a in sb.assets()].count(asset_id) == 1


def test_register_twice_is_409(client, sb):
    data = b"twice"
    asset_id = client.upload("twice.bin", data)
    assert client.register(asset_id, data).status_code == 200
    assert_error(client.register(asset_id, data), 409, "ASSET_ID_EXISTS")
    assert [a["id"] for a in sb.assets()].count(asset_id) == 1


def test_concurrent_registers_register_exactly_once(client, sb):
    data = b"race" * 1000
    asset_id = client.upload("race.bin", data)
    statuses = []

    def go():
        statuses.append(Client(sb).register(asset_id, data).status_code)

    threads = [threading.Thread(target=go) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses) == [200] + [409] * 5
    assert [a["id"] for a in sb.assets()].count(asset_id) == 1


def test_register_before_upload_is_rejected(client, sb):
    slot = client.storage_url("later.bin")
    r = client.register(slot["asset_id"], b"later")
    assert_error(r, 400, "CONTENT_NOT_UPLOADED")
    assert slot["asset_id"] not in {a["id"] for a in sb.assets()}


def test_register_after_url_expiry_without_content_is_410(client, sb):
    sb.upload_url_expiry = 1
    slot = client.storage_url("slow.bin")
    time.sleep(1.3)
    assert_error(client.register(slot["asset_id"], b"slow"), 410, "UPLOAD_URL_EXPIRED")


def test_register_size_and_checksum_mismatch(client, sb):
    data = b"exact content"
    asset_id = client.upload("exact.bin", data)
    assert_error(client.register(asset_id, data, size=len(data) + 1), 400, "SIZE_MISMATCH")
    assert_error(client.register(asset_id, data, checksum=hashlib.md5(b"other").hexdigest()), 400, "CHECKSUM_MISMATCH")
    assert asset_id not in {a["id"] for a in sb.assets()}
    assert client.register(asset_id, data).status_code == 200  # a correct retry still works


def test_register_unknown_id_is_404(client):
    assert_error(client.register(uuid.uuid4().hex, b"x"), 404, "ASSET_NOT_FOUND")


@pytest.mark.parametrize("missing", ["asset_id", "size", "checksum"])
def test_register_missing_fields(client, missing):
    r = client.register(uuid.uuid4().hex, b"x", **{"body_" + missing if missing == "asset_id" else missing: ...})
    body = assert_error(r, 400, "MISSING_MANDATORY_PARAMETERS")
    assert missing in body["error"]["message"]


@pytest.mark.parametrize(
    "overrides",
    [
        {"asset_id": 12},
        {"asset_id": "not-hex"},
        {"size": "12"},
        {"size": -1},
        {"size": True},
        {"size": 1.5},
        {"size": 10**30},
        {"checksum": "xyz"},
        {"checksum": 5},
        {"upload_time": "yesterday"},
        {"upload_time": [1]},
        {"upload_started_at": "2024-13-45"},
        {"upload_completed_at": 7},
        {"service_data": [1, 2]},
        {"service_data": "text"},
    ],
)
def test_register_wrong_types(client, overrides):
    if "asset_id" in overrides:
        overrides = {"body_asset_id": overrides["asset_id"]}
    assert_error(client.register(uuid.uuid4().hex, b"x", **overrides), 400, "INVALID_PARAMETER")


@pytest.mark.parametrize(
    "raw",
    [
        b"{not json",
        b"[1, 2]",
        b'"text"',
        b"\xff\xfe",
        b'{"size": 1e999}',
        b'{"size": NaN}',
        b'{"size": ' + b"9" * 5000 + b"}",
        b"[" * 100000 + b"]" * 100000,
    ],
)
def test_register_bad_bodies(client, raw):
    r = client.call("POST", "/assets/new/register_asset", data=raw, headers={"Content-Type": "application/json"})
    assert_error(r, 400, "INVALID_PARAMETER")


def test_register_numeric_upload_time_is_a_duration(client):
    data = b"duration"
    asset_id = client.upload("duration.bin", data)
    info = client.register(asset_id, data, upload_time=3.5, upload_completed_at="2024-06-01T12:00:00+02:00").json()
    assert info["upload_time"] == "2024-06-01T10:00:00Z" and info["upload_duration"] == 3.5


def test_unregistered_upload_is_not_an_asset(client, sb):
    name = tag() + ".bin"
    asset_id = client.upload(name, b"orphan")
    assert_error(client.call("GET", f"/assets/{asset_id}/data"), 404, "ASSET_NOT_FOUND")
    assert_error(client.call("GET", f"/assets/{asset_id}/get_link"), 404, "ASSET_NOT_FOUND")
    assert_error(client.call("GET", f"/assets/{asset_id}/content/original/download"), 404, "ASSET_NOT_FOUND")
    r = client.call("POST", "/assets/get_link", json=[asset_id])
    assert r.json() == {"links": {}, "not_found": [asset_id]}
    assert client.search(file_name=name).json()["result"] == []
    assert client.search().json()["total_results"] == len(sb.assets())
    assert asset_id not in {a["id"] for a in sb.assets()}


# -- data ------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("bad_id", ["0" * 32, "new", "../../etc", "%00", "x" * 5000])
def test_data_unknown_ids(client, bad_id):
    assert_error(client.call("GET", f"/assets/{quote(bad_id, safe='')}/data"), 404, "ASSET_NOT_FOUND")


def test_data_of_module_asset(client, asset):
    info, data = asset
    got = client.call("GET", f"/assets/{info['id']}/data").json()
    assert got["name"] == "Rapport d'été 2024.pdf" and got["content_type"] == "application/pdf"
    assert got["size"] == len(data)


# -- get_link ---------------------------------------------------------------------------------------------------------

DISPOSITION = "attachment; filename=\"Rapport d'ete 2024.pdf\"; filename*=UTF-8''Rapport%20d%27%C3%A9t%C3%A9%202024.pdf"


def test_get_link_single(client, asset):
    info, data = asset
    r = client.call(
        "GET",
        f"/assets/{info['id']}/get_link",
        params={
            "content_key": "original",
            "expiry": 300,
            "delivery_mode": "download",
            "link_type": "object_storage",
            "access_id": "whatever",
        },
    )
    assert r.status_code == 200, r.text
    link = r.json()
    assert link["asset_id"] == info["id"] and link["content_key"] == "original" and link["expiry"] == 300
    assert link["link_type"] == "object_storage" and link["delivery_mode"] == "download"
    query = parse_qs(urlsplit(link["url"]).query)
    assert query["response-content-disposition"] == [DISPOSITION]
    assert query["response-content-type"] == ["application/pdf"]
    assert query["X-Amz-Expires"] == ["300"]
    got = requests.get(link["url"], timeout=10)  # no API key needed
    assert got.status_code == 200 and got.content == data
    assert got.headers["Content-Disposition"] == DISPOSITION
    part = requests.get(link["url"], headers={"Range": "bytes=10-19"}, timeout=10)
    assert part.status_code == 206 and part.content == data[10:20]


def test_get_link_defaults_max_and_display(client, asset):
    info, _ = asset
    link = client.call("GET", f"/assets/{info['id']}/get_link").json()
    assert link["expiry"] == 600 and link["content_key"] == "original" and link["delivery_mode"] == "download"
    link = client.call("GET", f"/assets/{info['id']}/get_link?expiry=MAX&delivery_mode=display").json()
    assert link["expiry"] == 604800
    disposition = parse_qs(urlsplit(link["url"]).query)["response-content-disposition"][0]
    assert disposition.startswith("inline; filename=")


@pytest.mark.parametrize(
    "query",
    [
        "expiry=abc",
        "expiry=-5",
        "expiry=0",
        "expiry=604801",
        "expiry=1.5",
        "expiry=" + "9" * 50,
        "delivery_mode=stream",
        "link_type=ftp",
    ],
)
def test_get_link_invalid_parameters(client, asset, query):
    info, _ = asset
    assert_error(client.call("GET", f"/assets/{info['id']}/get_link?{query}"), 400, "INVALID_PARAMETER")


def test_get_link_content_key_and_unknown_asset(client, asset):
    info, _ = asset
    assert_error(
        client.call("GET", f"/assets/{info['id']}/get_link?content_key=720p-video"), 404, "CONTENT_KEY_NOT_FOUND"
    )
    assert_error(client.call("GET", f"/assets/{uuid.uuid4().hex}/get_link"), 404, "ASSET_NOT_FOUND")


def test_get_link_disabled_is_422_and_download_still_works(client, sb, asset):
    info, data = asset
    sb.get_link_enabled = False
    assert_error(client.call("GET", f"/assets/{info['id']}/get_link"), 422, "FEATURE_NOT_AVAILABLE")
    assert_error(client.call("POST", "/assets/get_link", json=[info["id"]]), 422, "FEATURE_NOT_AVAILABLE")
    assert client.call("GET", f"/assets/{info['id']}/content/original/download").content == data
    sb.get_link_enabled = True
    assert client.call("GET", f"/assets/{info['id']}/get_link").status_code == 200


def test_get_link_multiple(client, asset):
    info, data = asset
    other = client.make("other.txt", b"other")
    unknown = uuid.uuid4().hex
    r = client.call(
        "POST",
        "/assets/get_link?content_key=original&expiry=60",
        json=[info["id"], other["id"], unknown, "garbage", info["id"]],
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert set(body["links"]) == {info["id"], other["id"]} and body["not_found"] == [unknown, "garbage"]
    assert requests.get(body["links"][info["id"]], timeout=10).content == data
    assert requests.get(body["links"][other["id"]], timeout=10).content == b"other"
    assert parse_qs(urlsplit(body["links"][other["id"]]).query)["X-Amz-Expires"] == ["60"]


def test_get_link_multiple_limits(client, asset):
    info, _ = asset
    hundred = [info["id"]] + [uuid.uuid4().hex for _ in range(99)]
    r = client.call("POST", "/assets/get_link", json=hundred)
    assert r.status_code == 200 and list(r.json()["links"]) == [info["id"]] and len(r.json()["not_found"]) == 99
    assert_error(client.call("POST", "/assets/get_link", json=hundred + [uuid.uuid4().hex]), 400, "TOO_MANY_ASSETS")
    assert_error(client.call("POST", "/assets/get_link", json={"ids": [info["id"]]}), 400, "INVALID_PARAMETER")
    assert_error(client.call("POST", "/assets/get_link", json=[1, 2]), 400, "INVALID_PARAMETER")
    assert_error(
        client.call("POST", "/assets/get_link?content_key=thumb", json=[info["id"]]), 404, "CONTENT_KEY_NOT_FOUND"
    )
    assert client.call("POST", "/assets/get_link", json=[]).json() == {"links": {}, "not_found": []}


# -- /download ------------------------------------------------------------------------------------------------------


def download(client, asset_id, method="GET", **headers):
    return client.call(method, f"/assets/{asset_id}/content/original/download", headers=headers)


def test_download_full_and_head(client, asset):
    info, data = asset
    r = download(client, info["id"])
    assert r.status_code == 200 and r.content == data
    assert r.headers["Content-Length"] == str(len(data)) and r.headers["Accept-Ranges"] == "bytes"
    assert r.headers["Content-Type"] == "application/pdf" and r.headers["Content-Disposition"] == DISPOSITION
    assert r.headers["ETag"].startswith('"') and r.headers["Last-Modified"].endswith("GMT")
    h = download(client, info["id"], "HEAD")
    assert h.status_code == 200 and h.content == b""
    for name in ("Content-Length", "Content-Type", "Content-Disposition", "ETag", "Accept-Ranges"):
        assert h.headers[name] == r.headers[name]


@pytest.mark.parametrize(
    "header,first,last",
    [
        ("bytes=0-0", 0, 0),
        ("bytes=100-199", 100, 199),
        ("bytes=102000-", 102000, 102399),
        ("bytes=-10", 102390, 102399),
        ("bytes=102300-999999999", 102300, 102399),
        ("bytes=-999999999", 0, 102399),
    ],
)
def test_download_range_206(client, asset, header, first, last):
    info, data = asset
    r = download(client, info["id"], Range=header)
    assert r.status_code == 206, r.text
    assert r.content == data[first : last + 1]
    assert r.headers["Content-Range"] == f"bytes {first}-{last}/{len(data)}"
    assert r.headers["Content-Length"] == str(last - first + 1)
    h = download(client, info["id"], "HEAD", Range=header)
    assert h.status_code == 206 and h.headers["Content-Range"] == r.headers["Content-Range"]


@pytest.mark.parametrize("header", ["bytes=102400-", "bytes=999999-1000000", "bytes=-0", "bytes=50-10"])
def test_download_range_416(client, asset, header):
    info, data = asset
    r = download(client, info["id"], Range=header)
    assert_error(r, 416, "RANGE_NOT_SATISFIABLE")
    assert r.headers["Content-Range"] == f"bytes */{len(data)}"


@pytest.mark.parametrize("header", ["items=0-5", "bytes=0-1,5-6", "bytes=abc", "bytes=-"])
def test_download_ignored_ranges_give_full_body(client, asset, header):
    info, data = asset
    r = download(client, info["id"], Range=header)
    assert r.status_code == 200 and r.content == data


def test_download_range_header_name_is_case_insensitive(client, asset):
    info, data = asset
    r = client.call("GET", f"/assets/{info['id']}/content/original/download", headers={"range": "bytes=5-9"})
    assert r.status_code == 206 and r.content == data[5:10]


def test_download_errors(client, asset):
    info, _ = asset
    assert_error(client.call("GET", f"/assets/{info['id']}/content/720p-video/download"), 404, "CONTENT_KEY_NOT_FOUND")
    assert_error(download(client, uuid.uuid4().hex), 404, "ASSET_NOT_FOUND")


def test_download_empty_file(client):
    info = client.make("empty.txt", b"")
    r = download(client, info["id"])
    assert r.status_code == 200 and r.content == b"" and r.headers["Content-Length"] == "0"
    assert_error(download(client, info["id"], Range="bytes=0-"), 416, "RANGE_NOT_SATISFIABLE")


def test_download_many_on_one_connection(client, asset):
    """Keep-alive: sendfile bodies and JSON answers interleave on one connection without desync."""
    info, data = asset
    for i in range(20):
        assert download(client, info["id"], Range=f"bytes={i}-{i + 9}").content == data[i : i + 10]
        assert client.call("GET", f"/assets/{info['id']}/data").json()["id"] == info["id"]


# -- search -----------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(sb):
    """Six assets sharing a unique word, with known sizes, types and upload times."""
    c = Client(sb)
    word = tag()
    specs = [
        ("alpha", "jpg", 10, "2024-01-01T00:00:00Z"),
        ("beta", "png", 20, "2024-02-01T00:00:00Z"),
        ("alpha beta", "mp4", 30, "2024-03-01T00:00:00Z"),
        ("gamma", "txt", 40, "2024-04-01T00:00:00Z"),
        ("Alpha", "mov", 50, "2024-05-01T00:00:00Z"),
        ("delta", "pdf", 60, "2024-06-01T00:00:00Z"),
    ]
    made = {}
    for label, ext, size, when in specs:
        name = f"{word} {label}.{ext}"
        made[name] = c.make(name, bytes(size), upload_time=when)["id"]
    return word, made


def names(client, result_ids):
    return [client.call("GET", f"/assets/{i}/data").json()["name"].split(" ", 1)[1] for i in result_ids]


def test_search_paging(client, corpus):
    word, made = corpus
    r = client.search(keyword=word, limit_per_page=4)
    assert r.status_code == 200, r.text
    first = r.json()
    assert first["total_results"] == 6 and first["total_pages"] == 2 and first["page"] == 1
    assert first["limit_per_page"] == 4 and len(first["result"]) == 4
    rid = first["search_result_id"]
    second = client.call("GET", f"/search/{rid}/2").json()
    assert second["page"] == 2 and len(second["result"]) == 2 and second["search_result_id"] == rid
    assert set(first["result"] + second["result"]) == set(made.values())
    assert client.call("GET", f"/search/{rid}/1").json()["result"] == first["result"]
    assert_error(client.call("GET", f"/search/{rid}/3"), 404, "PAGE_NOT_FOUND")
    assert_error(client.call("GET", f"/search/{rid}/0"), 404, "PAGE_NOT_FOUND")
    assert_error(client.call("GET", f"/search/{rid}/x"), 404, "PAGE_NOT_FOUND")
    assert_error(client.call("GET", f"/search/{uuid.uuid4().hex}/1"), 404, "SEARCH_RESULT_NOT_FOUND")


def test_search_default_order_newest_first_and_sort_by(client, corpus):
    word, _ = corpus
    res = client.search(keyword=word).json()
    assert res["limit_per_page"] == 50
    assert names(client, res["result"]) == [
        "delta.pdf",
        "Alpha.mov",
        "gamma.txt",
        "alpha beta.mp4",
        "beta.png",
        "alpha.jpg",
    ]
    res = client.search(keyword=word, sort_by=["file_size_range_ASC"]).json()
    assert names(client, res["result"])[0] == "alpha.jpg"
    res = client.search(keyword=word, sort_by=["upload_time_range_ASC"]).json()
    assert names(client, res["result"])[-1] == "delta.pdf"


def test_search_criteria(client, corpus):
    word, _ = corpus

    def found(**criteria):
        r = client.search(**criteria)
        assert r.status_code == 200, r.text
        return sorted(names(client, r.json()["result"]))

    assert found(keyword=f"{word} alpha") == ["Alpha.mov", "alpha beta.mp4", "alpha.jpg"]
    assert found(keyword=f"{word} AND ALPHA AND beta") == ["alpha beta.mp4"]
    assert found(file_name=f"{word} alpha.jpg") == ["alpha.jpg"]
    assert found(file_name=f"{word} al*") == ["alpha beta.mp4", "alpha.jpg"]
    assert found(keyword=word, content_type="image* OR video*") == [
        "Alpha.mov",
        "alpha beta.mp4",
        "alpha.jpg",
        "beta.png",
    ]
    assert found(keyword=word, content_type="application/pdf") == ["delta.pdf"]
    assert found(keyword=word, file_size_range={"start": 20, "end": 40}) == ["alpha beta.mp4", "beta.png", "gamma.txt"]
    assert found(keyword=word, upload_time_range={"start": "2024-02-01T00:00:00Z", "end": "2024-03-01T00:00:00Z"}) == [
        "alpha beta.mp4",
        "beta.png",
    ]
    assert found(keyword=word, upload_time_range={"start": "2024-05-15T00:00:00Z"}) == ["delta.pdf"]
    assert found(keyword=word, creator_id=999) == []


def test_search_or_keywords(client, corpus):
    word, _ = corpus
    r = client.search(keyword=f"{word}gamma OR {word} OR nothing", limit_per_page=100).json()
    assert set(corpus[1].values()) <= set(r["result"])


@pytest.mark.parametrize(
    "criteria",
    [
        {"keyword": 5},
        {"keyword": "a AND b OR c"},
        {"keyword": " ".join(["w"] * 41)},
        {"file_name": ""},
        {"content_type": ["image*"]},
        {"upload_time_range": {"start": "not a date"}},
        {"upload_time_range": "2024"},
        {"file_size_range": {"start": "ten"}},
        {"sort_by": ["size_UP"]},
        {"sort_by": [1]},
        {"limit_per_page": 0},
        {"limit_per_page": "50"},
        {"limit_per_page": 10**20},
        {"creator_id": "me"},
    ],
)
def test_search_invalid_criteria(client, criteria):
    assert_error(client.search(**criteria), 400, "INVALID_PARAMETER")


def test_search_bad_bodies(client):
    assert_error(client.call("POST", "/search", data=b"[]"), 400, "INVALID_PARAMETER")
    assert_error(client.call("POST", "/search", data=b"{oops"), 400, "INVALID_PARAMETER")
    r = client.call("POST", "/search")  # no body: every criterion absent
    assert r.status_code == 200 and r.json()["page"] == 1


def test_search_with_no_results(client):
    res = client.search(keyword=tag()).json()
    assert res["result"] == [] and res["total_results"] == 0 and res["total_pages"] == 0
    assert client.call("GET", f"/search/{res['search_result_id']}/1").json()["result"] == []


# -- protocol robustness ---------------------------------------------------------------------------------------------


def test_method_not_allowed(client, asset):
    info, _ = asset
    r = client.call("DELETE", f"/assets/{info['id']}/data")
    assert_error(r, 405, "METHOD_NOT_ALLOWED")
    assert "GET" in r.headers["Allow"]
    assert_error(client.call("GET", "/search"), 405, "METHOD_NOT_ALLOWED")
    assert_error(client.call("POST", "/assets/new/content_storage_url?filename=a"), 405, "METHOD_NOT_ALLOWED")


def test_unknown_path_is_404_json(client):
    assert_error(client.call("GET", "/nothing/here"), 404, "NOT_FOUND")


def test_oversized_body_is_413_and_connection_survives(client, asset):
    info, _ = asset
    big = b"[" + b" " * (1024 * 1024) + b"]"
    assert_error(client.call("POST", "/search", data=big), 413, "REQUEST_TOO_LARGE")
    assert_error(client.call("POST", "/assets/get_link", data=big), 413, "REQUEST_TOO_LARGE")
    assert client.call("GET", f"/assets/{info['id']}/data").status_code == 200
    exactly = b"{}" + b" " * (1024 * 1024 - 2)
    assert client.call("POST", "/search", data=exactly).status_code == 200


def test_chunked_body(client, asset):
    info, _ = asset
    r = client.call("POST", "/assets/get_link", data=iter([b'["', info["id"].encode(), b'"]']))
    assert r.status_code == 200 and list(r.json()["links"]) == [info["id"]]


def test_unauthorized_post_body_is_consumed(sb, asset):
    info, _ = asset
    with requests.Session() as s:
        r = s.post(sb.api_url + V1 + "/search", json={"keyword": "x" * 5000}, timeout=10)
        assert_error(r, 401, "AUTHENTICATION_REQUIRED")
        r = s.get(
            sb.api_url + V1 + f"/assets/{info['id']}/data", headers={"X-FileSpin-Api-Key": sb.api_key}, timeout=10
        )
        assert r.status_code == 200


# -- persistence ------------------------------------------------------------------------------------------------------


def test_state_and_key_survive_restart(tmp_path):
    data = b"persistent" * 1000
    with Sandbox(tmp_path) as first:
        first.processing_delay = 0
        c = Client(first)
        info = c.make("keep.bin", data)
        pending = c.upload("pending.bin", b"later")
        key, urls = first.api_key, (first.api_url, first.storage.endpoint)
    with Sandbox(tmp_path) as second:
        assert second.api_key == key
        assert (second.api_url, second.storage.endpoint) == urls  # the same ports: stored URLs still work
        c = Client(second)
        assert c.call("GET", f"/assets/{info['id']}/data").json() == info
        assert download(c, info["id"]).content == data
        assert c.register(pending, b"later").status_code == 200  # issued before the restart
        assert {a["id"] for a in second.assets()} == {info["id"], pending}
        assert c.search(file_name="keep.bin").json()["result"] == [info["id"]]


def test_explicit_key_and_temp_dir(tmp_path):
    with Sandbox(api_key="my-key") as sb:
        data_dir = sb.data_dir
        assert sb.api_key == "my-key" and data_dir.exists()
        assert (
            requests.get(
                sb.api_url + V1 + "/search/x/1", headers={"X-FileSpin-Api-Key": "my-key"}, timeout=10
            ).status_code
            == 404
        )
    assert not data_dir.exists()


# -- secrecy ---------------------------------------------------------------------------------------------------------


def test_api_key_never_reaches_storage_or_logs(client, sb, asset, caplog):
    info, _ = asset
    caplog.set_level("DEBUG")
    link = client.call("GET", f"/assets/{info['id']}/get_link").json()["url"]
    assert requests.get(link, timeout=10).status_code == 200
    client.call("GET", "/search/nothing/1")
    requests.get(sb.api_url + V1 + "/search/x/1", headers={"X-FileSpin-Api-Key": sb.api_key + "-wrong"}, timeout=10)
    assert caplog.records, "the API logs each request at DEBUG"
    assert sb.api_key not in caplog.text
    assert not any(sb.api_key in str(rec) for rec in sb.storage.received)


def _raw(sb, request: bytes) -> bytes:
    import socket

    port = int(sb.api_url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request)
        chunks = []
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)


@pytest.mark.parametrize(
    "request_bytes,status,code",
    [
        (b"FOO /api/v1/search HTTP/1.1\r\nHost: x\r\n\r\n", 405, "METHOD_NOT_ALLOWED"),
        (b"GARBAGE\r\n\r\n", 400, "INVALID_PARAMETER"),
        (
            b"GET /api/v1/search/x/1 HTTP/1.1\r\nHost: x\r\nX-Long: " + b"a" * 70000 + b"\r\n\r\n",
            431,
            "REQUEST_TOO_LARGE",
        ),
    ],
)
def test_protocol_errors_are_json(sb, request_bytes, status, code):
    head, _, body = _raw(sb, request_bytes).partition(b"\r\n\r\n")
    assert head.split(b" ")[1] == str(status).encode(), head
    assert json.loads(body)["error"]["code"] == code
