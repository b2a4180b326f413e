"""When to try a failed transfer again, and how long to wait first.

Connection errors, timeouts, truncated bodies, 429 and 5xx heal with time: they are retried with exponential
backoff and full jitter, never sooner than the server's Retry-After. A wrong key, a missing asset or a refused
request do not heal: they fail at once with the server's message. The limits are settings.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .. import errors

_HEALING_STATUSES = {429, 500, 502, 503, 504}


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 6  # including the first
    base_delay: float = 1.0  # seconds before the second attempt (before jitter)
    max_delay: float = 60.0

    def should_retry(self, exc: BaseException, attempt: int) -> bool:
        return attempt < self.max_attempts and is_transient(exc)

    def delay(self, exc: BaseException, attempt: int, rng: random.Random | None = None) -> float:
        """Seconds to wait after failed attempt number `attempt` (1-based)."""
        ceiling = min(self.max_delay, self.base_delay * (2 ** (attempt - 1)))
        wait = (rng or random).uniform(ceiling / 2, ceiling)  # "equal jitter": spread, but never near zero
        retry_after = getattr(exc, "retry_after", None)
        if retry_after is not None:
            wait = max(wait, min(float(retry_after), self.max_delay * 5))
        return wait


def is_transient(exc: BaseException) -> bool:
    if isinstance(
        exc,
        (
            errors.TransferCancelled,
            errors.AuthError,
            errors.NotFoundError,
            errors.ConfigError,
            errors.CredentialsError,
            errors.ConflictError,
        ),
    ):
        return False
    if isinstance(exc, errors.LocalFileError):
        return isinstance(exc, errors.FileChangedError)
    status = getattr(exc, "status", None)
    if status is not None:
        return status in _HEALING_STATUSES
    return bool(getattr(exc, "retryable", False))
