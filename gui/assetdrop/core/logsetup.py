"""Logging to a rotating file in the user log dir, with secrets redacted before anything is written.

Every record passes `RedactingFilter`: signed-URL signatures and credentials are removed from messages and
arguments, and registered secrets (the API keys in use) are replaced wherever they appear.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from . import paths
from .redact import redact_text

LOG_FILE = "assetdrop.log"
_secrets: set[str] = set()


def register_secret(secret: str | None) -> None:
    """Make sure `secret` is never written to a log, whatever code tries."""
    if secret and len(secret) >= 4:
        _secrets.add(secret)


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg = redact_text(message, tuple(_secrets))
        record.args = ()
        if record.exc_text:
            record.exc_text = redact_text(record.exc_text, tuple(_secrets))
        return True


def configure(*, verbose: bool = False, log_path: Path | None = None) -> Path:
    log_path = log_path or paths.log_dir() / LOG_FILE
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for handler in list(root.handlers):
        if getattr(handler, "_assetdrop", False):
            root.removeHandler(handler)
    file_handler = logging.handlers.RotatingFileHandler(log_path, maxBytes=2_000_000, backupCount=3,
                                                        encoding="utf-8")
    file_handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handlers = [file_handler]
    if verbose:
        stream = logging.StreamHandler()
        stream.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        handlers.append(stream)
    for handler in handlers:
        handler._assetdrop = True
        handler.addFilter(RedactingFilter())
        root.addHandler(handler)
    logging.getLogger("urllib3").setLevel(logging.WARNING)
    return log_path
