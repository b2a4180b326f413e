"""The streaming multipart reader: correct at every chunk boundary, strict about truncation, fast."""

from __future__ import annotations

import io
import os

import pytest
from urllib3.filepost import encode_multipart_formdata

from assetdrop.sandbox.storage.multipart import (
    BodyTruncated,
    MultipartError,
    MultipartReader,
    boundary_from_content_type,
    parse_options,
)


def body_of(fields):
    body, content_type = encode_multipart_formdata(fields, boundary="bNd-123")
    return body, boundary_from_content_type(content_type)


def parse(body, boundary, chunk):
    reader = MultipartReader(io.BytesIO(body).read, boundary, len(body), chunk_size=chunk)
    out = []
    while (part := reader.next_part()) is not None:
        out.append((part.name, part.filename, b"".join(bytes(c) for c in reader.iter_body())))
    assert reader.unread == 0
    return out


@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 13, 64, 1 << 20])
def test_parts_survive_any_chunking(chunk):
    tricky = b"\r\n--bNd-12\r\n-bNd-123\r--bNd-123" + b"\r\n" * 3 + bytes(range(256))  # near-misses only
    body, boundary = body_of(
        [("key", "a/${filename}"), ("policy", "p"), ("file", ('n a"me.bin', tricky)), ("after", "ignored")]
    )
    assert parse(body, boundary, chunk) == [
        ("key", None, b"a/${filename}"),
        ("policy", None, b"p"),
        ("file", "n a%22me.bin", tricky),
        ("after", None, b"ignored"),
    ]


def test_boundary_straddling_every_seam():
    """Chunks just longer than the delimiter put it (and near-misses) across every possible seam between reads;
    the reader carries only a short tail across a seam, so each alignment must still split parts exactly."""
    tricky = (b"\r\n--bNd-12" + b"x" * 7 + b"\r\n-bNd-123" + b"\r--bNd-123\r") * 9
    body, boundary = body_of([("key", "k"), ("file", ("f", tricky)), ("after", "z")])
    for chunk in range(12, 48):
        assert parse(body, boundary, chunk) == [("key", None, b"k"), ("file", "f", tricky), ("after", None, b"z")]


def test_preamble_padding_and_headerless_part():
    body = (
        b"preamble\r\n--B  \r\n\r\nno headers\r\n--B\r\nContent-Disposition: form-data; name=x\r\n\r\n1"
        b"\r\n--B--\r\nepilogue"
    )
    reader = MultipartReader(io.BytesIO(body).read, b"B", len(body), chunk_size=5)
    with pytest.raises(MultipartError):  # a part without a form-data name
        reader.next_part()


def test_empty_file_and_empty_field():
    body, boundary = body_of([("key", ""), ("file", ("e", b""))])
    assert parse(body, boundary, 4) == [("key", None, b""), ("file", "e", b"")]


def test_truncated_body_and_missing_closing_boundary():
    body, boundary = body_of([("key", "k"), ("file", ("f", b"x" * 1000))])
    cut = body[:-300]
    reader = MultipartReader(io.BytesIO(cut).read, boundary, len(body), chunk_size=64)  # client hung up
    reader.next_part()
    reader.read_value(10)
    reader.next_part()
    with pytest.raises(BodyTruncated):
        for _ in reader.iter_body():
            pass
    reader = MultipartReader(io.BytesIO(cut).read, boundary, len(cut), chunk_size=64)  # length says that's all
    reader.next_part()
    with pytest.raises(MultipartError):
        while reader.next_part() is not None:
            pass


def test_field_limit_and_drain():
    body, boundary = body_of([("big", "x" * 5000), ("file", ("f", b"data"))])
    reader = MultipartReader(io.BytesIO(body).read, boundary, len(body), chunk_size=256)
    reader.next_part()
    with pytest.raises(MultipartError):
        reader.read_value(100)
    reader.drain()
    assert reader.unread == 0


def test_never_reads_past_content_length():
    body, boundary = body_of([("file", ("f", b"abc"))])
    stream = io.BytesIO(body + b"NEXT REQUEST")
    reader = MultipartReader(stream.read, boundary, len(body), chunk_size=1 << 20)
    while reader.next_part() is not None:
        pass
    assert stream.read() == b"NEXT REQUEST"


def test_content_type_and_options():
    assert boundary_from_content_type('multipart/form-data; boundary="a b"') == b"a b"
    assert boundary_from_content_type("application/x-www-form-urlencoded") is None
    assert parse_options('form-data; name="file"; filename="a\\"b.txt"') == (
        "form-data",
        {"name": "file", "filename": 'a"b.txt'},
    )


def test_the_parser_hands_out_big_blocks_not_bytes():
    """What made it fast (no timed assert here: bench/transfer_vs_curl.py measures the storage's speed): a 128 MiB
    part comes out in blocks of at least 64 KiB on average, whole and unchanged, not a byte or a line at a time."""
    payload = os.urandom(1 << 20) * 128  # 128 MiB
    body, boundary = body_of([("key", "k"), ("file", ("f", payload))])
    reader = MultipartReader(io.BytesIO(body).read, boundary, len(body))
    reader.next_part()
    reader.read_value(10)
    reader.next_part()
    chunks = list(reader.iter_body())
    assert b"".join(chunks) == payload
    assert len(chunks) <= len(payload) // (64 * 1024), f"{len(chunks):,} blocks for 128 MiB"
