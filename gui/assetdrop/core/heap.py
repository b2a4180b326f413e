"""Keep the garbage collector off objects that a big batch of work made to last.

Each full collection walks every tracked object not frozen. A 100,000-file drop adds half a million lasting
objects (items, their copies in the window, the rows' texts), and full collections ran every time that number
grew by a quarter: 25, 65, ... 290 ms each, every one a stall of the whole process, the window's event loop
included (measured: docs/performance.md). Freezing what exists after each batch keeps every later collection
to the objects made since.

A frozen object is still freed by reference counting as soon as nothing uses it (queue items hold no reference
cycles); only cyclic garbage frozen with it would stay, so the young generations are collected first.
"""

from __future__ import annotations

import gc


def keep_long_lived() -> None:
    """Call after a batch of objects meant to last was made (cheap: the young collection is small and the
    freeze moves lists, it does not walk them)."""
    gc.collect(1)
    gc.freeze()
