"""FileSpin's documented behaviour replayed against the sandbox as a user following the vendor's pages would send
it: plain `requests`, no Assetdrop code (docs/providers.md names each page). Each of these found the sandbox
kinder than the vendor before issue 15: `protocol` and `asset_id` ignored, 403 for a bad key, every asset OK at
once, no limits.
"""

from __future__ import annotations

import hashlib
import io
import time

import pytest
import requests
from PIL import Image

from assetdrop.sandbox.server import Sandbox

V1 = "/api/v1"


@pytest.fixture(scope="module")
def sb(tmp_path_factory):
    with Sandbox(tmp_path_factory.mktemp("filespin-docs"), rate_limits=False) as sandbox:
        yield sandbox


@pytest.fixture
def api(sb):
    session = requests.Session()
    session.headers["X-FileSpin-Api-Key"] = sb.api_key
    yield lambda method, path, **kw: session.request(method, sb.api_url + V1 + path, timeout=30, **kw)
    session.close()
    api_service = sb.filespin
    api_service.processing_delay, api_service.processing_error = 0.3, None
    api_service.not_ready_download, api_service.repeat_register_status, api_service.auth_refusal = "refuse", 409, None


def error_of(response: requests.Response) -> tuple[int, str]:
    return response.status_code, response.json()["error"]["code"]


def png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 90)).save(out, "PNG")
    return out.getvalue()


def upload(api, name: str, data: bytes, **params) -> str:
    """Steps 1 and 2 as the vendor's page shows them; returns the asset ID."""
    answer = api("GET", "/assets/new/content_storage_url", params={"filename": name, **params})
    assert answer.status_code == 200, answer.text
    storage = answer.json()["storage"]
    stored = requests.post(storage["url"], data=storage["fields"], files={"file": (name, data)}, timeout=30)
    assert stored.status_code in (200, 201, 204), stored.text
    return answer.json()["asset_id"]


def register(api, asset_id: str, data: bytes) -> requests.Response:
    body = {"asset_id": asset_id, "size": len(data), "checksum": hashlib.md5(data).hexdigest()}
    return api("POST", "/assets/new/register_asset", json=body)


def wait_status(api, asset_id: str, wanted: str, timeout: float = 10) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        data = api("GET", f"/assets/{asset_id}/data").json()
        if data["status"] == wanted or time.monotonic() > deadline:
            return data
        time.sleep(0.05)


# -- get-content-storage-url-get: the documented 400s ---------------------------------------------------------------


def test_a_storage_url_needs_a_filename(api):
    assert error_of(api("GET", "/assets/new/content_storage_url")) == (400, "MISSING_MANDATORY_PARAMETERS")


@pytest.mark.parametrize("protocol", ["PUT", "ftp"])
def test_a_protocol_other_than_post_is_an_invalid_request(api, protocol):
    answer = api("GET", "/assets/new/content_storage_url", params={"filename": "a.bin", "protocol": protocol})
    assert error_of(answer) == (400, "INVALID_REQUEST")
    ok = api("GET", "/assets/new/content_storage_url", params={"filename": "a.bin", "protocol": "POST"})
    assert ok.status_code == 200 and ok.json()["storage"]["protocol"] == "POST"


def test_an_asset_id_of_ones_own_is_used_and_an_existing_one_refused(api, sb):
    chosen = hashlib.md5(str(time.time()).encode()).hexdigest()
    data = b"chosen id" * 100
    assert upload(api, "mine.bin", data, asset_id=chosen) == chosen
    assert upload(api, "mine.bin", data, asset_id=chosen) == chosen  # not registered yet: asked again, a new URL
    assert register(api, chosen, data).json()["id"] == chosen
    again = api("GET", "/assets/new/content_storage_url", params={"filename": "mine.bin", "asset_id": chosen})
    assert error_of(again) == (400, "ASSET_ID_EXISTS")
    assert [a["id"] for a in sb.assets()].count(chosen) == 1


# -- auth: 401 for an invalid or missing key, 403 for the account's refusals ------------------------------------------


def test_a_missing_or_invalid_key_is_401(sb):
    url = sb.api_url + V1 + "/assets/new/content_storage_url?filename=a.bin"
    assert error_of(requests.get(url, timeout=10)) == (401, "AUTHENTICATION_REQUIRED")
    assert error_of(requests.get(url, headers={"X-FileSpin-Api-Key": "nope"}, timeout=10)) == (401, "INVALID_API_KEY")


@pytest.mark.parametrize(
    "refusal,code,words",
    [
        ("authentication_failed", "AUTHENTICATION_FAILED", "authentication failed"),
        ("account_disabled", "ACCOUNT_DISABLED", "user account is disabled"),
        ("upload_limit", "UPLOAD_LIMIT_EXCEEDED", "upload limit exceeded (FREE plan)"),
    ],
)
def test_the_documented_403s(api, sb, refusal, code, words):
    sb.filespin.auth_refusal = refusal
    answer = api("GET", "/assets/new/content_storage_url", params={"filename": "a.bin"})
    assert error_of(answer) == (403, code) and answer.json()["error"]["message"] == words
    search = api("POST", "/search", json={})
    assert search.status_code == (200 if refusal == "upload_limit" else 403)  # the plan's limit is on uploads


# -- processing after register_asset (asset-api: NOT_READY, then OK or ERROR) -----------------------------------------


