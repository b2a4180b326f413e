"""'Copy diagnostics' holds versions, profile kinds and hosts and the last log lines, and never a key, an HMAC
secret or a URL signature, even when the log or a profile address carries them."""

from __future__ import annotations

import logging
import os

from assetdrop.core import diagnostics, logsetup
from assetdrop.core.redact import register_secret
from assetdrop.core.settings import Profile, Settings
from tests.support.log_scan import remember, scan

KEY = "diag-key-0a1b2c3d4e5f"
HMAC = "ZGlhZy1obWFjLXNlY3JldC0wMTIzNDU2Nzg5"
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # as tests/gui does

SIGNED = "https://cdn.example/o/k?X-Amz-Credential=AKIADIAG&X-Amz-Signature=99887766554433221100aabb"


def _settings():
    return Settings(
        profiles=[
            Profile(
                "Work",
                "filespin",
                f"https://user:{KEY}@api.example.com:8443/api?api_key={KEY}",
                options={"ca_bundle": "/etc/corp-ca.pem"},
            ),
            Profile("Video", "xvid", "https://api.xvid.com/v1"),
        ],
        current_profile="Work",
    )


def test_report_has_what_support_needs_and_no_secret(tmp_path):
    remember(KEY)
    remember(HMAC)
    register_secret(KEY)
    register_secret(f'{{"client_id": "cid-diag-01", "client_secret": "{HMAC}"}}')
    log_path = logsetup.configure(
        log_path=tmp_path / "assetdrop.planted"
    )  # not .log: an unredacted line is planted below
    logging.getLogger("assetdrop.test").warning("download of %s failed with key %s secret %s", SIGNED, KEY, HMAC)
    for handler in logging.getLogger().handlers:
        handler.flush()
    # a log written by an older version, before redaction: the report still cleans it
    with open(log_path, "a", encoding="utf-8") as handle:
        handle.write(f"old line {SIGNED} X-FileSpin-Api-Key: {KEY} {HMAC}\n")
    text = diagnostics.report(_settings(), log_path=log_path, extra={"Qt": "6.x"})
    assert "Assetdrop " in text and "Python " in text and "Qt: 6.x" in text
    assert "Work (current): filespin at https://api.example.com:8443, own CA bundle" in text
    assert "Video: xvid at https://api.xvid.com" in text
    assert "cdn.example/o/k" in text and "download of" in text and "old line" in text
    for secret in (KEY, HMAC, "AKIADIAG", "99887766554433221100aabb"):
        assert secret not in text
    (tmp_path / "report").mkdir()
    (tmp_path / "report" / "diagnostics.txt").write_text(text)
    assert scan(tmp_path / "report", {KEY, HMAC}, pattern="*.txt") == []


def test_help_menu_copies_the_report(qtbot, tmp_path):
    from PySide6.QtGui import QGuiApplication

    from assetdrop.core.credentials import CredentialStore
    from assetdrop.core.session import AppSession
    from assetdrop.qt.bridge import QueueBridge
    from assetdrop.qt.main_window import MainWindow

    session = AppSession(
        _settings(),
        credentials=CredentialStore(session_only=True),
        store_path=tmp_path / "q.sqlite3",
        settings_path=tmp_path / "settings.json",
    )
    window = MainWindow(session, QueueBridge())
    qtbot.addWidget(window)
    try:
        window.copy_diagnostics_action.trigger()
        text = QGuiApplication.clipboard().text()
        assert "Work (current): filespin at https://api.example.com:8443" in text
        assert KEY not in text
    finally:
        window.quitting = True
        window.close()
        session.close()


def test_the_report_shows_proxies_without_their_credentials(monkeypatch):
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    monkeypatch.setenv("HTTPS_PROXY", "http://dana:env-proxy-pw@corp-proxy.example:3128")
    monkeypatch.setenv("NO_PROXY", "intranet.example")
    conf = Settings(
        profiles=[
            Profile(
                "Office",
                base_url="https://api.example",
                options={"proxy": "http://p.example:8080", "proxy_user": "dana"},
            )
        ]
    )
    text = diagnostics.report(conf)
    assert "Proxies: https_proxy=http://corp-proxy.example:3128, no_proxy=intranet.example" in text
    assert "proxy http://p.example:8080 with a user name" in text
    assert "env-proxy-pw" not in text and "dana" not in text
