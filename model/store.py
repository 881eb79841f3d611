"""The store: every read and write of the domain. Callers never write SQL.

Each write is one short transaction under the database lock, so a crash loses at most the
write that was under way, and worker threads can share the one connection safely.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import delete, func, update
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, SQLModel, select

from model import validation as v
from model.db import Database, translate_error
from model.routines import Routine, RoutineError, get_routine
from model.tables import (
    Account,
    Action,
    Attendance,
    Case,
    Consent,
    Deviation,
    Goal,
    Invitation,
    Meeting,
    Participant,
    RefusalDecision,
    StepNote,
)
from model.views import (
    AccountView,
    ActionView,
    AttendanceView,
    CaseView,
    ConsentView,
    DeviationView,
    GoalView,
    MeetingView,
    PersonView,
    RefusalView,
)

T = TypeVar("T", bound=SQLModel)
Converter = Callable[[Any], Any]


# How SQLAlchemy stores a DateTime in SQLite; raw SQL writes the same text.
_SQL_DATETIME = "%Y-%m-%d %H:%M:%S.%f"


class NotFound(LookupError):
    """A row that is not (or no longer) there; the message is Swedish."""


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _text(field: str) -> Converter:
    return lambda value: v.clean_text(value)


def _line(field: str) -> Converter:
    return lambda value: v.clean_text(value).strip()


def _date(field: str, label: str) -> Converter:
    return lambda value: v.parse_date(value, field, label)


def _time(field: str, label: str) -> Converter:
    return lambda value: v.parse_time(value, field, label)


def _bool(field: str) -> Converter:
    return bool


def _opt_bool(field: str) -> Converter:
    return lambda value: None if value is None else bool(value)


def _choice(field: str, allowed: dict[str, str], label: str) -> Converter:
    return lambda value: v.choice(value, allowed, field, label)


def _routine(field: str) -> Converter:
    def convert(value: Any) -> str:
        try:
            return get_routine(v.clean_text(value).strip()).id
        except RoutineError as exc:
            raise v.InvalidInput(field, str(exc)) from None

    return convert


def _agencies(value: Any) -> str:
    if isinstance(value, list | tuple):
        items = [v.clean_text(x).strip() for x in value]
    else:
        items = [x.strip() for x in v.clean_text(value).replace(",", "\n").splitlines()]
    return "\n".join(x for x in items if x)


CASE_FIELDS: dict[str, Converter] = {
    "child_name": lambda x: v.required_name(x, "child_name", "Barnets namn"),
    "personnummer": lambda x: v.personnummer(x, "personnummer"),
    "school": _line("school"),
    "school_class": _line("school_class"),
    "interpreter_needed": _bool("interpreter_needed"),
    "interpreter_language": _line("interpreter_language"),
    "routine_id": _routine("routine_id"),
    "closing_reason": _text("closing_reason"),
    "family_told_if_worse": _bool("family_told_if_worse"),
    "if_worse_plan": _text("if_worse_plan"),
}
PARTICIPANT_FIELDS: dict[str, Converter] = {
    "name": lambda x: v.required_name(x, "name", "Namnet"),
    "kind": _choice("kind", v.PARTICIPANT_KINDS, "Typ"),
    "organisation": _line("organisation"),
    "role": _line("role"),
    "principal": lambda x: v.choice(
        str(x or "").strip().lower(), v.PRINCIPALS, "principal", "Huvudman"
    ),  # fmt: skip
    "phone": _line("phone"),
    "email": _line("email"),
    "address": _text("address"),
}
CONSENT_FIELDS: dict[str, Converter] = {
    "given_by": lambda x: v.required_name(x, "given_by", "Vem som gav samtycket"),
    "given_on": lambda x: (
        v.parse_date(x, "given_on", "Datum för samtycket")
        or _raise("given_on", "Datum för samtycket måste fyllas i.")
    ),
    "form": _choice("form", v.CONSENT_FORMS, "Form"),
    "agencies": _agencies,
    "information_kinds": _text("information_kinds"),
    "exclusions": _text("exclusions"),
    "valid_until": _date("valid_until", "Giltigt till"),
    "revoked_on": _date("revoked_on", "Återkallat den"),
}
MEETING_FIELDS: dict[str, Converter] = {
    "routine_id": _routine("routine_id"),
    "planned_date": _date("planned_date", "Mötesdatum"),
    "planned_time": _time("planned_time", "Tiden"),
    "place": _line("place"),
    "question": _text("question"),
    "agreed_on": _date("agreed_on", "Datum då mötet bestämdes"),
    "current_step": _line("current_step"),
    "leader": _line("leader"),
    "note_taker": _line("note_taker"),
    "convener": _line("convener"),
    "confidentiality_covered": _bool("confidentiality_covered"),
    "child_present": _opt_bool("child_present"),
    "child_absence_reason": _text("child_absence_reason"),
    "child_signed": _bool("child_signed"),
    "family_story_child": _text("family_story_child"),
    "family_story_guardians": _text("family_story_guardians"),
    "family_contribution": _text("family_contribution"),
    "child_contribution": _text("child_contribution"),
    "child_view": _text("child_view"),
    "guardians_view": _text("guardians_view"),
    "lead_organisation": _line("lead_organisation"),
    "coordinator": _line("coordinator"),
    "contact_person": _line("contact_person"),
    "childs_voice": _line("childs_voice"),
    "next_date": _date("next_date", "Datum för nästa möte"),
    "next_time": _time("next_time", "Tiden för nästa möte"),
    "next_place": _line("next_place"),
    "next_convener": _line("next_convener"),
}
GOAL_FIELDS: dict[str, Converter] = {
    "kind": _choice("kind", v.GOAL_KINDS, "Typ av mål"),
    "text": _text("text"),
    "progress": _text("progress"),
}
ACTION_FIELDS: dict[str, Converter] = {
    "what": _text("what"),
    "need": _text("need"),
    "responsible_org": _line("responsible_org"),
    "responsible_person": _line("responsible_person"),
    "scope": _text("scope"),
    "how": _text("how"),
    "start": _line("start"),
    "frequency": _line("frequency"),
    "follow_up_on": _date("follow_up_on", "Datum för uppföljning"),
    "status": _choice("status", v.ACTION_STATUS, "Status"),
    "result": _text("result"),
}
DEVIATION_FIELDS: dict[str, Converter] = {
    "action_text": _text("action_text"),
    "what_went_wrong": _text("what_went_wrong"),
    "reported_to": _line("reported_to"),
    "reported_by": _line("reported_by"),
    "reported_on": _date("reported_on", "Datum för rapporten"),
}
REFUSAL_FIELDS: dict[str, Converter] = {
    "agency": lambda x: v.required_name(x, "agency", "Verksamheten"),
    "decision": _text("decision"),
    "reasons": _text("reasons"),
    "decided_on": _date("decided_on", "Datum för beslutet"),
}
ACCOUNT_FIELDS: dict[str, Converter] = {
    "assessments": _text("assessments"),
    "interventions": _text("interventions"),
}
ATTENDANCE_FIELDS: dict[str, Converter] = {
    "status": _choice("status", v.ATTENDANCE, "Närvaro"),
    "reason": _text("reason"),
    "signed": _bool("signed"),
    "received_copy": _bool("received_copy"),
}


def _raise(field: str, message: str) -> Any:
    raise v.InvalidInput(field, message)


def _convert(spec: dict[str, Converter], values: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in values.items():
        if key not in spec:
            raise v.InvalidInput(key, f"Fältet '{key}' finns inte.")
        out[key] = spec[key](value)
    return out


class Store:
    """The domain's API over one open Database."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.engine = db.engine()
        if not db.is_initialised:
            self._create_schema()

    # -- plumbing ----------------------------------------------------------------------------
    def _create_schema(self) -> None:
        from model.db import APPLICATION_ID, SCHEMA_VERSION

        with self.db.lock, self.engine.begin() as conn:
            SQLModel.metadata.create_all(conn)
            conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
            conn.exec_driver_sql(f"PRAGMA user_version={SCHEMA_VERSION}")

    @contextmanager
    def _write(self) -> Iterator[Session]:
        """One short transaction: committed (and fsynced) when the block ends, or rolled back."""
        with (
            self.db.writing(),
            self._errors(),
            Session(self.engine, expire_on_commit=False) as session,
        ):
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

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

    def _meeting_of_case(
        self, s: Session, meeting_id: int, participant_ids: Iterable[int]
    ) -> Meeting:
        """The meeting, after checking that every participant belongs to its case."""
        m = self._get(s, Meeting, meeting_id, "Mötet")
        for pid in participant_ids:
            p = self._get(s, Participant, pid, "Deltagaren")
            if p.case_id != m.case_id:
                raise v.InvalidInput("participant_id",
                                     f"{p.name} hör till ett annat ärende och kan inte läggas till.")  # fmt: skip
        return m

    @staticmethod
    def _get(session: Session, model: type[T], row_id: int, what: str) -> T:
        row = session.get(model, row_id)
        if row is None:
            raise NotFound(f"{what} finns inte (id {row_id}).")
        return row

    @staticmethod
    def _touch_case(session: Session, case_id: int) -> None:
        session.execute(update(Case).where(Case.id == case_id).values(last_activity=_now()))  # type: ignore[arg-type]

    def _touch_meeting(self, session: Session, meeting_id: int) -> None:
        meeting = self._get(session, Meeting, meeting_id, "Mötet")
        meeting.updated_at = _now()
        self._touch_case(session, meeting.case_id)

    def _update(
        self, model: type[T], row_id: int, what: str, spec: dict[str, Converter], values: dict
    ) -> None:
        converted = _convert(spec, values)
        with self._write() as s:
            row = self._get(s, model, row_id, what)
            for key, value in converted.items():
                setattr(row, key, value)
            case_id = getattr(row, "case_id", None)
            meeting_id = getattr(row, "meeting_id", None)
            if isinstance(row, Meeting):
                row.updated_at = _now()
            elif meeting_id is not None:
                self._touch_meeting(s, meeting_id)
            if case_id is not None:
                self._touch_case(s, case_id)
            elif isinstance(row, Case):
                row.last_activity = _now()

    # -- cases -------------------------------------------------------------------------------
    def create_case(self, child_name: str, **fields: Any) -> int:
        values = _convert(CASE_FIELDS, {"child_name": child_name, **fields})
        with self._write() as s:
            case = Case(**values)
            s.add(case)
            s.flush()
            assert case.id is not None
            return case.id

    def update_case(self, case_id: int, **fields: Any) -> None:
        self._update(Case, case_id, "Ärendet", CASE_FIELDS, fields)

    def close_case(
        self,
        case_id: int,
        reason: str,
        family_told_if_worse: bool,
        on: Any = None,
        if_worse_plan: str | None = "",
    ) -> None:
        """Close the case. `if_worse_plan` (om det blir sämre igen) replaces the stored text
        when given non-empty; an empty or None value keeps what was written before (e.g. typed
        into the field during the meeting), so closing never erases it."""
        closed_on = v.parse_date(on, "closed_on", "Datum för avslut") or dt.date.today()
        plan = v.clean_text(if_worse_plan)
        with self._write() as s:
            case = self._get(s, Case, case_id, "Ärendet")
            case.status = "closed"
            case.closed_on = closed_on
            case.closing_reason = v.clean_text(reason)
            case.family_told_if_worse = bool(family_told_if_worse)
            if plan.strip():
                case.if_worse_plan = plan
            case.last_activity = _now()

    def reopen_case(self, case_id: int) -> None:
        with self._write() as s:
            case = self._get(s, Case, case_id, "Ärendet")
            case.status = "open"
            case.closed_on = None
            case.last_activity = _now()

    def delete_case(self, case_id: int) -> None:
        """Removes the case and everything in it (secure_delete overwrites the pages)."""
        with self._write() as s:
            case = self._get(s, Case, case_id, "Ärendet")
            s.delete(case)

    def get_case(self, case_id: int) -> CaseView:
        with self._read() as s:
            return self._case_view(s, self._get(s, Case, case_id, "Ärendet"))

    def case_ids(self) -> list[int]:
        with self._read() as s:
            rows = s.exec(select(Case.id).order_by(Case.last_activity.desc(), Case.id.desc()))  # type: ignore[attr-defined, union-attr]
            return [i for i in rows if i is not None]

    def _case_view(self, s: Session, case: Case) -> CaseView:
        assert case.id is not None
        people = s.exec(
            select(Participant).where(Participant.case_id == case.id).order_by(Participant.id)  # type: ignore[arg-type]
        ).all()
        consents = s.exec(
            select(Consent).where(Consent.case_id == case.id).order_by(Consent.given_on, Consent.id)  # type: ignore[arg-type]
        ).all()
        deviations = s.exec(
            select(Deviation).where(Deviation.case_id == case.id).order_by(Deviation.id)  # type: ignore[arg-type]
        ).all()
        refusals = s.exec(
            select(RefusalDecision)
            .where(RefusalDecision.case_id == case.id)
            .order_by(RefusalDecision.id)  # type: ignore[arg-type]
        ).all()
        active = [p for p in people if p.removed_on is None]
        return CaseView(
            id=case.id,
            child_name=case.child_name,
            personnummer=case.personnummer,
            school=case.school,
            school_class=case.school_class,
            interpreter_needed=case.interpreter_needed,
            interpreter_language=case.interpreter_language,
            routine_id=case.routine_id,
            status=case.status,
            closed_on=case.closed_on,
            closing_reason=case.closing_reason,
            family_told_if_worse=case.family_told_if_worse,
            guardians=tuple(_person(p) for p in active if p.kind == "guardian"),
            participants=tuple(_person(p) for p in active if p.kind != "guardian"),
            consents=tuple(_consent(c) for c in consents),
            deviations=tuple(
                DeviationView(
                    d.id or 0,
                    d.action_text,
                    d.what_went_wrong,
                    d.reported_to,
                    d.reported_by,
                    d.reported_on,
                )  # fmt: skip
                for d in deviations
            ),
            refusals=tuple(
                RefusalView(r.id or 0, r.agency, r.decision, r.reasons, r.decided_on)
                for r in refusals
            ),
            if_worse_plan=case.if_worse_plan,
        )

    # -- participants and guardians ----------------------------------------------------------
    def add_participant(self, case_id: int, name: str, **fields: Any) -> int:
        values = _convert(PARTICIPANT_FIELDS, {"name": name, **fields})
        with self._write() as s:
            self._get(s, Case, case_id, "Ärendet")
            p = Participant(case_id=case_id, **values)
            s.add(p)
            s.flush()
            self._touch_case(s, case_id)
            assert p.id is not None
            return p.id

    def add_guardian(self, case_id: int, name: str, **fields: Any) -> int:
        return self.add_participant(case_id, name, kind="guardian", **fields)

    def update_participant(self, participant_id: int, **fields: Any) -> None:
        self._update(Participant, participant_id, "Deltagaren", PARTICIPANT_FIELDS, fields)

    def remove_participant(self, participant_id: int) -> None:
        """Takes the person out of the network; earlier meetings keep their attendance."""
        with self._write() as s:
            p = self._get(s, Participant, participant_id, "Deltagaren")
            p.removed_on = dt.date.today()
            self._touch_case(s, p.case_id)

    def get_participant(self, participant_id: int) -> PersonView:
        with self._read() as s:
            return _person(self._get(s, Participant, participant_id, "Deltagaren"))

    # -- consents ----------------------------------------------------------------------------
    def add_consent(self, case_id: int, given_by: str, given_on: Any, **fields: Any) -> int:
        meeting_id = fields.pop("meeting_id", None)
        values = _convert(CONSENT_FIELDS, {"given_by": given_by, "given_on": given_on, **fields})
        with self._write() as s:
            self._get(s, Case, case_id, "Ärendet")
            c = Consent(case_id=case_id, meeting_id=meeting_id, **values)
            s.add(c)
            s.flush()
            self._touch_case(s, case_id)
            assert c.id is not None
            return c.id

    def update_consent(self, consent_id: int, **fields: Any) -> None:
        self._update(Consent, consent_id, "Samtycket", CONSENT_FIELDS, fields)

    def revoke_consent(self, consent_id: int, on: Any = None) -> None:
        self.update_consent(consent_id, revoked_on=on or dt.date.today())

    # -- deviations and refusal decisions ----------------------------------------------------
    def add_deviation(self, case_id: int, **fields: Any) -> int:
        action_id = fields.pop("action_id", None)
        values = _convert(DEVIATION_FIELDS, fields)
        with self._write() as s:
            self._get(s, Case, case_id, "Ärendet")
            if action_id is not None and not values.get("action_text"):
                action = self._get(s, Action, action_id, "Insatsen")
                values["action_text"] = action.what
            values.setdefault("reported_on", dt.date.today())
            d = Deviation(case_id=case_id, action_id=action_id, **values)
            s.add(d)
            s.flush()
            self._touch_case(s, case_id)
            assert d.id is not None
            return d.id

    def update_deviation(self, deviation_id: int, **fields: Any) -> None:
        self._update(Deviation, deviation_id, "Avvikelsen", DEVIATION_FIELDS, fields)

    def add_refusal(self, case_id: int, agency: str, **fields: Any) -> int:
        values = _convert(REFUSAL_FIELDS, {"agency": agency, **fields})
        with self._write() as s:
            self._get(s, Case, case_id, "Ärendet")
            r = RefusalDecision(case_id=case_id, **values)
            s.add(r)
            s.flush()
            self._touch_case(s, case_id)
            assert r.id is not None
            return r.id

    # -- meetings ----------------------------------------------------------------------------
    def plan_meeting(self, case_id: int, routine_id: str, **fields: Any) -> int:
        """Plan a meeting. A follow-up starts from the plan as it stood at the last meeting:
        its goals and open actions are carried over for evaluation, and the earlier
        participants are the default invitees."""
        invitee_ids = fields.pop("invitee_ids", None)
        routine_id = _routine("routine_id")(routine_id)
        routine = get_routine(routine_id)
        values = _convert(MEETING_FIELDS, fields)
        with self._write() as s:
            self._get(s, Case, case_id, "Ärendet")
            previous = s.exec(
                select(Meeting)
                .where(Meeting.case_id == case_id)  # type: ignore[arg-type]
                .order_by(Meeting.id.desc())  # type: ignore[union-attr]
            ).first()
            m = Meeting(case_id=case_id, routine_id=routine.id, **values)
            if previous is not None:
                m.previous_meeting_id = previous.id
                for key in ("lead_organisation", "coordinator", "contact_person", "childs_voice"):
                    if not getattr(m, key):
                        setattr(m, key, getattr(previous, key))
                if m.planned_date is None and previous.next_date:
                    m.planned_date = previous.next_date
                    m.planned_time = m.planned_time or previous.next_time
                    m.place = m.place or previous.next_place
                    m.convener = m.convener or previous.next_convener
            s.add(m)
            s.flush()
            assert m.id is not None
            if invitee_ids is None:
                invitee_ids = self._default_invitees(s, case_id, previous)
            else:
                invitee_ids = list(dict.fromkeys(invitee_ids))
                self._meeting_of_case(s, m.id, invitee_ids)
            for pid in dict.fromkeys(invitee_ids):
                s.add(Invitation(meeting_id=m.id, participant_id=pid))
            plan = self._plan_meeting_row(s, case_id, before=m.id)
            if routine.follow_up and plan is not None:
                self._carry_over(s, plan, m)
            self._touch_case(s, case_id)
            return m.id

    def _active_ids(self, s: Session, case_id: int) -> list[int]:
        return [
            i
            for i in s.exec(
                select(Participant.id)
                .where(
                    Participant.case_id == case_id,  # type: ignore[arg-type]
                    Participant.removed_on == None,  # noqa: E711
                )
                .order_by(Participant.id)  # type: ignore[arg-type]
            ).all()
            if i is not None
        ]

    def _default_invitees(self, s: Session, case_id: int, previous: Meeting | None) -> list[int]:
        """Those chosen for the next meeting last time; else those invited to or present at
        the last meeting; else the whole network. Removed participants are left out."""
        active = self._active_ids(s, case_id)
        if previous is None:
            return active
        nxt = s.exec(
            select(Invitation.participant_id)
            .where(
                Invitation.meeting_id == previous.id,  # type: ignore[arg-type]
                Invitation.next == True,  # noqa: E712
            )
            .order_by(Invitation.id)  # type: ignore[arg-type]
        ).all()
        ids = list(nxt)
        if not ids:
            invited = s.exec(
                select(Invitation.participant_id)
                .where(
                    Invitation.meeting_id == previous.id,  # type: ignore[arg-type]
                    Invitation.next == False,  # noqa: E712
                )
                .order_by(Invitation.id)  # type: ignore[arg-type]
            ).all()
            came = s.exec(
                select(Attendance.participant_id)
                .where(Attendance.meeting_id == previous.id)  # type: ignore[arg-type]
                .order_by(Attendance.id)  # type: ignore[arg-type]
            ).all()
            ids = list(dict.fromkeys([*invited, *came]))
        keep = set(active)
        return [i for i in ids if i in keep]

    def _plan_meeting_row(
        self, s: Session, case_id: int, before: int | None = None
    ) -> Meeting | None:
        """The latest meeting of the case (before the given one) that holds goals or actions."""
        has_plan = (
            select(Meeting)
            .where(
                Meeting.case_id == case_id,  # type: ignore[arg-type]
                (
                    select(Goal.id).where(Goal.meeting_id == Meeting.id).exists()  # type: ignore[arg-type]
                    | select(Action.id).where(Action.meeting_id == Meeting.id).exists()  # type: ignore[arg-type]
                ),
            )
            .order_by(Meeting.id.desc())  # type: ignore[union-attr]
        )
        if before is not None:
            has_plan = has_plan.where(Meeting.id < before)  # type: ignore[operator]
        return s.exec(has_plan).first()

    def _carry_over(self, s: Session, previous: Meeting, m: Meeting) -> None:
        assert m.id is not None
        goals = s.exec(
            select(Goal).where(Goal.meeting_id == previous.id).order_by(Goal.position, Goal.id)  # type: ignore[arg-type]
        ).all()
        for g in goals:
            s.add(Goal(meeting_id=m.id, kind=g.kind, text=g.text, position=g.position,
                       carried_from_id=g.id))  # fmt: skip
        actions = s.exec(
            select(Action)
            .where(Action.meeting_id == previous.id)  # type: ignore[arg-type]
            .order_by(Action.position, Action.id)  # type: ignore[arg-type]
        ).all()
        for a in actions:
            if a.status in ("done", "not_done"):
                continue
            s.add(Action(meeting_id=m.id, what=a.what, need=a.need,
                         responsible_org=a.responsible_org,
                         responsible_person=a.responsible_person, scope=a.scope, how=a.how,
                         start=a.start, frequency=a.frequency, follow_up_on=a.follow_up_on,
                         status=a.status, position=a.position, carried_from_id=a.id))  # fmt: skip
        m.family_contribution = previous.family_contribution
        m.child_contribution = previous.child_contribution

    def update_meeting(self, meeting_id: int, **fields: Any) -> None:
        self._update(Meeting, meeting_id, "Mötet", MEETING_FIELDS, fields)

    def delete_meeting(self, meeting_id: int) -> None:
        with self._write() as s:
            m = self._get(s, Meeting, meeting_id, "Mötet")
            if m.started_at is not None:
                raise v.InvalidInput("meeting", "Ett påbörjat möte kan inte tas bort.")
            s.delete(m)

    def set_invitees(
        self, meeting_id: int, participant_ids: Iterable[int], *, next: bool = False
    ) -> None:
        ids = list(dict.fromkeys(participant_ids))
        with self._write() as s:
            self._meeting_of_case(s, meeting_id, ids)
            s.execute(
                delete(Invitation).where(
                    Invitation.meeting_id == meeting_id,  # type: ignore[arg-type]
                    Invitation.next == next,  # type: ignore[arg-type]
                )
            )
            for pid in ids:
                s.add(Invitation(meeting_id=meeting_id, participant_id=pid, next=next))
            self._touch_meeting(s, meeting_id)

    def start_meeting(self, meeting_id: int) -> None:
        """Start (or resume) a meeting: the roster comes from the invitees."""
        with self._write() as s:
            m = self._get(s, Meeting, meeting_id, "Mötet")
            if m.started_at is None:
                m.started_at = _now()
            if not m.current_step:
                m.current_step = get_routine(m.routine_id).steps[0].id
            invited = s.exec(
                select(Invitation.participant_id).where(
                    Invitation.meeting_id == meeting_id,  # type: ignore[arg-type]
                    Invitation.next == False,  # noqa: E712
                )
            ).all()
            have = set(
                s.exec(
                    select(Attendance.participant_id).where(Attendance.meeting_id == meeting_id)
                ).all()  # type: ignore[arg-type]
            )
            for pid in invited:
                if pid not in have:
                    s.add(Attendance(meeting_id=meeting_id, participant_id=pid))
            self._touch_meeting(s, meeting_id)

    def end_meeting(self, meeting_id: int) -> None:
        with self._write() as s:
            m = self._get(s, Meeting, meeting_id, "Mötet")
            m.started_at = m.started_at or _now()
            m.ended_at = _now()
            self._touch_meeting(s, meeting_id)

    def reopen_meeting(self, meeting_id: int) -> None:
        with self._write() as s:
            m = self._get(s, Meeting, meeting_id, "Mötet")
            m.ended_at = None
            self._touch_meeting(s, meeting_id)

    def set_current_step(self, meeting_id: int, step_id: str) -> None:
        with self._write() as s:
            m = self._get(s, Meeting, meeting_id, "Mötet")
            _check_step(get_routine(m.routine_id), step_id)
            m.current_step = step_id

    def case_meetings(self, case_id: int) -> list[MeetingView]:
        with self._read() as s:
            case = self._case_view(s, self._get(s, Case, case_id, "Ärendet"))
            rows = s.exec(
                select(Meeting).where(Meeting.case_id == case_id).order_by(Meeting.id)  # type: ignore[arg-type]
            ).all()
            return [self._meeting_view(s, m, case) for m in rows]

    def get_meeting(self, meeting_id: int) -> MeetingView:
        with self._read() as s:
            m = self._get(s, Meeting, meeting_id, "Mötet")
            case = self._case_view(s, self._get(s, Case, m.case_id, "Ärendet"))
            return self._meeting_view(s, m, case)

    def latest_meeting_id(self, case_id: int) -> int | None:
        with self._read() as s:
            return s.exec(
                select(Meeting.id).where(Meeting.case_id == case_id).order_by(Meeting.id.desc())  # type: ignore[arg-type, union-attr]
            ).first()

    def list_meetings(self) -> list[tuple[int, int, str, str, dt.date | None, str]]:
        """(meeting id, case id, child name, routine name, date, status) for every meeting."""
        with self._read() as s:
            rows = s.exec(
                select(Meeting, Case.child_name)
                .join(Case, Case.id == Meeting.case_id)  # type: ignore[arg-type]
                .order_by(Meeting.id)  # type: ignore[arg-type]
            ).all()
            out = []
            for m, child in rows:
                status = "held" if m.ended_at else "in_progress" if m.started_at else "planned"
                out.append((m.id or 0, m.case_id, child, get_routine(m.routine_id).name,
                            m.planned_date, status))  # fmt: skip
            return out

    def _meeting_view(self, s: Session, m: Meeting, case: CaseView) -> MeetingView:
        assert m.id is not None
        people = {
            p.id: _person(p)
            for p in s.exec(select(Participant).where(Participant.case_id == m.case_id)).all()  # type: ignore[arg-type]
        }
        invitations = s.exec(
            select(Invitation).where(Invitation.meeting_id == m.id).order_by(Invitation.id)  # type: ignore[arg-type]
        ).all()
        attendance = s.exec(
            select(Attendance).where(Attendance.meeting_id == m.id).order_by(Attendance.id)  # type: ignore[arg-type]
        ).all()
        accounts = s.exec(
            select(Account).where(Account.meeting_id == m.id).order_by(Account.id)  # type: ignore[arg-type]
        ).all()
        goals = s.exec(
            select(Goal).where(Goal.meeting_id == m.id).order_by(Goal.position, Goal.id)  # type: ignore[arg-type]
        ).all()
        actions = s.exec(
            select(Action).where(Action.meeting_id == m.id).order_by(Action.position, Action.id)  # type: ignore[arg-type]
        ).all()
        notes = s.exec(select(StepNote).where(StepNote.meeting_id == m.id)).all()  # type: ignore[arg-type]
        kw = {k: getattr(m, k) for k in MEETING_FIELDS if k != "routine_id"}
        kw.pop("current_step")
        return MeetingView(
            id=m.id,
            case=case,
            routine=get_routine(m.routine_id),
            started_at=m.started_at,
            ended_at=m.ended_at,
            current_step=m.current_step,
            previous_meeting_id=m.previous_meeting_id,
            invitees=tuple(people[i.participant_id] for i in invitations if not i.next),
            next_invitees=tuple(people[i.participant_id] for i in invitations if i.next),
            attendance=tuple(
                AttendanceView(
                    people[a.participant_id],
                    a.status,
                    a.reason,
                    a.walk_in,
                    a.signed,
                    a.received_copy,
                )  # fmt: skip
                for a in attendance
            ),
            accounts=tuple(
                AccountView(people[a.participant_id], a.assessments, a.interventions)
                for a in accounts
            ),
            goals=tuple(
                GoalView(g.id or 0, g.kind, g.text, g.progress, g.carried_from_id) for g in goals
            ),
            actions=tuple(
                ActionView(
                    a.id or 0,
                    n,
                    a.what,
                    a.need,
                    a.responsible_org,
                    a.responsible_person,
                    a.scope,
                    a.how,
                    a.start,
                    a.frequency,
                    a.follow_up_on,
                    a.status,
                    a.result,
                    a.carried_from_id,
                )  # fmt: skip
                for n, a in enumerate(actions, start=1)
            ),
            notes={(n.step_id, n.field): n.text for n in notes},
            **kw,
        )

    # -- during the meeting ------------------------------------------------------------------
    def set_attendance(self, meeting_id: int, participant_id: int, **fields: Any) -> None:
        values = _convert(ATTENDANCE_FIELDS, fields)
        with self._write() as s:
            row = s.exec(
                select(Attendance).where(
                    Attendance.meeting_id == meeting_id,  # type: ignore[arg-type]
                    Attendance.participant_id == participant_id,  # type: ignore[arg-type]
                )
            ).first()
            if row is None:
                self._meeting_of_case(s, meeting_id, [participant_id])
                row = Attendance(meeting_id=meeting_id, participant_id=participant_id)
                s.add(row)
            for key, value in values.items():
                setattr(row, key, value)
            self._touch_meeting(s, meeting_id)

    def add_walk_in(
        self, meeting_id: int, name: str, organisation: str = "", role: str = "", **fields: Any
    ) -> int:
        """Someone who came without an invitation: joins the network and is marked present."""
        values = _convert(PARTICIPANT_FIELDS, {"name": name, "organisation": organisation,
                                               "role": role, **fields})  # fmt: skip
        with self._write() as s:
            m = self._get(s, Meeting, meeting_id, "Mötet")
            p = Participant(case_id=m.case_id, **values)
            s.add(p)
            s.flush()
            assert p.id is not None
            s.add(Attendance(meeting_id=meeting_id, participant_id=p.id, status="present",
                             walk_in=True))  # fmt: skip
            self._touch_meeting(s, meeting_id)
            return p.id

    def set_note(self, meeting_id: int, step_id: str, text: str, field: str = "notes") -> None:
        """The hot path while typing: one upsert in one short transaction.

        Plain SQL on the connection rather than the ORM: a Session costs more than the
        fsync of the commit (see benchmarks/store.py)."""
        clean = v.clean_text(text)
        key = v.clean_text(field).strip()
        if not key:
            raise v.InvalidInput("field", "Anteckningen saknar fält.")
        now = _now().strftime(_SQL_DATETIME)
        with self.db.transaction() as conn:
            row = conn.execute(
                "UPDATE meeting SET updated_at = ? WHERE id = ? RETURNING case_id, routine_id",
                (now, meeting_id),
            ).fetchone()
            if row is None:
                raise NotFound(f"Mötet finns inte (id {meeting_id}).")
            _check_step(get_routine(row[1]), step_id)
            conn.execute(
                "INSERT INTO step_note (meeting_id, step_id, field, text, updated_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (meeting_id, step_id, field) "
                "DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
                (meeting_id, step_id, key, clean, now),
            )
            conn.execute("UPDATE case_ SET last_activity = ? WHERE id = ?", (now, row[0]))

    def set_account(self, meeting_id: int, participant_id: int, **fields: Any) -> None:
        values = _convert(ACCOUNT_FIELDS, fields)
        with self._write() as s:
            row = s.exec(
                select(Account).where(
                    Account.meeting_id == meeting_id,  # type: ignore[arg-type]
                    Account.participant_id == participant_id,  # type: ignore[arg-type]
                )
            ).first()
            if row is None:
                self._meeting_of_case(s, meeting_id, [participant_id])
                row = Account(meeting_id=meeting_id, participant_id=participant_id)
                s.add(row)
            for key, value in values.items():
                setattr(row, key, value)
            self._touch_meeting(s, meeting_id)

    # -- the plan: goals and actions ---------------------------------------------------------
    def _next_position(self, s: Session, model: type[Goal] | type[Action], meeting_id: int) -> int:
        top = s.exec(select(func.max(model.position)).where(model.meeting_id == meeting_id)).one()  # type: ignore[arg-type]
        return (top or 0) + 1

    def add_goal(self, meeting_id: int, kind: str = "long", text: str = "", **fields: Any) -> int:
        values = _convert(GOAL_FIELDS, {"kind": kind, "text": text, **fields})
        with self._write() as s:
            self._get(s, Meeting, meeting_id, "Mötet")
            g = Goal(meeting_id=meeting_id, position=self._next_position(s, Goal, meeting_id),
                     **values)  # fmt: skip
            s.add(g)
            s.flush()
            self._touch_meeting(s, meeting_id)
            assert g.id is not None
            return g.id

    def update_goal(self, goal_id: int, **fields: Any) -> None:
        self._update(Goal, goal_id, "Målet", GOAL_FIELDS, fields)

    def delete_goal(self, goal_id: int) -> None:
        with self._write() as s:
            g = self._get(s, Goal, goal_id, "Målet")
            s.delete(g)
            self._touch_meeting(s, g.meeting_id)

    def add_action(self, meeting_id: int, **fields: Any) -> int:
        values = _convert(ACTION_FIELDS, fields)
        with self._write() as s:
            self._get(s, Meeting, meeting_id, "Mötet")
            a = Action(meeting_id=meeting_id, position=self._next_position(s, Action, meeting_id),
                       **values)  # fmt: skip
            s.add(a)
            s.flush()
            self._touch_meeting(s, meeting_id)
            assert a.id is not None
            return a.id

    def update_action(self, action_id: int, **fields: Any) -> None:
        self._update(Action, action_id, "Insatsen", ACTION_FIELDS, fields)

    def delete_action(self, action_id: int) -> None:
        with self._write() as s:
            a = self._get(s, Action, action_id, "Insatsen")
            s.delete(a)
            self._touch_meeting(s, a.meeting_id)

    def current_plan(self, case_id: int) -> MeetingView | None:
        """The plan as it stands: the latest meeting of the case that has goals or actions."""
        with self._read() as s:
            case_row = self._get(s, Case, case_id, "Ärendet")
            m = self._plan_meeting_row(s, case_id)
            if m is None:
                return None
            return self._meeting_view(s, m, self._case_view(s, case_row))


def _check_step(routine: Routine, step_id: str) -> None:
    try:
        routine.step(step_id)
    except KeyError:
        raise v.InvalidInput(
            "step_id", f"Steget '{step_id}' finns inte i rutinen {routine.name}."
        ) from None


def _person(p: Participant) -> PersonView:
    return PersonView(p.id or 0, p.kind, p.name, p.organisation, p.role, p.principal, p.phone,
                      p.email, p.address, p.removed_on)  # fmt: skip


def _consent(c: Consent) -> ConsentView:
    return ConsentView(c.id or 0, c.given_by, c.given_on, c.form,
                       tuple(a for a in c.agencies.splitlines() if a.strip()),
                       c.information_kinds, c.exclusions, c.valid_until, c.revoked_on)  # fmt: skip
