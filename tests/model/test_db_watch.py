"""The database file is watched: moved, replaced, deleted, emptied or overwritten under an
open Lotsen; emptied files and dropped tables at open; one lock per file (symlink, hard
link, deleted lock file); another program holding the write lock; permissions on open.

Every case asserts: no crash, nothing acknowledged lost (or the file that replaced it left
byte for byte as it was), and a Swedish message."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

import model.db as dbmod
from model.db import (
    CorruptDatabase,
    DatabaseFileChanged,
    DatabaseLocked,
    EmptiedDatabase,
    WriteFailed,
    open_database,
    restore_backup,
)

ROOT = Path(__file__).resolve().parents[2]
HOLDER = Path(__file__).with_name("db_holder.py")
posix_only = pytest.mark.skipif(os.name != "posix", reason="inodes, flock and SIGKILL are POSIX")


def _make(path: Path, *children: str) -> None:
    """A closed Lotsen database with these cases and a note on the first one's meeting."""
    from model.store import Store

    db = open_database(path)
    try:
        store = Store(db)
        for child in children:
            cid = store.create_case(child)
        mid = store.plan_meeting(cid, "forsta_natverksmote")
        store.set_note(mid, "dialog", f"Anteckning om {children[0]}")
    finally:
        db.close()


def _look(path: Path) -> tuple[str, list[str]]:
    """integrity_check and the child names, read by a fresh process: SQLite shares its
    per-file lock state within a process, so an in-process look could hide a problem."""
    script = textwrap.dedent("""
        import sqlite3, sys
        conn = sqlite3.connect(sys.argv[1])
        ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
        names = [r[0] for r in conn.execute("SELECT child_name FROM case_ ORDER BY id")]
        print(ok); print("|".join(names))
    """)
    done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True,
                          text=True, timeout=60, check=True)  # fmt: skip
    ok, names = done.stdout.splitlines()
    return ok, names.split("|") if names else []


def _wal_frames(path: Path) -> int:
    wal = path.with_name(path.name + "-wal")
    return wal.stat().st_size if wal.exists() else 0


def _swedish(text: str) -> None:
    assert "Traceback" not in text and "Error" not in text
    assert any(w in text for w in (" är ", " har ", " och ", " inte ")), text


# -- the file changes under an open database ---------------------------------------------------


def _change(mode: str, path: Path, other: Path) -> None:
    if mode == "mv":  # another database moved over it
        os.replace(other, path)
    elif mode == "cp":  # another database copied over it: the same inode, new content
        shutil.copyfile(other, path)
    elif mode == "rm":
        path.unlink()
    elif mode == "truncate":
        with open(path, "r+b") as fh:
            fh.truncate(0)
    elif mode == "move_away":  # the leader's file moved elsewhere, another put in its place
        os.replace(path, path.with_name("flyttad.db"))
        shutil.copyfile(other, path)
    else:  # pragma: no cover
        raise AssertionError(mode)


