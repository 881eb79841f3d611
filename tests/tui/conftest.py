"""Fixtures for the app's tests: a database per test (closed after), the demo with a fixed today."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import fast_pilot
import pytest
from shell_helpers import TODAY

from model.db import Database, open_database

fast_pilot.install()  # pilot.pause() waits only for the widgets that have something pending


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "lotsen.db")
    yield database
    database.close()


@pytest.fixture
def demo_db(db: Database) -> Database:
    from model.demo import populate
    from model.store import Store

    populate(Store(db), today=TODAY)
    return db
