"""What the window says about a transfer while it runs: the Speed and ETA cells, the totals in the status bar,
and the row's context menu (Pause, Resume, Retry offered when they apply), read off the window, not the queue."""

from __future__ import annotations

import re

from assetdrop.core.queue.items import Status
from assetdrop.core.transfer import throttle
from assetdrop.qt.queue_model import ITEM_ROLE, Column
from tests.conftest import write_file
from tests.gui.conftest import rows
from tests.gui.test_main_window import drop

KiB, MiB = 1024, 1024 * 1024
UNITS = {"B": 1, "KiB": KiB, "MiB": MiB, "GiB": 1024 * MiB}


def _bytes(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.,]+) (B|KiB|MiB|GiB)/s", text).groups()
    return float(number.replace(",", "")) * UNITS[unit]


def _seconds(text: str) -> int:
    found = re.fullmatch(r"(?:(\d+) min )?(\d+) s", text)
    assert found, f"ETA reads {text!r}"
    return int(found.group(1) or 0) * 60 + int(found.group(2))


def _enabled(menu) -> dict[str, bool]:
    return {a.text().replace("&", ""): a.isEnabled() for a in menu.actions() if a.text()}


def test_a_running_upload_shows_its_speed_eta_and_totals_and_offers_what_applies(qtbot, make_window, tmp_path):
    window = make_window()
    source = tmp_path / "slow.bin"
    write_file(source, 4 * MiB)
    throttle.configure(512, 0)  # KiB/s, as Settings' upload limit sets it: about 8 s for this file
    try:
        drop(qtbot, window.drop_zone, paths=[source])
        view = window.views["uploads"]
        model = view.model()

        def running():
            item = model.index(0, 0).data(ITEM_ROLE) if model.rowCount() else None
            return item is not None and item.status is Status.UPLOADING and item.done >= MiB

        qtbot.waitUntil(running, timeout=20000)
        qtbot.waitUntil(lambda: bool(model.index(0, Column.SPEED).data()), timeout=5000)
        speed = _bytes(model.index(0, Column.SPEED).data())
        eta = _seconds(model.index(0, Column.ETA).data())
        item = model.index(0, 0).data(ITEM_ROLE)
        left = (item.size - item.done) / (512 * KiB)
        # the cells show the limit and the time it leaves (a bar always full, a blank Speed, a stuck ETA would not)
        assert 256 * KiB <= speed <= 768 * KiB, model.index(0, Column.SPEED).data()
        assert left / 2 - 1 <= eta <= left * 2 + 1, (eta, left)
        qtbot.waitUntil(lambda: window.totals_label.text() != "Idle", timeout=5000)
        totals = window.totals_label.text()
        assert totals.startswith("1 active · ") and "of 4.0 MiB" in totals and totals.endswith("/s"), totals

        menu = _enabled(view.menu_for([item]))
        assert (menu["Pause"], menu["Resume"], menu["Retry"], menu["Cancel"]) == (True, False, False, True)
        next(a for a in view.menu_for([item]).actions() if a.text() == "&Pause").trigger()
        qtbot.waitUntil(lambda: rows(window)[0].status is Status.PAUSED, timeout=10000)
        paused = model.index(0, 0).data(ITEM_ROLE)
        menu = _enabled(view.menu_for([paused]))
        assert (menu["Pause"], menu["Resume"], menu["Retry"]) == (False, True, False)
        assert model.index(0, Column.SPEED).data() in ("", None)  # a paused row moves nothing

        next(a for a in view.menu_for([paused]).actions() if a.text() == "&Cancel").trigger()
        qtbot.waitUntil(lambda: rows(window)[0].status is Status.CANCELLED, timeout=10000)
        cancelled = rows(window)[0]
        menu = _enabled(view.menu_for([cancelled]))
        assert (menu["Pause"], menu["Resume"], menu["Retry"]) == (False, False, True)
        qtbot.waitUntil(lambda: window.totals_label.text() == "Idle", timeout=5000)
    finally:
        throttle.configure(0, 0)
