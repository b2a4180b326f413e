"""Signed URLs and keys are made harmless before they can reach a log or a dialog."""

import logging

from assetdrop.core import logsetup
from assetdrop.core.redact import redact_headers, redact_text, redact_url

SIGNED = (
    "http://127.0.0.1:9000/bucket/originals/k?X-Amz-Algorithm=AWS4-HMAC-SHA256"
    "&X-Amz-Credential=AKIAX%2F20261123%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261123T000000Z"
    "&X-Amz-Expires=600&X-Amz-SignedHeaders=host&X-Amz-Signature=deadbeef1234"
)


def test_signed_url_keeps_host_and_path_loses_signature_and_credential():
    out = redact_url(SIGNED)
    assert out.startswith("http://127.0.0.1:9000/bucket/originals/k?")
    assert "deadbeef1234" not in out and "AKIAX" not in out
    assert "X-Amz-Algorithm=AWS4-HMAC-SHA256" in out


def test_text_and_headers():
    text = f"GET {SIGNED} failed with key sekrit-key-1"
    out = redact_text(text, ("sekrit-key-1",))
    assert "deadbeef1234" not in out and "sekrit-key-1" not in out
    assert redact_headers({"X-FileSpin-Api-Key": "k", "Accept": "*/*"}) == {
        "X-FileSpin-Api-Key": "REDACTED",
        "Accept": "*/*",
    }


def test_log_file_never_holds_a_registered_key_or_signature(tmp_path):
    path = logsetup.configure(log_path=tmp_path / "a.log")
    logsetup.register_secret("my-secret-api-key")
    log = logging.getLogger("assetdrop.test")
    log.warning("using key %s for %s", "my-secret-api-key", SIGNED)
    try:
        raise RuntimeError(f"boom my-secret-api-key {SIGNED}")
    except RuntimeError:
        log.exception("failed")
    for handler in logging.getLogger().handlers:
        handler.flush()
    content = path.read_text()
    assert "failed" in content and "using key" in content
    assert "my-secret-api-key" not in content and "deadbeef1234" not in content
