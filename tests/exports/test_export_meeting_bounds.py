"""What belongs to which meeting of a case: the deviations "since the last meeting" start at the
meeting held before it, and only the meeting at which the case closed prints the closing."""

from __future__ import annotations

import datetime as dt

from export_helpers import all_text, reopen

from exports.followup import build_followup_document
from model.clock import FixedClock
from model.store import Store

D1, D2 = dt.date(2026, 3, 2), dt.date(2026, 5, 4)


def _two_meetings_then_closed(store: Store) -> tuple[int, int]:
    cid = store.create_case("Noa Berg", personnummer="20150312-2382")
    ids = []
    for day in (D1, D2):
        mid = store.plan_meeting(cid, "uppfoljande_lotsmote", planned_date=day)
        store.start_meeting(mid)
        store.end_meeting(mid)
        ids.append(mid)
    store.add_deviation(cid, action_text="Samtal varannan vecka", what_went_wrong="Uteblev i januari",
                        reported_on=dt.date(2026, 1, 20))  # fmt: skip
    store.add_deviation(cid, action_text="Anpassat schema", what_went_wrong="Inte infört i april",
                        reported_on=dt.date(2026, 4, 10))  # fmt: skip
    store.close_case(cid, "Målen är nådda", True, on=D2, if_worse_plan="Ring kuratorn.")
    return ids[0], ids[1]


def test_deviations_since_the_meeting_held_before(tmp_path):
    from model.db import open_database

    db = open_database(tmp_path / "l.db")
    store = Store(db, clock=FixedClock.on(D2))
    first, second = _two_meetings_then_closed(store)
    later = all_text(reopen(build_followup_document(store.get_meeting(second))))
    assert "Inte infört i april" in later
    assert "Uteblev i januari" not in later  # reported before the first meeting: not since it
    earlier = all_text(reopen(build_followup_document(store.get_meeting(first))))
    assert "Uteblev i januari" in earlier  # the case's first meeting: the half year before it
    assert "Inte infört i april" not in earlier  # after it
    db.close()


def test_only_the_meeting_that_closed_the_case_prints_the_closing(tmp_path):
    from model.db import open_database

    db = open_database(tmp_path / "l.db")
    store = Store(db, clock=FixedClock.on(D2))
    first, second = _two_meetings_then_closed(store)
    closing = store.get_meeting(second)
    assert closing.previous_date == D1 and closing.is_closing
    assert "Målen är nådda" in all_text(reopen(build_followup_document(closing)))
    earlier = store.get_meeting(first)
    assert earlier.previous_date is None and not earlier.is_closing
    text = all_text(reopen(build_followup_document(earlier)))
    assert "Målen är nådda" not in text and "Ring kuratorn." not in text
    db.close()
