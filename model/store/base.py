"""What every part of the store shares: the clock, the one write transaction, reads, lookups.

Each write is one short transaction under the database lock (`Database.transaction`: BEGIN
IMMEDIATE, committed and fsynced when the block ends, rolled back on any error), so a crash
loses at most the write that was under way, and worker threads can share the one connection.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import update
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, SQLModel, col

from model import sql
from model import validation as v
from model.clock import Clock, default_clock
from model.db import Database, translate_error
from model.inputs import Spec
from model.routines import Routine
from model.tables import Case, Meeting, Participant

T = TypeVar("T", bound=SQLModel)


class NotFound(LookupError):
    """A row that is not (or no longer) there; the message is Swedish."""


def check_step(routine: Routine, step_id: str) -> None:
    try:
        routine.step(step_id)
    except KeyError:
        raise v.InvalidInput(
            "step_id", f"Steget '{step_id}' finns inte i rutinen {routine.name}."
        ) from None


def get(session: Session, model: type[T], row_id: int, what: str) -> T:
    """The row, or NotFound naming `what` ("Mötet", "Ärendet", ...)."""
    row = session.get(model, row_id)
    if row is None:
        raise NotFound(f"{what} finns inte (id {row_id}).")
    return row


class StoreBase:
    """The plumbing under every part of the store."""

    def __init__(self, db: Database, clock: Clock | None = None) -> None:
        self.db = db
        self.clock = clock if clock is not None else default_clock()
        self.engine = db.engine()
        self._sql_datetime = sql.datetime_to_sql(self.engine)
        if not db.is_initialised:
            self._create_schema()

    def _create_schema(self) -> None:
        from model.db import APPLICATION_ID, SCHEMA_VERSION

        with self.db.lock, self.engine.begin() as conn:
            SQLModel.metadata.create_all(conn)
            sql.stamp_schema(conn, APPLICATION_ID, SCHEMA_VERSION)

    def _now(self) -> dt.datetime:
        return self.clock.now()

    # -- input, checked on the clock's day ---------------------------------------------------
    def _convert(self, spec: Spec, values: Mapping[str, Any]) -> dict[str, Any]:
        """The values through the entity's rules (model.inputs), on the clock's day: a date
        typed without a year is in its year, a personnummer not born after it."""
        return spec.convert(values, today=self.clock.today())

    def _date(self, value: Any, field: str, label: str) -> dt.date | None:
        """A date as typed (model.validation.parse_date), on the clock's day."""
        return v.parse_date(value, field, label, today=self.clock.today())

    # -- transactions ------------------------------------------------------------------------
    @contextmanager
    def _write(self) -> Iterator[Session]:
        """One short write transaction with an ORM session in it: committed (and fsynced) when
        the block ends, or rolled back. The transaction is Database.transaction's, the same
        the raw SQL of set_note runs in (model.orm leaves BEGIN to it)."""
        with self.db.lock:
            session = Session(self.engine, expire_on_commit=False)
            try:
                with self._errors(), self.db.transaction():
                    yield session
                    session.flush()
            finally:
                session.close()  # after COMMIT or ROLLBACK: nothing left for it to undo

    @contextmanager
    def _read(self) -> Iterator[Session]:
        with self.db.lock, self._errors(), Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
            finally:
                session.rollback()

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """A damaged file or a failed disk write comes out as model.db's Swedish errors."""
        try:
            yield
        except DBAPIError as exc:
            mapped = translate_error(exc.orig, self.db.path) if exc.orig is not None else None
            if mapped is None:
                raise
            raise mapped from exc

    # -- shared steps of a write -------------------------------------------------------------
    def _touch_case(self, session: Session, case_id: int) -> None:
        session.execute(
            update(Case).where(col(Case.id) == case_id).values(last_activity=self._now())
        )

    def _touch_meeting(self, session: Session, meeting_id: int) -> None:
        """Stamp the meeting as changed; a change after it was held is a revision (the
        documents exported after it say "Reviderad")."""
        meeting = get(session, Meeting, meeting_id, "Mötet")
        meeting.updated_at = self._now()
        if meeting.ended_at is not None:
            meeting.revised_at = meeting.updated_at
        self._touch_case(session, meeting.case_id)

    def _meeting_of_case(
        self, s: Session, meeting_id: int, participant_ids: Iterable[int]
    ) -> Meeting:
        """The meeting, after checking that every participant belongs to its case."""
        m = get(s, Meeting, meeting_id, "Mötet")
        for pid in participant_ids:
            p = get(s, Participant, pid, "Deltagaren")
            if p.case_id != m.case_id:
                raise v.InvalidInput(
                    "participant_id",
                    f"{p.name} hör till ett annat ärende och kan inte läggas till.",
                )
        return m

    def _update(self, model: type[T], row_id: int, what: str, spec: Spec, values: dict) -> None:
        """Change some fields of one row; the meeting and case it belongs to are stamped."""
        converted = self._convert(spec, values)
        with self._write() as s:
            row = get(s, model, row_id, what)
            for key, value in converted.items():
                setattr(row, key, value)
            case_id: Any = getattr(row, "case_id", None)
            meeting_id: Any = getattr(row, "meeting_id", None)
            if isinstance(row, Meeting):
                row.updated_at = self._now()
                if row.ended_at is not None:
                    row.revised_at = row.updated_at
            elif meeting_id is not None:
                self._touch_meeting(s, meeting_id)
            if case_id is not None:
                self._touch_case(s, case_id)
            elif isinstance(row, Case):
                row.last_activity = self._now()
