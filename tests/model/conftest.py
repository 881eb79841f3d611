"""Fixtures for the model tests: a fresh database file and a Store on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from model.db import Database, open_database


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "lotsen.db"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_database(db_path)
    yield database
    database.close()


@pytest.fixture
def store(db: Database):  # -> Store (imported lazily: the ORM is heavy)
    from model.store import Store

    return Store(db)
