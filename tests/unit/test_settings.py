"""Profiles round-trip through the settings file; a damaged file is a clear error, not a crash."""

import json

import pytest

from assetdrop.core import errors, paths, settings


def test_profiles_round_trip_and_never_hold_keys(tmp_path):
    conf = settings.Settings(current_profile="Work")
    conf.upsert(
        settings.Profile("Work", base_url="https://app.filespin.io", options={"path_search": "/api/v1/assets/search"})
    )
    settings.save(conf)
    assert settings.settings_path().parent == paths.config_dir()
    loaded = settings.load()
    assert loaded.profile(None).options["path_search"] == "/api/v1/assets/search"
    assert "key" not in json.dumps(json.loads(settings.settings_path().read_text())).lower().replace("keys", "")
    with pytest.raises(errors.ConfigError, match="No profile named 'Nope'"):
        loaded.profile("Nope")


def test_a_damaged_settings_file_is_moved_aside_and_the_defaults_used(tmp_path):
    path = settings.settings_path()
    for damaged in ("{not json", "[1, 2]", "\x00\x01 garbage"):
        path.write_text(damaged)
        conf = settings.load()
        moved = settings.damaged_file_moved_to(conf)
        assert moved is not None and moved.read_text() == damaged and not path.exists()
        assert conf.profiles == [] and conf.concurrency == settings.Settings().concurrency
        moved.unlink()
    path.write_text('{"concurrency": "eight", "retry_attempts": 3, "include_hidden": 1}')
    conf = settings.load()  # a value of the wrong kind is the default; the rest is kept
    assert (conf.concurrency, conf.retry_attempts, conf.include_hidden) == (4, 3, False)
    assert settings.damaged_file_moved_to(conf) is None


def test_settings_and_their_folder_are_private(tmp_path):
    import os
    import stat

    settings.save(settings.Settings())
    assert stat.S_IMODE(os.stat(settings.settings_path()).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(paths.config_dir()).st_mode) == 0o700
    os.chmod(paths.data_dir(), 0o755)
    assert stat.S_IMODE(os.stat(paths.data_dir()).st_mode) == 0o700  # tightened when next used


def test_directories_follow_the_override(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSETDROP_HOME", str(tmp_path))
    assert paths.config_dir() == tmp_path / "config" and paths.log_dir() == tmp_path / "log"
    assert settings.Settings().effective_download_dir() == tmp_path / "downloads"


def test_profile_path_overrides_reach_the_provider():
    from assetdrop.core.http import HttpClient
    from assetdrop.core.providers.registry import build

    profile = settings.Profile(
        "p",
        base_url="http://127.0.0.1:1",
        options={"path_get_link": "/v2/{asset_id}/link", "bogus": "/x", "link_expiry": 120},
    )
    provider = build(profile.endpoint, "k", HttpClient())
    assert provider.paths.get_link == "/v2/{asset_id}/link" and provider.link_expiry == 120
    with pytest.raises(errors.ConfigError, match="does not know"):
        build(settings.Profile("q", kind="ftp", base_url="http://x").endpoint, "k", HttpClient())
