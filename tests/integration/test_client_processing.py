"""The client on top of the strict sandbox: it waits for processing, reports a vendor failure in the vendor's words,
registers once whatever status a repeated registration gets, asks for a new storage URL when the stored one cannot
be used, and offers thumbnails. Real sockets, a real Sandbox; faults from a real HTTP proxy.
"""

from __future__ import annotations

import io
import json
import socket
import time

import pytest
import requests
from PIL import Image

from assetdrop.core import errors
from assetdrop.core.providers.filespin.upload import FileSpinUploadState
from assetdrop.core.providers.registry import connect
from assetdrop.core.transfer.job import Job
from assetdrop.core.transfer.progress import Phase
from assetdrop.sandbox.server import Sandbox
from tests.conftest import write_file
from tests.support.api_fault_proxy import ApiFaultProxy, Rule
from tests.support.jobs import resumable


@pytest.fixture(scope="module")
def sb(tmp_path_factory):
    with Sandbox(tmp_path_factory.mktemp("client-processing"), rate_limits=False) as sandbox:
        yield sandbox


@pytest.fixture
def fs(sb, http):
    yield connect("filespin", http, sb.api_url, sb.api_key)
    api = sb.filespin
    api.processing_delay, api.processing_error, api.repeat_register_status, api.auth_refusal = 0.3, None, 409, None
    sb.memories.processing_delay, sb.memories.failure_message = 0.3, None


def phases(job_progress: list) -> list[Phase]:
    seen: list[Phase] = []
    for progress in job_progress:
        if not seen or seen[-1] is not progress.phase:
            seen.append(progress.phase)
    return seen


def test_an_upload_waits_until_filespin_has_processed_it(sb, fs, tmp_path):
    sb.filespin.processing_delay = 1.5
    source = tmp_path / "slow.bin"
    write_file(source, 1000)
    reports: list = []
    started = time.monotonic()
    outcome = fs.upload(source, Job(progress=reports.append))
    waited = time.monotonic() - started
    assert phases(reports)[-2:] == [Phase.PROCESSING, Phase.DONE] and 1.5 <= waited < 5
    assert fs.asset_info(outcome.asset_id).status == "OK"
    ticks = [p for p in reports if p.phase is Phase.PROCESSING]
    assert len(ticks) >= 2  # the row's clock moves while it waits


def test_without_wait_ready_the_upload_returns_at_registration(sb, http, tmp_path):
    sb.filespin.processing_delay = 30
    provider = connect("filespin", http, sb.api_url, sb.api_key, wait_ready=False)
    source = tmp_path / "nowait.bin"
    write_file(source, 10)
    reports: list = []
    outcome = provider.upload(source, Job(progress=reports.append))
    assert Phase.PROCESSING not in phases(reports) and outcome.asset["status"] == "NOT_READY"
    sb.filespin.processing_delay = 0.3


def test_a_vendor_error_fails_the_upload_with_its_message_and_a_retry_registers_nothing_new(sb, fs, tmp_path):
    sb.filespin.processing_error = "the video track is unreadable"
    source = tmp_path / "damaged.mov"
    write_file(source, 2000)
    job, _ = resumable()
    with pytest.raises(errors.ProcessingFailed) as failed:
        fs.upload(source, job)
    assert failed.value.message == "FileSpin could not process damaged.mov: the video track is unreadable."
    assert failed.value.title == "Processing failed" and not failed.value.retryable
    before = len(sb.assets())
    with pytest.raises(errors.ProcessingFailed):
        fs.upload(source, Job(state=job.state))  # Retry: the saved state says it is registered
    assert len(sb.assets()) == before


def test_a_download_asked_for_too_soon_waits_and_then_succeeds(sb, fs, tmp_path):
    sb.filespin.processing_delay = 30
    source = tmp_path / "early.bin"
    write_file(source, 500)
    asset_id = connect("filespin", fs.http, sb.api_url, sb.api_key, wait_ready=False).upload(source).asset_id
    with pytest.raises(errors.NotReady, match="still processing") as early:
        fs.download(asset_id, tmp_path / "down")
    assert early.value.retryable and early.value.status is None  # the retry policy retries it
    sb.filespin.not_ready_download = "serve"
    try:
        assert fs.download(asset_id, tmp_path / "down").size == 500
    finally:
        sb.filespin.not_ready_download = "refuse"


