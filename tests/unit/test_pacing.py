"""The request budget: evenly spaced calls under the documented rate, slower after a rate limit, Retry-After
honoured, and no hammering after a run of invalid requests (a fake clock: the logic, not the machine's speed)."""

from __future__ import annotations

import threading

import pytest

from assetdrop.core import errors
from assetdrop.core.transfer.pacing import HEADROOM, INVALID_PAUSE, INVALID_RUN, SLOW_FOR, RequestBudget


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_calls_are_evenly_spaced_a_little_under_the_rate():
    clock = FakeClock()
    budget = RequestBudget(30, clock=clock, sleep=clock.sleep)
    sent = []
    for _ in range(61):
        budget.acquire()
        sent.append(clock.now)
    gaps = {round(b - a, 6) for a, b in zip(sent, sent[1:], strict=False)}
    assert gaps == {round(1 / (30 * HEADROOM), 6)}  # no burst: never two calls closer than the spacing
    assert 60 / (sent[-1] - sent[0]) == pytest.approx(30 * HEADROOM)  # 28.5 a second, over the two seconds


def test_no_budget_means_no_wait():
    clock = FakeClock()
    budget = RequestBudget(None, clock=clock, sleep=clock.sleep)
    for _ in range(100):
        budget.acquire()
    assert clock.slept == []


def test_a_rate_limit_halves_the_rate_for_a_while_and_retry_after_holds_calls():
    clock = FakeClock()
    budget = RequestBudget(10, clock=clock, sleep=clock.sleep)
    budget.answered(errors.RateLimited("slow down", status=429, retry_after=3))
    assert budget.per_second == pytest.approx(5 * HEADROOM)
    with pytest.raises(errors.HeldBack) as held:
        budget.acquire()  # refused, not slept on: the queue waits off the worker, cancellably
    assert 2 < held.value.retry_after <= 3
    clock.now += 3
    budget.acquire()
    clock.now += SLOW_FOR
    assert budget.per_second == pytest.approx(10 * HEADROOM)


def test_a_run_of_invalid_answers_stops_calls_and_one_success_resets_the_run():
    clock = FakeClock()
    budget = RequestBudget(None, clock=clock, sleep=clock.sleep)
    for _ in range(INVALID_RUN - 1):
        budget.answered(errors.NotFoundError("no such asset"))
    budget.answered(None)  # a success: the run starts over
    for _ in range(INVALID_RUN - 1):
        budget.answered(errors.AuthError("bad key"))
    budget.acquire()  # still fine
    budget.answered(errors.NotFoundError("no such asset"))
    with pytest.raises(errors.ClientRequestError, match="requests in a row were refused as invalid"):
        budget.acquire()
    clock.now += INVALID_PAUSE
    budget.acquire()


def test_workers_share_one_schedule():
    """Eight threads asking at once still get evenly spaced slots (real time, a fast rate: the order, not speed)."""
    budget = RequestBudget(400)
    times: list[float] = []
    lock = threading.Lock()
    import time

    def worker() -> None:
        for _ in range(10):
            budget.acquire()
            with lock:
                times.append(time.monotonic())

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    times.sort()
    assert len(times) == 80
    assert times[-1] - times[0] >= 79 / (400 * HEADROOM) * 0.9  # 80 calls could not go faster than the budget


def test_the_refusals_say_who_asked_what_and_for_how_long():
    clock = FakeClock()
    budget = RequestBudget(10, clock=clock, sleep=clock.sleep)
    budget.label = "FileSpin"
    budget.answered(errors.RateLimited("slow down", status=429, retry_after=3))
    clock.now += 0.5
    with pytest.raises(errors.HeldBack) as held:
        budget.acquire()
    assert str(held.value) == "FileSpin asked to wait before the next request; waiting 3 s."
    assert held.value.retry_after == pytest.approx(2.5)
    clock.now += 2.5
    for _ in range(INVALID_RUN):
        budget.answered(errors.NotFoundError("no such asset", status=404))
    clock.now += 10
    with pytest.raises(errors.ClientRequestError) as stopped:
        budget.acquire()
    assert str(stopped.value) == (
        f"Stopped asking FileSpin: {INVALID_RUN} requests in a row were refused as invalid (unknown asset IDs or "
        "a wrong key), and the provider keeps a long-lived limit on those. Check the key and the IDs; calls "
        f"resume in {int(INVALID_PAUSE - 10) + 1} s."
    )
    assert str(stopped.value.title) == "Too many invalid requests"


