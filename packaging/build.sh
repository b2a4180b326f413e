#!/usr/bin/env bash
# Build the PyInstaller one-folder bundle (tidied for Linux packaging) and the .deb made from it (`make package`).
#   packaging/build.sh [OUT_DIR [WORK_DIR]]      default: dist/ and build/
# Prints the bundle's size and how long each step took.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$(realpath -m "${1:-$ROOT/dist}")
WORK=$(realpath -m "${2:-$ROOT/build}")
PY=${PYTHON:-$ROOT/.venv/bin/python}
cd "$ROOT"
start=$SECONDS
rm -rf "$OUT/assetdrop"
"$PY" -m PyInstaller --noconfirm --log-level ERROR --distpath "$OUT" --workpath "$WORK" packaging/assetdrop.spec
# Fit for a Debian package: no build-machine RUNPATHs, stripped, no dangling links (packaging/deb/tidy_bundle.py);
# and the CLI's entry: a link the entry script recognises by its name.
"$PY" packaging/deb/tidy_bundle.py "$OUT/assetdrop"
ln -s assetdrop "$OUT/assetdrop/assetdrop-cli"
bundle_s=$((SECONDS - start))
echo "Bundle: $OUT/assetdrop, $(du -sh "$OUT/assetdrop" | cut -f1), built in ${bundle_s}s"
PYTHON="$PY" packaging/deb/build-deb.sh "$OUT/assetdrop" "$OUT"
echo "Package built in $((SECONDS - start))s"
