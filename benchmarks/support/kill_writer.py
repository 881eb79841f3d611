"""Kill drill: a writer process that is SIGKILLed at random moments, and the check after.

Run as a script it is a small fork server: it imports the Store once, then for each
`run <start>` line on stdin forks a writer child that opens the database and writes notes
and actions in a loop, printing `ACK <kind> <i>` after each committed write. The driver
(`Drill`, used by tests/model/test_kill.py and benchmarks/kill_drill.py) kills the child
with SIGKILL and checks that the file is intact and every acknowledged write is there.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def note_text(i: int) -> str:
    return f"Rad {i}: åäö ÅÄÖ 😀 – det familjen berättade\n" * (10 + i % 60)


def _child(db_path: str, meeting_id: int, start: int) -> None:
    from model.db import open_database
    from model.store import Store

    store = Store(open_database(Path(db_path)))
    os.write(1, f"PID {os.getpid()}\n".encode())
    i = start
    while True:
        if i % 4 == 0:
            aid = store.add_action(meeting_id, what=f"insats {i}", responsible_org="BUP",
                                   follow_up_on="2026-12-01")  # fmt: skip
            os.write(1, f"ACK A {i} {aid}\n".encode())
        else:
            store.set_note(meeting_id, "dialog", note_text(i), field=f"f{i}")
            os.write(1, f"ACK N {i}\n".encode())
        store.set_note(meeting_id, "fragestund", f"live {i}")
        os.write(1, f"ACK L {i}\n".encode())
        i += 1


def serve(db_path: str, meeting_id: int) -> None:
    sys.path.insert(0, str(ROOT))
    import model.store  # noqa: F401  - imported once, before forking

    for line in sys.stdin:
        cmd = line.split()
        if not cmd or cmd[0] == "quit":
            break
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            try:
                _child(db_path, meeting_id, int(cmd[1]))
            except BaseException:
                traceback.print_exc()
                os._exit(1)
            os._exit(0)
        _, status = os.waitpid(pid, 0)
        print(f"DONE {pid} {status}", flush=True)


@dataclass
class Drill:
    """Drives the fork server and checks the database after each kill."""

    db_path: Path
    seed: int = 0
    kills: int = 0
    acked_writes: int = 0
    unacked_but_committed: int = 0
    check_seconds: float = 0.0
    _next: int = 0
    _acked_notes: set[int] = field(default_factory=set)
    _acked_actions: dict[int, int] = field(default_factory=dict)
    _live: int = -1

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        sys.path.insert(0, str(ROOT))
        from model.db import open_database
        from model.store import Store

        db = open_database(self.db_path)
        try:
            store = Store(db)
            cid = store.create_case("Kill Drill")
            self.meeting_id = store.plan_meeting(cid, "forsta_natverksmote")
        finally:
            db.close()
        self.proc = subprocess.Popen(
            [sys.executable, __file__, str(self.db_path), str(self.meeting_id)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT,
        )  # fmt: skip

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.write("quit\n")
            self.proc.stdin.close()
        self.proc.wait(timeout=30)

    def _line(self) -> str:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            raise AssertionError("the writer server ended unexpectedly")
        return line.split("\n")[0]

    def round(self, max_acks: int = 40) -> None:
        """One writer: let it acknowledge a random number of writes, then SIGKILL it."""
        assert self.proc.stdin is not None
        self.proc.stdin.write(f"run {self._next}\n")
        self.proc.stdin.flush()
        first = self._line()
        assert first.startswith("PID "), first
        pid = int(first.split()[1])
        target = self.rng.randint(0, max_acks)
        seen = 0
        while seen < target:
            line = self._line()
            if line.startswith("DONE"):
                raise AssertionError(f"the writer died on its own: {line}")
            self._ack(line)
            seen += 1
        time.sleep(self.rng.random() * 0.004)  # land anywhere, also inside a transaction
        os.kill(pid, signal.SIGKILL)
        while not (line := self._line()).startswith("DONE"):
            self._ack(line)  # written before the kill landed
        self.kills += 1
        self.check()

    def _ack(self, line: str) -> None:
        parts = line.split()
        kind, i = parts[1], int(parts[2])
        self._next = max(self._next, i + 1)
        self.acked_writes += 1
        if kind == "N":
            self._acked_notes.add(i)
        elif kind == "A":
            self._acked_actions[i] = int(parts[3])
        else:
            self._live = max(self._live, i)

    def check(self) -> None:
        started = time.perf_counter()
        conn = sqlite3.connect(self.db_path)
        try:
            ok = conn.execute("PRAGMA integrity_check").fetchall()
            assert ok == [("ok",)], ok
            notes = dict(conn.execute(
                "SELECT field, text FROM step_note WHERE meeting_id = ? AND step_id = 'dialog'",
                (self.meeting_id,)))  # fmt: skip
            for i in self._acked_notes:
                assert notes.get(f"f{i}") == note_text(i), f"acknowledged note {i} lost"
            actions = dict(conn.execute("SELECT id, what FROM action WHERE meeting_id = ?",
                                        (self.meeting_id,)))  # fmt: skip
            for i, aid in self._acked_actions.items():
                assert actions.get(aid) == f"insats {i}", f"acknowledged action {i} lost"
            live = conn.execute(
                "SELECT text FROM step_note WHERE meeting_id = ? AND step_id = 'fragestund'",
                (self.meeting_id,)).fetchone()  # fmt: skip
            if self._live >= 0:
                assert live is not None and int(live[0].split()[1]) >= self._live
                if int(live[0].split()[1]) > self._live:
                    self.unacked_but_committed += 1
            done = {int(f[1:]) for f in notes} | {int(w.split()[1]) for w in actions.values()}
            self._next = max([self._next, *(d + 1 for d in done)])
        finally:
            conn.close()
        self.check_seconds += time.perf_counter() - started


if __name__ == "__main__":
    serve(sys.argv[1], int(sys.argv[2]))
