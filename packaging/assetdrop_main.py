"""PyInstaller's entry script: the frozen `assetdrop` executable is exactly the `assetdrop` gui-script."""

import sys

from assetdrop.qt.app import main

if __name__ == "__main__":
    sys.exit(main())