@pytest.mark.parametrize("repeat_status", [400, 422])
def test_a_lost_registration_answer_is_confirmed_by_reading_whatever_the_repeat_gets(sb, http, tmp_path, repeat_status):
    sb.filespin.repeat_register_status = repeat_status  # no 409 anywhere in this test
    proxy = ApiFaultProxy(sb.api_url)
    try:
        proxy.add(Rule("POST", r"/register_asset", after="500"))  # registered; the client hears a 500
        provider = connect("filespin", http, proxy.url, sb.api_key)
        source = tmp_path / "once.bin"
        write_file(source, 3000)
        job, _ = resumable()
        with pytest.raises(errors.ServerError):
            provider.upload(source, job)
        outcome = provider.upload(source, Job(state=job.state))  # the next attempt, from the saved state
        statuses = [r.status for r in proxy.log if "register_asset" in r.target]
        assert statuses == [500, repeat_status]
        assert [a["id"] for a in sb.assets()].count(outcome.asset_id) == 1
        assert any(f"/{outcome.asset_id}/data" in r.target for r in proxy.log)
    finally:
        proxy.close()


@pytest.mark.parametrize("differs", ["checksum", "size"])
def test_a_repeat_registration_is_accepted_only_when_the_asset_holds_these_bytes(sb, http, tmp_path, differs):
    """The 4xx to a repeated register_asset is taken as "already registered" only after reading the asset back
    and finding this upload's size and checksum; an asset holding other bytes is an error, never a success."""
    sb.filespin.repeat_register_status = 409
    proxy = ApiFaultProxy(sb.api_url)
    try:
        proxy.add(Rule("POST", r"/register_asset", after="500"))  # registered; the client hears a 500
        provider = connect("filespin", http, proxy.url, sb.api_key)
        source = tmp_path / f"other-{differs}.bin"
        write_file(source, 3000)
        job, _ = resumable()
        with pytest.raises(errors.ServerError):
            provider.upload(source, job)
        state = json.loads(job.state)
        if differs == "checksum":  # the saved state says other bytes were stored under this asset ID
            state["stored"]["md5"] = "0" * 32
        else:
            state["stored"]["size"] += 1
        with pytest.raises(errors.AssetdropError) as raised:
            provider.upload(source, Job(state=json.dumps(state)))
        assert raised.value.status == 409 and not isinstance(raised.value, errors.ServerError)
        assert [r.status for r in proxy.log if "register_asset" in r.target] == [500, 409]
    finally:
        sb.filespin.repeat_register_status = 409
        proxy.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("breakage", ["connection refused", "storage 403", "storage 404"])
def test_a_stored_storage_url_that_cannot_be_used_is_replaced(sb, fs, tmp_path, breakage):
    target = fs.content_storage_url("stale.bin")
    url, fields = target.url, dict(target.fields)
    if breakage == "connection refused":
        url = f"http://127.0.0.1:{_free_port()}/{sb.storage.bucket}"  # storage moved (a restart on other ports)
    elif breakage == "storage 403":
        fields["x-amz-signature"] = "0" * 64  # storage's keys changed
    else:
        url = url.rstrip("/").rsplit("/", 1)[0] + "/no-such-bucket"
    stale = FileSpinUploadState(target.asset_id, time.time(), type(target)(target.asset_id, url, fields, 86400))
    source = tmp_path / "stale.bin"
    write_file(source, 4000)
    outcome = fs.upload(source, Job(state=json.dumps(stale.to_json())))
    ids = [a["id"] for a in sb.assets()]
    assert outcome.asset_id != target.asset_id and ids.count(outcome.asset_id) == 1 and target.asset_id not in ids


