"""Cold start to the first painted case list in a real terminal (a pty), beside a bare Textual
app; peak memory; and the time from Ctrl+Q to exit. Prints figures and whether goals are met."""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import pty
import re
import resource
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
LOTSEN = BIN / "lotsen"
RUNS = int(os.environ.get("LOTSEN_BENCH_RUNS", "7"))
CASES = 1000
GOAL_MS, GOAL_RATIO, GOAL_MB, GOAL_QUIT_MS = 450, 1.4, 100, 500
_ESC = re.compile(rb"\x1b\[[0-9;?<>=$]*[ -/]*[@-~]|\x1b[\]P].*?(?:\x07|\x1b\\)|\x1b.", re.S)

BARE_APP = """
from textual.app import App
from textual.widgets import Header, Label

class Bare(App):
    def compose(self):
        yield Header()
        yield Label("Klar att börja")

Bare().run()
"""

# The floor for what Ärenden shows: the same widgets, 40 rows, the same footer keys, nothing
# of Lotsen's (no database, no own modules). Lotsen minus this is Lotsen's own cost.
WIDGETS_APP = """
from textual.app import App
from textual.widgets import DataTable, Footer, Header, Input

class Widgets(App):
    BINDINGS = [("n", "a", "Nytt ärende"), ("slash", "a", "Sök"), ("comma", "a", "Inställningar"),
                ("ctrl+q", "quit", "Avsluta"), ("f1", "a", "Hjälp"), ("f2", "a", "Skyddat läge")]

    def compose(self):
        yield Header()
        yield Input(placeholder="Sök: namn, personnummer eller verksamhet")
        yield DataTable(cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self):
        table = self.query_one(DataTable)
        for label, width in [("Barn", 18), ("Personnummer", 13), ("Nästa möte", 18),
                             ("Datum", 10), ("Status", 8)]:
            table.add_column(label, width=width)
        for i in range(40):
            table.add_row("Klar att börja" if i == 0 else f"Barn Nummer{i:04d}", "",
                          "Första nätverksmötet (Norrbus)", "", "Öppet")
        table.focus()

Widgets().run()
"""
IMPORT_TEXTUAL = "import textual.app"
IMPORT_LOTSEN = "import textual.app, tui.cli, tui.app, tui.screens.cases"


def import_ms(code: str, env: dict[str, str]) -> float:
    """From starting a Python process until it has imported (no terminal, no app; the
    interpreter's exit is not counted)."""
    import subprocess

    code += "\nimport sys, time\nsys.stdout.write(repr(time.time()))"
    start = time.time()
    done = subprocess.run([sys.executable, "-c", code], env=env, check=True, cwd=ROOT,
                          capture_output=True, text=True).stdout  # fmt: skip
    return (float(done) - start) * 1000


def make_database(folder: Path) -> tuple[Path, str]:
    from model.db import open_database
    from model.store import Store

    path = folder / "bench.db"
    db = open_database(path)
    try:
        store = Store(db)
        name = ""
        for i in range(CASES):
            name = f"Barn Nummer{i:04d}"
            case_id = store.create_case(name, school="Skolan", school_class="5B")
            if i % 10 == 0:
                store.add_participant(case_id, "Karin Ek", organisation="Björkskolan")
                store.plan_meeting(case_id, "forsta_natverksmote",
                                   planned_date=dt.date.today() + dt.timedelta(days=7))  # fmt: skip
    finally:
        db.close()
    return path, name  # the last created is the first row


