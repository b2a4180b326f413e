""" "Copy diagnostics": a plain-text report a user can paste into a support request, with nothing secret in it.

Versions (Assetdrop, Python, OS, requests/urllib3, TLS trust), each profile's kind and API origin (scheme, host,
port: never a key, never a path's query), whether it has a CA bundle, the keyring backend's name, and the last lines
of the log file. The whole text passes `redact_text` (registered keys, signed URLs, credential headers) at the end,
whatever went into it.
"""

from __future__ import annotations

import platform
import sys
from collections import deque
from pathlib import Path
from urllib.parse import urlsplit

import requests
import urllib3

from .. import __version__
from . import proxy
from .http import system_trust_available
from .logsetup import current_log_path
from .redact import redact_text
from .settings import Settings

LOG_LINES = 40


def _origin(url: str) -> str:
    try:
        parts = urlsplit(url or "")
        host = parts.hostname or "?"
        return f"{parts.scheme or '?'}://{host}{':' + str(parts.port) if parts.port else ''}"
    except ValueError:
        return "<unparseable address>"


def _tail(path: Path | None, lines: int) -> list[str]:
    if path is None:
        return ["(no log file yet)"]
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return [line.rstrip("\n") for line in deque(handle, maxlen=lines)]
    except OSError as exc:
        return [f"(log file {path} unreadable: {exc.strerror or exc})"]


def _keyring_backend() -> str:
    try:
        import keyring  # loaded only here and in credentials.py: its import costs ~230 ms of every start

        return type(keyring.get_keyring()).__module__ + "." + type(keyring.get_keyring()).__name__
    except Exception as exc:  # a broken keyring must not break the report
        return f"unavailable ({type(exc).__name__})"


def report(
    conf: Settings | None = None,
    *,
    log_path: Path | None = None,
    extra: dict[str, str] | None = None,
    log_lines: int = LOG_LINES,
) -> str:
    """The diagnostics text. `conf` is the app's Settings (optional); `extra` adds lines (e.g. the Qt version)."""
    out = [
        f"Assetdrop {__version__}",
        f"Python {platform.python_version()} ({sys.executable})",
        f"OS {platform.platform()}",
        f"requests {requests.__version__}, urllib3 {urllib3.__version__}",
        f"TLS trust: {'operating system store (truststore)' if system_trust_available() else 'certifi bundle'}"
        f" + per-profile CA bundles; verification always on",
        f"Keyring backend: {_keyring_backend()}",
        f"Proxies: {proxy.summary()}",
    ]
    for key, value in (extra or {}).items():
        out.append(f"{key}: {value}")
    if conf is not None:
        out.append(f"Concurrency {conf.concurrency}, conflict policy {conf.conflict_policy}")
        out.append("Profiles:")
        for profile in conf.profiles:
            current = " (current)" if profile.name == conf.current_profile else ""
            options = profile.options or {}
            bundle = ", own CA bundle" if options.get("ca_bundle") else ""
            sandbox = ", embedded sandbox" if options.get("embedded_sandbox") else ""
            setting = str(options.get("proxy") or "system")
            route = f", proxy {setting if setting in ('system', 'none') else _origin(setting)}"
            route += " with a user name" if options.get("proxy_user") else ""
            address = _origin(profile.base_url)
            out.append(f"  {profile.name}{current}: {profile.kind} at {address}{bundle}{sandbox}{route}")
    path = log_path or current_log_path()
    out.append(f"Last log lines ({path or 'no log file'}):")
    out.extend("  " + line for line in _tail(path, log_lines))
    return redact_text("\n".join(out)) + "\n"
