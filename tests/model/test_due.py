"""Att göra: every due-date rule (working days across Swedish holidays, months, consents,
actions, next meetings, the Västbas rules from the routine file) and the order."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from model.due import (
    ActionDates,
    CaseDates,
    ConsentDates,
    MeetingDates,
    case_due,
    due_list,
    from_views,
    list_line,
    next_due,
)
from model.routines import Deadline, RoutineError, get_routine, load_routine

D = dt.date
TODAY = D(2026, 12, 4)


def case(*meetings, actions=(), consents=(), status="open", cid=1, name="Elsa"):
    return CaseDates(cid, name, status, tuple(meetings), tuple(actions), tuple(consents))


def texts(items):
    return [(i.on, i.kind, i.text) for i in items]


# -- the first meeting within the routine's deadline -----------------------------------------
@pytest.mark.parametrize(
    ("agreed", "last"),
    [
        # 10 working days (Norrbus) over Christmas: 24, 25, 31 Dec, 1 and 6 Jan are not working
        # days, nor the weekends.
        (D(2026, 12, 18), D(2027, 1, 8)),
        # Midsommar 2026: midsommarafton Friday 19 June is not a working day.
        (D(2026, 6, 15), D(2026, 6, 30)),
    ],
)
def test_first_meeting_deadline_in_working_days_across_holidays(agreed, last):
    c = case(MeetingDates(7, "forsta_natverksmote", agreed_on=agreed))
    (item,) = case_due(c, agreed)
    assert (item.on, item.kind, item.tab, item.ref_id) == (last, "deadline", "meetings", 7)
    assert "ska hållas senast" in item.text and "inom 10 arbetsdagar" in item.text
    assert "inget datum är satt" in item.text


def test_first_meeting_deadline_in_calendar_days_vastbus():
    c = case(MeetingDates(1, "forsta_natverksmote_vastbus", agreed_on=D(2026, 12, 15)))
    assert [i.on for i in case_due(c, TODAY)] == [D(2027, 1, 5)]  # 21 days, holidays count


def test_a_meeting_planned_within_the_deadline_shows_as_the_meeting_only():
    within = MeetingDates(1, "forsta_natverksmote", D(2026, 12, 10), agreed_on=D(2026, 12, 1))
    assert [i.kind for i in case_due(case(within), TODAY)] == ["meeting"]
    late = MeetingDates(1, "forsta_natverksmote", D(2026, 12, 30), agreed_on=D(2026, 12, 1))
    items = case_due(case(late), TODAY)
    assert [(i.on, i.kind) for i in items] == [(D(2026, 12, 15), "deadline"),
                                               (D(2026, 12, 30), "meeting")]  # fmt: skip
    assert "planerat 30 december 2026" in items[0].text


def test_held_and_cancelled_meetings_have_no_deadline_or_date():
    held = MeetingDates(1, "forsta_natverksmote", D(2026, 12, 1), D(2026, 11, 20), D(2026, 12, 1))
    cancelled = MeetingDates(2, "forsta_natverksmote", D(2026, 12, 9), D(2026, 12, 1),
                             cancelled=True)  # fmt: skip
    assert case_due(case(held, cancelled), TODAY) == []


# -- next meetings ----------------------------------------------------------------------------
def test_next_meeting_from_the_held_meeting_until_one_is_planned():
    held = MeetingDates(1, "forsta_natverksmote", D(2026, 11, 2), held_on=D(2026, 11, 2),
                        next_date=D(2026, 12, 14))  # fmt: skip
    (item,) = case_due(case(held), TODAY)
    assert (item.on, item.kind, item.short) == (D(2026, 12, 14), "next_meeting",
                                                "Planera nästa möte")  # fmt: skip
    planned = MeetingDates(2, "uppfoljande_lotsmote", D(2026, 12, 15))
    items = case_due(case(held, planned), TODAY)
    assert [(i.on, i.text) for i in items] == [(D(2026, 12, 15), "Möte: Uppföljande lotsmöte")]


# -- actions ----------------------------------------------------------------------------------
def test_actions_planned_or_ongoing_with_a_follow_up_date():
    actions = [
        ActionDates(11, 1, "Anpassat schema", D(2026, 12, 1), "ongoing"),
        ActionDates(12, 2, "KBT-samtal", D(2026, 12, 20), "planned"),
        ActionDates(13, 3, "Klar insats", D(2026, 12, 2), "done"),
        ActionDates(14, 4, "Inte gjord", D(2026, 12, 2), "not_done"),
        ActionDates(15, 5, "Utan datum", None, "planned"),
    ]
    items = case_due(case(actions=actions), TODAY)
    assert texts(items) == [
        (D(2026, 12, 1), "action", "Följ upp insats 1: Anpassat schema"),
        (D(2026, 12, 20), "action", "Följ upp insats 2: KBT-samtal"),
    ]
    assert items[0].overdue(TODAY) and not items[1].overdue(TODAY)
    assert items[0].tab == "plan"
    assert list_line(items[0], TODAY) == "! 1 dec Följ upp insats 1"
    assert list_line(items[1], D(2025, 12, 4)) == "20 dec 2026 Följ upp insats 2"


# -- consents ---------------------------------------------------------------------------------
def test_consents_ending_within_30_days_or_ended():
    consents = [
        ConsentDates(1, "Maria", D(2025, 12, 1), D(2027, 1, 3), None),  # in 30 days
        ConsentDates(2, "Jonas", D(2025, 12, 1), D(2027, 1, 4), None),  # in 31 days: not yet
        ConsentDates(3, "Elsa", D(2025, 11, 1), D(2026, 11, 30), None),  # ended
        ConsentDates(4, "Farmor", D(2025, 11, 1), D(2026, 12, 10), D(2026, 6, 1)),  # revoked
        ConsentDates(5, "BUP", D(2025, 11, 1), None, None),  # no end
    ]
    items = case_due(case(consents=consents), TODAY)
    assert texts(items) == [
        (D(2026, 11, 30), "consent",
         "Samtycket från Elsa gick ut 30 november 2026: be om ett nytt"),
        (D(2027, 1, 3), "consent", "Samtycket från Maria gäller till 3 januari 2027"),
    ]  # fmt: skip
    assert items[0].overdue(TODAY) and items[0].tab == "consents"


def test_a_renewed_consent_is_not_due():
    old = ConsentDates(1, "Maria Nyström", D(2025, 12, 1), D(2026, 11, 30), None)
    new = ConsentDates(2, "maria nyström ", D(2026, 11, 25), D(2027, 11, 30), None)
    assert case_due(case(consents=[old, new]), TODAY) == []
    for_good = ConsentDates(3, "Maria Nyström", D(2026, 11, 25), None, None)  # no end date
    assert case_due(case(consents=[old, for_good]), TODAY) == []
    revoked = ConsentDates(3, "Maria Nyström", D(2026, 11, 25), None, D(2026, 11, 28))
    assert [i.ref_id for i in case_due(case(consents=[old, revoked]), TODAY)] == [1]


def test_a_closed_case_has_nothing_due():
    c = case(MeetingDates(1, "forsta_natverksmote", agreed_on=D(2026, 11, 1)),
             actions=[ActionDates(1, 1, "X", D(2026, 11, 1), "planned")],
             consents=[ConsentDates(1, "M", D(2025, 1, 1), D(2026, 1, 1), None)],
             status="closed")  # fmt: skip
    assert case_due(c, TODAY) == []


# -- Västbas: lift to the elevhälsoteam within 2 months, evaluation at 6 months --------------
def test_vastbas_rules_come_from_the_routine_file():
    rules = get_routine("vastbas_natverksmote_2").due
    assert [(r.id, r.deadline) for r in rules] == [
        ("lyft_elevhalsoteam", Deadline("months", 2)),
        ("utvardering", Deadline("months", 6)),
    ]


def test_vastbas_lift_and_evaluation_after_the_handlingsplan():
    plan = MeetingDates(3, "vastbas_natverksmote_2", D(2026, 8, 31), held_on=D(2026, 8, 31))
    items = case_due(case(plan), TODAY)
    assert [(i.on, i.kind, i.short) for i in items] == [
        (D(2026, 10, 31), "rule", "Lyft till elevhälsoteamet"),
        (D(2027, 2, 28), "rule", "Utvärdering efter 6 månader"),  # 31 Aug + 6 months
    ]
    assert items[0].overdue(TODAY)
    assert items[0].text.startswith("Kontaktpersonen lyfter ärendet till elevhälsoteamet")
    assert "Västbas nätverksmöte 2 hölls 31 augusti 2026" in items[0].text
    # A follow-up held a month later: the kontaktperson has taken the case on.
    follow = MeetingDates(4, "uppfoljande_lotsmote", D(2026, 10, 1), held_on=D(2026, 10, 1))
    assert [i.short for i in case_due(case(plan, follow), TODAY)] == ["Utvärdering efter 6 månader"]
    # A meeting five months or more after the plan is the evaluation.
    evaluated = MeetingDates(5, "uppfoljande_lotsmote", D(2027, 1, 28), held_on=D(2027, 1, 28))
    assert case_due(case(plan, follow, evaluated), D(2027, 2, 1)) == []


def test_a_rule_in_working_days_counts_swedish_holidays(tmp_path: Path):
    text = (Path(get_routine("vastbas_natverksmote_2").path or "").read_text(encoding="utf-8")
            .replace('kind = "months"\nmonths = 2', 'kind = "working_days"\ndays = 5'))  # fmt: skip
    path = tmp_path / "egen.toml"
    path.write_text(text, encoding="utf-8")
    own = load_routine(path)
    plan = MeetingDates(1, own.id, D(2026, 12, 22), held_on=D(2026, 12, 22))
    items = case_due(case(plan), TODAY, {own.id: own})
    # 23 Dec, (24, 25 off), 28, 29, 30, (31 Dec, 1 Jan off), 4 Jan.
    assert items[0].on == D(2027, 1, 4)


def test_a_broken_due_rule_names_the_file(tmp_path: Path):
    text = Path(get_routine("vastbas_natverksmote_2").path or "").read_text(encoding="utf-8")
    path = tmp_path / "trasig.toml"
    path.write_text(text.replace("months = 2", "months = 0"), encoding="utf-8")
    with pytest.raises(RoutineError, match="trasig.toml.*'months' ska vara ett positivt heltal"):
        load_routine(path)


# -- the order --------------------------------------------------------------------------------
def test_overdue_first_then_by_date_across_cases():
    a = case(MeetingDates(1, "uppfoljande_lotsmote", D(2026, 12, 20)), cid=1, name="Anna")
    b = case(actions=[ActionDates(5, 2, "Schema", D(2026, 11, 20), "ongoing")], cid=2, name="Bo")
    c = case(MeetingDates(2, "uppfoljande_lotsmote", D(2026, 12, 5)),
             consents=[ConsentDates(3, "Cilla", D(2025, 1, 1), D(2026, 12, 3), None)],
             cid=3, name="Cilla")  # fmt: skip
    items = due_list([a, b, c], TODAY)
    assert [(i.child_name, i.on, i.overdue(TODAY)) for i in items] == [
        ("Bo", D(2026, 11, 20), True),
        ("Cilla", D(2026, 12, 3), True),
        ("Cilla", D(2026, 12, 5), False),
        ("Anna", D(2026, 12, 20), False),
    ]
    assert {k: v.on for k, v in next_due([a, b, c], TODAY).items()} == {
        1: D(2026, 12, 20), 2: D(2026, 11, 20), 3: D(2026, 12, 3)}  # fmt: skip


def test_on_one_day_the_meeting_comes_before_its_actions():
    c = case(MeetingDates(1, "uppfoljande_lotsmote", D(2026, 12, 7)),
             actions=[ActionDates(5, 1, "Schema", D(2026, 12, 7), "ongoing")])  # fmt: skip
    assert [i.kind for i in case_due(c, TODAY)] == ["meeting", "action"]


# -- the store's demo case: the bulk read and the views agree ---------------------------------
def test_demo_case_bulk_read_matches_the_views(store, db):
    from model.demo import populate
    from model.due_read import due_items
    from model.due_read import next_due as next_due_of

    case_id = populate(store, today=TODAY)
    items = due_items(db, TODAY)
    views = case_due(from_views(store.get_case(case_id), store.case_meetings(case_id)), TODAY)
    assert items == views
    assert items[0].text == "Möte: Uppföljande lotsmöte"
    # The current plan is the planned follow-up's copy (the cancelled extra meeting's is not).
    follow_up = store.get_meeting(items[0].ref_id)
    plan = [a for a in follow_up.actions if a.follow_up_on and a.status in ("planned", "ongoing")]
    assert [(i.text, i.ref_id) for i in items if i.kind == "action"] == [
        (f"Följ upp insats {a.number}: {a.what}", a.id) for a in plan
    ]
    assert "Följ upp insats 2: KBT-samtal" in [i.text for i in items]
    assert next_due_of(db, [case_id], TODAY)[case_id].text == "Möte: Uppföljande lotsmöte"
    store.close_case(case_id, "Målen är nådda.", True)
    assert due_items(db, TODAY) == []


def test_vastbas_case_in_the_store_bulk_read_matches_the_views(store, db):
    from model.demo import populate
    from model.due_read import due_items, read_case_dates

    case_id = store.create_case("Saga Berg", routine_id="vastbas_formote")
    held = store.plan_meeting(case_id, "vastbas_natverksmote_2", planned_date=D(2026, 8, 31))
    store.start_meeting(held, held_on=D(2026, 8, 31))
    store.end_meeting(held)
    # A consent that ran out, renewed by one without an end date: nothing to do about it.
    store.add_consent(case_id, "Anna Berg", D(2025, 8, 1), valid_until=D(2026, 8, 1))
    store.add_consent(case_id, "Anna Berg", D(2026, 7, 20))
    demo = populate(store, today=TODAY)
    items = [i for i in due_items(db, TODAY) if i.case_id == case_id]
    views = case_due(from_views(store.get_case(case_id), store.case_meetings(case_id)), TODAY)
    assert items == views
    # The case list's read of a few cases gives the same rows as the read of all of them.
    assert read_case_dates(db, TODAY, [case_id, demo]) == read_case_dates(db, TODAY)
    assert [c.id for c in read_case_dates(db, TODAY, [demo])] == [demo]
    assert [(i.on, i.short) for i in items] == [
        (D(2026, 10, 31), "Lyft till elevhälsoteamet"),
        (D(2027, 2, 28), "Utvärdering efter 6 månader"),
    ]
    # A follow-up held in November: the lift is done, the evaluation is still to come.
    follow = store.plan_meeting(case_id, "uppfoljande_lotsmote", planned_date=D(2026, 11, 16))
    store.start_meeting(follow, held_on=D(2026, 11, 16))
    store.end_meeting(follow)
    assert [i.short for i in due_items(db, TODAY) if i.case_id == case_id] == [
        "Utvärdering efter 6 månader"
    ]
    assert read_case_dates(db, TODAY, [case_id, demo]) == read_case_dates(db, TODAY)
