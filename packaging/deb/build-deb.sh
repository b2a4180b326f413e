#!/usr/bin/env bash
# Build dist/assetdrop_<version>_amd64.deb from the PyInstaller bundle in dist/assetdrop (make package runs both).
#   packaging/deb/build-deb.sh [BUNDLE_DIR] [OUT_DIR]
# Layout: /opt/assetdrop/ (the bundle), /usr/bin/assetdrop (launcher), the .desktop file, hicolor icons 16–512 and
# scalable SVG, AppStream metainfo. Depends is computed from what the bundle links (packaging/deb/depends.py).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUNDLE=$(realpath "${1:-$ROOT/dist/assetdrop}")
OUT=$(realpath -m "${2:-$ROOT/dist}")
PY=${PYTHON:-$ROOT/.venv/bin/python}
[ -x "$PY" ] || PY=python3
APP_ID=io.assetdrop.Assetdrop
[ -x "$BUNDLE/assetdrop" ] || { echo "No bundle at $BUNDLE: run pyinstaller packaging/assetdrop.spec first"; exit 1; }

VERSION=$("$PY" -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb"))["project"]["version"])' \
  "$ROOT/pyproject.toml")
ARCH=$(dpkg --print-architecture)
# Release date for AppStream: the last commit's date (reproducible), else today.
DATE=$(git -C "$ROOT" log -1 --format=%cs 2>/dev/null || date -u +%F)
STAGE=$(mktemp -d "${TMPDIR:-/tmp}/assetdrop-deb.XXXXXX")
trap 'rm -rf "$STAGE"' EXIT
PKG="$STAGE/root"

install -d "$PKG/opt" "$PKG/usr/bin" "$PKG/usr/share/applications" "$PKG/usr/share/metainfo" \
  "$PKG/usr/share/icons/hicolor/scalable/apps" "$PKG/usr/share/doc/assetdrop" "$PKG/DEBIAN"
cp -a "$BUNDLE" "$PKG/opt/assetdrop"

# The launcher finds the bundle relative to itself: /usr/bin/../../opt/assetdrop when installed, and the same
# inside a tree extracted with dpkg -x (the smoke test runs it there).
cat > "$PKG/usr/bin/assetdrop" <<'LAUNCHER'
#!/bin/sh
# Assetdrop launcher (the app itself is the PyInstaller bundle in /opt/assetdrop).
here=$(dirname "$(readlink -f "$0")")
exec "$here/../../opt/assetdrop/assetdrop" "$@"
LAUNCHER
chmod 0755 "$PKG/usr/bin/assetdrop"

install -m 0644 "$ROOT/resources/$APP_ID.desktop" "$PKG/usr/share/applications/$APP_ID.desktop"
sed -e "s/@VERSION@/$VERSION/" -e "s/@DATE@/$DATE/" "$ROOT/resources/$APP_ID.metainfo.xml" \
  > "$PKG/usr/share/metainfo/$APP_ID.metainfo.xml"
chmod 0644 "$PKG/usr/share/metainfo/$APP_ID.metainfo.xml"
"$PY" "$ROOT/packaging/render_icons.py" "$STAGE/icons" >/dev/null
cp -r "$STAGE/icons/hicolor/." "$PKG/usr/share/icons/hicolor/"
install -m 0644 "$ROOT/resources/icons/$APP_ID.svg" "$PKG/usr/share/icons/hicolor/scalable/apps/$APP_ID.svg"
cat > "$PKG/usr/share/doc/assetdrop/copyright" <<COPYRIGHT
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: assetdrop
Files: *
Copyright: Assetdrop developers
License: MIT
COPYRIGHT

DEPENDS=$(python3 "$ROOT/packaging/deb/depends.py" "$PKG/opt/assetdrop")
SIZE_KB=$(du -sk --exclude=DEBIAN "$PKG" | cut -f1)
cat > "$PKG/DEBIAN/control" <<CONTROL
Package: assetdrop
Version: $VERSION
Architecture: $ARCH
Maintainer: Assetdrop developers <dev@assetdrop.io>
Installed-Size: $SIZE_KB
Depends: $DEPENDS
Recommends: gnome-keyring | kwalletmanager | keepassxc, xdg-desktop-portal
Section: net
Priority: optional
Homepage: https://assetdrop.io/
Description: desktop uploader/downloader for signed-link asset APIs
 Assetdrop uploads files to asset services that hand out signed links
 (FileSpin, Xvid MediaHub, memories.ai) and downloads them back, streamed,
 checked and renamed into place atomically. A built-in sandbox lets you try it
 without an account. API keys are kept in the system keyring.
CONTROL
# Icon cache and desktop database are refreshed by the triggers of gtk-update-icon-cache and desktop-file-utils:
# no maintainer scripts needed.
find "$PKG" -type d -exec chmod 0755 {} +
mkdir -p "$OUT"
DEB="$OUT/assetdrop_${VERSION}_${ARCH}.deb"
dpkg-deb --root-owner-group -Zxz -z6 --build "$PKG" "$DEB" >/dev/null
echo "Built $DEB ($(du -h "$DEB" | cut -f1); installed $((SIZE_KB / 1024)) MiB)"
