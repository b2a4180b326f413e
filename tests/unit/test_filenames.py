"""Server-supplied names become safe, portable single path components."""

import pytest

from assetdrop.core.filenames import filename_from_content_disposition, numbered, safe_filename


@pytest.mark.parametrize(
    "hostile, expected",
    [
        ("../../x", "x"),
        ("/etc/passwd", "passwd"),
        ("C:\\Windows\\system32\\evil.dll", "evil.dll"),
        ("CON", "_CON"),
        ("con.txt", "_con.txt"),
        ("LPT1", "_LPT1"),
        ("a\nb\x00c\x1b.txt", "abc.txt"),
        ("report\u202egnp.exe", "reportgnp.exe"),  # bidi override that disguises an extension
        ("what?.txt", "what_.txt"),
        ("  spaced.txt  ", "spaced.txt"),
        ("ok name (1).pdf", "ok name (1).pdf"),
        ("файл.txt", "файл.txt"),
        ("😀 emoji.png", "😀 emoji.png"),
        (".env", ".env"),  # a leading dot is part of the name
        ("notes.txt.", "notes.txt"),  # trailing dots are not (Windows drops them)
        (".assetdrop-0123456789abcdef.part", "_.assetdrop-0123456789abcdef.part"),  # never one of our temporaries
    ],
)
def test_hostile_names_are_made_safe(hostile, expected):
    assert safe_filename(hostile) == expected


def test_a_raw_utf8_filename_is_read_as_utf8_and_latin1_stays_latin1():
    raw = 'attachment; filename="café.txt"'.encode().decode("latin-1")  # what http.client hands over
    assert filename_from_content_disposition(raw) == "café.txt"
    assert filename_from_content_disposition('attachment; filename="caf\xe9.txt"') == "caf\xe9.txt"


@pytest.mark.parametrize("empty", ["", "..", ".", "...", "/", "\x00\x01", "   "])
def test_names_with_nothing_left_use_the_fallback(empty):
    assert safe_filename(empty, fallback="0123abcd") == "0123abcd"


def test_long_names_are_cut_to_255_utf8_bytes_keeping_the_extension():
    name = safe_filename("é" * 300 + ".mp4")
    assert len(name.encode("utf-8")) <= 255
    assert name.endswith(".mp4")
    numbered_name = numbered(name, 12)
    assert len(numbered_name.encode("utf-8")) <= 255 and numbered_name.endswith(" (12).mp4")


@pytest.mark.parametrize(
    "header, expected",
    [
        ('attachment; filename="plain.txt"', "plain.txt"),
        ("attachment; filename=bare.bin", "bare.bin"),
        # RFC 6266 §4.3: filename* wins over filename, whatever the order
        ("attachment; filename=\"rates.txt\"; filename*=UTF-8''%E2%82%AC%20rates.txt", "€ rates.txt"),
        ("attachment; filename*=UTF-8''%E2%82%AC%20rates.txt; filename=\"rates.txt\"", "€ rates.txt"),
        ("attachment; filename*=iso-8859-1'en'%A3%20rates", "£ rates"),
        ('attachment; filename="a\\"b.txt"', 'a"b.txt'),
        ("inline", None),
        ("", None),
        (None, None),
    ],
)
def test_content_disposition(header, expected):
    assert filename_from_content_disposition(header) == expected


def test_numbered_names():
    assert numbered("report.pdf", 1) == "report (1).pdf"
    assert numbered("archive.tar.gz", 2) == "archive.tar (2).gz"
    assert numbered("README", 3) == "README (3)"
