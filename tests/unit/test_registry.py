"""Profiles of every kind build their provider; provider-specific options reach it."""

from __future__ import annotations

import json

import pytest

from assetdrop.core import errors
from assetdrop.core.http import HttpClient
from assetdrop.core.providers import filespin, memories, xvid
from assetdrop.core.providers.registry import make_provider
from assetdrop.core.settings import PROVIDER_KINDS, Profile


def test_every_kind_is_buildable():
    assert set(PROVIDER_KINDS) == {"filespin", "xvid", "memories"}
    with HttpClient() as http:
        assert isinstance(make_provider(Profile("f", "filespin", "https://a.example"), "k", http),
                          filespin.FileSpinProvider)
        secret = json.dumps({"client_id": "c", "client_secret": "c2VjcmV0"})
        xv = make_provider(Profile("x", "xvid", "https://api.xvid.com/v1", {
            "pipeline_id": "p", "link_options": {"format": "xml", "ip": "10.0.0.1"},
            "paths": {"downloads": "/files/intern/downloads/"}}), secret, http)
        assert isinstance(xv, xvid.XvidProvider) and xv.uses_hmac
        assert (xv.pipeline_id, xv.link_options.format, xv.paths.downloads) == ("p", "xml", "/files/intern/downloads/")
        mem = make_provider(Profile("m", "memories", "https://mavi-backend.memories.ai/serve/api/v2", {
            "paths": {"download": "/assets/{asset_id}"}, "upload_method": "put"}), "sk-mavi-x", http)
        assert isinstance(mem, memories.MemoriesProvider)
        assert (mem.paths.download, mem.upload_method) == ("/assets/{asset_id}", "PUT")
        with pytest.raises(errors.ConfigError):
            make_provider(Profile("z", "nope", "https://a.example"), "k", http)
