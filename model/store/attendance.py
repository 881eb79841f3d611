"""During the meeting: attendance (närvaro), walk-ins, notes per step (anteckningar) and each
profession's account (redogörelse)."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlmodel import Session, col, select

from model import inputs, sql
from model import validation as v
from model.labels import AttendanceStatus
from model.relations import walk_in_person
from model.routines import get_routine
from model.store.base import NotFound, StoreBase, check_step, get
from model.tables import Account, Attendance, Invitation, Meeting, Participant
from model.views import signs_by_default

R = TypeVar("R", Attendance, Account)


class AttendanceStore(StoreBase):
    def _person_row(self, s: Session, model: type[R], meeting_id: int, participant_id: int) -> R:
        """One person's row at a meeting (närvaro or redogörelse), made the first time (after
        checking that the person belongs to the meeting's case)."""
        row = s.exec(
            select(model).where(
                col(model.meeting_id) == meeting_id,
                col(model.participant_id) == participant_id,
            )
        ).first()
        if row is None:
            self._meeting_of_case(s, meeting_id, [participant_id])
            row = model(meeting_id=meeting_id, participant_id=participant_id)
            s.add(row)
        return row

    def _set_person_row(
        self, model: type[R], meeting_id: int, participant_id: int, values: dict[str, Any]
    ) -> None:
        """Set fields of one person's row at a meeting."""
        with self._write() as s:
            row = self._person_row(s, model, meeting_id, participant_id)
            for key, value in values.items():
                setattr(row, key, value)
            self._touch_meeting(s, meeting_id)

    def set_attendance(self, meeting_id: int, participant_id: int, **fields: Any) -> None:
        self._set_person_row(
            Attendance, meeting_id, participant_id, self._convert(inputs.ATTENDANCE, fields)
        )

    def set_signs(self, meeting_id: int, participant_id: int, signs: bool | None) -> None:
        """Choose whether the person signs the plan (None: as by default, the guardians and
        the professionals present, see AttendanceView.signs_plan). A choice equal to the
        default is stored as the default, so choosing and choosing back leaves the row as it
        was. Someone taken off the signers has not signed the plan: "Skrivit under" goes too."""
        chosen = self._convert(inputs.ATTENDANCE, {"signs": signs})["signs"]
        with self._write() as s:
            person = get(s, Participant, participant_id, "Deltagaren")
            default = signs_by_default(person.kind)
            row = self._person_row(s, Attendance, meeting_id, participant_id)
            row.signs = None if chosen == default else chosen
            if not (default if row.signs is None else row.signs):
                row.signed = False
            self._touch_meeting(s, meeting_id)

    def remove_walk_in(self, meeting_id: int, participant_id: int) -> None:
        """Undo a walk-in added by mistake: the attendance goes, and the person too unless
        they are part of anything else in the case (then they are only taken off the roster)."""
        with self._write() as s:
            row = s.exec(
                select(Attendance).where(
                    col(Attendance.meeting_id) == meeting_id,
                    col(Attendance.participant_id) == participant_id,
                )
            ).first()
            if row is None or not row.walk_in:
                raise v.InvalidInput(
                    "participant_id",
                    "Bara den som kom till mötet utan "
                    "inbjudan kan tas bort från närvarolistan här.",
                )
            s.delete(row)
            s.flush()
            others = [
                s.exec(select(model.id).where(model.participant_id == participant_id)).first()
                for model in (Attendance, Invitation, Account)
            ]
            if not any(x is not None for x in others):
                p = get(s, Participant, participant_id, "Deltagaren")
                s.delete(p)
            self._touch_meeting(s, meeting_id)

    def add_walk_in(
        self, meeting_id: int, name: str, organisation: str = "", role: str = "", **fields: Any
    ) -> int:
        """Someone who came without an invitation: joins the network and is marked present.
        Without an organisation, or with a relation in its place ("mormor"), the person is
        family or another private person, not a professional: no account card, does not sign
        by default (see model.relations)."""
        values = self._convert(
            inputs.PARTICIPANT, {"name": name, "organisation": organisation, "role": role, **fields}
        )
        if "kind" not in values:
            kind, values["organisation"], values["role"] = walk_in_person(
                values["organisation"], values["role"]
            )
            values["kind"] = kind
        with self._write() as s:
            m = get(s, Meeting, meeting_id, "Mötet")
            p = Participant(case_id=m.case_id, **values)
            s.add(p)
            s.flush()
            assert p.id is not None
            s.add(
                Attendance(
                    meeting_id=meeting_id,
                    participant_id=p.id,
                    status=AttendanceStatus.PRESENT.value,
                    walk_in=True,
                )
            )
            self._touch_meeting(s, meeting_id)
            return p.id

    def set_note(self, meeting_id: int, step_id: str, text: str, field: str = "notes") -> None:
        """The hot path while typing: one upsert in one short transaction.

        Raw SQL (model.sql) in the store's write transaction rather than an ORM
        Session, which costs more than the commit (see benchmarks/store.py)."""
        clean = v.clean_text(text)
        key = v.clean_text(field).strip()
        if not key:
            raise v.InvalidInput("field", "Anteckningen saknar fält.")
        at = self._sql_datetime(self._now())
        with self.db.transaction() as conn:
            found = sql.touch_meeting(conn, meeting_id, at)
            if found is None:
                raise NotFound(f"Mötet finns inte (id {meeting_id}).")
            case_id, routine_id = found
            check_step(get_routine(routine_id), step_id)
            sql.upsert_note(conn, meeting_id, step_id, key, clean, at)
            sql.touch_case(conn, case_id, at)

    def set_account(self, meeting_id: int, participant_id: int, **fields: Any) -> None:
        self._set_person_row(
            Account, meeting_id, participant_id, self._convert(inputs.ACCOUNT, fields)
        )
