"""Profiles: the key is written to the credential store and never shown back; Test connection answers in
words; provider options (Xvid link options, memories.ai path) are validated by the core and saved."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from assetdrop.core import settings
from assetdrop.core.credentials import CredentialStore
from assetdrop.core.session import AppSession
from assetdrop.qt.profiles_dialog import ProfilesDialog


def make_dialog(qtbot, tmp_path):
    session = AppSession(settings.Settings(), credentials=CredentialStore(session_only=True),
                         store_path=tmp_path / "q.sqlite3", settings_path=tmp_path / "settings.json")
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
    assert dialog.key_edit.text() == "" and "keyring" in dialog.key_edit.placeholderText()
    assert sandbox.api_key not in (tmp_path / "settings.json").read_text()
    dialog._load("Work")
    assert dialog.key_edit.text() == ""  # the stored key never comes back to the screen

    dialog.key_edit.setText("sbx_wrong")
    qtbot.mouseClick(dialog.test_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "rejected the API key" in dialog.result_label.text(), timeout=10000)
    assert "Traceback" not in dialog.result_label.text()


def test_xvid_link_options_are_validated_and_saved(qtbot, tmp_path):
    dialog, session = make_dialog(qtbot, tmp_path)
    dialog.name_edit.setText("Xvid")
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("xvid"))
    dialog.url_edit.setText("https://api.xvid.com/v1")
    box = dialog.provider_options.xvid
    assert dialog.provider_options.currentWidget() is box
    box.setChecked(True)
    box.ip.setText("300.1.2.3")
    assert not dialog.save_current()
    assert "not an IPv4 address" in dialog.result_label.text()
    box.ip.setText("192.0.2.10")
    box.redirect.setChecked(True)
    box.format.setCurrentText("xml")
    box.limit_parallel.setChecked(True)
    box.max_parallel.setValue(3)
    assert dialog.save_current()
    saved = settings.load(tmp_path / "settings.json").profile("Xvid").options["link_options"]
    assert (saved["ip"], saved["redirect"], saved["format"], saved["max_parallel_downloads"]) == \
        ("192.0.2.10", True, "xml", 3)


def test_memories_download_path_is_a_profile_setting(qtbot, tmp_path):
    dialog, session = make_dialog(qtbot, tmp_path)
    dialog.name_edit.setText("Mem")
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("memories"))
    dialog.url_edit.setText("https://mavi-backend.memories.ai/serve/api/v2")
    dialog.provider_options.memories.download_path.setText("/assets/{asset_id}/download")
    dialog.provider_options.memories.upload_method.setCurrentIndex(1)
    assert dialog.save_current()
    options = settings.load(tmp_path / "settings.json").profile("Mem").options
    assert options["paths"]["download"] == "/assets/{asset_id}/download" and options["upload_method"] == "PUT"


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
