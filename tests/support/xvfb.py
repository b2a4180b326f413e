"""Start a private Xvfb display for a test (a real X server, as on a desktop) and stop it afterwards."""

from __future__ import annotations

import contextlib
import os
import subprocess


@contextlib.contextmanager
def xvfb_display(size: str = "1280x800x24"):
    """Yields a DISPLAY value like ":3"; Xvfb picks a free display number and reports it through a pipe."""
    read, write = os.pipe()
    proc = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", size, "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        display = pipe.readline().strip()
    try:
        yield f":{display}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
