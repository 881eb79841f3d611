"""Schema 4 (Västbas roles and the child's own plan): a database written by the version before
it (the demo case, schema 3, dumped by sqlite3 iterdump) is carried forward with a backup
first, every row kept; a kontaktperson or språkrör already named at a meeting becomes the
case's; an upgraded file has the same columns as a new one."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import model.db as dbmod
from model.db import open_database
from model.store import Store

DEMO_V3 = Path(__file__).with_name("demo_v3.sql")


def _make_v3(path: Path, *extra_sql: str) -> None:
    from model.paths import private_dir

    private_dir(path.parent)
    conn = sqlite3.connect(path)
    conn.executescript(DEMO_V3.read_text(encoding="utf-8"))
    for sql in extra_sql:
        conn.execute(sql)
    conn.commit()
    conn.close()


def _dump(path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in tables}
    finally:
        conn.close()


def _columns(path: Path) -> dict[str, set[tuple]]:
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: {tuple(r[1:]) for r in conn.execute(f"PRAGMA table_info({t})")}
                for t in tables}  # fmt: skip
    finally:
        conn.close()


def test_a_v3_database_with_the_demo_is_carried_to_v4(tmp_path):
    path = tmp_path / "data" / "lotsen.db"
    _make_v3(path)
    before = _dump(path)
    db = open_database(path)
    db.close()
    after = _dump(path)
    for table, rows in before.items():
        # Every row and value kept; the new columns come last.
        assert [r[: len(r0)] for r, r0 in zip(after[table], rows, strict=True)] == rows, table
    db = open_database(path)
    try:
        assert db.user_version == dbmod.SCHEMA_VERSION == 4
        store = Store(db)
        case = store.get_case(1)
        assert case.child_name == "Elsa Nyström"
        assert (case.coordinator_1, case.coordinator_2, case.contact_person) == ("", "", "")
        assert (case.spokesperson, case.spokesperson_relation) == ("", "")
        held = store.get_meeting(1)
        assert held.actions and all(a.child_words == "" for a in held.actions)
        # The first action said as before: its title, since no words for the child were written.
        assert held.actions[0].for_the_child == held.actions[0].what.split("\n")[0].strip()
        # The new fields take values.
        store.update_case(1, coordinator_1="Eva Lund", coordinator_2="Omar Ali",
                          contact_person="Ahmed Hassan", spokesperson="Britt Nyström",
                          spokesperson_relation="mormor")  # fmt: skip
        store.update_action(held.actions[0].id, child_words="Du får hjälp att sova bättre.")
        case = store.get_case(1)
        assert (case.coordinator_1, case.coordinator_2) == ("Eva Lund", "Omar Ali")
        assert case.spokesperson_line == "Britt Nyström (mormor)"
        assert store.get_meeting(1).actions[0].for_the_child == "Du får hjälp att sova bättre."
    finally:
        db.close()
    (backup,) = dbmod.list_backups(path)
    assert "fore-uppgradering-v3" in backup.name
    fresh = tmp_path / "fresh" / "lotsen.db"
    Store(fresh_db := open_database(fresh))
    fresh_db.close()
    assert _columns(path) == _columns(fresh)


def test_a_kontaktperson_and_sprakror_named_at_a_meeting_become_the_cases(tmp_path):
    path = tmp_path / "data" / "lotsen.db"
    # An older Västbas meeting named one kontaktperson; the newest named another.
    _make_v3(
        path,
        "UPDATE meeting SET contact_person = 'Sara Berg', childs_voice = 'Mormor Britt' "
        "WHERE id = 1",
        "UPDATE meeting SET contact_person = 'Ahmed Hassan' WHERE id = 2",
    )
    db = open_database(path)
    try:
        store = Store(db)
        case = store.get_case(1)
        newest = max((store.get_meeting(1), store.get_meeting(2)), key=lambda m: m.date)
        assert newest.contact_person == case.contact_person
        assert case.contact_person in ("Sara Berg", "Ahmed Hassan")
        assert case.spokesperson == "Mormor Britt"
        # The meetings keep what they recorded.
        assert store.get_meeting(1).childs_voice == "Mormor Britt"
    finally:
        db.close()


def test_the_migration_can_run_twice(tmp_path):
    path = tmp_path / "x.db"
    _make_v3(path, "UPDATE meeting SET contact_person = 'Sara Berg' WHERE id = 1")
    conn = sqlite3.connect(path)
    dbmod.MIGRATIONS[3](conn)
    conn.execute("UPDATE case_ SET contact_person = 'Ny Person'")
    dbmod.MIGRATIONS[3](conn)  # columns there already; a case's own kontaktperson kept
    assert conn.execute("SELECT contact_person FROM case_").fetchone() == ("Ny Person",)
    conn.close()
