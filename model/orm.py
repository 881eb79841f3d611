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

    # The connection runs in autocommit mode (isolation_level=None); SQLAlchemy's own
    # transactions are made explicit so that each store write is one short transaction.
    # Writes (Store._write, under Database.writing) begin IMMEDIATE: the write lock is taken
    # at BEGIN, waiting up to busy_timeout for another program; a deferred transaction that
    # later upgrades to a write would get SQLITE_BUSY at once in WAL mode. Reads stay
    # deferred, so they never wait for (or block) another program's write.
    @event.listens_for(engine, "begin")
    def _begin(conn):  # noqa: ANN001
        conn.exec_driver_sql("BEGIN IMMEDIATE" if db.begin_immediate else "BEGIN")

    return engine
