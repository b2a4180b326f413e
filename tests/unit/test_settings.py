"""Profiles round-trip through the settings file; a damaged file is a clear error, not a crash."""

import json

import pytest

from assetdrop.core import errors, paths, settings


def test_profiles_round_trip_and_never_hold_keys(tmp_path):
    conf = settings.Settings(current_profile="Work")
    conf.upsert(settings.Profile("Work", base_url="https://app.filespin.io",
                                 options={"paths": {"search": "/api/v1/assets/search"}}))
    settings.save(conf)
    assert settings.settings_path().parent == paths.config_dir()
    loaded = settings.load()
    assert loaded.profile(None).options["paths"]["search"] == "/api/v1/assets/search"
    assert "key" not in json.dumps(json.loads(settings.settings_path().read_text())).lower().replace("keys", "")
    with pytest.raises(errors.ConfigError, match="No profile named 'Nope'"):
        loaded.profile("Nope")


def test_damaged_settings_file(tmp_path):
    settings.settings_path().write_text("{not json")
    with pytest.raises(errors.ConfigError, match="could not be read"):
        settings.load()


def test_directories_follow_the_override(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSETDROP_HOME", str(tmp_path))
    assert paths.config_dir() == tmp_path / "config" and paths.log_dir() == tmp_path / "log"
    assert settings.Settings().effective_download_dir() == tmp_path / "downloads"


def test_profile_path_overrides_reach_the_provider():
    from assetdrop.core.http import HttpClient
    from assetdrop.core.providers.registry import make_provider

    profile = settings.Profile("p", base_url="http://127.0.0.1:1", options={
        "paths": {"get_link": "/v2/{asset_id}/link", "bogus": "/x"}, "link_expiry": 120})
    provider = make_provider(profile, "k", HttpClient())
    assert provider.paths.get_link == "/v2/{asset_id}/link" and provider.link_expiry == 120
    with pytest.raises(errors.ConfigError, match="does not know"):
        make_provider(settings.Profile("q", kind="ftp", base_url="http://x"), "k", HttpClient())
