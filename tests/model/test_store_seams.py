"""The seams inside the store: input specs, rows to views, the raw SQL beside the ORM, the
one write transaction, and the injected clock."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from model import inputs, mapping, tables, views
from model.clock import SYSTEM, FixedClock, default_clock
from model.readiness import readiness_gaps
from model.validation import InvalidInput

NOON = dt.datetime(2031, 5, 6, 12, 34, 56)
TODAY = NOON.date()
DAY = NOON.date()


@pytest.fixture
def fixed(db, monkeypatch):
    from model.store import Store

    monkeypatch.delenv("LOTSEN_FROZEN_CLOCK", raising=False)
    return Store(db, clock=FixedClock(NOON))


# -- input specs ----------------------------------------------------------------------------------
SPECS = {
    tables.Case: inputs.CASE,
    tables.Participant: inputs.PARTICIPANT,
    tables.Consent: inputs.CONSENT,
    tables.Meeting: inputs.MEETING,
    tables.Goal: inputs.GOAL,
    tables.Action: inputs.ACTION,
    tables.Deviation: inputs.DEVIATION,
    tables.RefusalDecision: inputs.REFUSAL,
    tables.Account: inputs.ACCOUNT,
    tables.Attendance: inputs.ATTENDANCE,
}


def test_a_spec_refuses_an_unknown_field_in_swedish(store):
    with pytest.raises(InvalidInput) as err:
        inputs.MEETING.convert({"place": "Skolan", "platz": "Skolan"}, today=TODAY)
    assert (err.value.field, str(err.value)) == ("platz", "Fältet 'platz' finns inte.")
    cid = store.create_case("Elsa")
    with pytest.raises(InvalidInput) as err:
        store.update_case(cid, shoe_size=38)
    assert (err.value.field, err.value.message) == ("shoe_size", "Fältet 'shoe_size' finns inte.")
    with pytest.raises(InvalidInput, match="Fältet 'x' finns inte."):
        store.add_participant(cid, "Karin", x=1)


def test_a_refusal_names_the_field_it_is_about():
    with pytest.raises(InvalidInput) as err:
        inputs.MEETING.convert({"next_date": "31/2 2026"}, today=TODAY)
    assert err.value.field == "next_date" and str(err.value).startswith("Datum för nästa möte")
    with pytest.raises(InvalidInput) as err:
        inputs.CONSENT.convert({"given_on": ""}, today=TODAY)
    assert (err.value.field, str(err.value)) == ("given_on", "Datum för samtycket måste fyllas i.")
    with pytest.raises(InvalidInput) as err:
        inputs.PARTICIPANT.convert({"principal": "staten"}, today=TODAY)
    assert err.value.field == "principal" and "Huvudman" in str(err.value)
    assert inputs.PARTICIPANT.convert({"principal": " Region "}, today=TODAY) == {
        "principal": "region"
    }


def test_every_writable_field_is_a_column_of_its_table():
    for table, spec in SPECS.items():
        assert set(spec) <= set(table.model_fields), table.__name__


def test_the_old_converter_dicts_are_views_of_the_specs():
    import model.store as store_module

    dicts = {n: getattr(store_module, n) for n in dir(store_module) if n.endswith("_FIELDS")}
    assert len(dicts) == 10
    by_name = {"REFUSAL_FIELDS": inputs.REFUSAL}
    for name, converters in dicts.items():
        spec = by_name.get(name) or getattr(inputs, name.removesuffix("_FIELDS"))
        assert list(converters) == list(spec)
    assert store_module.CASE_FIELDS["school"]("  Björkskolan \x00") == "Björkskolan"
    with pytest.raises(InvalidInput) as err:
        store_module.MEETING_FIELDS["planned_time"]("25.00")
    assert err.value.field == "planned_time"


# -- rows to views --------------------------------------------------------------------------------
def test_every_view_field_comes_from_a_column_or_is_given():
    """mapping.build refuses a view field that has no column of that name (instead of leaving
    it at its default); this builds every view the store reads, with what it gives."""
    pairs = [
        (tables.Participant, views.PersonView, {"id"}),
        (tables.Consent, views.ConsentView, {"id", "agencies"}),
        (tables.Deviation, views.DeviationView, {"id"}),
        (tables.RefusalDecision, views.RefusalView, {"id"}),
        (tables.Attendance, views.AttendanceView, {"participant"}),
        (tables.Account, views.AccountView, {"participant"}),
        (tables.Goal, views.GoalView, {"id"}),
        (tables.Action, views.ActionView, {"id", "number"}),
        (tables.Case, views.CaseView,
         {"id", "guardians", "participants", "consents", "deviations", "refusals"}),
        (tables.Meeting, views.MeetingView,
         {"id", "case", "routine", "invitees", "next_invitees", "attendance", "accounts",
          "goals", "actions", "notes", "today", "previous_date", "later_meeting_held"}),
    ]  # fmt: skip
    for table, view, given in pairs:
        copied = mapping._copied(table, view, frozenset(given))
        assert set(copied) | given == {f.name for f in dataclasses.fields(view)}

    class Odd(tables.SQLModel):
        id: int = 0

    @dataclasses.dataclass(frozen=True)
    class OddView:
        id: int
        colour: str = ""

    with pytest.raises(TypeError, match="colour"):
        mapping.build(OddView, Odd())


def test_an_action_view_is_built_by_keyword_with_its_number(store):
    mid = store.plan_meeting(store.create_case("Elsa"), "forsta_natverksmote")
    store.add_action(mid, what="Första")
    aid = store.add_action(mid, what="Schema", need="Trygghet", responsible_org="Skolan",
                           responsible_person="Ahmed", scope="1 h", how="Samtal",
                           start="v. 12", frequency="Varje vecka", follow_up_on="2026-04-01",
                           status="ongoing", result="Bra")  # fmt: skip
    act = store.get_meeting(mid).actions[1]
    assert act == views.ActionView(
        id=aid, number=2, what="Schema", need="Trygghet", responsible_org="Skolan",
        responsible_person="Ahmed", scope="1 h", how="Samtal", start="v. 12",
        frequency="Varje vecka", follow_up_on=dt.date(2026, 4, 1), status="ongoing",
        result="Bra", carried_from_id=None,
    )  # fmt: skip


# -- raw SQL and the ORM --------------------------------------------------------------------------
def test_a_datetime_written_by_raw_sql_reads_back_through_the_orm_equal(fixed, db):
    from sqlmodel import Session

    from model.sql import datetime_to_sql
    from model.tables import Case, Meeting, StepNote

    cid = fixed.create_case("Elsa")
    mid = fixed.plan_meeting(cid, "forsta_natverksmote")
    orm_text = db.conn.execute("SELECT updated_at FROM meeting").fetchone()[0]
    db.conn.execute("UPDATE meeting SET updated_at = '2000-01-01 00:00:00.000000'")
    fixed.set_note(mid, "familjen", "Ny rad")  # raw SQL
    raw_text = db.conn.execute("SELECT updated_at FROM meeting").fetchone()[0]
    assert raw_text == orm_text == datetime_to_sql(fixed.engine)(NOON)
    with Session(fixed.engine) as s:
        note = s.get(StepNote, 1)
        assert note is not None and note.updated_at == NOON
        assert s.get(Meeting, mid).updated_at == NOON  # type: ignore[union-attr]
        assert s.get(Case, cid).last_activity == NOON  # type: ignore[union-attr]
    odd = dt.datetime(2031, 5, 6, 7, 8, 9, 123456)  # microseconds survive both ways too
    db.conn.execute("UPDATE meeting SET updated_at = ?", (datetime_to_sql(fixed.engine)(odd),))
    with Session(fixed.engine) as s:
        assert s.get(Meeting, mid).updated_at == odd  # type: ignore[union-attr]


def test_orm_and_raw_writes_run_in_the_same_immediate_transaction(store, db):
    cid = store.create_case("Elsa")
    mid = store.plan_meeting(cid, "forsta_natverksmote")
    seen: list[str] = []
    db.conn.set_trace_callback(seen.append)
    try:
        store.update_case(cid, school="Björkskolan")  # the ORM
        orm = [s for s in seen if s.split()[0] in ("BEGIN", "COMMIT", "ROLLBACK")]
        seen.clear()
        store.set_note(mid, "familjen", "Text")  # raw SQL
        raw = [s for s in seen if s.split()[0] in ("BEGIN", "COMMIT", "ROLLBACK")]
        seen.clear()
        with pytest.raises(InvalidInput):
            store.set_current_step(mid, "inget_steg")  # refused inside the ORM transaction
        failed = [s for s in seen if s.split()[0] in ("BEGIN", "COMMIT", "ROLLBACK")]
    finally:
        db.conn.set_trace_callback(None)
    assert orm == raw == ["BEGIN IMMEDIATE", "COMMIT"]
    assert failed == ["BEGIN IMMEDIATE", "ROLLBACK"]
    assert not db.conn.in_transaction
    assert store.get_case(cid).school == "Björkskolan"
    assert store.get_meeting(mid).current_step == ""


# -- the clock ------------------------------------------------------------------------------------
def test_the_injected_clock_is_today_for_every_write_and_view(fixed, db):
    from sqlmodel import Session

    from model.tables import Case

    cid = fixed.create_case("Elsa")
    with Session(fixed.engine) as s:
        case = s.get(Case, cid)
        assert case is not None and case.created_at == case.last_activity == NOON
    karin = fixed.add_participant(cid, "Karin", organisation="Björkskolan")
    fixed.remove_participant(karin)
    assert fixed.get_participant(karin).removed_on == DAY
    con = fixed.add_consent(cid, "Maria", "2030-01-01")
    fixed.revoke_consent(con)
    assert fixed.get_case(cid).consents[0].revoked_on == DAY
    assert fixed.get_case(cid).deviations == ()
    fixed.add_deviation(cid, what_went_wrong="Ingen kom")
    assert fixed.get_case(cid).deviations[0].reported_on == DAY
    mid = fixed.plan_meeting(cid, "forsta_natverksmote")
    fixed.start_meeting(mid)
    m = fixed.get_meeting(mid)
    assert m.started_at == NOON and m.today == DAY
    fixed.close_case(cid, "Klart", True)
    assert fixed.get_case(cid).closed_on == DAY


def test_readiness_and_the_meeting_date_take_today_from_the_store_clock(db, monkeypatch):
    """No planned date, not started: the view's date and the consent check use the clock's
    day, frozen by injection alone (no environment variable, no patched date.today)."""
    from model.store import Store

    monkeypatch.delenv("LOTSEN_FROZEN_CLOCK", raising=False)

    def consent_gaps(day: dt.date) -> list[str]:
        store = Store(db, clock=FixedClock.on(day))
        m = store.get_meeting(mid)
        assert m.date == m.today == day
        return [g.message for g in readiness_gaps(m) if g.field == "consent"]

    setup = Store(db)
    cid = setup.create_case("Elsa")
    setup.add_consent(cid, "Maria", "2030-01-01", valid_until="2030-12-31")
    mid = setup.plan_meeting(cid, "forsta_natverksmote")
    assert consent_gaps(dt.date(2030, 6, 1)) == []
    assert consent_gaps(dt.date(2031, 1, 1)) == [
        "Samtycket gäller inte på mötesdagen (gällde till 2030-12-31)"
    ]
    assert consent_gaps(dt.date(2029, 1, 1)) == [
        "Samtycket gäller inte på mötesdagen (gäller från 2030-01-01)"
    ]


def test_the_default_clock(monkeypatch):
    monkeypatch.delenv("LOTSEN_FROZEN_CLOCK", raising=False)
    assert default_clock() is SYSTEM
    now = SYSTEM.now()
    assert now.microsecond == 0 and abs(now - dt.datetime.now()) < dt.timedelta(seconds=2)
    monkeypatch.setenv("LOTSEN_FROZEN_CLOCK", "1")  # the guide's minute counter only
    assert default_clock() is SYSTEM
    monkeypatch.setenv("LOTSEN_FROZEN_CLOCK", "2026-11-23T14:30")
    assert default_clock().now() == dt.datetime(2026, 11, 23, 14, 30)
    monkeypatch.setenv("LOTSEN_FROZEN_CLOCK", "2026-11-23")
    assert default_clock().today() == dt.date(2026, 11, 23)
    view = dataclasses.replace(_bare_meeting(), today=None)
    assert view.read_on == dt.date.today()  # a view built by hand: the system's day


def _bare_meeting() -> views.MeetingView:
    from model.routines import get_routine

    case = views.CaseView(1, "Elsa", None, "", "", False, "", "forsta_natverksmote", "open",
                          None, "", False)  # fmt: skip
    return views.MeetingView(1, case, get_routine("forsta_natverksmote"), None, "", "", "",
                             None, None, None, "", "", "", "", False, None, "", False, "", "",
                             "", "", "", "", "", "", "", "", None, "", "", "")  # fmt: skip
