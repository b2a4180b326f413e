"""Which failures are retried, and how long the waits are."""

import random

import pytest

from assetdrop.core import errors
from assetdrop.core.transfer.retry import RetryPolicy, is_transient


@pytest.mark.parametrize(
    "exc, transient",
    [
        (errors.NetworkError("reset"), True),
        (errors.RequestTimeout("slow"), True),
        (errors.ProtocolError("cut short"), True),
        (errors.RateLimited("429", status=429), True),
        (errors.ServerError("500", status=500), True),
        (errors.ServerError("503", status=503), True),
        (errors.ServerError("501", status=501), False),
        (errors.StorageError("SlowDown", status=503), True),
        (errors.AuthError("bad key", status=403), False),
        (errors.NotFoundError("404", status=404), False),
        (errors.ClientRequestError("400", status=400), False),
        (errors.ConflictError("409", status=409), False),
        (errors.LocalFileError("disk full"), False),
        (errors.FileChangedError("changed"), True),
        (errors.TransferCancelled(), False),
    ],
)
def test_transient_or_not(exc, transient):
    assert is_transient(exc) is transient


def test_backoff_grows_with_jitter_and_respects_retry_after():
    policy = RetryPolicy(max_attempts=6, base_delay=1.0, max_delay=60)
    rng = random.Random(7)
    waits = [policy.delay(errors.NetworkError("x"), attempt, rng) for attempt in range(1, 9)]
    for attempt, wait in enumerate(waits, start=1):
        ceiling = min(60, 2 ** (attempt - 1))
        assert ceiling / 2 <= wait <= ceiling
    assert policy.delay(errors.RateLimited("x", retry_after=30), 1, rng) >= 30
    assert policy.should_retry(errors.NetworkError("x"), 5) and not policy.should_retry(errors.NetworkError("x"), 6)


@pytest.mark.parametrize(
    "exc, transient",
    [
        (errors.ServerError("502", status=502), True),
        (errors.ServerError("504", status=504), True),
        (errors.ConfigError("bad path"), False),
        (errors.CredentialsError("no keyring"), False),
        (ValueError("a bug, not a blip"), False),  # nothing says it heals: not retried
        (errors.ProtocolError("cut short", status=400), False),  # a status decides over the class's default
    ],
)
def test_transient_or_not_more(exc, transient):
    assert is_transient(exc) is transient


def test_the_default_policy_tries_six_times_with_waits_from_half_a_second_to_a_minute():
    policy = RetryPolicy()
    blip = errors.NetworkError("reset")
    assert [policy.should_retry(blip, attempt) for attempt in range(1, 8)] == [True] * 5 + [False] * 2
    rng = random.Random(1)
    first = [policy.delay(blip, 1, rng) for _ in range(200)]
    assert 0.5 <= min(first) and max(first) <= 1.0
    late = [policy.delay(blip, 30, rng) for _ in range(200)]
    assert 30 <= min(late) and max(late) <= 60
    assert max(late) > 55 and min(late) < 35  # spread over the whole half-to-full range, not one end of it


def test_the_jitter_comes_from_the_random_source_given():
    policy = RetryPolicy()
    waits = [[policy.delay(errors.NetworkError("x"), a, random.Random(42)) for a in range(1, 7)] for _ in range(2)]
    assert waits[0] == waits[1]


def test_retry_after_is_a_floor_capped_at_five_times_the_longest_backoff():
    policy = RetryPolicy(max_delay=60)
    rng = random.Random(3)
    assert policy.delay(errors.RateLimited("x", retry_after=10_000), 1, rng) == 300
    assert policy.delay(errors.RateLimited("x", retry_after=299.5), 1, rng) == 299.5
    short = policy.delay(errors.RateLimited("x", retry_after=0.1), 4, rng)  # shorter than the backoff: backoff
    assert 4 <= short <= 8


def test_an_error_without_retry_after_gets_the_backoff():
    wait = RetryPolicy().delay(ConnectionResetError("reset"), 1, random.Random(5))  # not an AssetdropError
    assert 0.5 <= wait <= 1.0
