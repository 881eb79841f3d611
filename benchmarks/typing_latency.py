"""Key-to-screen latency while typing a note in Mötesguiden (autosave on), beside a bare Textual
TextArea, in a real pseudo-terminal; and the autosave commit time (Store.set_note)."""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from support.ptyapp import PtyApp, lotsen_argv

KEYS = 160
GAP = 0.04  # seconds between keys: a fast typist
PAUSE_EVERY = 40  # a pause long enough for the debounced autosave to commit
LETTERS = "kxqzjvw"  # not in the header, footer or clock, so their echo is unambiguous
BARE_APP = """
import sys
from textual.app import App
from textual.widgets import TextArea
class Bare(App):
    def compose(self):
        yield TextArea(open(sys.argv[1], encoding="utf-8").read(), soft_wrap=True)
    def on_mount(self):
        self.query_one(TextArea).focus()
Bare().run()
"""


def measure(app: PtyApp) -> list[float]:
    out: list[float] = []
    for i in range(KEYS):
        ch = LETTERS[i % len(LETTERS)]
        mark = app.mark()
        t0 = time.perf_counter()
        app.write(ch)
        if not app.wait_for(ch.encode(), 5.0, since=mark):
            raise SystemExit(f"no echo for key {i}")
        out.append((time.perf_counter() - t0) * 1000)
        time.sleep(1.0 if (i + 1) % PAUSE_EVERY == 0 else GAP)
    return out


def lotsen_latency(folder: Path, note: str) -> list[float]:
    from model.db import open_database
    from model.demo import write_demo
    from model.store import Store

    db_path = Path(tempfile.mkdtemp(dir=folder)) / "bench.db"
    write_demo(db_path)
    db = open_database(db_path)
    store = Store(db)
    store.start_meeting(2)
    store.set_current_step(2, "fragestund")
    store.set_note(2, "fragestund", note)
    db.close()
    app = PtyApp(lotsen_argv(db_path, 2), 100, 30, env={"LOTSEN_FROZEN_CLOCK": "1"})
    try:
        if not app.wait_for("Frågor och svar", 60):
            raise SystemExit("Lotsen did not paint the note field:\n" + app.text()[-2000:])
        app.settle()
        return measure(app)
    finally:
        app.close()


def bare_latency(folder: Path, note: str) -> list[float]:
    script = folder / "bare_textarea.py"
    script.write_text(BARE_APP, encoding="utf-8")
    text = Path(tempfile.mkdtemp(dir=folder)) / "note.txt"
    text.write_text(note, encoding="utf-8")
    app = PtyApp([sys.executable, str(script), str(text)], 100, 30)
    try:
        if not app.wait_screen(note[:10], 60):
            raise SystemExit("the bare app did not paint the note:\n" + app.screen())
        app.settle()
        return measure(app)
    finally:
        app.close()


def commit_times(folder: Path, size: int) -> list[float]:
    from model.db import open_database
    from model.demo import write_demo
    from model.store import Store

    db_path = folder / f"commit-{size}.db"
    write_demo(db_path)
    db = open_database(db_path)
    try:
        store = Store(db)
        base = ("Elsa berättar om rasterna, åäö. " * (size // 32 + 1))[:size]
        out = []
        for i in range(100):
            t0 = time.perf_counter()
            store.set_note(2, "fragestund", base + str(i))
            out.append((time.perf_counter() - t0) * 1000)
        return out
    finally:
        db.close()


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18]


def main() -> int:
    os.environ.setdefault("LOTSEN_DATA_DIR", tempfile.mkdtemp(prefix="lotsen-bench-data-"))
    os.environ.setdefault("LOTSEN_LOG_DIR", tempfile.mkdtemp(prefix="lotsen-bench-log-"))
    ok = True
    with tempfile.TemporaryDirectory(prefix="lotsen-bench-") as tmp:
        folder = Path(tmp)
        paragraph = "Elsa berättar om rasterna och om morgnarna, åäö. " * 4 + "\n"
        cases = [
            ("short note", "Frågor om schemat.\n", True),
            ("20 000-character note in paragraphs", (paragraph * 200)[:20000], True),
            # Not a goal: one 20 000-character line with no line break re-wraps on every key
            # in Textual's TextArea itself; shown so a regression there is visible.
            ("20 000 characters on one line", ("Lång rad utan radbrytning, åäö. " * 700)[:20000],
             False),
        ]  # fmt: skip
        for label, note, counts in cases:
            ours = lotsen_latency(folder, note)
            bare = bare_latency(folder, note)
            med, p = statistics.median(ours), p95(ours)
            bmed, bp = statistics.median(bare), p95(bare)
            goal = med <= 10 and p <= 16 and med <= 1.2 * max(bmed, 1.0)
            ok = ok and (goal or not counts)
            print(f"key-to-screen, {label} ({KEYS} keys, autosave on):")
            print(
                f"  Mötesguiden  median {med:6.2f} ms   p95 {p:6.2f} ms   max {max(ours):6.2f} ms"
            )
            print(
                f"  bare TextArea median {bmed:6.2f} ms   p95 {bp:6.2f} ms   max {max(bare):6.2f} ms"
            )
            print(f"  ratio of medians {med / max(bmed, 0.001):.2f}x   goal (<=10 ms, p95 <=16 ms, "
                  f"<=1.2x bare): {'met' if goal else 'NOT met'}"
                  + ("" if counts else " (shown for information, not a goal)"))  # fmt: skip
        for size in (200, 20000):
            times = commit_times(folder, size)
            print(f"autosave commit (Store.set_note, {size} chars): median "
                  f"{statistics.median(times):.2f} ms, p95 {p95(times):.2f} ms")  # fmt: skip
    print("all typing goals met" if ok else "typing goals NOT all met")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
