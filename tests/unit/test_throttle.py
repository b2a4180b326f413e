"""The bandwidth limiter's schedule on a fake clock: how long each chunk waits under a limit, the quarter-second
burst after idling, one schedule shared by consecutive chunks, a lifted limit or a cancel ending a wait within a
slice, and 0 meaning unlimited. The wall-clock side (real transfers under a limit) is
tests/integration/test_bandwidth_limit.py."""

from __future__ import annotations

import pytest

from assetdrop.core.transfer import throttle
from assetdrop.core.transfer.progress import CancelToken, TransferCancelled
from assetdrop.core.transfer.throttle import BURST_SECONDS, Throttle

KiB = 1024
MiB = 1024 * KiB


class FakeTime:
    """Stands in for the `time` module throttle.py reads: sleeping moves the clock, nothing really waits."""

    def __init__(self) -> None:
        self.now = 5000.0
        self.slept: list[float] = []
        self.on_sleep = None

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds
        if self.on_sleep is not None:
            self.on_sleep()


class FakeToken(CancelToken):
    """A cancel token whose waits pass on the fake clock; cancels itself after `cancel_after` waits if set."""

    def __init__(self, clock: FakeTime, cancel_after: int | None = None) -> None:
        super().__init__()
        self.clock = clock
        self.cancel_after = cancel_after
        self.waits: list[float] = []

    def wait(self, seconds: float) -> bool:
        self.waits.append(seconds)
        self.clock.now += seconds
        if self.cancel_after is not None and len(self.waits) >= self.cancel_after:
            self.cancel()
        return self.cancelled


@pytest.fixture
def clock(monkeypatch):
    fake = FakeTime()
    monkeypatch.setattr(throttle, "time", fake)
    return fake


def test_the_limit_reads_back_in_kib_and_zero_none_or_negative_mean_unlimited(clock):
    assert Throttle(2048).limit_kib == 2048
    assert Throttle(0.5).limit_kib == 0.5
    limiter = Throttle(100)
    for off in (0, None, -5):
        limiter.set_limit(off)  # type: ignore[arg-type]  # None comes from unset settings
        assert limiter.limit_kib == 0
    assert Throttle().limit_kib == 0


def test_unlimited_never_waits(clock):
    limiter = Throttle(0)
    for _ in range(100):
        limiter.consume(10 * MiB)
    assert clock.slept == []


def test_a_chunk_waits_its_size_over_the_rate_in_short_slices(clock):
    limiter = Throttle(1024)  # 1 MiB/s
    limiter.consume(MiB)
    assert sum(clock.slept) == pytest.approx(1.0)
    assert max(clock.slept) <= 0.1 + 1e-9  # slices short enough for a lifted limit to apply at once
    assert len(clock.slept) >= 10


def test_even_one_byte_is_paid_for(clock):
    limiter = Throttle(1)  # 1 KiB/s
    limiter.consume(1)
    assert sum(clock.slept) == pytest.approx(1 / KiB)
    clock.slept.clear()
    for _ in range(KiB - 1):
        limiter.consume(1)
    assert sum(clock.slept) == pytest.approx((KiB - 1) / KiB)


def test_nothing_moved_costs_nothing(clock):
    limiter = Throttle(1)
    limiter.consume(0)
    limiter.consume(-10)
    assert clock.slept == []


def test_consecutive_chunks_share_one_schedule(clock):
    limiter = Throttle(1024)
    limiter.consume(MiB)
    limiter.consume(MiB)
    limiter.consume(MiB // 2)
    assert sum(clock.slept) == pytest.approx(2.5)  # 2.5 MiB at 1 MiB/s, not faster


def test_after_idling_a_quarter_second_of_burst_goes_free_and_no_more(clock):
    limiter = Throttle(1024)
    clock.now += 10  # idle: the unused time does not pile up into a 10-second burst
    limiter.consume(int(MiB * BURST_SECONDS))
    assert clock.slept == []  # the burst
    limiter.consume(MiB)
    assert sum(clock.slept) == pytest.approx(1.0)  # and then the limit again


def test_a_chunk_bigger_than_the_burst_waits_for_the_excess(clock):
    limiter = Throttle(1024)
    clock.now += 10
    limiter.consume(MiB)
    assert sum(clock.slept) == pytest.approx(1.0 - BURST_SECONDS)


def test_lifting_the_limit_ends_a_wait_within_one_slice(clock):
    limiter = Throttle(1)  # 10 MiB at 1 KiB/s would be hours
    clock.on_sleep = lambda: limiter.set_limit(0)
    limiter.consume(10 * MiB)
    assert sum(clock.slept) == pytest.approx(0.1)


def test_a_new_limit_starts_a_fresh_schedule(clock):
    limiter = Throttle(1)
    clock.on_sleep = lambda: limiter.set_limit(0)
    limiter.consume(10 * MiB)  # hours of debt at the old rate, abandoned when the limit is lifted
    clock.on_sleep = None
    clock.slept.clear()
    limiter.set_limit(1024)
    limiter.consume(MiB)
    assert sum(clock.slept) == pytest.approx(1.0)


def test_with_a_cancel_token_the_wait_is_spent_on_it_in_short_slices(clock):
    limiter = Throttle(1024)
    token = FakeToken(clock)
    limiter.consume(MiB, token)
    assert sum(token.waits) == pytest.approx(1.0)
    assert max(token.waits) <= 0.1 + 1e-9
    assert clock.slept == []


def test_cancelling_ends_the_wait_with_transfer_cancelled(clock):
    limiter = Throttle(1)
    token = FakeToken(clock, cancel_after=3)
    with pytest.raises(TransferCancelled):
        limiter.consume(10 * MiB, token)
    assert sum(token.waits) == pytest.approx(0.3)


def test_configure_sets_each_direction(clock):
    try:
        throttle.configure(100, 200)
        assert (throttle.UPLOAD.limit_kib, throttle.DOWNLOAD.limit_kib) == (100, 200)
    finally:
        throttle.configure(0, 0)


def test_nothing_moved_costs_nothing_even_when_the_schedule_is_behind(clock):
    limiter = Throttle(1024)
    with pytest.raises(TransferCancelled):
        limiter.consume(MiB, FakeToken(clock, cancel_after=1))  # cancelled 0.1 s into a 1 s wait: 0.9 s owed
    limiter.consume(0)
    limiter.consume(-10)
    assert clock.slept == []


def test_any_positive_limit_is_a_limit_even_under_a_byte_a_second(clock):
    limiter = Throttle(1 / 2048)  # half a byte a second
    limiter.consume(1)
    assert sum(clock.slept) == pytest.approx(2.0)
