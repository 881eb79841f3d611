"""Att göra in bulk (model.due_read): its queries pick only the rows a rule can use, so each
test here sets up a row just inside and just outside what the SQL picks, and checks the
screen's items (every open case at once) against the same case read through the views."""

from __future__ import annotations

import datetime as dt

from model.due import case_due, from_views
from model.due_read import due_items, next_due, read_case_dates

D = dt.date
TODAY = D(2026, 12, 4)


def _items(db, case_id):  # noqa: ANN001, ANN202 - the bulk read's items of one case
    return [i for i in due_items(db, TODAY) if i.case_id == case_id]


def _same_as_views(store, db, case_id):  # noqa: ANN001, ANN202
    items = _items(db, case_id)
    views = case_due(from_views(store.get_case(case_id), store.case_meetings(case_id)), TODAY)
    assert items == views
    assert next_due(db, [case_id], TODAY).get(case_id) == (items[0] if items else None)
    assert read_case_dates(db, TODAY, [case_id]) == [
        c for c in read_case_dates(db, TODAY) if c.id == case_id
    ]
    return items


def test_consents_just_inside_and_outside_the_30_day_horizon(store, db):
    """One consent per case: the query reads a case's consents only when one ends by the
    horizon."""
    cases = {}
    for name, until in (("Maria", D(2027, 1, 3)), ("Jonas", D(2027, 1, 4)),
                        ("Farmor", D(2026, 11, 30))):  # fmt: skip
        cases[name] = store.create_case(f"Barn till {name}")
        store.add_consent(cases[name], name, D(2025, 1, 1), valid_until=until)
    found = {name: _same_as_views(store, db, cid) for name, cid in cases.items()}
    assert {name: [(i.on, i.text, i.short) for i in items] for name, items in found.items()} == {
        "Maria": [(D(2027, 1, 3), "Samtycket från Maria gäller till 3 januari 2027",
                   "Samtycket går ut")],  # in 30 days
        "Jonas": [],  # in 31 days: not yet
        "Farmor": [(D(2026, 11, 30), "Samtycket från Farmor gick ut 30 november 2026: be om "
                    "ett nytt", "Samtycket har gått ut")],
    }  # fmt: skip
    assert found["Farmor"][0].overdue(TODAY) and not found["Maria"][0].overdue(TODAY)


def test_a_consent_renewed_by_one_far_beyond_the_horizon_is_not_due(store, db):
    """The renewing consent ends long after the horizon: the query still reads it, since the
    case has an ending one."""
    case_id = store.create_case("Noah Berg")
    store.add_consent(case_id, "Anna Berg", D(2025, 12, 1), valid_until=D(2026, 12, 1))
    store.add_consent(case_id, "anna berg ", D(2026, 11, 20), valid_until=D(2028, 11, 20))
    assert _same_as_views(store, db, case_id) == []
    other = store.create_case("Saga Ek")  # the same without the renewal: due
    store.add_consent(other, "Anna Berg", D(2025, 12, 1), valid_until=D(2026, 12, 1))
    assert [i.kind for i in _same_as_views(store, db, other)] == ["consent"]


def test_the_first_meetings_deadline_across_christmas_in_working_days(store, db):
    """Agreed 18 December, no date yet: 10 working days (Norrbus) skip 24, 25 and 31 December,
    1 and 6 January and the weekends: held by 8 January 2027."""
    case_id = store.create_case("Hugo Lind")
    meeting = store.plan_meeting(case_id, "forsta_natverksmote", agreed_on=D(2026, 12, 18))
    (item,) = _same_as_views(store, db, case_id)
    assert (item.on, item.kind, item.ref_id, item.tab) == (D(2027, 1, 8), "deadline", meeting,
                                                           "meetings")  # fmt: skip
    assert item.text == ("Första nätverksmötet (Norrbus) ska hållas senast 8 januari 2027 "
                         "(rutinen: inom 10 arbetsdagar); inget datum är satt")  # fmt: skip
    # Planned a day after the last allowed one: the deadline and the meeting; on it: the meeting.
    store.update_meeting(meeting, planned_date=D(2027, 1, 11))
    assert [i.kind for i in _same_as_views(store, db, case_id)] == ["deadline", "meeting"]
    store.update_meeting(meeting, planned_date=D(2027, 1, 8))
    assert [i.kind for i in _same_as_views(store, db, case_id)] == ["meeting"]


def test_the_next_date_of_the_latest_held_meeting_only_while_nothing_later_is_planned(store, db):
    case_id = store.create_case("Maja Åkesson")
    first = store.plan_meeting(case_id, "forsta_natverksmote", planned_date=D(2026, 10, 1))
    store.start_meeting(first)
    store.update_meeting(first, next_date=D(2026, 11, 15))
    store.end_meeting(first)
    (item,) = _same_as_views(store, db, case_id)
    assert (item.on, item.kind, item.short, item.overdue(TODAY)) == (
        D(2026, 11, 15), "next_meeting", "Planera nästa möte", True)  # fmt: skip
    later = store.plan_meeting(case_id, "uppfoljande_lotsmote", planned_date=D(2026, 12, 10))
    assert [i.text for i in _same_as_views(store, db, case_id)] == ["Möte: Uppföljande lotsmöte"]
    # The later meeting cancelled: nothing is planned after the held one again.
    store.cancel_meeting(later, "Sjukdom")
    assert [i.kind for i in _same_as_views(store, db, case_id)] == ["next_meeting"]
    # An older held meeting's next date is not due once a later one was held.
    second = store.plan_meeting(case_id, "uppfoljande_lotsmote", planned_date=D(2026, 12, 1))
    store.start_meeting(second)
    store.end_meeting(second)
    assert _same_as_views(store, db, case_id) == []