def run_in_pty(argv: list[str], marker: str, env: dict[str, str]) -> tuple[float, float]:
    """(ms until `marker` is on screen, ms from Ctrl+Q to exit)."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # child
        os.execve(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    seen = b""
    painted = None
    deadline = start + 20
    wanted = marker.encode()
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        seen += chunk
        if wanted in _ESC.sub(b"", seen):
            painted = (time.perf_counter() - start) * 1000
            break
    if painted is None:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise RuntimeError(f"{marker!r} kom aldrig fram: {_ESC.sub(b'', seen)[-400:]!r}")
    time.sleep(0.3)  # let the app settle, as a user would take a moment
    quit_start = time.perf_counter()
    os.write(fd, b"\x11")  # Ctrl+Q
    exited = None
    while time.perf_counter() < quit_start + 10:
        ready, _, _ = select.select([fd], [], [], 0.01)
        if ready:
            try:
                os.read(fd, 65536)
            except OSError:
                pass
        done, _status = os.waitpid(pid, os.WNOHANG)
        if done:
            exited = (time.perf_counter() - quit_start) * 1000
            break
    if exited is None:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        exited = float("inf")
    os.close(fd)
    return painted, exited


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="lotsen-bench-") as tmp:
        folder = Path(tmp)
        env = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor",
               "LOTSEN_DATA_DIR": str(folder / "data"), "LOTSEN_CONFIG_DIR": str(folder / "cfg"),
               "LOTSEN_LOG_DIR": str(folder / "log"),
               "LOTSEN_DOCUMENTS_DIR": str(folder / "docs")}  # fmt: skip
        env.pop("TEXTUAL", None)
        # An installed Lotsen runs from bytecode (pip compiles it; an editable install writes
        # it on the first start). With PYTHONDONTWRITEBYTECODE set, as in some dev shells,
        # every start would compile Lotsen's modules again (Textual's are already compiled).
        # Both apps get a bytecode cache of their own here, filled by the warm-up runs.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
        t0 = time.perf_counter()
        db_path, first = make_database(folder)
        print(f"Databas med {CASES} ärenden skapad på {time.perf_counter() - t0:.1f} s")
        bare = folder / "bare.py"
        bare.write_text(BARE_APP, encoding="utf-8")
        lotsen_argv = [str(LOTSEN), "--db", str(db_path)]
        bare_argv = [sys.executable, str(bare)]
        widgets = folder / "widgets.py"
        widgets.write_text(WIDGETS_APP, encoding="utf-8")
        widgets_argv = [sys.executable, str(widgets)]
        run_in_pty(lotsen_argv, first, env)  # warm the OS file cache once
        run_in_pty(bare_argv, "Klar att börja", env)
        run_in_pty(widgets_argv, "Klar att börja", env)
        lotsen_ms, bare_ms, quit_ms, widgets_ms, textual_ms, modules_ms = [], [], [], [], [], []
        for _ in range(RUNS):
            painted, quit_time = run_in_pty(lotsen_argv, first, env)
            lotsen_ms.append(painted)
            quit_ms.append(quit_time)
            bare_ms.append(run_in_pty(bare_argv, "Klar att börja", env)[0])
            widgets_ms.append(run_in_pty(widgets_argv, "Klar att börja", env)[0])
            textual_ms.append(import_ms(IMPORT_TEXTUAL, env))
            modules_ms.append(import_ms(IMPORT_LOTSEN, env))
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if sys.platform == "darwin":
        peak_mb /= 1024
    lm, bm, qm = (statistics.median(x) for x in (lotsen_ms, bare_ms, quit_ms))
    ratio = lm / bm

    def verdict(ok: bool) -> str:
        return "uppnått" if ok else "EJ uppnått"

    print(f"Körningar: {RUNS} (median)")
    print(f"Lotsen, start till första ärendelistan: {lm:.0f} ms "
          f"(min {min(lotsen_ms):.0f}, max {max(lotsen_ms):.0f})")  # fmt: skip
    print(f"Bar Textual-app (Header + Label):       {bm:.0f} ms")
    print(f"Kvot Lotsen / bar app: {ratio:.2f}")
    wm, tm, mm = (statistics.median(x) for x in (widgets_ms, textual_ms, modules_ms))
    print("Uppdelning (medianer):")
    print(f"  Python + import av Textual (ingen terminal):     {tm:4.0f} ms")
    print(f"  Textuals start och första bild, Header + Label:  {bm - tm:4.0f} ms  "
          f"(bar app {bm:.0f})")  # fmt: skip
    print(f"  Ärendens widgetar i ren Textual (Input, DataTable 40 rader, Footer): "
          f"+{wm - bm:.0f} ms  (app {wm:.0f}, kvot {wm / bm:.2f})")  # fmt: skip
    print(f"  Lotsens egna delar utöver det:                   +{lm - wm:3.0f} ms  "
          f"(varav import av Lotsens moduler, med widgetarnas, {mm - tm:.0f})")  # fmt: skip
    print(f"Högsta minnesanvändning (barnprocesser): {peak_mb:.0f} MB")
    print(f"Ctrl+Q till avslutad: {qm:.0f} ms (max {max(quit_ms):.0f})")
    print(f"Mål start <= {GOAL_MS} ms: {verdict(lm <= GOAL_MS)}")
    print(f"Mål kvot <= {GOAL_RATIO}: {verdict(ratio <= GOAL_RATIO)}")
    print(f"Mål minne <= {GOAL_MB} MB: {verdict(peak_mb <= GOAL_MB)}")
    print(f"Mål avslut <= {GOAL_QUIT_MS} ms: {verdict(qm <= GOAL_QUIT_MS)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
