"""Backups that keep history: generations (the newest 10, one a day for 14 days, one a week
for 8 weeks), and no backup of an empty database over a backup with cases."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

import model.db as dbmod
from model.db import BackupSkipped, open_database

NOW = dt.datetime(2026, 11, 23, 16, 30)  # a Monday afternoon


def _name(db_path: Path, when: dt.datetime) -> Path:
    return dbmod.backups_dir(db_path) / f"{db_path.stem}-{when:%Y%m%d-%H%M%S-%f}.db"


def _fake(db_path: Path, when: dt.datetime) -> Path:
    path = _name(db_path, when)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"")  # prune_backups goes by the names only
    return path


def test_generations_rule(db_path):
    older: dict[str, Path] = {}
    for days_back in range(1, 90):  # two backups a day for three months
        day = NOW - dt.timedelta(days=days_back)
        morning = _fake(db_path, day.replace(hour=8))
        evening = _fake(db_path, day.replace(hour=18))
        older[f"{days_back}-morning"] = morning
        older[f"{days_back}-evening"] = evening
    afternoon = [_fake(db_path, NOW.replace(hour=13) + dt.timedelta(minutes=5 * i))
                 for i in range(30)]  # fmt: skip
    dbmod.prune_backups(db_path, now=NOW)
    kept = set(dbmod.list_backups(db_path))

    # The newest 10 (all from this afternoon).
    assert set(afternoon[-10:]) <= kept
    assert not set(afternoon[:-10]) & kept
    # One a day (its newest) for the 14 days up to today.
    for days_back in range(1, 14):
        assert older[f"{days_back}-evening"] in kept, days_back
        assert older[f"{days_back}-morning"] not in kept, days_back
    # One a week (its newest: Sunday evening) for 8 weeks, this one included.
    for weeks_back in range(1, 8):
        sunday = NOW.date() - dt.timedelta(days=NOW.weekday() + 1 + 7 * (weeks_back - 1))
        days_back = (NOW.date() - sunday).days
        assert older[f"{days_back}-evening"] in kept, sunday
    # Nothing older than 8 weeks, and nothing else.
    expected = set(afternoon[-10:])
    expected |= {older[f"{d}-evening"] for d in range(1, 14)}
    expected |= {
        older[f"{(NOW.date() - s).days}-evening"]
        for s in (NOW.date() - dt.timedelta(days=NOW.weekday() + 1 + 7 * w) for w in range(7))
    }
    assert kept == expected
    assert len(kept) == 10 + 13 + 7 - 2  # the last two Sundays are also among the 13 days


def test_a_busy_afternoon_does_not_push_out_last_week(db):
    from model.store import Store

    Store(db).create_case("Elsa")
    now = dt.datetime.now()
    yesterday = _fake(db.path, now - dt.timedelta(days=1))
    last_week = _fake(db.path, now - dt.timedelta(days=7))
    a_month_ago = _fake(db.path, now - dt.timedelta(days=30))
    half_a_year_ago = _fake(db.path, now - dt.timedelta(days=180))
    made = [db.backup() for _ in range(30)]  # thirty starts in one afternoon
    kept = dbmod.list_backups(db.path)
    assert kept[-10:] == made[-10:]
    assert {yesterday, last_week, a_month_ago} <= set(kept)
    assert half_a_year_ago not in kept
    assert not set(made[:-10]) & set(kept)


def test_an_empty_database_is_not_backed_up_over_a_backup_with_cases(db):
    from model.store import Store

    store = Store(db)
    cid = store.create_case("Elsa")
    good = db.backup()
    store.delete_case(cid)  # now empty (or emptied by accident)
    assert db.case_count() == 0
    for _ in range(12):  # a dozen starts do not push the good one out
        with pytest.raises(BackupSkipped) as err:
            db.backup()
    text = str(err.value)
    assert "Ingen ny säkerhetskopia gjordes" in text and "är tom" in text
    assert str(good) in text and f"lotsen restore {good}" in text
    assert "Traceback" not in text
    assert dbmod.list_backups(db.path) == [good]
    conn = sqlite3.connect(good)
    assert conn.execute("SELECT child_name FROM case_").fetchall() == [("Elsa",)]
    conn.close()
    store.create_case("Ny")  # cases again: backed up as usual
    made = db.backup()
    assert dbmod.newest_backup(db.path) == made


def test_an_empty_database_without_history_is_backed_up(tmp_path):
    from model.store import Store

    db = open_database(tmp_path / "ny.db")
    try:
        Store(db)
        first = db.backup()  # nothing before: fine
        second = db.backup()  # the previous one was empty too: fine
        assert dbmod.list_backups(db.path) == [first, second]
    finally:
        db.close()


def test_an_upgrade_of_an_empty_database_goes_on_without_a_backup(db_path, monkeypatch):
    from model.store import Store

    db = open_database(db_path)
    store = Store(db)
    cid = store.create_case("Elsa")
    good = db.backup()
    store.delete_case(cid)
    db.close()
    base = dbmod.SCHEMA_VERSION
    monkeypatch.setattr("model.db.schema.SCHEMA_VERSION", base + 1)
    db = open_database(db_path, migrations={base: lambda conn: None})
    try:
        assert db.user_version == base + 1
    finally:
        db.close()
    assert dbmod.list_backups(db_path) == [good]
