"""Sizes, rates and durations in words, shared by the CLI and the window."""

from __future__ import annotations

from datetime import UTC, datetime


def human_bytes(n: float | None) -> str:
    if n is None:
        return ""
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if abs(n) < 1024 or unit == "TiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return ""


def human_rate(bytes_per_second: float) -> str:
    return f"{human_bytes(bytes_per_second)}/s" if bytes_per_second > 0 else ""


def human_duration(seconds: float | None) -> str:
    if seconds is None:
        return ""
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def api_moment(iso: str) -> datetime | None:
    """An API's ISO-8601 timestamp ("2026-12-03T10:58:42Z") as an aware datetime; None for text that is not one."""
    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:  # no zone stated: the APIs documented here speak UTC
        moment = moment.replace(tzinfo=UTC)
    return moment


def local_time(iso: str) -> str:
    """An API's timestamp as this computer's local time, to the minute; text that is not one is shown as it came
    ("" stays "")."""
    moment = api_moment(iso) if iso else None
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment is not None else iso