@posix_only
@pytest.mark.parametrize("mode", ["mv", "cp", "rm", "truncate", "move_away"])
def test_changed_file_stops_every_write_and_leaves_the_new_file_alone(tmp_path, mode):
    from model.store import Store

    path = tmp_path / "data" / "lotsen.db"
    other = tmp_path / "annan.db"
    _make(other, "Annan")
    db = open_database(path)
    store = Store(db)
    cid = store.create_case("Elsa")
    mid = store.plan_meeting(cid, "forsta_natverksmote")
    store.set_note(mid, "dialog", "Det familjen berättade")  # acknowledged, in the WAL
    backup = db.backup()
    store.update_case(cid, school="Ekskolan")  # acknowledged after the backup
    replacement = other.read_bytes()
    _change(mode, path, other)

    with pytest.raises(DatabaseFileChanged) as err:  # the ORM path
        store.update_case(cid, school="Fel fil")
    text = str(err.value)
    assert isinstance(err.value, WriteFailed)
    assert f"Databasfilen {path} har" in text and "medan Lotsen var öppet" in text
    assert "Lotsen skriver inget mer till filen" in text
    assert str(backup) in text and f"lotsen restore {backup}" in text
    _swedish(text)
    with pytest.raises(DatabaseFileChanged):  # the raw path (set_note)
        store.set_note(mid, "dialog", "Skrivet efter bytet")
    with pytest.raises(DatabaseFileChanged):  # and it stays stopped
        store.create_case("Ny")
    if mode in ("mv", "rm", "move_away"):  # the old file is still open: reads go on
        assert store.get_case(cid).school == "Ekskolan"
        assert store.get_meeting(mid).note("dialog") == "Det familjen berättade"
    db.close()

    assert _wal_frames(path) == 0  # nothing SQLite could apply to the file now at the path
    if mode in ("mv", "cp", "move_away"):
        assert path.read_bytes() == replacement  # byte for byte
        assert _look(path) == ("ok", ["Annan"])
    if mode == "move_away":  # the leader's file is complete where it went, WAL included
        moved = path.with_name("flyttad.db")
        assert not moved.with_name("flyttad.db-wal").exists()
        assert _look(moved) == ("ok", ["Elsa"])
        conn = sqlite3.connect(moved)
        assert conn.execute("SELECT school FROM case_").fetchone() == ("Ekskolan",)
        conn.close()
    if mode in ("cp", "truncate"):  # the WAL's pages are kept aside, never applied
        (aside,) = path.parent.glob("lotsen.db-wal.gammal-*")
        assert aside.stat().st_size > 0
    # The next start (a new process): the replacement opens as it is; an emptied file is
    # refused, naming the backup; a deleted one starts anew.
    done = subprocess.run([sys.executable, str(HOLDER), str(path)], input="read\nclose\n",
                          capture_output=True, text=True, timeout=60, cwd=ROOT)  # fmt: skip
    assert "Traceback" not in done.stderr
    if mode in ("mv", "cp", "move_away"):
        assert done.stdout.splitlines() == ["ready", "ok Annan", "ok closed"]
    elif mode == "truncate":
        assert done.returncode == 3
        assert done.stdout.startswith("refused EmptiedDatabase Databasfilen")
        assert f"lotsen restore {backup}" in done.stdout
    else:
        assert done.stdout.splitlines() == ["ready", "ok ", "ok closed"]


@posix_only
def test_close_leaves_the_new_files_own_wal_alone(tmp_path):
    """Another database moved in *with its -wal*: Lotsen's close neither checkpoints into it
    nor deletes its -wal (SQLite's close would, by name)."""
    from model.store import Store

    path = tmp_path / "data" / "lotsen.db"
    other = tmp_path / "annan.db"
    _make(other, "Annan")
    writer = sqlite3.connect(other)  # leaves committed frames in annan.db-wal while open
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("UPDATE case_ SET school = 'Bara i annans -wal'")
    writer.commit()
    copy = tmp_path / "kopia.db"
    shutil.copyfile(other, copy)
    shutil.copyfile(other.with_name("annan.db-wal"), copy.with_name("kopia.db-wal"))
    writer.close()
    db = open_database(path, watch_interval=None)
    store = Store(db)
    store.create_case("Elsa")
    os.replace(copy, path)
    os.replace(copy.with_name("kopia.db-wal"), path.with_name("lotsen.db-wal"))
    main_bytes = path.read_bytes()
    wal_bytes = path.with_name("lotsen.db-wal").read_bytes()
    assert len(wal_bytes) > 0
    db.close()
    assert path.read_bytes() == main_bytes
    assert path.with_name("lotsen.db-wal").read_bytes() == wal_bytes
    assert _look(path) == ("ok", ["Annan"])
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT school FROM case_").fetchone() == ("Bara i annans -wal",)
    conn.close()


