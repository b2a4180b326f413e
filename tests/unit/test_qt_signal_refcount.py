"""Guards the PySide6 pin: emitting a signal must not leak references to True.

PySide6-Essentials 6.12.0 decrements True's refcount on every `emit()`; the app emits several signals a second,
so it aborted with "Fatal Python error: bool_dealloc" after a few minutes (found by bench/gui_scale.py). The
check runs in a child process, because a leaking build would abort the interpreter that measures it.
"""

import subprocess
import sys
import textwrap

CHILD = textwrap.dedent("""
    import os, sys
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QObject, Signal
    app = QCoreApplication([])
    class Source(QObject):
        changed = Signal(object)
    source = Source()
    source.changed.connect(lambda value: None)
    before = sys.getrefcount(True)
    for i in range(50):  # few enough not to exhaust True's count even on a leaking build
        source.changed.emit(i)
    print(sys.getrefcount(True) - before)
""")


def test_signal_emission_does_not_leak_references_to_true():
    result = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-500:]
    drift = int(result.stdout.strip().splitlines()[-1])
    import PySide6

    assert abs(drift) < 5, f"PySide6 {PySide6.__version__} leaks a reference to True per emit ({drift} over 50)"
