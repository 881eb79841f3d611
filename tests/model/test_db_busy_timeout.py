"""Database.set_busy_timeout: how long a write waits for another program's lock before the
database refuses it (the app shortens the wait while the database keeps refusing)."""

from __future__ import annotations

import sqlite3
import time

import pytest

from model.db import DatabaseLocked, open_database


@pytest.mark.parametrize("ms, at_least, below", [(100, 0.08, 1.5), (1200, 1.1, 4.0)])
def test_a_write_waits_as_long_as_the_busy_timeout_says(db_path, ms, at_least, below):
    from model.store import Store

    db = open_database(db_path, busy_timeout=5)
    try:
        store = Store(db)
        cid = store.create_case("Elsa")
        db.set_busy_timeout(ms)
        it = sqlite3.connect(db_path, isolation_level=None)  # another program holds the lock
        it.execute("BEGIN IMMEDIATE")
        start = time.monotonic()
        with pytest.raises(DatabaseLocked):
            store.update_case(cid, school="Ekskolan")
        waited = time.monotonic() - start
        it.execute("ROLLBACK")
        it.close()
        assert at_least <= waited < below
        store.update_case(cid, school="Ekskolan")  # the lock gone: saved
        assert store.get_case(cid).school == "Ekskolan"
    finally:
        db.close()
