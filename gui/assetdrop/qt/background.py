"""One readable line to run work off the UI thread with its result or error routed back:

    Background(self, lambda: provider.asset_info(asset_id)).success(self.show_info).failure(self.show_error).run()

The function runs on Qt's thread pool; the callbacks run on the GUI thread. A failure is always delivered
(an AssetdropError as itself, anything else logged with its traceback and wrapped as a one-sentence error).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from ..core.errors import AssetdropError
from ..core.sentence import translate

log = logging.getLogger(__name__)
_running: set[Background] = set()  # keeps callbacks alive until they have been delivered


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, fn, signals):
        super().__init__()
        self.fn, self.signals = fn, signals

    def run(self) -> None:
        try:
            result = self.fn()
        except AssetdropError as exc:
            self.signals.failed.emit(exc)
        except Exception as exc:
            log.exception("background task failed")
            self.signals.failed.emit(
                AssetdropError(
                    translate(
                        "Background", "Something went wrong inside Assetdrop ({kind}). Details are in the log file."
                    ).format(kind=type(exc).__name__),
                    title=translate("Background", "Internal error"),
                )
            )
        else:
            self.signals.done.emit(result)


class Background:
    def __init__(self, parent: QObject | None, fn: Callable[[], object]):
        self._fn = fn
        self._signals = _Signals(parent)
        self._on_success: Callable[[object], None] = lambda result: None
        self._on_failure: Callable[[AssetdropError], None] = lambda exc: None

    def success(self, callback) -> Background:
        self._on_success = callback
        return self

    def failure(self, callback) -> Background:
        self._on_failure = callback
        return self

    def run(self) -> None:
        _running.add(self)
        self._signals.done.connect(self._deliver_success)
        self._signals.failed.connect(self._deliver_failure)
        QThreadPool.globalInstance().start(_Task(self._fn, self._signals))

    def _deliver_success(self, result) -> None:
        _running.discard(self)
        self._on_success(result)

    def _deliver_failure(self, exc) -> None:
        _running.discard(self)
        self._on_failure(exc)
