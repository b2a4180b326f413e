"""Entry point of the `assetdrop` desktop window.

The window itself is the next issue (the desktop application); until it lands this entry point says so in one
line instead of failing with an import error, and points at what works today.
"""

import sys


def main() -> int:
    print("The Assetdrop window is not built yet. Use `assetdrop-cli` (upload, download, info, search, sandbox).",
          file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
