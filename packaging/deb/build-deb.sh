#!/usr/bin/env bash
# Build dist/assetdrop_<version>-<revision>_amd64.deb from the PyInstaller bundle in dist/assetdrop (make package
# runs both; packaging/build.sh has already tidied the bundle with packaging/deb/tidy_bundle.py).
#   packaging/deb/build-deb.sh [BUNDLE_DIR] [OUT_DIR]
# Layout: /opt/assetdrop/ (the bundle), /usr/bin/assetdrop and /usr/bin/assetdrop-cli (launchers), man pages and
# bash/zsh completions generated from the argument parsers, the .desktop file, hicolor icons 16–512 and scalable
# SVG, AppStream metainfo, copyright (packaging/deb/copyright.py), changelog.Debian.gz, lintian overrides, md5sums.
# Depends is computed from what the bundle links (packaging/deb/depends.py).
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
# The Debian version is the changelog's: upstream version (pyproject's) plus the packaging revision.
DEB_VERSION=$(sed -n '1s/^assetdrop (\([^)]*\)).*/\1/p' "$ROOT/packaging/deb/changelog")
[ "${DEB_VERSION%-*}" = "$VERSION" ] || {
  echo "packaging/deb/changelog is at $DEB_VERSION but pyproject.toml at $VERSION: add a changelog entry"; exit 1; }
ARCH=$(dpkg --print-architecture)
# Release date for AppStream and the man pages: the last commit's date (reproducible), else today.
DATE=$(git -C "$ROOT" log -1 --format=%cs 2>/dev/null || date -u +%F)
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$ROOT" log -1 --format=%ct 2>/dev/null || date +%s)}
STAGE=$(mktemp -d "${TMPDIR:-/tmp}/assetdrop-deb.XXXXXX")
trap 'rm -rf "$STAGE"' EXIT
PKG="$STAGE/root"

install -d "$PKG/opt" "$PKG/usr/bin" "$PKG/usr/share/applications" "$PKG/usr/share/metainfo" \
  "$PKG/usr/share/icons/hicolor/scalable/apps" "$PKG/usr/share/doc/assetdrop" "$PKG/DEBIAN" \
  "$PKG/usr/share/man/man1" "$PKG/usr/share/bash-completion/completions" "$PKG/usr/share/zsh/vendor-completions" \
  "$PKG/usr/share/lintian/overrides" "$PKG/usr/lib/systemd/user"
cp -a "$BUNDLE" "$PKG/opt/assetdrop"

# The launchers find the bundle relative to themselves: /usr/bin/../../opt/assetdrop when installed, and the same
# inside a tree extracted with dpkg -x (the smoke test runs it there). assetdrop-cli starts the bundle through its
# link of that name, which the entry script (packaging/assetdrop_main.py) reads as "run the CLI".
for prog in assetdrop assetdrop-cli; do
  cat > "$PKG/usr/bin/$prog" <<LAUNCHER
#!/bin/sh
# $prog launcher (the program itself is the PyInstaller bundle in /opt/assetdrop).
here=\$(dirname "\$(readlink -f "\$0")")
exec "\$here/../../opt/assetdrop/$prog" "\$@"
LAUNCHER
  chmod 0755 "$PKG/usr/bin/$prog"
done
[ -L "$PKG/opt/assetdrop/assetdrop-cli" ] || { echo "the bundle lacks its assetdrop-cli link (packaging/build.sh)"; exit 1; }

