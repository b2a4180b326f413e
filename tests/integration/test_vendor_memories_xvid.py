"""memories.ai's and Xvid's documented behaviour replayed against the sandbox with plain `requests`, as the vendors'
pages show it (docs/providers.md). Before issue 15 the sandbox had no memories.ai states or limits, answered Xvid
downloads in a shape of its own with a file name always attached, and ignored `Accept: application/xml`.
"""

from __future__ import annotations

import time
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

import pytest
import requests

from assetdrop.sandbox.server import Sandbox


@pytest.fixture(scope="module")
def sb(tmp_path_factory):
    with Sandbox(tmp_path_factory.mktemp("vendor-docs"), rate_limits=False) as sandbox:
        yield sandbox


@pytest.fixture
def mem(sb):
    def call(method: str, path: str, **kw) -> requests.Response:
        headers = {"Authorization": sb.memories_key, **kw.pop("headers", {})}
        return requests.request(method, sb.memories_url + path, headers=headers, timeout=30, **kw)

    yield call
    m = sb.memories
    m.processing_delay, m.failure_message, m.not_ready_download, m.limit_status = 0.3, None, "refuse", 429


def signed_upload(mem, name: str, data: bytes) -> str:
    """The vendor's sample: ask for a signed URL, then POST a form whose `file` part is the content."""
    answer = mem("POST", "/upload/signed-url", json={"original_filename": name}).json()
    assert answer["success"] is True and answer["data"]["expires_in"] == 93600
    sent = requests.post(answer["data"]["signed_url"], files={"file": (name, data)}, timeout=30)
    assert sent.status_code in (200, 201, 204), sent.text
    return answer["data"]["asset_id"]


def status_of(mem, asset_id: str) -> str:
    return mem("GET", f"/{asset_id}/status").json()["data"]["upload_status"]


# -- memories.ai ------------------------------------------------------------------------------------------------------


def test_memories_states_waiting_uploading_success_and_only_success_downloads(mem, sb):
    sb.memories.processing_delay = 0.5
    answer = mem("POST", "/upload/signed-url", json={"original_filename": "clip.mp4"}).json()["data"]
    assert status_of(mem, answer["asset_id"]) == "WAITING"
    requests.post(answer["signed_url"], files={"file": ("clip.mp4", b"frames" * 100)}, timeout=30)
    assert status_of(mem, answer["asset_id"]) == "UPLOADING"
    refused = mem("GET", f"/{answer['asset_id']}/download")
    assert refused.status_code == 400 and refused.json()["failed"] is True
    time.sleep(0.6)
    assert status_of(mem, answer["asset_id"]) == "SUCCESS"
    fetched = mem("GET", f"/{answer['asset_id']}/download")
    assert fetched.status_code == 200 and fetched.content == b"frames" * 100
    assert 'filename="clip.mp4"' in fetched.headers["Content-Disposition"]


def test_memories_failed_upload(mem, sb):
    sb.memories.processing_delay, sb.memories.failure_message = 0, "unsupported codec"
    asset_id = signed_upload(mem, "bad.avi", b"x" * 10)
    assert status_of(mem, asset_id) == "FAILED"
    assert mem("GET", f"/{asset_id}/status").json()["data"]["message"] == "unsupported codec"
    assert mem("GET", f"/{asset_id}/download").status_code == 400


def test_memories_not_found_is_a_400(mem):
    for path in ("/re_123/download", "/re_123/status"):
        answer = mem("GET", path)
        assert answer.status_code == 400 and answer.json()["code"] == 400 and answer.json()["success"] is False


def test_memories_signed_url_takes_the_samples_post_not_a_put_by_default(mem, sb):
    data = mem("POST", "/upload/signed-url", json={"original_filename": "a.mp4"}).json()["data"]
    assert requests.put(data["signed_url"], data=b"raw", timeout=30).status_code == 403
    assert requests.post(data["signed_url"], files={"file": ("a.mp4", b"raw")}, timeout=30).status_code in (200, 204)


