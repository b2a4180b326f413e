"""The speed floor on a fake clock: a body bringing fewer than min_bytes in a window is given up with a message
naming the host and the figures; one bringing enough (even in the last moment) goes on, and each window starts
from zero. The real-socket side (a server that drips) is tests/reliability/test_field_faults.py."""

from __future__ import annotations

import pytest

from assetdrop.core import errors
from assetdrop.core.transfer.retry import is_transient
from assetdrop.core.transfer.stall import SPEED_LIMIT, SPEED_TIME, SpeedFloor, StallPolicy


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_defaults_are_curls_figures():
    assert StallPolicy() == StallPolicy(seconds=SPEED_TIME, min_bytes=SPEED_LIMIT)
    assert (SPEED_TIME, SPEED_LIMIT) == (30.0, 1024)


def test_a_trickle_is_given_up_when_the_window_ends_with_the_figures_in_words():
    clock = Clock()
    floor = SpeedFloor("storage.example", StallPolicy(seconds=10, min_bytes=1000), clock=clock)
    for _ in range(9):
        clock.now += 1
        floor.seen(10)  # 90 bytes in 9 s: the window is not over yet
    clock.now += 1.5
    with pytest.raises(errors.RequestTimeout) as caught:
        floor.seen(10)
    assert str(caught.value) == (
        "storage.example sent only 100 bytes in 10 s (less than 1,000 in 10 s): the transfer stalled."
    )
    assert is_transient(caught.value)  # given up, and retried


def test_the_window_ends_exactly_at_its_length():
    clock = Clock()
    floor = SpeedFloor("h", StallPolicy(seconds=10, min_bytes=1000), clock=clock)
    clock.now += 9
    floor.seen(0)  # not yet
    clock.now += 1  # whole seconds: exact on the float clock
    with pytest.raises(errors.RequestTimeout):
        floor.seen(0)


def test_exactly_min_bytes_is_enough():
    clock = Clock()
    floor = SpeedFloor("h", StallPolicy(seconds=10, min_bytes=1000), clock=clock)
    clock.now += 10
    floor.seen(1000)


def test_each_window_counts_from_zero_and_from_its_own_start():
    clock = Clock()
    floor = SpeedFloor("h", StallPolicy(seconds=10, min_bytes=1000), clock=clock)
    clock.now += 10
    floor.seen(5000)  # a good first window
    clock.now += 9
    floor.seen(10)  # 9 s into the second window: not judged yet (the mark moved to the end of the first)
    clock.now += 1
    with pytest.raises(errors.RequestTimeout) as caught:
        floor.seen(10)  # the first window's 5,000 bytes do not carry over
    assert "sent only 20 bytes in 10 s" in str(caught.value)


def test_bytes_count_from_the_start_of_the_body_not_the_first_call():
    clock = Clock()
    floor = SpeedFloor("h", StallPolicy(seconds=10, min_bytes=1000), clock=clock)  # the mark is taken here
    clock.now += 10
    with pytest.raises(errors.RequestTimeout):
        floor.seen(999)


def test_the_default_policy_applies_without_one():
    clock = Clock()
    floor = SpeedFloor("h", clock=clock)
    clock.now += SPEED_TIME - 1
    floor.seen(0)
    clock.now += 1
    with pytest.raises(errors.RequestTimeout) as caught:
        floor.seen(SPEED_LIMIT - 1)
    assert "(less than 1,024 in 30 s)" in str(caught.value)


def test_the_stall_message_is_one_the_german_translation_has():
    """The message is a Sentence the window translates by its context and text: both must match a finished entry
    of resources/translations/assetdrop_de.ts, or a German window shows it in English."""
    import xml.etree.ElementTree as ET
    from pathlib import Path

    clock = Clock()
    floor = SpeedFloor("h", clock=clock)
    clock.now += SPEED_TIME
    with pytest.raises(errors.RequestTimeout) as caught:
        floor.seen(0)
    sentence = caught.value.message
    ts = ET.parse(Path(__file__).parents[2] / "resources" / "translations" / "assetdrop_de.ts")
    found = [
        message.find("translation")
        for context in ts.getroot().iter("context")
        if context.findtext("name") == sentence.context
        for message in context.iter("message")
        if message.findtext("source") == sentence.template
    ]
    assert len(found) == 1 and found[0].get("type") is None and found[0].text
