"""Profiles: the key is written to the credential store and never shown back; Test connection answers in
words; provider options (Xvid link options, memories.ai path) are validated by the core and saved."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from assetdrop.core import settings
from assetdrop.core.credentials import CredentialStore
from assetdrop.core.session import AppSession
from assetdrop.qt.profiles_dialog import ProfilesDialog


def make_dialog(qtbot, tmp_path):
    session = AppSession(
        settings.Settings(),
        credentials=CredentialStore(session_only=True),
        store_path=tmp_path / "q.sqlite3",
        settings_path=tmp_path / "settings.json",
    )
    dialog = ProfilesDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog, session


def test_key_is_stored_and_never_shown_back_and_connection_is_tested(qtbot, sandbox, tmp_path):
    dialog, session = make_dialog(qtbot, tmp_path)
    dialog.name_edit.setText("Work")
    dialog.url_edit.setText(sandbox.api_url)
    dialog.key_edit.setText(sandbox.api_key)
    assert dialog.key_edit.echoMode() == QLineEdit.Password
    qtbot.mouseClick(dialog.test_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.result_label.text().startswith("Connected to"), timeout=10000)
    assert dialog.save_current()
    assert session.credentials.get("Work") == sandbox.api_key
    assert dialog.key_edit.text() == "" and "in memory" in dialog.key_edit.placeholderText()  # session-only store
    assert sandbox.api_key not in (tmp_path / "settings.json").read_text()
    dialog._load("Work")
    assert dialog.key_edit.text() == ""  # the stored key never comes back to the screen

    dialog.key_edit.setText("sbx_wrong")
    qtbot.mouseClick(dialog.test_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "rejected the API key" in dialog.result_label.text(), timeout=10000)
    assert "Traceback" not in dialog.result_label.text()


def test_every_option_of_every_provider_has_a_field(qtbot, tmp_path):
    """The form is the spec's: no option without a field, no provider-specific field the spec does not declare."""
    from assetdrop.core.providers.registry import SPECS

    dialog, _ = make_dialog(qtbot, tmp_path)
    for spec in SPECS:
        assert set(dialog.forms[spec.kind].fields) == {option.name for option in spec.options}
        secrets = [dialog.forms[spec.kind].fields[o.name] for o in spec.secrets]
        assert all(field.echoMode() == QLineEdit.Password for field in secrets)


def test_an_xvid_profile_is_set_up_in_the_window(qtbot, sandbox, tmp_path):
    """Client ID and secret in their own fields (not JSON in a key field), the upload pipeline apart from the
    download link options; a wrong value is explained with the field's label; the secrets reach the keyring."""
    dialog, session = make_dialog(qtbot, tmp_path)
    dialog.name_edit.setText("Xvid")
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("xvid"))
    assert dialog.url_edit.placeholderText() == "https://api.xvid.com/v1"
    dialog.url_edit.setText(sandbox.xvid_url)
    dialog.field("client_id").setText(sandbox.xvid_client_id)
    dialog.field("client_secret").setText(sandbox.xvid_client_secret)
    dialog.field("pipeline_id").setText("window-pipe")
    dialog.field("ip").setText("300.1.2.3")
    assert not dialog.save_current()
    assert dialog.result_label.text().startswith("Client IP: '300.1.2.3' is not an IPv4 address")
    dialog.field("ip").setText("192.0.2.10")
    dialog.field("object_key").setText("uploads/x.bin")  # without its pipeline ID
    assert not dialog.save_current()
    assert dialog.result_label.text().startswith("Object key (download links) needs Pipeline ID too")
    dialog.field("object_key").clear()
    dialog.field("redirect").setChecked(True)
    dialog.field("format").setCurrentIndex(dialog.field("format").findData("xml"))
    dialog.field("max_parallel_downloads").setValue(3)
    qtbot.mouseClick(dialog.test_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.result_label.text().startswith("Connected to"), timeout=10000)
    assert "client credentials work" in dialog.result_label.text()
    assert dialog.save_current()
    options = settings.load(tmp_path / "settings.json").profile("Xvid").options
    assert options == {
        "pipeline_id": "window-pipe",
        "ip": "192.0.2.10",
        "redirect": True,
        "format": "xml",
        "max_parallel_downloads": 3,
    }
    stored = json.loads(session.credentials.get("Xvid"))
    assert stored == {"client_id": sandbox.xvid_client_id, "client_secret": sandbox.xvid_client_secret}
    assert sandbox.xvid_client_secret not in (tmp_path / "settings.json").read_text()
    assert dialog.field("client_secret").text() == "" and "in memory" in dialog.field("client_secret").placeholderText()
    dialog.field("client_id").setText("other-id")  # typing one secret keeps the other one stored
    assert dialog.save_current()
    assert json.loads(session.credentials.get("Xvid"))["client_secret"] == sandbox.xvid_client_secret
    dialog._new()  # Add: a clean form, nothing carried over
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("xvid"))
    assert (dialog.field("pipeline_id").text(), dialog.field("redirect").isChecked()) == ("", False)


def test_memories_paths_and_upload_method_are_profile_settings(qtbot, tmp_path):
    dialog, session = make_dialog(qtbot, tmp_path)
    dialog.name_edit.setText("Mem")
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("memories"))
    dialog.url_edit.setText("https://mavi-backend.memories.ai/serve/api/v2")
    dialog.field("path_download").setText("/assets/{asset_id}/download")
    dialog.field("upload_method").setCurrentIndex(dialog.field("upload_method").findData("PUT"))
    assert dialog.save_current()
    options = settings.load(tmp_path / "settings.json").profile("Mem").options
    assert options == {"path_download": "/assets/{asset_id}/download", "upload_method": "PUT"}
    dialog._load("Mem")
    assert dialog.field("path_download").text() == "/assets/{asset_id}/download"


def test_ca_bundle_is_a_profile_option_and_a_bad_one_is_explained(qtbot, sandbox, tmp_path):
    dialog, session = make_dialog(qtbot, tmp_path)
    dialog.name_edit.setText("Corp")
    dialog.url_edit.setText(sandbox.api_url)
    dialog.key_edit.setText(sandbox.api_key)
    dialog.ca_edit.setText(str(tmp_path / "missing-ca.pem"))
    qtbot.mouseClick(dialog.test_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.result_label.text() not in ("", "Testing…"), timeout=10000)
    assert "missing-ca.pem" in dialog.result_label.text() and "Traceback" not in dialog.result_label.text()
    assert dialog.save_current()
    assert settings.load(tmp_path / "settings.json").profile("Corp").options["ca_bundle"].endswith("missing-ca.pem")
