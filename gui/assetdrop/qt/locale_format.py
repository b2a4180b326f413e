"""Sizes, rates, durations, counts and dates for the window, in the user's locale (QLocale(): the default that
qt/translations.py sets). "1,5 MiB" in German, "1.5 MiB" in English: the units stay the IEC ones that
core/formatting.py uses for the command line, whose output stays the same in every locale."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale

from ..core.formatting import api_moment
from .translations import fill


def size(n: float | None) -> str:
    if n is None:
        return ""
    return QLocale().formattedDataSize(int(n), 1, QLocale.DataSizeFormat.DataSizeIecFormat)


def rate(bytes_per_second: float) -> str:
    return (
        fill(QCoreApplication.translate("Formatting", "%1/s"), size(bytes_per_second)) if bytes_per_second > 0 else ""
    )


def number(n: int) -> str:
    return QLocale().toString(int(n))


def percent(fraction: float) -> str:
    return fill(QCoreApplication.translate("Formatting", "%1%"), QLocale().toString(int(fraction * 100)))


def duration(seconds: float | None) -> str:
    if seconds is None:
        return ""
    seconds = int(round(seconds))
    if seconds < 60:
        return fill(QCoreApplication.translate("Formatting", "%1 s"), seconds)
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return fill(QCoreApplication.translate("Formatting", "%1 min %2 s"), minutes, f"{seconds:02d}")
    hours, minutes = divmod(minutes, 60)
    return fill(QCoreApplication.translate("Formatting", "%1 h %2 min"), hours, f"{minutes:02d}")


def api_time(iso: str) -> str:
    """An API's ISO-8601 timestamp as this computer's local time, in the locale's short form (core/formatting.py's
    local_time reads it the same way for the command line); text that is not one is shown as it came."""
    moment = api_moment(iso) if iso else None
    return date_time(moment.timestamp()) if moment is not None else iso


def date_time(epoch_seconds: float) -> str:
    return QLocale().toString(QDateTime.fromSecsSinceEpoch(int(epoch_seconds)), QLocale.FormatType.ShortFormat)
