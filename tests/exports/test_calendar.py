"""Issue 13: the next meeting as an .ics file that calendars import, at the right local time
across summer time, with no name, personnummer or question by default."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from exports.calendar import DEFAULT_MINUTES, build_calendar, calendar_event, write_calendar
from exports.errors import ExportError
from model.db import open_database
from model.settings import Settings
from model.store import Store

TZ = ZoneInfo("Europe/Stockholm")


@pytest.fixture
def store(tmp_path: Path):
    db = open_database(tmp_path / "lotsen.db")
    yield Store(db)
    db.close()


def planned(store: Store, day: dt.date, time: str = "14.00", routine: str = "uppfoljande_lotsmote",
            **fields) -> int:  # fmt: skip
    case_id = store.create_case("Elsa Nyström", personnummer="20150312-2382")
    store.add_participant(case_id, "Karin Ek", organisation="Björkskolan",
                          email="karin.ek@example.se")  # fmt: skip
    return store.plan_meeting(case_id, routine, planned_date=day, planned_time=time,
                              place="Björkskolan, konferensrummet", convener="Karin Ek",
                              question="Hur går det för Elsa i skolan?", **fields)  # fmt: skip


def event_of(ics: bytes):
    import icalendar

    cal = icalendar.Calendar.from_ical(ics)
    (event,) = cal.walk("VEVENT")
    return cal, event


@pytest.mark.parametrize(
    ("day", "offset"),
    [
        (dt.date(2026, 3, 27), 1),  # before the change to summer time (29 March)
        (dt.date(2026, 3, 30), 2),  # after it
        (dt.date(2026, 10, 23), 2),  # before the change back (25 October)
        (dt.date(2026, 10, 26), 1),  # after it
    ],
)
def test_local_times_across_summer_time(store: Store, day: dt.date, offset: int) -> None:
    import icalendar

    view = store.get_meeting(planned(store, day))
    cal, event = event_of(build_calendar(view))
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert start.tzinfo is not None
    assert start.astimezone(TZ).replace(tzinfo=None) == dt.datetime.combine(day, dt.time(14, 0))
    assert start.utcoffset() == dt.timedelta(hours=offset)
    assert start.astimezone(dt.UTC).hour == 14 - offset
    minutes = view.routine.planned_minutes
    assert end - start == dt.timedelta(minutes=minutes)
    # The file carries its own VTIMEZONE, so a calendar without the zone database agrees.
    (tz,) = cal.walk("VTIMEZONE")
    assert tz["TZID"] == "Europe/Stockholm"
    ics = build_calendar(view).decode()
    assert f"DTSTART;TZID=Europe/Stockholm:{day:%Y%m%d}T140000" in ics
    assert icalendar.Calendar.from_ical(ics.encode()).to_ical()  # parses and re-serialises


def test_no_name_personnummer_or_question_by_default(store: Store) -> None:
    view = store.get_meeting(planned(store, dt.date(2026, 12, 1)))
    ics = build_calendar(view).decode()
    _cal, event = event_of(ics.encode())
    assert str(event["summary"]) == "Nätverksmöte (E.N.)"
    assert str(event["location"]) == "Björkskolan, konferensrummet"
    unfolded = ics.replace("\r\n ", "")
    for secret in ("Elsa", "Nyström", "20150312", "2382", "Hur går det"):
        assert secret not in unfolded
    assert "mailto:karin.ek@example.se" in unfolded and 'CN="Karin Ek"' in unfolded
    allowed = build_calendar(view, Settings(calendar_first_name=True)).decode()
    assert "SUMMARY:Nätverksmöte (Elsa)" in allowed and "Nyström" not in allowed


def test_after_the_meeting_the_next_one_is_the_event(store: Store) -> None:
    mid = planned(store, dt.date(2026, 11, 2), routine="forsta_natverksmote")
    store.start_meeting(mid)
    store.update_meeting(mid, next_date=dt.date(2026, 11, 30), next_time="09.30",
                         next_place="Socialtjänsten", next_convener="Karin Ek")  # fmt: skip
    store.end_meeting(mid)
    ev = calendar_event(store.get_meeting(mid))
    assert (ev.day, ev.time, ev.place) == (dt.date(2026, 11, 30), "09.30", "Socialtjänsten")
    _cal, event = event_of(build_calendar(store.get_meeting(mid)))
    assert event.decoded("dtstart") == dt.datetime(2026, 11, 30, 9, 30, tzinfo=TZ)


def test_without_a_time_a_whole_day_and_without_a_date_a_swedish_error(store: Store) -> None:
    view = store.get_meeting(planned(store, dt.date(2026, 12, 1), time=""))
    _cal, event = event_of(build_calendar(view))
    assert event.decoded("dtstart") == dt.date(2026, 12, 1)
    case_id = store.create_case("Alva Lind")
    undated = store.plan_meeting(case_id, "forsta_natverksmote")
    with pytest.raises(ExportError, match="inget datum"):
        build_calendar(store.get_meeting(undated))


def test_unknown_routine_length_defaults(monkeypatch, store: Store) -> None:
    import exports.calendar as calendar
    from model.routines import RoutineError

    def broken(_routine_id: str):
        raise RoutineError("saknas")

    monkeypatch.setattr(calendar, "get_routine", broken)
    ev = calendar_event(store.get_meeting(planned(store, dt.date(2026, 12, 1))))
    assert ev.minutes == DEFAULT_MINUTES and not ev.minutes_from_routine


def test_written_file_private_and_never_overwritten(store: Store, tmp_path: Path) -> None:
    import os
    import stat

    view = store.get_meeting(planned(store, dt.date(2026, 12, 1)))
    a = write_calendar(view, tmp_path / "out")
    b = write_calendar(view, tmp_path / "out")
    assert a.name == "Kalender_EN_2026-12-01.ics" and b.name == "Kalender_EN_2026-12-01_2.ics"
    assert stat.S_IMODE(os.stat(a).st_mode) == 0o600
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [a.name, b.name]
