"""What an Xvid download is called: Content-Disposition; else the link's path (`…/test1.mp4?Expires=…`, the
vendor's documented answer); else the file's name in the API; else its ID. Against the documented answer the
client used to save `54820cec18bac397e161aebc` with no extension. The sandbox gives the first two; a canned
server (real HTTP, scripted answers) gives links whose path names no file.
"""

from __future__ import annotations

import json

import pytest

from assetdrop.core.providers import xvid
from assetdrop.core.providers.registry import connect
from tests.conftest import write_file
from tests.support.canned_server import CannedServer

FILE_ID = "54820cec18bac397e161aebc"


@pytest.fixture
def provider(sandbox, http):
    creds = xvid.XvidCredentials(client_id=sandbox.xvid_client_id, client_secret=sandbox.xvid_client_secret)
    yield connect("xvid", http, sandbox.xvid_url, creds.secret, pipeline_id="pipe-names")
    sandbox.xvid.answer_shape, sandbox.xvid.link_disposition = "flat", False


@pytest.fixture
def uploaded(provider, tmp_path):
    source = tmp_path / "test1.mp4"
    write_file(source, 1000)
    return provider.upload(source).asset_id


def test_the_documented_answer_without_content_disposition_is_named_from_the_links_path(provider, uploaded, tmp_path):
    saved = provider.download(uploaded, tmp_path / "down")
    assert saved.path.name == "test1.mp4"


@pytest.fixture
def canned():
    with CannedServer() as server:
        yield server


def _script(canned, *, link_path: str, file_answer: tuple[int, dict], disposition: str = "") -> None:
    canned.route("/v1/files/downloads/", 200, json.dumps({"url": canned.url + link_path + "?Expires=1"}))
    headers = {"Content-Type": "application/octet-stream"}
    if disposition:
        headers["Content-Disposition"] = disposition
    canned.route(link_path, 200, b"the bytes", headers=headers)
    canned.route(f"/v1/files/{FILE_ID}", file_answer[0], json.dumps(file_answer[1]))


def test_content_disposition_wins_over_the_path_and_the_api(canned, http, tmp_path):
    _script(
        canned,
        link_path="/cdn/test1.mp4",
        file_answer=(200, {"file": {"id": FILE_ID, "name": "holiday.mp4"}}),
        disposition='attachment; filename="from-storage.mp4"',
    )
    provider = connect("xvid", http, canned.url + "/v1", token="t")
    assert provider.download(FILE_ID, tmp_path).path.name == "from-storage.mp4"
    assert not [r for r in canned.received if r[1].startswith(f"/v1/files/{FILE_ID}")]  # the API was not asked


def test_a_link_path_without_a_file_name_falls_back_to_the_apis_name(canned, http, tmp_path):
    _script(canned, link_path="/blob/8d1f", file_answer=(200, {"file": {"id": FILE_ID, "name": "holiday.mp4"}}))
    provider = connect("xvid", http, canned.url + "/v1", token="t")
    assert provider.download(FILE_ID, tmp_path).path.name == "holiday.mp4"


def test_with_no_name_anywhere_the_id_is_the_last_resort(canned, http, tmp_path):
    _script(canned, link_path="/blob/8d1f", file_answer=(404, {"error": {"error_code": "0x0230002"}}))
    provider = connect("xvid", http, canned.url + "/v1", token="t")
    assert provider.download(FILE_ID, tmp_path).path.name == FILE_ID
