"""SQLAlchemy on top of the one sqlite3 connection that model.db opened."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import create_engine, event
from sqlalchemy.pool import StaticPool

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from model.db import Database


def make_engine(db: Database) -> Engine:
    engine = create_engine("sqlite://", creator=lambda: db.conn, poolclass=StaticPool)

    # The connection runs in autocommit mode (isolation_level=None), so transactions are
    # explicit. A store write has begun one already (Database.transaction, BEGIN IMMEDIATE,
    # the same for the ORM and the raw SQL); a read begins its own deferred one here.
    @event.listens_for(engine, "begin")
    def _begin(conn):  # noqa: ANN001
        if not db.conn.in_transaction:
            conn.exec_driver_sql("BEGIN")

    return engine
