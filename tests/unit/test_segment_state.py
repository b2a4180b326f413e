"""What a download over several connections leaves for the next attempt (core/transfer/resume.py), and how the
ranges are shared out (core/transfer/parallel.py): plain values, no network."""

from __future__ import annotations

import json
import os
import threading

from assetdrop.core.transfer import parallel
from assetdrop.core.transfer.job import Job
from assetdrop.core.transfer.resume import PartialDownload, Resume

MiB = 1024 * 1024


def test_the_ranges_left_survive_the_queue_file():
    partial = PartialDownload("/d/.assetdrop-0123456789abcdef.part", "a.bin", '"e"', 64 * MiB, ((0, MiB), (5, 9)))
    assert PartialDownload.from_json(partial.to_json()) == partial


def test_damaged_ranges_are_dropped_not_trusted():
    for left in ([[5, 1]], [["x", 2]], [[-1, 4]], "junk", [[1]]):
        partial = PartialDownload.from_json({"part": "/d/p.part", "name": "a", "etag": '"e"', "size": 9, "left": left})
        assert partial is not None and partial.left == ()  # then the next attempt starts over: always safe


def _job(state: PartialDownload, connections: int = 8) -> Job:
    return Job(state=json.dumps(state.to_json()), save_state=lambda _: None, connections=connections)


def test_resume_asks_for_the_first_range_left_with_if_range(tmp_path):
    part = tmp_path / "p.part"
    with open(part, "wb") as handle:
        handle.truncate(40 * MiB)  # preallocated, as parallel.py leaves it
    partial = PartialDownload(str(part), "a.bin", '"etag"', 40 * MiB, ((3 * MiB, 10 * MiB), (20 * MiB, 40 * MiB)))
    resume = Resume.of(_job(partial))
    assert resume.headers == {"Range": f"bytes={3 * MiB}-{10 * MiB - 1}", "If-Range": '"etag"'}
    assert resume.left == [(3 * MiB, 10 * MiB), (20 * MiB, 40 * MiB)]


def test_ranges_are_not_resumed_over_one_connection_or_a_resized_file(tmp_path):
    part = tmp_path / "p.part"
    part.write_bytes(b"x" * 1000)
    partial = PartialDownload(str(part), "a.bin", '"etag"', 2000, ((0, 500), (1500, 2000)))
    assert Resume.of(_job(partial)).left == []  # the file is not the size the ranges were counted against
    os.truncate(part, 2000)
    assert Resume.of(_job(partial, connections=1)).left == []  # one connection: the ranges cannot be used


def test_a_split_takes_the_second_half_of_the_largest_range_left():
    download = parallel.ParallelDownload.__new__(parallel.ParallelDownload)
    download._lock = threading.Condition()
    download._spans = [parallel.Span(0, 40 * MiB, done=8 * MiB), parallel.Span(40 * MiB, 48 * MiB)]
    new = download._split()
    assert new is not None and (new.start, new.end) == (24 * MiB, 40 * MiB)
    assert download._spans[0].end == 24 * MiB  # the first connection reads on to the middle and stops there
    download._spans = [parallel.Span(0, 2 * parallel.MIN_SPLIT - 1)]
    assert download._split() is None  # too short to be worth another connection's round trips
