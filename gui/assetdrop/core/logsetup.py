"""Logging to a rotating file in the user log dir, with secrets redacted before anything is written.

Every record passes `RedactingFilter`: signed-URL signatures and credentials are removed from messages and
arguments, and registered secrets (the API keys in use) are replaced wherever they appear.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from . import paths, redact
from .redact import redact_text

LOG_FILE = "assetdrop.log"
_current_log: Path | None = None


def register_secret(secret: str | None) -> None:
    """Make sure `secret` is never written to a log (nor shown in an error or diagnostics), whatever code tries."""
    redact.register_secret(secret)


def current_log_path() -> Path | None:
    """The file `configure` logs to, or None before it ran."""
    return _current_log


class RedactingFilter(logging.Filter):
    """Cleans the message, its arguments, the traceback and the stack of every record before a handler writes it."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not drop the record, nor keep unredacted args
            message = f"{record.msg!s} {record.args!r}"
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg = redact_text(message)
        record.args = ()
        if record.exc_text:
            record.exc_text = redact_text(record.exc_text)
        if record.stack_info:
            record.stack_info = redact_text(record.stack_info)
        return True


def configure(*, verbose: bool = False, log_path: Path | None = None) -> Path:
    global _current_log
    log_path = log_path or paths.log_dir() / LOG_FILE
    _current_log = log_path
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for handler in list(root.handlers):
        if getattr(handler, "_assetdrop", False):
            root.removeHandler(handler)
    file_handler = logging.handlers.RotatingFileHandler(log_path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    file_handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handlers: list[logging.Handler] = [file_handler]
    if verbose:
        stream = logging.StreamHandler()
        stream.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        handlers.append(stream)
    for handler in handlers:
        handler._assetdrop = True  # type: ignore[attr-defined]  # marks our own handlers for a reconfigure
        handler.addFilter(RedactingFilter())
        root.addHandler(handler)
    logging.getLogger("urllib3").setLevel(logging.WARNING)
    return log_path
