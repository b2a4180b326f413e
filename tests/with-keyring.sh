#!/usr/bin/env bash
# Start an unlocked gnome-keyring Secret Service inside the current (private) dbus session, then run "$@".
# Used by `make test` under dbus-run-session, so keyring tests talk to a real keyring, never the user's own.
set -euo pipefail
if command -v gnome-keyring-daemon >/dev/null; then
  eval "$(echo -n assetdrop-test | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)" || true
  export GNOME_KEYRING_CONTROL SSH_AUTH_SOCK 2>/dev/null || true
fi
exec "$@"