# Man pages and completions come from the parsers themselves (argparse-manpage, shtab), so they cannot drift.
BIN=$(dirname "$PY")
manpage() {  # manpage PROG MODULE DESCRIPTION
  "$BIN/argparse-manpage" --module "$2" --function build_parser --prog "$1" --project-name Assetdrop \
    --version "$VERSION" --author "Assetdrop developers" --url https://assetdrop.io/ \
    --manual-title "Assetdrop manual" --description "$3" --output "$STAGE/$1.1"
  gzip -9n < "$STAGE/$1.1" > "$PKG/usr/share/man/man1/$1.1.gz"
}
manpage assetdrop assetdrop.qt.app "upload and download files through signed-link asset APIs, in a window"
manpage assetdrop-cli assetdrop.cli "upload and download files through signed-link asset APIs, from the command line"
for pair in assetdrop:assetdrop.qt.app.build_parser assetdrop-cli:assetdrop.cli.build_parser; do
  prog=${pair%%:*} parser=${pair#*:} prefix=_shtab_$(echo "${pair%%:*}" | tr - _)
  "$BIN/shtab" --shell=bash --prog "$prog" --prefix "$prefix" --error-unimportable "$parser" \
    > "$PKG/usr/share/bash-completion/completions/$prog"
  "$BIN/shtab" --shell=zsh --prog "$prog" --prefix "$prefix" --error-unimportable "$parser" \
    > "$PKG/usr/share/zsh/vendor-completions/_$prog"
done

install -m 0644 "$ROOT/resources/$APP_ID.desktop" "$PKG/usr/share/applications/$APP_ID.desktop"
sed -e "s/@VERSION@/$VERSION/" -e "s/@DATE@/$DATE/" "$ROOT/resources/$APP_ID.metainfo.xml" \
  > "$PKG/usr/share/metainfo/$APP_ID.metainfo.xml"
chmod 0644 "$PKG/usr/share/metainfo/$APP_ID.metainfo.xml"
"$PY" "$ROOT/packaging/render_icons.py" "$STAGE/icons" >/dev/null
cp -r "$STAGE/icons/hicolor/." "$PKG/usr/share/icons/hicolor/"
install -m 0644 "$ROOT/resources/icons/$APP_ID.svg" "$PKG/usr/share/icons/hicolor/scalable/apps/$APP_ID.svg"
"$PY" "$ROOT/packaging/deb/copyright.py" "$PKG/opt/assetdrop" "$ROOT/LICENSE" > "$PKG/usr/share/doc/assetdrop/copyright"
gzip -9n < "$ROOT/packaging/deb/changelog" > "$PKG/usr/share/doc/assetdrop/changelog.Debian.gz"
# The watch-folder service: a user unit, installed but never enabled here (no maintainer scripts, no preset).
install -m 0644 "$ROOT/packaging/deb/assetdrop-watch@.service" "$PKG/usr/lib/systemd/user/assetdrop-watch@.service"
install -m 0644 "$ROOT/docs/watch-folders.md" "$PKG/usr/share/doc/assetdrop/watch-folders.md"
install -m 0644 "$ROOT/packaging/deb/lintian-overrides" "$PKG/usr/share/lintian/overrides/assetdrop"

DEPENDS=$(python3 "$ROOT/packaging/deb/depends.py" "$PKG/opt/assetdrop")
SIZE_KB=$(du -sk --exclude=DEBIAN "$PKG" | cut -f1)
cat > "$PKG/DEBIAN/control" <<CONTROL
Package: assetdrop
Version: $DEB_VERSION
Architecture: $ARCH
Maintainer: Assetdrop developers <dev@assetdrop.io>
Installed-Size: $SIZE_KB
Depends: $DEPENDS
Recommends: gnome-keyring | libkf5wallet-bin
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
find "$PKG/usr/share" -type f -exec chmod 0644 {} +
(cd "$PKG" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z | xargs -0 md5sum) \
  > "$PKG/DEBIAN/md5sums"
chmod 0644 "$PKG/DEBIAN/md5sums" "$PKG/DEBIAN/control"
mkdir -p "$OUT"
DEB="$OUT/assetdrop_${DEB_VERSION}_${ARCH}.deb"
dpkg-deb --root-owner-group -Zxz -z6 --build "$PKG" "$DEB" >/dev/null
echo "Built $DEB ($(du -h "$DEB" | cut -f1); installed $((SIZE_KB / 1024)) MiB)"
