"""What the terminal shows after the roll call's keys is exactly what a full repaint shows.

A focus move and a save repaint only the widgets they change, not the whole screen (see
`focus_reactive` and `title_reactive` in tui/compat.py): this checks, cell by cell with its
colours, in a real terminal, that no highlight or text is left behind on the way."""

from __future__ import annotations

import signal

import pytest

from benchmarks.support.ptyapp import PtyApp, lotsen_argv
from model.demo import write_demo

pytestmark = [
    pytest.mark.skipif(not hasattr(signal, "SIGWINCH"), reason="POSIX signals"),
    pytest.mark.xdist_group("pty"),
]


def _differences(before: list, after: list) -> list[str]:
    out = []
    for y, (a, b) in enumerate(zip(before, after, strict=True)):
        if a != b:
            cols = [x for x, (p, q) in enumerate(zip(a, b, strict=True)) if p != q]
            out.append(f"row {y}, columns {cols[0]}-{cols[-1]}: "
                       f"{''.join(c[0] for c in a)!r} / {''.join(c[0] for c in b)!r}")  # fmt: skip
    return out


def test_the_roll_call_on_screen_is_what_a_full_repaint_shows(tmp_path):
    db_path = tmp_path / "m.db"
    write_demo(db_path)
    app = PtyApp(lotsen_argv(db_path, 2), 80, 24, env={"LOTSEN_FROZEN_CLOCK": "1"})
    try:
        assert app.wait_screen("Närvarolistan", 60), app.screen()
        app.settle(quiet=0.5)
        # Present, present, away with a reason, excused, back up, and on down the roster:
        # every key moves the focus (and the highlight) and saves.
        for keys in ("n", "n", "f", "Sjuk idag", "\r", "a", "\r", "\x1b[A", "\x1b[A", "n", "n"):
            app.write(keys)
            app.wait_quiet(0.3)
        assert app.wait_quiet(0.8), "the screen never stood still"
        shown = app.cells()
        # A resize repaints every cell; back to 80x24, the same picture must come back.
        app.resize(81, 24)
        assert app.wait_quiet(0.8)
        app.resize(80, 24)
        assert app.wait_quiet(0.8)
        repainted = app.cells()
        assert "Sjuk idag" in "\n".join("".join(c[0] for c in row) for row in repainted)
        assert _differences(shown, repainted) == []
    finally:
        app.close()
