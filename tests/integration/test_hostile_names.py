"""Hostile Content-Disposition names from a real server end up as safe names inside the destination."""

from __future__ import annotations

import os
import stat

import pytest

from assetdrop.core.http import HttpClient
from assetdrop.core.transfer.download import save_response
from tests.support.canned_server import CannedServer


@pytest.mark.parametrize(
    "disposition, expected",
    [
        ('attachment; filename="../../x"', "x"),
        ('attachment; filename="/etc/passwd"', "passwd"),
        ("attachment; filename*=UTF-8''..%2F..%2F..%2Ftmp%2Fevil.sh", "evil.sh"),
        ('attachment; filename="CON"', "_CON"),
        ('attachment; filename="nul.txt"', "_nul.txt"),
        ('attachment; filename="a\tb\x7fc.txt"', "abc.txt"),
        ('attachment; filename=".."', "fallback-id"),
        ('attachment; filename="C:\\\\Users\\\\x\\\\run.bat"', "run.bat"),
    ],
)
def test_hostile_names_stay_inside_the_destination(tmp_path, disposition, expected):
    dest = tmp_path / "dest"
    with CannedServer() as server, HttpClient() as http:
        server.route(
            "/f",
            200,
            b"payload",
            headers={"Content-Disposition": disposition, "Content-Type": "application/octet-stream"},
        )
        result = save_response(http.request("GET", server.url + "/f", stream=True), dest, fallback_name="fallback-id")
    assert result.path == dest / expected
    assert result.path.read_bytes() == b"payload"
    assert os.listdir(dest) == [expected]
    assert os.listdir(tmp_path) == ["dest"]
    assert not result.path.stat().st_mode & (stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)


def test_truncated_download_leaves_no_file(tmp_path):
    dest = tmp_path / "dest"
    with CannedServer() as server, HttpClient() as http:
        server.route(
            "/f",
            200,
            b"x" * 1000,
            declared_length=5000,
            headers={"Content-Disposition": 'attachment; filename="cut.bin"'},
        )
        from assetdrop.core import errors

        with pytest.raises(errors.ProtocolError, match="broke before the whole answer arrived"):
            save_response(http.request("GET", server.url + "/f", stream=True), dest, fallback_name="x")
    assert os.listdir(dest) == []


def test_a_body_shorter_than_the_asset_without_a_length_header_is_cut_short(tmp_path):
    """No Content-Length, so urllib3 has nothing to enforce: only the product's own check against the size the
    asset data gives (download.py) can tell that 1,000 of 5,000 bytes is not the whole file."""
    dest = tmp_path / "dest"
    with CannedServer() as server, HttpClient() as http:
        disposition = {"Content-Disposition": 'attachment; filename="c"'}
        server.route("/f", 200, b"x" * 1000, no_length=True, headers=disposition)
        from assetdrop.core import errors

        with pytest.raises(errors.ProtocolError, match="cut short: 1,000 of 5,000 bytes arrived"):
            save_response(
                http.request("GET", server.url + "/f", stream=True),
                dest,
                fallback_name="x",
                expected=lambda: (5000, None),
            )
        whole = save_response(
            http.request("GET", server.url + "/f", stream=True), dest, fallback_name="x", expected=lambda: (1000, None)
        )
    assert whole.size == 1000 and os.listdir(dest) == ["c"]


def test_bytes_that_do_not_match_the_storage_etag_leave_no_file(tmp_path):
    dest = tmp_path / "dest"
    with CannedServer() as server, HttpClient() as http:
        server.route(
            "/f",
            200,
            b"corrupted",
            headers={"ETag": '"' + "0" * 32 + '"', "Content-Disposition": 'attachment; filename="x.bin"'},
        )
        from assetdrop.core import errors

        with pytest.raises(errors.ProtocolError, match="do not match the server's checksum"):
            save_response(http.request("GET", server.url + "/f", stream=True), dest, fallback_name="x")
    assert os.listdir(dest) == []


def test_verification_turned_off_keeps_the_bytes_and_reports_no_checksum(tmp_path):
    """The user's choice on links faster than MD5: no checksum is compared, but the length check stays."""
    dest = tmp_path / "dest"
    with CannedServer() as server, HttpClient() as http:
        server.route(
            "/f",
            200,
            b"unchecked",
            headers={"ETag": '"' + "0" * 32 + '"', "Content-Disposition": 'attachment; filename="x.bin"'},
        )
        server.route("/cut", 200, b"x" * 10, declared_length=50)
        result = save_response(
            http.request("GET", server.url + "/f", stream=True), dest, fallback_name="x", verify=False
        )
        from assetdrop.core import errors

        with pytest.raises(errors.ProtocolError, match="broke before the whole answer arrived"):
            save_response(
                http.request("GET", server.url + "/cut", stream=True), dest, fallback_name="cut", verify=False
            )
    assert (result.path.read_bytes(), result.md5) == (b"unchecked", None)
    assert os.listdir(dest) == ["x.bin"]