@posix_only
def test_the_check_before_a_write_is_cheap(db):
    db.file_change()
    start = time.perf_counter()
    for _ in range(1000):
        assert db.file_change() is None
    assert time.perf_counter() - start < 0.2  # well under a millisecond each


@posix_only
def test_own_writes_and_checkpoints_are_not_taken_for_a_change(db):
    from model.store import Store

    store = Store(db)
    cid = store.create_case("Elsa")
    mid = store.plan_meeting(cid, "forsta_natverksmote")
    for i in range(300):  # enough pages that SQLite checkpoints into the file on its own
        store.set_note(mid, "dialog", f"{i} " + "text " * 2000)
        store.update_case(cid, school=f"Skola {i}")
    with db.lock:  # Lotsen's own checkpoint (not the watcher's business)
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db._remember_file()
    time.sleep(1.5)  # the watcher looked meanwhile and saw nothing
    store.update_case(cid, school="Sist")
    assert store.get_case(cid).school == "Sist"


@posix_only
@pytest.mark.parametrize("mode", ["mv", "cp", "rm", "truncate"])
def test_replaced_file_is_intact_after_the_old_process_is_killed(tmp_path, mode):
    path = tmp_path / "data" / "lotsen.db"
    other = tmp_path / "annan.db"
    _make(other, "Annan")
    proc = subprocess.Popen([sys.executable, str(HOLDER), str(path)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)  # fmt: skip
    assert proc.stdin is not None and proc.stdout is not None

    def ask(line: str) -> str:
        proc.stdin.write(line + "\n")
        proc.stdin.flush()
        return proc.stdout.readline().strip()

    try:
        assert proc.stdout.readline().strip() == "ready"
        assert ask("case Elsa").startswith("ok")
        assert ask("note " + "Det familjen berättade " * 200).startswith("ok")
        assert _wal_frames(path) > 0  # acknowledged, not yet checkpointed
        replacement = other.read_bytes()
        _change(mode, path, other)
        answer = ask("case Ny")
        assert answer.startswith("error DatabaseFileChanged Databasfilen"), answer
        assert "medan Lotsen var öppet" in answer
        assert ask("note Efter bytet").startswith("error DatabaseFileChanged")
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert "Traceback" not in proc.stderr.read()  # type: ignore[union-attr]
    assert _wal_frames(path) == 0
    if mode in ("mv", "cp"):
        assert path.read_bytes() == replacement
        assert _look(path) == ("ok", ["Annan"])
        assert path.read_bytes() == replacement  # looking did not change it either
        return
    # Deleted: the next start makes a new database; emptied: refused, the file left as is.
    done = subprocess.run([sys.executable, str(HOLDER), str(path)], input="read\nclose\n",
                          capture_output=True, text=True, timeout=60, cwd=ROOT)  # fmt: skip
    assert "Traceback" not in done.stderr
    if mode == "rm":
        assert done.stdout.splitlines() == ["ready", "ok ", "ok closed"]
    else:
        assert done.returncode == 3 and done.stdout.startswith("refused EmptiedDatabase")
        assert path.read_bytes() == b""


@posix_only
@pytest.mark.parametrize("mode", ["mv", "cp"])
def test_replaced_while_idle_then_killed_before_any_write(tmp_path, mode):
    """The watcher drains the WAL within a second of the change, with no write needed."""
    path = tmp_path / "data" / "lotsen.db"
    other = tmp_path / "annan.db"
    _make(other, "Annan")
    proc = subprocess.Popen([sys.executable, str(HOLDER), str(path)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)  # fmt: skip
    assert proc.stdin is not None and proc.stdout is not None
    try:
        assert proc.stdout.readline().strip() == "ready"
        proc.stdin.write("case Elsa\nnote " + "Det familjen berättade " * 200 + "\n")
        proc.stdin.flush()
        assert proc.stdout.readline().startswith("ok")
        assert proc.stdout.readline().startswith("ok")
        assert _wal_frames(path) > 0
        replacement = other.read_bytes()
        _change(mode, path, other)
        deadline = time.monotonic() + 10
        while _wal_frames(path) and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert "Traceback" not in proc.stderr.read()  # type: ignore[union-attr]
    assert _wal_frames(path) == 0
    assert path.read_bytes() == replacement
    assert _look(path) == ("ok", ["Annan"])


def test_watcher_stops_on_close(db_path):
    db = open_database(db_path, watch_interval=0.05)
    watcher = db._watcher
    assert watcher is not None and watcher.is_alive()
    db.close()
    assert not watcher.is_alive()


# -- emptied files and missing tables at open ----------------------------------------------------


def test_emptied_file_with_backups_is_refused_naming_the_newest_good_backup(db_path):
    _make(db_path, "Elsa")
    db = open_database(db_path)
    older = db.backup()
    good = db.backup()
    db.close()
    db_path.write_bytes(b"")  # emptied (a sync tool, a failed copy)
    with pytest.raises(EmptiedDatabase) as err:
        open_database(db_path)
    text = str(err.value)
    assert isinstance(err.value, CorruptDatabase)
    assert "tom eller överskriven" in text and "Lotsen skapar ingen ny tom databas" in text
    assert str(good) in text and f"lotsen restore {good}" in text and str(older) not in text
    _swedish(text)
    assert db_path.read_bytes() == b"" and _wal_frames(db_path) == 0  # not made a database
    restore_backup(good, db_path)  # and the command named in the message works
    db = open_database(db_path)
    assert db.case_count() == 1
    db.close()


def test_newest_good_backup_skips_damaged_and_empty_backups(db_path):
    _make(db_path, "Elsa")
    db = open_database(db_path)
    good = db.backup()
    empty = dbmod.backups_dir(db_path) / f"{db_path.stem}-20991231-235958-000000.db"
    fresh = open_database(empty)
    from model.store import Store

    Store(fresh)
    fresh.close()
    broken = dbmod.backups_dir(db_path) / f"{db_path.stem}-20991231-235959-000000.db"
    broken.write_bytes(b"\0" * 8192)
    db.close()
    assert dbmod.newest_backup(db_path) == broken
    assert dbmod.newest_good_backup(db_path) == good


def test_headerless_file_with_backups_is_refused_and_untouched(db_path):
    _make(db_path, "Elsa")
    db = open_database(db_path)
    good = db.backup()
    db.close()
    with open(db_path, "r+b") as fh:
        fh.write(b"\0" * 100)
    before = db_path.read_bytes()
    with pytest.raises(EmptiedDatabase) as err:
        open_database(db_path)
    assert f"lotsen restore {good}" in str(err.value)
    assert db_path.read_bytes() == before


def test_empty_file_without_history_is_a_new_database(tmp_path):
    from model.store import Store

    path = tmp_path / "ny.db"
    path.write_bytes(b"")
    db = open_database(path)
    try:
        Store(db).create_case("Elsa")
        assert db.case_count() == 1
    finally:
        db.close()


def test_dropped_table_is_refused_as_corrupt(db_path):
    _make(db_path, "Elsa")
    db = open_database(db_path)
    good = db.backup()
    db.close()
    conn = sqlite3.connect(db_path)
    conn.execute("DROP TABLE goal")
    conn.commit()
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(CorruptDatabase) as err:
        open_database(db_path)
    text = str(err.value)
    assert "är skadad" in text and f"lotsen restore {good}" in text
    _swedish(text)
    assert db_path.read_bytes() == before
    with pytest.raises(CorruptDatabase, match="Säkerhetskopian"):  # nor restored from
        restore_backup(db_path, tmp_db := db_path.with_name("annan.db"))
    assert not tmp_db.exists()


def test_expected_tables_are_the_models_tables():
    from sqlmodel import SQLModel

    import model.tables  # noqa: F401 - registers the tables

    assert set(SQLModel.metadata.tables) == dbmod.EXPECTED_TABLES


def test_check_finds_a_zeroed_page_in_the_middle(db_path):
    _make(db_path, *[f"Barn {i}" for i in range(300)])
    db = open_database(db_path)
    good = db.backup()
    db.close()
    size = db_path.stat().st_size
    with open(db_path, "r+b") as fh:
        fh.seek((size // 4096 // 2) * 4096)
        fh.write(b"\0" * 4096)
    db = open_database(db_path)
    try:
        with pytest.raises(CorruptDatabase) as err:
            db.check()
        assert f"lotsen restore {good}" in str(err.value)
        with pytest.raises(CorruptDatabase):  # and it is not copied over the backups
            db.backup()
        assert dbmod.list_backups(db_path) == [good]
    finally:
        db.close()


def test_paths_with_spaces_are_quoted_in_commands(tmp_path):
    import shlex

    path = tmp_path / "mina filer" / "lotsen db.db"
    _make(path, "Elsa")
    db = open_database(path)
    good = db.backup()
    db.close()
    text = dbmod.corrupt_message(path)
    command = text.split("Återställ den med: ")[1].splitlines()[0]
    assert shlex.split(command) == ["lotsen", "restore", str(good), "--db", str(path)]


# -- one lock per file -------------------------------------------------------------------------


def _second_process(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(HOLDER), str(path)], input="close\n",
                          capture_output=True, text=True, timeout=60, cwd=ROOT)  # fmt: skip


@posix_only
@pytest.mark.parametrize("way", ["symlink", "hardlink", "lock_deleted", "same_path"])
def test_a_second_lotsen_on_the_same_file_is_refused(tmp_path, way):
    from model.store import Store

    path = tmp_path / "data" / "lotsen.db"
    db = open_database(path)
    store = Store(db)
    cid = store.create_case("Elsa")
    other = path
    if way == "symlink":
        other = tmp_path / "genvag.db"
        other.symlink_to(path)
    elif way == "hardlink":
        other = tmp_path / "hardlank.db"
        os.link(path, other)
    elif way == "lock_deleted":
        path.with_name("lotsen.db.lock").unlink()
    try:
        done = _second_process(other)
        assert done.returncode == 3, done.stdout + done.stderr
        assert done.stdout.startswith("refused DatabaseInUse Lotsen är redan öppet")
        assert "Traceback" not in done.stderr
        store.update_case(cid, school="Ekskolan")  # the first one goes on writing
    finally:
        db.close()
    done = _second_process(other)  # released on close
    assert done.returncode == 0 and done.stdout.splitlines() == ["ready", "ok closed"]
    db = open_database(path)
    assert Store(db).get_case(cid).school == "Ekskolan"
    db.close()


@posix_only
def test_the_database_file_lock_does_not_disturb_sqlite_locking(db_path):
    """flock on the file and SQLite's fcntl locks are independent: another connection
    still reads while Lotsen holds its lock, and waits for Lotsen's write lock."""
    from model.store import Store

    db = open_database(db_path)
    try:
        store = Store(db)
        store.create_case("Elsa")
        reader = sqlite3.connect(db_path, timeout=0.1)
        assert reader.execute("SELECT child_name FROM case_").fetchall() == [("Elsa",)]
        with db.transaction():
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                reader.execute("BEGIN IMMEDIATE")
        reader.close()
    finally:
        db.close()


# -- another program holds the write lock --------------------------------------------------------


def test_locked_database_raises_database_locked_then_saves(db_path):
    from model.store import Store

    db = open_database(db_path, busy_timeout=0.3)
    try:
        store = Store(db)
        cid = store.create_case("Elsa")
        mid = store.plan_meeting(cid, "forsta_natverksmote")
        store.set_note(mid, "dialog", "Före låset")
        it = sqlite3.connect(db_path, isolation_level=None)  # "sqlite3 opened by IT"
        it.execute("BEGIN IMMEDIATE")
        start = time.monotonic()
        with pytest.raises(DatabaseLocked) as err:
            store.update_case(cid, school="Ekskolan")
        assert time.monotonic() - start >= 0.25  # waited for the busy timeout first
        text = str(err.value)
        assert isinstance(err.value, WriteFailed)
        assert "är upptagen av ett annat program" in text and "Lotsen försöker igen" in text
        _swedish(text)
        with pytest.raises(DatabaseLocked):
            store.set_note(mid, "dialog", "Under låset")
        assert store.get_meeting(mid).note("dialog") == "Före låset"  # reads go on
        it.execute("ROLLBACK")
        it.close()
        store.update_case(cid, school="Ekskolan")  # retried after the release: saved
        store.set_note(mid, "dialog", "Efter låset")
        assert store.get_case(cid).school == "Ekskolan"
        assert store.get_meeting(mid).note("dialog") == "Efter låset"
    finally:
        db.close()


def test_a_lock_released_within_the_timeout_is_waited_for(db_path):
    from model.store import Store

    db = open_database(db_path, busy_timeout=5)
    try:
        store = Store(db)
        cid = store.create_case("Elsa")
        it = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
        it.execute("BEGIN IMMEDIATE")
        threading.Timer(0.3, lambda: it.execute("ROLLBACK")).start()
        store.update_case(cid, school="Ekskolan")  # waits, then saves
        assert store.get_case(cid).school == "Ekskolan"
        it.close()
    finally:
        db.close()


def test_orm_writes_begin_immediate_and_reads_stay_deferred(db):
    from model.store import Store

    store = Store(db)
    cid = store.create_case("Elsa")
    seen: list[str] = []
    db.conn.set_trace_callback(seen.append)
    try:
        store.update_case(cid, school="Ekskolan")
        writes = [s for s in seen if s.startswith("BEGIN")]
        seen.clear()
        store.get_case(cid)
        reads = [s for s in seen if s.startswith("BEGIN")]
    finally:
        db.conn.set_trace_callback(None)
    assert writes == ["BEGIN IMMEDIATE"] and reads == ["BEGIN"]
    assert db.begin_immediate is False


def test_busy_error_is_translated():
    exc = sqlite3.OperationalError("database is locked")
    mapped = dbmod.translate_error(exc, Path("lotsen.db"))
    assert isinstance(mapped, DatabaseLocked)


# -- files -------------------------------------------------------------------------------------


@posix_only
def test_an_existing_world_readable_database_is_made_private(tmp_path):
    from model.store import Store

    path = tmp_path / "delad" / "lotsen.db"
    _make(path, "Elsa")
    db = open_database(path)
    backup = db.backup()
    Store(db).create_case("Ny")  # a -wal with frames
    db.conn.execute("SELECT 1")
    wal, shm = path.with_name("lotsen.db-wal"), path.with_name("lotsen.db-shm")
    for f in (path, wal, shm, backup):
        os.chmod(f, 0o644)
    db.close()
    if not wal.exists():  # checkpointed on close: leave one behind as a crash would
        wal.write_bytes(b"")
        os.chmod(wal, 0o644)
    os.chmod(path, 0o644)
    db = open_database(path)
    try:
        for f in (path, path.with_name("lotsen.db-wal"), path.with_name("lotsen.db-shm"), backup):
            assert stat.S_IMODE(f.stat().st_mode) == 0o600, f
    finally:
        db.close()


@posix_only
def test_chmod_that_is_not_permitted_is_left_alone(db_path, monkeypatch):
    _make(db_path, "Elsa")
    os.chmod(db_path, 0o644)

    def refuse(*args, **kwargs):  # noqa: ANN002, ANN003
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "fchmod", refuse)
    monkeypatch.setattr(os, "chmod", refuse)
    db = open_database(db_path)
    try:
        assert db.case_count() == 1
    finally:
        db.close()
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o644
