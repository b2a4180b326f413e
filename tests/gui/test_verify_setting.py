"""The "verify downloads" setting reaches providers already built, and downloads from the sandbox honour it."""

from assetdrop.core import settings
from assetdrop.core.credentials import CredentialStore
from assetdrop.core.session import AppSession
from assetdrop.qt.settings_dialog import SettingsDialog


def test_turning_verification_off_applies_to_the_next_download(qtbot, tmp_path, sandbox, provider):
    asset_id = provider.upload(_file(tmp_path, b"verify me" * 1000)).asset_id
    conf = settings.Settings(profiles=[settings.Profile("sb", base_url=sandbox.api_url)], current_profile="sb")
    session = AppSession(
        conf,
        credentials=CredentialStore(session_only=True),
        store_path=tmp_path / "q.sqlite3",
        settings_path=tmp_path / "settings.json",
    )
    session.set_runtime_key("sb", sandbox.api_key)
    try:
        built = session.provider()
        checked = built.download(asset_id, tmp_path / "a")
        assert built.verify_downloads and checked.md5 is not None  # on by default: compared with the ETag
        dialog = SettingsDialog(session)
        qtbot.addWidget(dialog)
        assert dialog.verify.isChecked()
        dialog.verify.setChecked(False)
        dialog.apply()
        assert settings.load(tmp_path / "settings.json").verify_downloads is False
        unchecked = session.provider().download(asset_id, tmp_path / "b")
        assert unchecked.md5 is None and unchecked.path.read_bytes() == b"verify me" * 1000
    finally:
        session.close()


def _file(tmp_path, data: bytes):
    path = tmp_path / "v.bin"
    path.write_bytes(data)
    return path
