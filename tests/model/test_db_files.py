"""The database file: versions, foreign files, upgrades, backups, corruption, restore,
permissions and the single-process lock."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import model.db as dbmod
from model.db import (
    CorruptDatabase,
    DatabaseError,
    DatabaseInUse,
    NewerDatabase,
    NotLotsenDatabase,
    open_database,
    restore_backup,
)

ROOT = Path(__file__).resolve().parents[2]


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def _snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def _make(path: Path, child: str = "Elsa") -> None:
    from model.store import Store

    db = open_database(path)
    try:
        store = Store(db)
        cid = store.create_case(child)
        mid = store.plan_meeting(cid, "forsta_natverksmote")
        store.set_note(mid, "dialog", "Anteckning " * 2000)
    finally:
        db.close()


def test_permissions_of_file_wal_folder_and_backups(tmp_path):
    path = tmp_path / "ny" / "mapp" / "lotsen.db"
    db = open_database(path)
    try:
        from model.store import Store

        Store(db).create_case("Elsa")
        assert _mode(path.parent) == 0o700
        assert _mode(path) == 0o600
        wal = path.with_name("lotsen.db-wal")
        assert wal.exists() and _mode(wal) == 0o600
        assert _mode(path.with_name("lotsen.db.lock")) == 0o600
        backup = db.backup()
        assert _mode(backup.parent) == 0o700 and _mode(backup) == 0o600
    finally:
        db.close()


def test_newer_database_is_refused_and_untouched(db_path):
    _make(db_path)
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA user_version=99")
    conn.close()
    before = _snapshot(db_path)
    with pytest.raises(NewerDatabase) as err:
        open_database(db_path)
    assert "nyare version av Lotsen" in str(err.value) and "inte ändrats" in str(err.value)
    assert _snapshot(db_path) == before


def test_file_that_is_not_sqlite_is_refused_and_untouched(tmp_path):
    path = tmp_path / "anteckningar.db"
    path.write_bytes("Det här är en textfil, ingen databas.\n".encode() * 50)
    before = _snapshot(path)
    with pytest.raises(NotLotsenDatabase, match="inte en SQLite-fil"):
        open_database(path)
    assert _snapshot(path) == before
    assert not path.with_name(path.name + "-wal").exists()


def test_sqlite_file_of_another_app_is_refused_and_untouched(tmp_path):
    path = tmp_path / "annan.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES (1)")
    conn.commit()
    conn.close()
    before = _snapshot(path)
    with pytest.raises(NotLotsenDatabase, match="inte Lotsens"):
        open_database(path)
    assert _snapshot(path) == before
    assert not path.with_name(path.name + "-wal").exists()


def test_upgrade_takes_a_backup_first(db_path, monkeypatch):
    _make(db_path)
    base = dbmod.SCHEMA_VERSION
    seen: list[list[Path]] = []

    def add_column(conn: sqlite3.Connection) -> None:
        seen.append(dbmod.list_backups(db_path))  # the backup exists before the step runs
        conn.execute("ALTER TABLE case_ ADD COLUMN nickname TEXT NOT NULL DEFAULT ''")

    def add_table(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE extra (id INTEGER PRIMARY KEY)")

    monkeypatch.setattr("model.db.schema.SCHEMA_VERSION", base + 2)
    db = open_database(db_path, migrations={base: add_column, base + 1: add_table})
    try:
        assert db.user_version == base + 2
        cols = [r[1] for r in db.conn.execute("PRAGMA table_info(case_)")]
        assert "nickname" in cols
        assert db.conn.execute("SELECT child_name FROM case_").fetchall() == [("Elsa",)]
    finally:
        db.close()
    (backup,) = seen[0]
    assert f"fore-uppgradering-v{base}" in backup.name
    old = sqlite3.connect(backup)
    assert old.execute("PRAGMA user_version").fetchone()[0] == base
    assert old.execute("SELECT child_name FROM case_").fetchall() == [("Elsa",)]
    old.close()


def test_failed_upgrade_leaves_the_database_as_it_was(db_path, monkeypatch):
    _make(db_path)
    base = dbmod.SCHEMA_VERSION

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE case_ ADD COLUMN half TEXT")
        raise RuntimeError("oj")

    monkeypatch.setattr("model.db.schema.SCHEMA_VERSION", base + 1)
    with pytest.raises(DatabaseError, match="misslyckades") as err:
        open_database(db_path, migrations={base: broken})
    assert "säkerhetskopia" in str(err.value)
    with pytest.raises(DatabaseError, match="steg saknas"):
        open_database(db_path, migrations={})
    monkeypatch.setattr("model.db.schema.SCHEMA_VERSION", base)
    db = open_database(db_path)
    try:
        assert db.user_version == base
        assert "half" not in [r[1] for r in db.conn.execute("PRAGMA table_info(case_)")]
    finally:
        db.close()


# The schema exactly as Lotsen 1 (SCHEMA_VERSION 1) created it, before case_.if_worse_plan.
V1_SCHEMA = Path(__file__).with_name("schema_v1.sql")


def _make_v1(path: Path) -> None:
    """A version-1 database as the earlier Lotsen left it: a closed case and a note."""
    from model.paths import private_dir

    private_dir(path.parent)
    conn = sqlite3.connect(path)
    conn.executescript(V1_SCHEMA.read_text(encoding="utf-8"))
    conn.execute(f"PRAGMA application_id={dbmod.APPLICATION_ID}")
    conn.execute("PRAGMA user_version=1")
    conn.execute(
        "INSERT INTO case_ (id, child_name, school, school_class, interpreter_needed, "
        "interpreter_language, routine_id, status, closed_on, closing_reason, "
        "family_told_if_worse, created_at, last_activity) VALUES (1, 'Åsa Öberg', '', '', 0, "
        "'', 'forsta_natverksmote', 'closed', '2026-05-04', 'Målen nådda', 1, "
        "'2026-01-01 10:00:00.000000', '2026-05-04 10:00:00.000000')"
    )
    conn.execute(
        "INSERT INTO meeting (id, case_id, routine_id, planned_time, place, question, "
        "current_step, leader, note_taker, convener, confidentiality_covered, "
        "child_absence_reason, child_signed, family_story_child, family_story_guardians, "
        "family_contribution, child_contribution, child_view, guardians_view, "
        "lead_organisation, coordinator, contact_person, childs_voice, next_time, next_place, "
        "next_convener, updated_at) VALUES (1, 1, 'forsta_natverksmote', '', '', '', '', '', "
        "'', '', 0, '', 0, '', '', '', '', '', '', '', '', '', '', '', '', '', "
        "'2026-05-04 10:00:00.000000')"
    )
    conn.execute(
        "INSERT INTO step_note (meeting_id, step_id, field, text, updated_at) "
        "VALUES (1, 'dialog', 'notes', 'Varje mening räknas 🙂', '2026-05-04 10:00:00.000000')"
    )
    conn.commit()
    conn.close()


def _columns(conn: sqlite3.Connection) -> dict[str, set[tuple]]:
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {t: {tuple(r[1:]) for r in conn.execute(f"PRAGMA table_info({t})")} for t in tables}


def test_v1_database_is_upgraded_to_v2_with_if_worse_plan(db_path, tmp_path):
    """Through every step to the current version (v2 added if_worse_plan)."""
    from model.store import Store

    _make_v1(db_path)
    db = open_database(db_path)
    try:
        assert db.user_version == dbmod.SCHEMA_VERSION
        store = Store(db)
        c = store.get_case(1)
        assert (c.child_name, c.status, c.closing_reason, c.if_worse_plan) == (
            "Åsa Öberg", "closed", "Målen nådda", "")  # fmt: skip
        assert store.get_meeting(1).note("dialog") == "Varje mening räknas 🙂"
        store.update_case(1, if_worse_plan="Ring kuratorn")
        new = store.create_case("Ny", personnummer="")
        store.close_case(new, "Flyttat", True, if_worse_plan="Ring socialjouren")
        assert store.get_case(1).if_worse_plan == "Ring kuratorn"
        assert store.get_case(new).if_worse_plan == "Ring socialjouren"
    finally:
        db.close()
    # The backup taken before the upgrade is the untouched version-1 file.
    (backup,) = dbmod.list_backups(db_path)
    assert "fore-uppgradering-v1" in backup.name
    old = sqlite3.connect(backup)
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    assert "if_worse_plan" not in {r[1] for r in old.execute("PRAGMA table_info(case_)")}
    old.close()
    # Upgraded and fresh databases have the same columns (order aside).
    fresh = tmp_path / "fresh" / "lotsen.db"
    Store(fresh_db := open_database(fresh))
    fresh_db.close()
    a, b = sqlite3.connect(db_path), sqlite3.connect(fresh)
    assert _columns(a) == _columns(b)
    a.close()
    b.close()
    # Opening again does not upgrade (or back up) twice.
    db = open_database(db_path)
    db.close()
    assert dbmod.list_backups(db_path) == [backup]


def test_v1_to_v2_step_is_idempotent(db_path):
    """A version-1 file that already has the column (made by a development build) upgrades."""
    from model.store import Store

    db = open_database(db_path)
    Store(db).create_case("Elsa")
    db.conn.execute("PRAGMA user_version=1")
    db.close()
    db = open_database(db_path)
    try:
        assert db.user_version == dbmod.SCHEMA_VERSION
        assert Store(db).get_case(1).if_worse_plan == ""
    finally:
        db.close()


def test_backups_keep_the_newest_ten(db):
    from model.store import Store

    Store(db).create_case("Elsa")
    made = [db.backup(reason="manuell") for _ in range(13)]
    kept = dbmod.list_backups(db.path)
    assert kept == made[-10:] and dbmod.newest_backup(db.path) == made[-1]
    conn = sqlite3.connect(made[-1])
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert conn.execute("SELECT child_name FROM case_").fetchall() == [("Elsa",)]
    conn.close()


def test_backup_is_written_under_a_temporary_name_and_renamed(db, monkeypatch):
    from model.store import Store

    Store(db).create_case("Elsa")
    folder = dbmod.backups_dir(db.path)
    seen: list[str] = []
    real_copy = dbmod._copy_database

    def copy(source, target, **kw):
        seen.append(target.name)
        real_copy(source, target, **kw)
        assert dbmod.list_backups(db.path) == []  # checked and fsynced, not yet renamed

    monkeypatch.setattr("model.db.backups._copy_database", copy)
    made = db.backup(reason="manuell")
    assert seen == [f".tmp-{made.name}"] and dbmod.newest_backup(db.path) == made
    assert sorted(p.name for p in folder.iterdir()) == [made.name]
    assert _mode(made) == 0o600
    ok = sqlite3.connect(made)
    assert ok.execute("SELECT child_name FROM case_").fetchall() == [("Elsa",)]
    ok.close()


def test_a_half_written_backup_is_never_taken_for_the_newest(db):
    """A kill mid-copy leaves a .tmp- file: never listed, and removed by the next backup."""
    from model.store import Store

    Store(db).create_case("Elsa")
    good = db.backup()
    folder = dbmod.backups_dir(db.path)
    stem = db.path.stem
    stale = folder / f".tmp-{stem}-20991231-235959-999999-manuell.db"
    stale.write_bytes(dbmod.SQLITE_MAGIC + b"\0" * 100)  # later by name than any real one
    journal = folder / f"{stale.name}-journal"
    journal.write_bytes(b"x")
    other = folder / ".tmp-annan-20991231-235959-999999.db"  # another database's: left alone
    other.write_bytes(b"x")
    assert dbmod.list_backups(db.path) == [good]
    assert dbmod.newest_backup(db.path) == good
    assert str(good) in dbmod.corrupt_message(db.path)
    newer = db.backup()
    assert not stale.exists() and not journal.exists() and other.exists()
    assert dbmod.list_backups(db.path) == [good, newer]


def test_a_failed_backup_leaves_no_file_behind(db, monkeypatch):
    from model.store import Store

    Store(db).create_case("Elsa")
    folder = dbmod.backups_dir(db.path)

    def disk_full(path: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("model.db.backups._fsync", disk_full)
    with pytest.raises(dbmod.WriteFailed, match="Säkerhetskopian"):
        db.backup()
    assert list(folder.iterdir()) == []
    monkeypatch.undo()
    made = db.backup()
    assert dbmod.list_backups(db.path) == [made]


def _corrupt(path: Path) -> None:
    size = path.stat().st_size
    with open(path, "r+b") as fh:
        fh.seek(size // 2)
        fh.write(os.urandom(4096 * 3))


def test_corrupt_database_names_the_newest_backup_and_restore(db_path):
    _make(db_path)
    db = open_database(db_path)
    backup = db.backup()
    db.close()
    _corrupt(db_path)
    with pytest.raises(CorruptDatabase) as err:
        db = open_database(db_path)
        try:
            db.check()
        finally:
            db.close()
    text = str(err.value)
    assert str(backup) in text and f"lotsen restore {backup}" in text
    assert "Traceback" not in text


def test_corruption_met_by_caselist_or_store_is_corrupt_database(db_path):
    from model.caselist import recent_cases, search_cases
    from model.store import Store

    _make(db_path)
    conn = sqlite3.connect(db_path)  # enough rows that the case table spans many pages
    conn.executemany(
        "INSERT INTO case_ (child_name, school, school_class, interpreter_needed, "
        "interpreter_language, routine_id, status, closing_reason, family_told_if_worse, "
        "created_at, last_activity) VALUES (?, '', '', 0, '', 'forsta_natverksmote', 'open', "
        "'', 0, '2026-01-01', '2026-01-01')",
        [(f"Barn {i} " + "x" * 500,) for i in range(200)],
    )
    conn.commit()
    conn.close()
    conn = sqlite3.connect(db_path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'case_'").fetchone()[0]
    conn.close()
    with open(db_path, "r+b") as fh:  # the case table's root page, not the schema
        fh.seek((root - 1) * page_size)
        fh.write(b"\xff" * page_size)
    db = open_database(db_path)  # the schema is intact, so opening works
    try:
        with pytest.raises(CorruptDatabase):
            db.check()
        with pytest.raises(CorruptDatabase):
            recent_cases(db, limit=None)
            search_cases(db, "Barn")
        with pytest.raises(CorruptDatabase):
            store = Store(db)
            for cid in store.case_ids():
                store.get_case(cid)
    finally:
        db.close()


def test_restore_backup_keeps_the_current_file_aside(db_path):
    _make(db_path, "Före")
    db = open_database(db_path)
    backup = db.backup()
    from model.store import Store

    Store(db).create_case("Efter")
    db.close()
    kept = restore_backup(backup, db_path)
    assert kept is not None and kept.name.startswith("lotsen.db.fore-aterstallning-")
    assert _mode(db_path) == 0o600
    db = open_database(db_path)
    try:
        names = [r[0] for r in db.conn.execute("SELECT child_name FROM case_ ORDER BY id")]
        assert names == ["Före"]
    finally:
        db.close()
    old = sqlite3.connect(kept)  # the file kept aside still holds what was there
    assert [r[0] for r in old.execute("SELECT child_name FROM case_ ORDER BY id")] == [
        "Före", "Efter"]  # fmt: skip
    old.close()


def test_restore_refuses_bad_backups_and_a_running_lotsen(db_path, tmp_path):
    _make(db_path)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"inte en databas" * 100)
    with pytest.raises(NotLotsenDatabase):
        restore_backup(junk, db_path)
    db = open_database(db_path)
    good = db.backup()
    with pytest.raises(DatabaseInUse):
        restore_backup(good, db_path)
    db.close()
    broken = tmp_path / "broken.db"
    broken.write_bytes(good.read_bytes())
    _corrupt(broken)
    before = _snapshot(db_path)
    with pytest.raises((CorruptDatabase, NotLotsenDatabase)):
        restore_backup(broken, db_path)
    assert _snapshot(db_path) == before
    with pytest.raises(DatabaseError, match="finns inte"):
        restore_backup(tmp_path / "saknas.db", db_path)


def test_second_lotsen_process_is_refused(db_path):
    db = open_database(db_path)
    try:
        script = textwrap.dedent(f"""
            import sys
            from model.db import DatabaseInUse, open_database
            try:
                open_database({str(db_path)!r})
            except DatabaseInUse as exc:
                print(exc)
                sys.exit(3)
            sys.exit(0)
        """)
        done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                              text=True, timeout=60)  # fmt: skip
        assert done.returncode == 3, done.stderr
        assert "redan öppet" in done.stdout
    finally:
        db.close()
    again = open_database(db_path)  # released on close
    again.close()
