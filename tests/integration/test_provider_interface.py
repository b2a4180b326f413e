"""The app-facing Provider interface, FileSpin over the sandbox: what the window and the CLI call."""

from __future__ import annotations

import uuid

import pytest

from assetdrop.core import errors
from assetdrop.core.providers.base import Provider
from assetdrop.core.providers.registry import connect
from tests.conftest import md5_of, write_file


def test_filespin_is_a_provider(provider):
    assert isinstance(provider, Provider)


def test_upload_info_search_link_download(sandbox, provider, tmp_path):
    tag = uuid.uuid4().hex[:10]
    sources = [tmp_path / f"{tag} photo {i}.jpg" for i in range(3)]
    outcomes = [provider.upload(path) for path in sources if write_file(path, 1000 + path.name.__len__())]
    info = provider.asset_info(outcomes[0].asset_id)
    assert (info.name, info.size, info.checksum) == (sources[0].name, sources[0].stat().st_size, outcomes[0].md5)
    assert info.content_type == "image/jpeg" and info.uploaded.endswith("Z")

    page1 = provider.search(tag, page_size=2)
    assert page1.total == 3 and page1.total_pages == 2 and len(page1.items) == 2
    page2 = provider.search(tag, page=2, cursor=page1.cursor, page_size=2)
    found = {item.asset_id for item in page1.items + page2.items}
    assert found == {o.asset_id for o in outcomes}

    link = provider.signed_link(outcomes[1].asset_id)
    assert link.startswith(sandbox.storage.endpoint) and "X-Amz-Signature" in link
    result = provider.download(outcomes[1].asset_id, tmp_path / "d")
    assert md5_of(result.path) == outcomes[1].md5


def test_check_connection_in_words(sandbox, provider, http):
    assert provider.check_connection().startswith(f"Connected to {sandbox.api_url}: the API key works")
    with pytest.raises(errors.AuthError, match="rejected the API key"):
        connect("filespin", http, sandbox.api_url, "sbx_wrong").check_connection()


def test_a_rendition_is_asked_for_by_its_key_and_refused_where_there_are_none(sandbox, provider, http, tmp_path):
    """FileSpin downloads a conversion by its content key (the sandbox has made none for this asset: 404 in
    words); memories.ai declares no renditions, so asking is refused before any request."""
    source = tmp_path / "r.bin"
    write_file(source, 1000)
    outcome = provider.upload(source)
    assert provider.asset_info(outcome.asset_id).renditions == ()
    with pytest.raises(errors.NotFoundError, match="CONTENT_KEY_NOT_FOUND"):
        provider.download(outcome.asset_id, tmp_path / "d", rendition="720p-video")
    memories = connect("memories", http, sandbox.memories_url, sandbox.memories_key)
    with pytest.raises(errors.ClientRequestError, match="memories.ai has no documented renditions"):
        memories.download("re_1234567", tmp_path / "m", rendition="thumb")