def test_an_asset_is_not_ready_until_processed_then_ok_with_its_conversions(api, sb):
    sb.filespin.processing_delay = 0.5
    data = png(1200, 600)
    asset_id = upload(api, "wide.png", data)
    registered = register(api, asset_id, data).json()
    assert registered["status"] == "NOT_READY" and registered["conversions"] == {}
    assert api("GET", f"/assets/{asset_id}/data").json()["status"] == "NOT_READY"
    data_ok = wait_status(api, asset_id, "OK")
    assert data_ok["status"] == "OK" and set(data_ok["conversions"]) == {"thumbnail", "preview"}
    thumb = data_ok["conversions"]["thumbnail"]
    assert (thumb["width"], thumb["height"]) == (200, 100)
    link = api("GET", f"/assets/{asset_id}/get_link", params={"content_key": "thumbnail"}).json()["url"]
    fetched = requests.get(link, timeout=10)
    assert (
        fetched.headers["Content-Type"] == "image/jpeg"
        and 'filename="wide-thumbnail.jpg"' in (fetched.headers["Content-Disposition"])
    )
    assert Image.open(io.BytesIO(fetched.content)).size == (200, 100)
    streamed = api("GET", f"/assets/{asset_id}/content/preview/download")
    assert streamed.status_code == 200 and Image.open(io.BytesIO(streamed.content)).size == (800, 400)


def test_a_file_that_is_no_image_has_no_conversions(api, sb):
    sb.filespin.processing_delay = 0
    data = b"not an image" * 10
    asset_id = upload(api, "fake.png", data)
    register(api, asset_id, data)
    assert wait_status(api, asset_id, "OK")["conversions"] == {}
    answer = api("GET", f"/assets/{asset_id}/get_link", params={"content_key": "thumbnail"})
    assert error_of(answer) == (404, "CONTENT_KEY_NOT_FOUND")


def test_processing_can_end_in_error_with_a_message(api, sb):
    sb.filespin.processing_delay, sb.filespin.processing_error = 0, "the file is damaged"
    data = b"broken" * 10
    asset_id = upload(api, "broken.mov", data)
    register(api, asset_id, data)
    failed = wait_status(api, asset_id, "ERROR")
    assert failed["status"] == "ERROR" and failed["message"] == "the file is damaged"
    assert error_of(api("GET", f"/assets/{asset_id}/get_link")) == (409, "ASSET_PROCESSING_FAILED")


def test_reading_an_asset_not_ready_is_refused_or_served_by_the_switch(api, sb):
    sb.filespin.processing_delay = 30
    data = b"soon" * 100
    asset_id = upload(api, "soon.bin", data)
    register(api, asset_id, data)
    assert error_of(api("GET", f"/assets/{asset_id}/get_link")) == (409, "ASSET_NOT_READY")
    assert error_of(api("GET", f"/assets/{asset_id}/content/original/download")) == (409, "ASSET_NOT_READY")
    batch = api("POST", "/assets/get_link", json=[asset_id]).json()
    assert batch["links"] == {} and batch["not_ready"] == [asset_id]
    sb.filespin.not_ready_download = "serve"
    assert api("GET", f"/assets/{asset_id}/content/original/download").content == data


@pytest.mark.parametrize("status", [409, 400, 422])
def test_a_repeated_registration_answers_the_switchs_status_and_registers_nothing(api, sb, status):
    sb.filespin.repeat_register_status = status
    data = b"twice" * 50
    asset_id = upload(api, "twice.bin", data)
    assert register(api, asset_id, data).status_code == 200
    assert error_of(register(api, asset_id, data)) == (status, "ASSET_ID_EXISTS")
    assert [a["id"] for a in sb.assets()].count(asset_id) == 1


# -- rate-limits: ~30 requests a second per API, and the long-lived limit on invalid requests ---------------------


@pytest.fixture
def limited(tmp_path):
    with Sandbox(tmp_path / "limited") as sandbox:  # the defaults: limits on
        yield sandbox


def test_over_30_requests_a_second_to_one_api_get_429_until_it_clears(limited):
    limited.filespin.rate_limit.cooldown = 2.0  # the vendor: "within a minute"; 60 s by default
    session = requests.Session()
    session.headers["X-FileSpin-Api-Key"] = limited.api_key
    search = limited.api_url + V1 + "/search"
    statuses = [session.post(search, json={}, timeout=10).status_code for _ in range(40)]
    assert statuses[:30] == [200] * 30 and 429 in statuses[30:]
    refused = session.post(search, json={}, timeout=10)
    assert error_of(refused) == (429, "RATE_LIMIT_EXCEEDED")
    other = session.get(limited.api_url + V1 + "/assets/new/content_storage_url?filename=a", timeout=10)
    assert other.status_code == 200  # per API
    time.sleep(2.1)
    assert session.post(search, json={}, timeout=10).status_code == 200


def test_too_many_invalid_requests_stop_everything_until_reset(limited):
    limited.filespin.rate_limit.enabled = False  # the per-API limit would answer first; this is the other one
    bad = {"X-FileSpin-Api-Key": "wrong"}
    good = {"X-FileSpin-Api-Key": limited.api_key}
    data_of = limited.api_url + V1 + "/assets/{}/data"
    statuses = [requests.get(data_of.format("0" * 32), headers=good, timeout=10).status_code for _ in range(60)]
    statuses += [requests.get(data_of.format("1" * 32), headers=bad, timeout=10).status_code for _ in range(45)]
    assert set(statuses[:100]) == {404, 401} and 429 in statuses[100:]
    answer = requests.post(limited.api_url + V1 + "/search", json={}, headers=good, timeout=10)
    assert error_of(answer) == (429, "TOO_MANY_INVALID_REQUESTS")
    limited.filespin.invalid_limit.reset()
    assert requests.post(limited.api_url + V1 + "/search", json={}, headers=good, timeout=10).status_code == 200


def test_the_limits_are_a_switch(limited):
    limited.rate_limits = False
    session = requests.Session()
    session.headers["X-FileSpin-Api-Key"] = limited.api_key
    assert {session.post(limited.api_url + V1 + "/search", json={}, timeout=10).status_code for _ in range(50)} == {200}
