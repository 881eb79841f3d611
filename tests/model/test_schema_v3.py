"""Schema 3 (the record a family signs): a database written by the version before it (the
demo case, schema 2) is carried forward with a backup first, every row kept, the new fields
empty; an upgraded file has the same columns as a new one."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import model.db as dbmod
from model.db import open_database
from model.store import Store

DEMO_V2 = Path(__file__).with_name("demo_v2.sql")


def _make_v2(path: Path) -> None:
    from model.paths import private_dir

    private_dir(path.parent)
    conn = sqlite3.connect(path)
    conn.executescript(DEMO_V2.read_text(encoding="utf-8"))
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


def test_a_v2_database_with_the_demo_is_carried_to_v3(tmp_path):
    path = tmp_path / "data" / "lotsen.db"
    _make_v2(path)
    before = _dump(path)
    db = open_database(path)
    try:
        assert db.user_version == dbmod.SCHEMA_VERSION >= 3
        store = Store(db)
        held = store.get_meeting(1)
        assert held.case.child_name == "Elsa Nyström"
        assert held.held_on is None and held.cancelled_on is None and held.revised_at is None
        assert held.date == held.planned_date  # the documents' date is what it was
        assert all(a.principal == "" and a.follow_up_how == "" for a in held.actions)
        assert all(a.signs is None for a in held.attendance)
        # The new fields take values.
        store.update_meeting(1, lead_principal="Region", coordinator_phone="070-123 45 67")
        aid = held.actions[0].id
        store.update_action(aid, principal="annan", follow_up_how="Vid nästa lotsmöte")
        again = store.get_meeting(1)
        assert (again.lead_principal, again.coordinator_phone) == ("region", "070-123 45 67")
        assert (again.actions[0].principal, again.actions[0].follow_up_how) == (
            "annan", "Vid nästa lotsmöte")  # fmt: skip
    finally:
        db.close()
    after = _dump(path)
    # Every row is still there, with its values (new columns come last).
    for table, rows in before.items():
        assert len(after[table]) == len(rows), table
    (backup,) = dbmod.list_backups(path)
    assert "fore-uppgradering-v2" in backup.name
    fresh = tmp_path / "fresh" / "lotsen.db"
    Store(fresh_db := open_database(fresh))
    fresh_db.close()
    assert _columns(path) == _columns(fresh)


def test_the_lead_principal_is_kommun_or_region_only(tmp_path):
    import pytest

    from model.validation import InvalidInput

    db = open_database(tmp_path / "x.db")
    try:
        store = Store(db)
        mid = store.plan_meeting(store.create_case("Noa"), "forsta_natverksmote")
        with pytest.raises(InvalidInput, match="Huvudansvar för planen måste vara"):
            store.update_meeting(mid, lead_principal="Björkskolan")
    finally:
        db.close()
