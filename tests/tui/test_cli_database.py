"""Every `lotsen` command on a damaged, emptied or incomplete database: a Swedish message
naming the newest backup and the restore command, a non-zero exit, never a traceback; the
app names corruption after the first paint; `lotsen meetings | head -1` ends quietly."""

from __future__ import annotations

import os
import shlex
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from shell_helpers import make_app, until

import model.db as dbmod
from model.db import open_database

LOTSEN = Path(sys.executable).with_name("lotsen")


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LANG": "C.UTF-8", **(env or {})}
    return subprocess.run([str(LOTSEN), *args], capture_output=True, text=True, env=env,
                          stdin=subprocess.DEVNULL, timeout=120)  # fmt: skip


def _make(path: Path, cases: int = 1) -> Path:
    """A database with cases, a meeting with a long note, and a backup; the backup's path."""
    from model.store import Store

    db = open_database(path)
    try:
        store = Store(db)
        for i in range(cases):
            cid = store.create_case(f"Barn {i}")
        mid = store.plan_meeting(cid, "forsta_natverksmote")
        store.set_note(mid, "dialog", "Det familjen berättade. " * 4000)
        return db.backup()
    finally:
        db.close()


def _damage(path: Path, how: str) -> None:
    if how == "zeroed_page":  # a page in the middle: the schema is intact, the file opens
        size = path.stat().st_size
        with open(path, "r+b") as fh:
            fh.seek((size // 4096 // 2) * 4096)
            fh.write(b"\0" * 4096)
    elif how == "dropped_table":
        conn = sqlite3.connect(path)
        conn.execute("DROP TABLE attendance")
        conn.commit()
        conn.close()
    elif how == "emptied":
        path.write_bytes(b"")
    elif how == "headerless":
        with open(path, "r+b") as fh:
            fh.write(b"\0" * 100)
    else:  # pragma: no cover
        raise AssertionError(how)


def _refused(done: subprocess.CompletedProcess[str], backup: Path, db_path: Path) -> None:
    assert done.returncode != 0, done.stdout
    assert "Traceback" not in done.stderr and "Exception" not in done.stderr, done.stderr
    assert str(backup) in done.stderr, done.stderr
    command = done.stderr.split("Återställ den med: ")[1].splitlines()[0]
    assert shlex.split(command) == ["lotsen", "restore", str(backup), "--db", str(db_path)]
    assert "är skadad" in done.stderr or "tom eller överskriven" in done.stderr


DAMAGE = ["zeroed_page", "dropped_table", "emptied", "headerless"]


@pytest.mark.parametrize("how", DAMAGE)
def test_every_command_reports_damage_without_a_traceback(tmp_path, how):
    path = tmp_path / "mina filer" / "lotsen db.db"  # a space: the commands must be quoted
    backup = _make(path, cases=40)
    _damage(path, how)
    before = path.read_bytes()
    backups = dbmod.list_backups(path)
    commands = [
        ("backup", "--db", str(path)),
        ("meetings", "--db", str(path)),
        ("export", "--meeting", "1", "--doc", "sip", "--out", str(tmp_path / "ut"), "--db",
         str(path)),
    ]  # fmt: skip
    if how != "zeroed_page":  # refused before the app starts (a zeroed page: see below)
        commands.append(("--db", str(path)))
    for args in commands:
        done = _run(*args)
        _refused(done, backup, path)
        assert path.read_bytes() == before, args  # nothing written to the damaged file
    assert dbmod.list_backups(path) == backups  # `lotsen backup` refused to copy it
    assert not (tmp_path / "ut").exists()
    # The command printed does the job, and then everything works again.
    restored = _run("restore", str(backup), "--db", str(path))
    assert restored.returncode == 0, restored.stderr
    assert "är återställd" in restored.stdout and "Traceback" not in restored.stderr
    meetings = _run("meetings", "--db", str(path))
    assert meetings.returncode == 0 and "Barn 39" in meetings.stdout


def test_restore_from_a_damaged_backup_is_refused_without_a_traceback(tmp_path):
    path = tmp_path / "lotsen.db"
    backup = _make(path)
    _damage(backup, "zeroed_page")
    before = path.read_bytes()
    done = _run("restore", str(backup), "--db", str(path))
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert "Säkerhetskopian" in done.stderr and "är skadad" in done.stderr
    assert path.read_bytes() == before


def test_unexpected_sqlite_errors_come_out_in_swedish(tmp_path, monkeypatch, capsys):
    """Whatever slips through the commands' own handling: words, never a traceback."""
    from tui import cli

    path = tmp_path / "lotsen.db"
    _make(path)

    def broken(db_path):  # noqa: ANN001, ANN202
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(cli, "_cmd_backup", broken)
    assert cli.main(["backup", "--db", str(path)]) == 1
    err = capsys.readouterr().err
    assert "är skadad" in err and "lotsen restore" in err and "Traceback" not in err

    def bug(db_path):  # noqa: ANN001, ANN202
        raise ValueError("Elsa Nyström 20150312-2382")  # personal text in the message

    monkeypatch.setattr(cli, "_cmd_backup", bug)
    assert cli.main(["backup", "--db", str(path)]) == 1
    err = capsys.readouterr().err
    assert "oväntat fel (ValueError)" in err and "Elsa" not in err


def test_meetings_into_a_closed_pipe_ends_quietly(tmp_path):
    path = tmp_path / "lotsen.db"
    _make(path)
    conn = sqlite3.connect(path)  # thousands of meetings: far more than a pipe buffer
    cols = [r[1] for r in conn.execute("PRAGMA table_info(meeting)") if r[1] != "id"]
    for _ in range(12):
        conn.execute(f"INSERT INTO meeting ({', '.join(cols)}) "
                     f"SELECT {', '.join(cols)} FROM meeting")  # fmt: skip
    conn.commit()
    conn.close()
    done = subprocess.run(
        ["bash", "-c", f"set -o pipefail; {shlex.quote(str(LOTSEN))} meetings --db "
                       f"{shlex.quote(str(path))} | head -1"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.stdout.startswith("Id") and done.stdout.count("\n") == 1
    assert done.stderr == "", done.stderr
    assert done.returncode == 0


def test_demo_command_quotes_the_path(tmp_path):
    path = tmp_path / "min demo" / "demo.db"
    done = _run("demo", str(path))
    assert done.returncode == 0, done.stderr
    command = done.stdout.split("Öppna det med: ")[1].strip()
    assert shlex.split(command) == ["lotsen", "--db", str(path)]


async def test_app_names_corruption_after_the_first_paint(tmp_path):
    path = tmp_path / "lotsen.db"
    backup = _make(path)
    _damage(path, "zeroed_page")  # inside the note: the case list itself still reads
    db = open_database(path)
    try:
        app = make_app(db)
        async with app.run_test(size=(100, 30)) as pilot:
            # The check runs in a thread from WARM_UP_DELAY after the first paint and tells
            # the app through call_from_thread: wait on the loop (a join() here would hold the
            # loop that the thread's message waits for).
            def told() -> bool:
                return any(
                    "är skadad" in n.message and f"lotsen restore {backup}" in n.message
                    for n in app._notifications
                )

            await until(pilot, told, "the damaged file named, with the restore command")
            await until(pilot, lambda: not app._warm_thread.is_alive(), "the start-up check")
        assert app.crash_text is None
        assert dbmod.list_backups(path) == [backup]  # the damaged file was not backed up
    finally:
        db.close()


def test_plain_start_on_a_damaged_file_says_so_again_after_the_app(tmp_path, monkeypatch, capsys):
    """The app's check runs after the first paint; when the app closes, `lotsen` prints the
    message again and exits non-zero (the app itself: test above)."""
    import tui.app
    from tui import cli

    path = tmp_path / "lotsen.db"
    backup = _make(path)
    _damage(path, "zeroed_page")

    class App:  # the app's warm-up, without a terminal
        def __init__(self, db, **kwargs) -> None:  # noqa: ANN001, ANN003
            self.db, self.crash_text, self.return_code = db, None, 0

        def run(self) -> None:
            try:
                self.db.check()
            except dbmod.CorruptDatabase:
                pass

    monkeypatch.setattr(tui.app, "LotsenApp", App)
    assert cli.main(["--db", str(path)]) == 1
    err = capsys.readouterr().err
    assert "är skadad" in err and f"lotsen restore {backup}" in err and "Traceback" not in err