@pytest.mark.parametrize("status,message", [(429, "Too many requests"), (400, "Request has exceeded the limit.")])
def test_memories_rate_limit_as_429_or_its_400(tmp_path, status, message):
    with Sandbox(tmp_path / "limited") as limited:  # limits on, as the vendor has them
        limited.memories.limit_status = status
        headers = {"Authorization": limited.memories_key}
        answers = [requests.get(limited.memories_url + "/re_1/status", headers=headers, timeout=10) for _ in range(15)]
    assert [a.status_code for a in answers[:10]] == [400] * 10  # not found: counted, answered
    refused = answers[-1]
    assert refused.status_code == status and refused.json()["msg"] == message and refused.json()["failed"] is True


# -- Xvid -------------------------------------------------------------------------------------------------------------


@pytest.fixture
def xvid(sb, tmp_path):
    """A file uploaded through the vendor's three steps, and a Bearer session for the API."""
    token = requests.post(
        sb.xvid_url + "/oauth2/token/",
        data={
            "grant_type": "client_credential",
            "client_id": sb.xvid_client_id,
            "client_secret": sb.xvid_client_secret,
        },
        timeout=10,
    ).json()["access_token"]
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {token}"
    upload = session.post(
        sb.xvid_url + "/files/uploads/", params={"object_key": "uploads/test1.mp4", "pipeline_id": "p1"}, timeout=10
    ).json()["upload"]
    stored = requests.post(
        upload["form_post_url"], data=upload["form_post_params"], files={"file": ("test1.mp4", b"mp4" * 99)}, timeout=10
    )
    assert stored.status_code == 201
    session.put(sb.xvid_url + f"/files/uploads/{upload['id']}", json={"upload": {"nb_chunks": 1}}, timeout=10)
    yield session, upload["file"]["id"]
    sb.xvid.answer_shape, sb.xvid.link_disposition = "flat", False


def test_xvid_download_answer_is_the_documented_flat_url_and_its_link_names_no_file(sb, xvid):
    session, file_id = xvid
    answer = session.get(sb.xvid_url + "/files/downloads/", params={"file_id": file_id}, timeout=10)
    assert list(answer.json()) == ["url"]
    link = answer.json()["url"]
    assert unquote(urlsplit(link).path).endswith("/test1.mp4")  # like https://cdn…/test1.mp4?Expires=…
    fetched = requests.get(link, timeout=10)
    assert fetched.content == b"mp4" * 99 and "Content-Disposition" not in fetched.headers


def test_xvid_wrapped_answer_and_named_links_are_switches(sb, xvid):
    session, file_id = xvid
    sb.xvid.answer_shape, sb.xvid.link_disposition = "wrapped", True
    answer = session.get(sb.xvid_url + "/files/downloads/", params={"file_id": file_id}, timeout=10).json()
    assert set(answer["download"]) == {"file_id", "name", "expiry_time", "url"}
    assert 'filename="test1.mp4"' in requests.get(answer["download"]["url"], timeout=10).headers["Content-Disposition"]


def test_xvid_accept_xml_is_honoured_and_format_overrides_it(sb, xvid):
    session, file_id = xvid
    url = sb.xvid_url + "/files/downloads/"
    as_xml = session.get(url, params={"file_id": file_id}, headers={"Accept": "application/xml"}, timeout=10)
    assert as_xml.headers["Content-Type"].startswith("application/xml")
    assert ElementTree.fromstring(as_xml.content).findtext("url").startswith("http")
    overridden = session.get(
        url, params={"file_id": file_id, "format": "json"}, headers={"Accept": "application/xml"}, timeout=10
    )
    assert overridden.headers["Content-Type"].startswith("application/json") and "url" in overridden.json()
    missing = session.get(url, params={"file_id": "0" * 24}, headers={"Accept": "application/xml"}, timeout=10)
    assert missing.status_code == 404 and ElementTree.fromstring(missing.content).findtext("error_code") == "0x0230002"
