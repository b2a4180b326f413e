"""PyInstaller's entry script: the frozen `assetdrop` executable is the `assetdrop` gui-script, and, started
through a link named `assetdrop-cli` (the .deb's /usr/bin/assetdrop-cli, the bundle's assetdrop-cli), the
`assetdrop-cli` console script: one bundle, one copy of Python and the libraries, two programs."""

import os
import sys

if __name__ == "__main__":
    if os.path.basename(sys.argv[0]).removesuffix(".exe") == "assetdrop-cli":
        from assetdrop.cli import main
    else:
        from assetdrop.qt.app import main
    sys.exit(main())