def test_thumbnail_link_points_at_a_small_image_rendition(sb, fs, tmp_path):
    source = tmp_path / "photo.png"
    Image.new("RGB", (1000, 750), (10, 120, 200)).save(source)
    outcome = fs.upload(source)
    info = fs.asset_info(outcome.asset_id)
    assert set(info.renditions) == {"thumbnail", "preview"}
    link = fs.thumbnail_link(info)
    assert link is not None and sb.api_key not in link
    shown = requests.get(link, timeout=10)
    assert shown.headers["Content-Disposition"].startswith("inline")
    assert Image.open(io.BytesIO(shown.content)).size == (200, 150)
    saved = fs.download(outcome.asset_id, tmp_path / "down", rendition="preview")
    assert saved.path.name == "photo-preview.jpg" and Image.open(saved.path).size == (800, 600)
    other = tmp_path / "notes.txt"
    write_file(other, 10)
    assert fs.thumbnail_link(fs.asset_info(fs.upload(other).asset_id)) is None


def test_a_refused_account_reads_as_such_not_as_a_bad_key(sb, fs, tmp_path):
    sb.filespin.auth_refusal = "account_disabled"
    source = tmp_path / "refused.bin"
    write_file(source, 10)
    with pytest.raises(errors.AuthError) as refused:
        fs.upload(source)
    assert refused.value.title == "Not allowed" and refused.value.status == 403
    assert refused.value.message.startswith("The server refused this key or account: user account is disabled")


# -- memories.ai ----------------------------------------------------------------------------------------------------


@pytest.fixture
def mem(sb, http):
    return connect("memories", http, sb.memories_url, sb.memories_key)


def test_a_memories_upload_waits_for_success_then_downloads(sb, fs, mem, tmp_path):
    sb.memories.processing_delay = 1.2
    source = tmp_path / "clip.mp4"
    write_file(source, 5000)
    reports: list = []
    outcome = mem.upload(source, Job(progress=reports.append))
    assert Phase.PROCESSING in phases(reports)
    assert mem.download(outcome.asset_id, tmp_path / "down").size == 5000  # SUCCESS: it can be used at once


def test_a_memories_failure_fails_the_upload_and_a_retry_uploads_it_again(sb, fs, mem, tmp_path):
    sb.memories.processing_delay, sb.memories.failure_message = 0, "unsupported codec"
    source = tmp_path / "bad.avi"
    write_file(source, 100)
    job, saves = resumable()
    with pytest.raises(errors.ProcessingFailed, match="memories.ai could not process bad.avi: unsupported codec"):
        mem.upload(source, job)
    first = saves[-1]["asset_id"]
    sb.memories.failure_message = None
    outcome = mem.upload(source, Job(state=job.state))  # the vendor says to upload a FAILED one again
    assert outcome.asset_id != first


def test_a_memories_download_too_soon_waits(sb, http, mem, tmp_path):
    sb.memories.processing_delay = 30
    source = tmp_path / "soon.mp4"
    write_file(source, 100)
    asset_id = connect("memories", http, sb.memories_url, sb.memories_key, wait_ready=False).upload(source).asset_id
    with pytest.raises(errors.NotReady, match="UPLOADING"):
        mem.download(asset_id, tmp_path / "down")


@pytest.mark.parametrize("status", [429, 400])
def test_memories_limits_are_rate_limits_for_the_client(tmp_path, http, status):
    with Sandbox(tmp_path / "limited") as limited:
        limited.memories.limit_status = status
        # The client unpaced (its own pacing keeps under the limit: tests/integration/test_pacing_sandbox.py)
        provider = connect("memories", http, limited.memories_url, limited.memories_key, requests_per_second=0)
        with pytest.raises(errors.RateLimited) as limited_error:
            for _ in range(20):
                try:
                    provider.download("re_1", tmp_path)
                except errors.ClientRequestError:
                    pass  # not found, until the limit answers
    assert limited_error.value.retryable and limited_error.value.status == status
