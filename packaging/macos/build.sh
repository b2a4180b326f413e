#!/usr/bin/env bash
# Build dist/Assetdrop.app (PyInstaller BUNDLE, see packaging/assetdrop.spec: bundle id io.assetdrop.Assetdrop,
# icon .icns rendered from the SVG, version from pyproject) and a compressed .dmg. Run on macOS from the repository
# root in a venv with `pip install -e '.[packaging]'`. Signing/notarisation need an Apple Developer ID:
#   CODESIGN_IDENTITY="Developer ID Application: ..." packaging/macos/build.sh
set -euo pipefail
VERSION=$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')
python3 -m PyInstaller --noconfirm packaging/assetdrop.spec
if [ -n "${CODESIGN_IDENTITY:-}" ]; then
  codesign --deep --force --options runtime --sign "$CODESIGN_IDENTITY" dist/Assetdrop.app
fi
dist/Assetdrop.app/Contents/MacOS/assetdrop --self-test --screenshot dist/self-test.png
hdiutil create -volname Assetdrop -srcfolder dist/Assetdrop.app -ov -format UDZO "dist/Assetdrop-$VERSION.dmg"