def test_a_retry_after_is_held_for_at_most_five_slowdowns():
    clock = FakeClock()
    budget = RequestBudget(10, clock=clock, sleep=clock.sleep)
    budget.answered(errors.RateLimited("slow down", status=429, retry_after=100_000))
    clock.now += SLOW_FOR * 5 - 1
    with pytest.raises(errors.HeldBack):
        budget.acquire()
    clock.now += 1
    budget.acquire()


def test_after_a_stop_the_run_of_invalid_answers_counts_from_zero_again():
    clock = FakeClock()
    budget = RequestBudget(None, clock=clock, sleep=clock.sleep)
    for _ in range(INVALID_RUN):
        budget.answered(errors.AuthError("bad key", status=401))
    clock.now += INVALID_PAUSE
    budget.acquire()
    for _ in range(INVALID_RUN - 1):
        budget.answered(errors.AuthError("bad key", status=401))
    budget.acquire()  # 19 more are not yet a run


def test_a_wait_with_a_cancel_token_is_spent_on_it_in_quarter_seconds():
    from assetdrop.core.transfer.progress import CancelToken

    clock = FakeClock()

    class Token(CancelToken):
        def __init__(self) -> None:
            super().__init__()
            self.waits: list[float] = []

        def wait(self, seconds: float) -> bool:
            self.waits.append(seconds)
            clock.now += seconds
            return False

    budget = RequestBudget(1, clock=clock, sleep=clock.sleep)
    budget.acquire()
    token = Token()
    budget.acquire(token)
    assert sum(token.waits) == pytest.approx(1 / HEADROOM)
    assert max(token.waits) <= 0.25 and clock.slept == []


def test_one_budget_per_origin_following_the_latest_rate_and_label():
    from assetdrop.core.transfer.pacing import budget_for

    first = budget_for("https://pacing-test.example", 10, "FileSpin")
    assert budget_for("https://pacing-test.example", 10, "FileSpin EU") is first and first.label == "FileSpin EU"
    assert first.per_second == pytest.approx(10 * HEADROOM)
    other = budget_for("https://other-pacing-test.example", 10, "Xvid")
    assert other is not first and other.label == "Xvid" and first.label == "FileSpin EU"
    faster = budget_for("https://pacing-test.example", 20, "FileSpin")
    assert faster is not first and faster.per_second == pytest.approx(20 * HEADROOM)
    assert budget_for("https://pacing-test.example", 20, "FileSpin") is faster
    unlimited = budget_for("https://pacing-test.example", None, "FileSpin")
    assert unlimited is not faster and unlimited.per_second is None
    assert budget_for("https://pacing-test.example", None, "FileSpin") is unlimited


def test_a_budget_nobody_named_speaks_of_the_server():
    clock = FakeClock()
    budget = RequestBudget(10, clock=clock, sleep=clock.sleep)
    budget.answered(errors.RateLimited("slow down", status=429, retry_after=3))
    with pytest.raises(errors.HeldBack, match="^the server asked to wait"):
        budget.acquire()


def test_the_refusals_are_sentences_the_german_translation_has():
    """The window translates a Sentence by its context and text: both must match a finished entry of
    resources/translations/assetdrop_de.ts, or a German window shows the refusal in English."""
    import xml.etree.ElementTree as ET
    from pathlib import Path

    ts = ET.parse(Path(__file__).parents[2] / "resources" / "translations" / "assetdrop_de.ts").getroot()

    def german(sentence) -> bool:
        found = [
            message.find("translation")
            for context in ts.iter("context")
            if context.findtext("name") == sentence.context
            for message in context.iter("message")
            if message.findtext("source") == sentence.template
        ]
        return len(found) == 1 and found[0].get("type") is None and bool(found[0].text)

    clock = FakeClock()
    budget = RequestBudget(10, clock=clock, sleep=clock.sleep)
    budget.answered(errors.RateLimited("slow down", status=429, retry_after=3))
    with pytest.raises(errors.HeldBack) as held:
        budget.acquire()
    clock.now += 3
    for _ in range(INVALID_RUN):
        budget.answered(errors.NotFoundError("no such asset", status=404))
    with pytest.raises(errors.ClientRequestError) as stopped:
        budget.acquire()
    assert german(held.value.message) and german(stopped.value.message) and german(stopped.value.title)
