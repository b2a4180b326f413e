"""The speed shown: bytes moved in this attempt over a moving window (core/transfer/rate.py), never a resumed
offset counted as a burst (issue 19 section 4: 59-83 MiB/s right after a resume under a 3 MiB/s limit).

The clock is a plain counter the test advances: these are arithmetic properties, measured without sleeping."""

from __future__ import annotations

from assetdrop.core.transfer.progress import Meter, Phase
from assetdrop.core.transfer.rate import WINDOW_S, RateWindow

MIB = 1024 * 1024


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _run(meter: Meter, clock: Clock, rate: float, seconds: float, step: float = 0.05) -> None:
    for _ in range(round(seconds / step)):
        clock.now += step
        meter.add(int(rate * step))


def test_a_resume_reports_the_rate_of_its_own_bytes_not_its_offset():
    clock, seen = Clock(), []
    meter = Meter(Phase.DOWNLOADING, 500 * MIB, seen.append, clock=clock)
    meter.done = 200 * MIB  # resumed: 200 MiB were already on disk
    _run(meter, clock, 3 * MIB, 5.0)
    rates = [p.rate for p in seen]
    assert rates and max(rates) <= 3 * MIB * 1.05, [r / MIB for r in rates[:5]]
    assert abs(rates[-1] - 3 * MIB) < 0.1 * MIB
    assert meter.done == 200 * MIB + 100 * int(3 * MIB * 0.05)  # the bar still counts the offset
    meter.finish()
    assert abs(seen[-1].rate - 3 * MIB) < 0.1 * MIB  # the final average too: this attempt's bytes only


def test_the_window_forgets_a_fast_start_after_a_few_seconds():
    clock, seen = Clock(), []
    meter = Meter(Phase.UPLOADING, None, seen.append, clock=clock)
    _run(meter, clock, 50 * MIB, 2.0)
    assert abs(seen[-1].rate - 50 * MIB) < 2 * MIB
    _run(meter, clock, 1 * MIB, WINDOW_S + 0.5)  # throttled down: the old speed has left the window
    assert abs(seen[-1].rate - 1 * MIB) < 0.1 * MIB


def test_a_stall_brings_the_rate_down_within_the_window():
    clock = Clock()
    window = RateWindow(clock.now)
    for _ in range(20):
        clock.now += 0.1
        window.add(100_000)
        window.rate(clock.now)
    assert abs(window.rate(clock.now) - 1_000_000) < 1
    clock.now += WINDOW_S + 0.1  # nothing moved for longer than the window
    assert window.rate(clock.now) < 100_000
