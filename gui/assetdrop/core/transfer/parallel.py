"""A big download over several connections at once, into one preallocated temporary file (positional writes), as
aria2 does: one TCP stream is capped by its window over a long round trip, and some CDNs cap each connection.

It starts from the answer already open. Over a WAN (that answer's headers took FAR or longer) it opens all of the
job's `connections` at once, as aria2 does: a ramp would hold each one back for a look at the throughput and then
a handshake. Nearer, it opens START_CONNECTIONS in all (over a LAN or loopback, where one stream is often as fast as
the CPU allows, only when the first connection alone turns out slower than ONE_IS_ENOUGH), then half as many again
while each look at the throughput finds it grew by a tenth, up to `connections`. Each new connection takes part of
a range still to come, asked for with `Range` and `If-Range` on the ETag (a file that changed meanwhile answers
200, and the download starts over). What is left to fetch is reported as it shrinks (`on_left`), so a crash
resumes each range.

The MD5 follows the contiguous front of the file (positional reads on the calling thread, from the page cache), so
the check costs no second pass over the disk. That front moves only as fast as the connection at it: with equal
ranges it would crawl at one connection's speed and leave most of the file to hash after the last byte (seen: 160
to 190 of 256 MiB with eight). So the first ranges are laid out short at the front and longer behind (each SKEW of
the next), and a connection that finishes its range takes the second half of the front's range while that has
FRONT_HELP left (else of the largest, so the slowest range never holds up the end): the front keeps pace with the
bytes, and the MD5 with it. The shared bandwidth limit, the item's own, cancellation and the stall floor apply to
every connection.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import requests

from .. import errors
from ..http import map_exception
from ..responses import body_chunks
from ..sentence import translate
from . import throttle
from .job import Job
from .partfile import local_error
from .progress import Meter
from .stall import SpeedFloor

MIN_SIZE = 32 * 1024 * 1024  # below this, one connection: a few round trips more would not pay for themselves
START_CONNECTIONS = 4
MIN_SPLIT = 2 * 1024 * 1024  # a range is split only when both halves would be this long (~2 round trips' worth)
FRONT_HELP = 16 * 1024 * 1024  # a finished connection helps the front's range while it has this much left
SKEW = 0.7  # the first layout: each range this much of the next one's length (front first: see above)
GROW_EVERY = 0.5  # seconds between looks at the throughput
GROWTH = 1.10  # more connections are added only while the last look found the throughput up by a tenth
LOOK_EVERY = 0.02  # s: the calling thread hashes the front this often (woken early only when a range ends or fails:
# waking it for each chunk, 1,500 times a second at 100 MB/s, cost the readers the GIL and a CPU they share)
SAVE_EVERY = 1.0  # seconds between two reports of what is left
NEAR = 0.010  # s: an answer's headers back sooner than this came over a LAN or loopback, not a WAN
FAR = 0.020  # s: headers this slow came over a WAN: every connection opens at once (as aria2 does), since each
# one held back for a look at the throughput would cost that look plus a round trip or two of its own handshake
PROBE = 0.5  # s: how long the first connection runs alone there, to see whether one is enough
ONE_IS_ENOUGH = 100e6  # B/s: a stream this fast already outruns what MD5 and the disk keep up with on a core

OpenRange = Callable[[int, int], requests.Response]  # (first byte, last byte) -> the answer, opened streaming
Ranges = list[tuple[int, int]]  # [start, end) each


class FileChanged(errors.ProtocolError):
    """A range came back whole (200) or under another ETag: the file on the server is not the one begun."""


@dataclass
class Span:
    """Bytes [start, end) of the file, `done` of them written from `start` on."""

    start: int
    end: int
    done: int = 0

    @property
    def left(self) -> int:
        return self.end - self.start - self.done


class ParallelDownload:
    def __init__(
        self,
        fd: int,
        size: int,
        etag: str,
        open_range: OpenRange,
        job: Job,
        meter: Meter,
        *,
        host: str,
        folder: Path,
        on_left: Callable[[Ranges], None] | None = None,
        hashing: bool = True,
    ):
        self._fd, self._size, self._etag = fd, size, etag
        self._open_range, self._on_left, self._hashing = open_range, on_left, hashing
        self._job, self._meter, self._host, self._folder = job, meter, host, folder
        self._most = max(1, job.connections)
        self._lock = threading.Condition()
        self._spans: list[Span] = []
        self._threads: list[threading.Thread] = []
        self._error: BaseException | None = None
        self._md5 = hashlib.md5()
        self._hashed = 0
        self.connections = 0  # the most connections open at once (for the bench and the tests)

    def left(self) -> Ranges:
        """The ranges still to fetch, [start, end)."""
        with self._lock:
            return [(s.start + s.done, s.end) for s in sorted(self._spans, key=lambda s: s.start) if s.left > 0]

    def run(self, first: requests.Response, ranges: Ranges | None = None) -> str | None:
        """Fetch the file (or the `ranges` an earlier attempt left) starting with the open answer `first`, which
        reads the first range; returns the whole file's MD5 (None when not hashing). On any failure every
        connection has stopped writing before this returns (the caller may close the file at once)."""
        try:
            return self._run(first, ranges or [(0, self._size)])
        except BaseException as exc:
            self._fail(exc)
            raise
        finally:
            for thread in self._threads:
                thread.join(timeout=1.0)  # a connection stuck in a read stops writing all the same (see _pump)

    def _run(self, first: requests.Response, todo: Ranges) -> str | None:
        if os.fstat(self._fd).st_size != self._size:
            os.ftruncate(self._fd, self._size)  # preallocated: each connection writes at its own offset
        self._spans = [Span(start, end) for start, end in todo]
        self._meter.done = self._size - sum(end - start for start, end in todo)
        self._start(self._spans[0], first)
        for span in self._spans[1:]:  # an earlier attempt's other ranges, each on a connection again
            self._start(span)
        target = min(max(START_CONNECTIONS, len(self._spans)), self._most)
        waited = first.elapsed.total_seconds()
        if waited >= FAR:
            target = self._most  # far: no ramp, the round trips it would wait for are what splitting saves
        elif len(self._spans) == 1 and waited < NEAR and self._one_is_enough():
            target = 1  # a near, fast server: more connections would only add to the CPU's work (and MD5's lag)
        if len(self._spans) == 1:
            self._lay_out(target)
        self._refill(target)
        saved_at = last_look = time.monotonic()
        last_done, last_rate, growing = self._meter.done, 0.0, True
        while True:
            with self._lock:
                self._lock.wait(timeout=LOOK_EVERY)
                if self._error is not None:
                    raise self._error
                finished = all(span.left <= 0 for span in self._spans)
            self._hash_upto(self._front())
            if finished:
                break
            now = time.monotonic()
            if self._on_left is not None and now - saved_at >= SAVE_EVERY:
                self._on_left(self.left())
                saved_at = now
            self._refill(target)  # a connection that finished its range takes half of the largest one left
            if now - last_look < GROW_EVERY:
                continue
            rate = (self._meter.done - last_done) / (now - last_look)
            growing = growing and rate >= last_rate * GROWTH  # the connections added last time paid for themselves
            if growing and target < self._most:
                target = min(self._most, target + max(1, target // 2))  # 4 -> 6 -> 8: half again each look
            self._refill(target)
            last_rate, last_look, last_done = rate, now, self._meter.done
        self._hash_upto(self._size)
        return self._md5.hexdigest() if self._hashing else None

    def _one_is_enough(self) -> bool:
        """Let the first connection run alone for PROBE seconds: True when it is fast enough on its own."""
        start, done = time.monotonic(), self._meter.done
        deadline = start + PROBE
        while (now := time.monotonic()) < deadline:
            with self._lock:
                self._lock.wait(timeout=min(LOOK_EVERY, deadline - now))
                if self._error is not None or all(span.left <= 0 for span in self._spans):
                    return True  # failed (raised by the caller's loop) or already finished
            self._hash_upto(self._front())
        return (self._meter.done - done) / (time.monotonic() - start) >= ONE_IS_ENOUGH

    # -- the spans ----------------------------------------------------------------------------------------------
    def _front(self) -> int:
        """The first byte not yet written: the file is complete up to here."""
        with self._lock:
            for span in sorted(self._spans, key=lambda s: s.start):
                if span.left > 0:
                    return span.start + span.done
        return self._size

    def _split(self) -> Span | None:
        """A new span: the second half of the first one still to come with FRONT_HELP left (the front's range
        finishes sooner, and the MD5 follows the front), else of the largest (None when none is worth splitting):
        each split costs the new range a round trip or two, and the old one its connection."""
        with self._lock:
            first = min((s for s in self._spans if s.left >= FRONT_HELP), key=lambda s: s.start, default=None)
            if first is None:
                first = max(self._spans, key=lambda s: s.left, default=None)
            if first is None or first.left < 2 * MIN_SPLIT:
                return None
            middle = first.start + first.done + first.left // 2
            new = Span(middle, first.end)
            first.end = middle
            self._spans.append(new)
            return new

    def _lay_out(self, count: int) -> None:
        """Split the one span into up to `count` (no more than one per MIN_SPLIT), each SKEW of the next one's
        length, and start a connection on each new one: the front's ranges finish first, and their connections
        come to help the front (_split)."""
        with self._lock:
            [span] = self._spans
            start = span.start + span.done
            count = min(count, (span.end - start) // MIN_SPLIT)
            if count < 2:
                return
            weights = [SKEW ** (count - 1 - i) for i in range(count)]
            edges, edge, total = [], float(start), sum(weights)
            for weight in weights[:-1]:
                edge += (span.end - start) * weight / total
                edges.append(int(edge))
            new = [Span(a, b) for a, b in zip(edges, [*edges[1:], span.end], strict=True)]
            span.end = edges[0]
            self._spans.extend(new)
        for piece in new:
            self._start(piece)

    # -- the connections ----------------------------------------------------------------------------------------
    def _alive(self) -> int:
        return sum(1 for thread in self._threads if thread.is_alive())

    def _checked(self, response: requests.Response) -> requests.Response:
        if response.status_code != 206 or response.headers.get("etag") not in (None, self._etag):
            response.close()
            raise FileChanged("The file changed on the server during the download; it will start over.")
        return response

    def _refill(self, target: int) -> None:
        """Open connections (each on its own thread, so their round trips overlap) up to `target`."""
        while self._alive() < target and (span := self._split()) is not None:
            self._start(span)

    def _start(self, span: Span, response: requests.Response | None = None) -> None:
        """A thread that fetches `span`: through `response` when it is open already, else a new Range request."""
        thread = threading.Thread(target=self._pump, args=(span, response), name="segment", daemon=True)
        self._threads.append(thread)
        thread.start()
        self.connections = max(self.connections, self._alive())

    def _pump(self, span: Span, response: requests.Response | None) -> None:
        floor = SpeedFloor(self._host, self._job.stall)
        try:
            if response is None:
                response = self._checked(self._open_range(span.start, span.end - 1))
            with response:
                for chunk in body_chunks(response):
                    self._job.check()
                    with self._lock:  # written under the lock: once an error is set, no connection writes again
                        if self._error is not None:
                            return
                        chunk = chunk[: span.left]  # the span may have been split meanwhile
                        if chunk:
                            _pwrite_all(self._fd, chunk, span.start + span.done)
                            span.done += len(chunk)
                            self._meter.add(len(chunk))
                        ended = span.left <= 0
                        if ended:
                            self._lock.notify_all()  # the caller's thread gives this connection more to do
                    floor.seen(len(chunk))
                    self._job.consume(throttle.DOWNLOAD, len(chunk))  # the range's last chunk too: the limit holds
                    if ended:
                        return
            if span.left > 0:
                raise errors.ProtocolError(
                    translate(
                        "transfer.parallel",
                        "The download was cut short: a connection ended {left:,} bytes before its range did. "
                        "Retry to fetch the rest.",
                    ).format(left=span.left)
                )
        except requests.RequestException as exc:  # before OSError: requests' exceptions subclass IOError
            self._fail(map_exception(exc, response.url if response is not None else ""))
        except OSError as exc:  # the disk: full, gone
            self._fail(local_error(exc, self._folder))
        except BaseException as exc:  # cancelled, a stall, a short range: the whole download stops
            self._fail(exc)

    def _fail(self, exc: BaseException) -> None:
        with self._lock:
            if self._error is None:
                self._error = exc
            self._lock.notify_all()

    def _hash_upto(self, front: int) -> None:
        """Hash the file's complete front (positional reads from the page cache, on this thread)."""
        while self._hashing and self._hashed < front:
            block = os.pread(self._fd, min(8 << 20, front - self._hashed), self._hashed)
            if not block:
                break
            self._md5.update(block)
            self._hashed += len(block)


def _pwrite_all(fd: int, data: bytes, offset: int) -> None:
    view = memoryview(data)
    while view:
        written = os.pwrite(fd, view, offset)
        view, offset = view[written:], offset + written
