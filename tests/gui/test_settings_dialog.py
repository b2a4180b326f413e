"""Settings apply at once: concurrency, bandwidth limits, retry attempts, resume on start."""

from assetdrop.core import settings
from assetdrop.core.credentials import CredentialStore
from assetdrop.core.session import AppSession
from assetdrop.core.transfer import throttle
from assetdrop.qt.settings_dialog import SettingsDialog


def test_settings_apply_without_a_restart(qtbot, tmp_path):
    session = AppSession(
        settings.Settings(),
        credentials=CredentialStore(session_only=True),
        store_path=tmp_path / "q.sqlite3",
        settings_path=tmp_path / "settings.json",
    )
    dialog = SettingsDialog(session)
    qtbot.addWidget(dialog)
    assert dialog.upload_limit.text() == "Unlimited"
    dialog.concurrency.setValue(7)
    dialog.upload_limit.setValue(512)
    dialog.download_limit.setValue(2048)
    dialog.attempts.setValue(3)
    dialog.resume.setChecked(False)
    try:
        dialog.apply()
        assert (throttle.UPLOAD.limit_kib, throttle.DOWNLOAD.limit_kib) == (512, 2048)
        assert session.queue._limit == 7
        saved = settings.load(tmp_path / "settings.json")
        assert (saved.retry_attempts, saved.resume_on_start, saved.upload_limit_kib) == (3, False, 512)
    finally:
        throttle.configure(0, 0)
        session.close()
