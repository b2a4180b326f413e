"""Strict parsing of untrusted request values (JSON bodies, timestamps, ids, integers).

Everything a client sends passes through here so that bad input becomes a 400 `INVALID_PARAMETER` instead of an
exception deep in an endpoint, a non-standard JSON constant, or an integer SQLite cannot store.
"""

from __future__ import annotations

import json
import math
import re
from datetime import UTC, datetime

from .errors import invalid

HEX32 = re.compile(r"[0-9a-f]{32}")
MAX_INT = 2**63 - 1  # SQLite INTEGER range


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError("number out of range")
    return value


def _no_constants(name: str):
    raise ValueError(f"{name} is not valid JSON")


def parse_json(raw: bytes):
    """Decode a request body; empty means None. Rejects NaN/Infinity, overflowing numbers and absurd nesting."""
    if not raw.strip():
        return None
    try:
        return json.loads(raw.decode("utf-8"), parse_float=_finite_float, parse_constant=_no_constants)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError, UnicodeDecodeError, int digit limit
        raise invalid(f"body is not valid JSON: {str(exc)[:200]}") from None


def as_int(value, name: str, *, lo: int = 0, hi: int = MAX_INT) -> int:
    """An integer (not a bool, not a float with a fraction) within [lo, hi]."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise invalid(f"{name} must be an integer")
    if isinstance(value, float):
        if not value.is_integer():
            raise invalid(f"{name} must be an integer")
        value = int(value)
    if not lo <= value <= hi:
        raise invalid(f"{name} must be between {lo} and {hi}")
    return value


def query_int(text: str, name: str, *, lo: int, hi: int) -> int:
    if not re.fullmatch(r"\d{1,19}", text.strip()):
        raise invalid(f"{name} must be an integer")
    return as_int(int(text), name, lo=lo, hi=hi)


def as_hex32(value, name: str) -> str:
    if not isinstance(value, str) or not HEX32.fullmatch(value.lower()):
        raise invalid(f"{name} must be 32 hex characters")
    return value.lower()


def parse_time(value, name: str) -> datetime:
    """ISO-8601 timestamp -> aware UTC datetime. A value without a zone is taken as UTC."""
    if not isinstance(value, str) or not 0 < len(value) <= 64:
        raise invalid(f"{name} must be an ISO-8601 timestamp")
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise invalid(f"{name} must be an ISO-8601 timestamp") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def iso(moment: datetime) -> str:
    """The asset-data time format: `2015-07-02T08:12:56Z` (milliseconds kept when present)."""
    moment = moment.astimezone(UTC)
    if moment.microsecond:
        return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def now() -> datetime:
    return datetime.now(UTC)
