"""The end-of-run log scan finds what it must (so its silence means something), and the app's crash report and
logs hold no key: an unhandled exception carrying a key, an HMAC secret and signed URLs is logged redacted."""

from __future__ import annotations

import logging

from assetdrop.core import logsetup
from assetdrop.core.redact import register_secret
from tests.support.log_scan import remember, scan

SIGNED = (
    "https://bucket.s3.amazonaws.com/originals/k?X-Amz-Algorithm=AWS4-HMAC-SHA256"
    "&X-Amz-Credential=AKIAEXAMPLE%2F20261123%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261123T000000Z"
    "&X-Amz-Expires=600&X-Amz-SignedHeaders=host&X-Amz-Signature=0123456789abcdef0123456789abcdef"
)


def test_the_scanner_finds_planted_keys_signatures_and_headers(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "app.planted").write_text(  # not .log: the real end-of-run scan would find it
        "ok line\n"
        "GET /b/k?X-Amz-Signature=0123456789abcdef HTTP/1.1\n"
        "key planted-key-123456 here\n"
        "headers {'Authorization': 'Bearer abcdefghijklmnop'}\n"
        "fields {'policy': 'eyJleHBpcmF0aW9uIjoi'}\n"
        "clean GET /b/k?X-Amz-Signature=REDACTED and X-FileSpin-Api-Key: REDACTED\n"
    )
    problems = scan(tmp_path, {"planted-key-123456"}, pattern="*.planted")
    assert [p.split(":")[1] for p in problems] == ["2", "3", "4", "5"]
    assert all("planted-key-123456" not in p for p in problems)


def test_a_crash_report_is_redacted(tmp_path):
    from assetdrop.qt import app

    key, hmac_secret = "crash-key-7f6e5d4c3b2a", "aG1hYy1zZWNyZXQtZm9yLWNyYXNoLXRlc3Q="
    remember(key)
    remember(hmac_secret)
    register_secret(key)
    register_secret(f'{{"client_id": "cid-crash-0001", "client_secret": "{hmac_secret}"}}')
    path = logsetup.configure(log_path=tmp_path / "crash.log")
    try:
        raise RuntimeError(
            f"boom with {key} and {hmac_secret} at {SIGNED} "
            f"/v1/files/downloads/?file_id=1&client_id=cid-crash-0001&expiry_time=9&signature=ab12cd34ef"
        )
    except RuntimeError as exc:
        app._excepthook(type(exc), exc, exc.__traceback__)  # logs; shows a non-blocking notice if Qt runs
    for box in list(getattr(app, "_notices", [])):
        box.close()
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = path.read_text()
    assert "unhandled exception" in text and "RuntimeError" in text
    assert "bucket.s3.amazonaws.com/originals/k" in text  # host and path kept for diagnosis
    assert scan(tmp_path, {key, hmac_secret}) == []
