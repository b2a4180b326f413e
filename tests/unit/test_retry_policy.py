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
