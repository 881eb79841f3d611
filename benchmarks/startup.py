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
# The repo root instead of benchmarks/: a script there named like a stdlib module
# (typing.py) must not shadow it.
sys.path[0] = str(ROOT)
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
        run_in_pty(lotsen_argv, first, env)  # warm the OS file cache once
        run_in_pty(bare_argv, "Klar att börja", env)
        lotsen_ms, bare_ms, quit_ms = [], [], []
        for _ in range(RUNS):
            painted, quit_time = run_in_pty(lotsen_argv, first, env)
            lotsen_ms.append(painted)
            quit_ms.append(quit_time)
            bare_ms.append(run_in_pty(bare_argv, "Klar att börja", env)[0])
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
    print(f"Högsta minnesanvändning (barnprocesser): {peak_mb:.0f} MB")
    print(f"Ctrl+Q till avslutad: {qm:.0f} ms (max {max(quit_ms):.0f})")
    print(f"Mål start <= {GOAL_MS} ms: {verdict(lm <= GOAL_MS)}")
    print(f"Mål kvot <= {GOAL_RATIO}: {verdict(ratio <= GOAL_RATIO)}")
    print(f"Mål minne <= {GOAL_MB} MB: {verdict(peak_mb <= GOAL_MB)}")
    print(f"Mål avslut <= {GOAL_QUIT_MS} ms: {verdict(qm <= GOAL_QUIT_MS)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
