"""Kalenderfil: the next meeting (or a planned one) as an .ics event, built with `icalendar`.

Calendar invitations leave the organisation, so by default the event carries no name,
personnummer or question: the title is "Nätverksmöte (E.N.)" with the child's initials, and
the place. Settings.calendar_first_name allows the child's first name in the title instead.
Times are Europe/Stockholm with a VTIMEZONE, so summer time is right in every calendar.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from exports.errors import ExportError
from model.labels import MeetingState
from model.routines import RoutineError, get_routine
from model.views import MeetingView, initials

# icalendar depends on the tzdata package, so zoneinfo finds Europe/Stockholm also on
# machines without a system time-zone database (Windows).
TZ = ZoneInfo("Europe/Stockholm")
DEFAULT_MINUTES = 90  # when the meeting's routine cannot be found
FOLLOW_UP_ROUTINE = "uppfoljande_lotsmote"  # what the "next meeting" of a plan usually is
_UID_NAMESPACE = uuid.UUID("6f1e0c1e-5b1a-4c55-9a53-1c0ffee0a113")


@dataclass(frozen=True)
class CalendarEvent:
    day: dt.date
    time: str  # "14.30" or "" (a whole-day event)
    minutes: int
    minutes_from_routine: bool
    place: str
    convener: str
    title: str
    key: str  # stable per meeting, for the UID


def _minutes(routine_id: str) -> tuple[int, bool]:
    try:
        minutes = get_routine(routine_id).planned_minutes
    except RoutineError:
        return DEFAULT_MINUTES, False
    return (minutes, True) if minutes > 0 else (DEFAULT_MINUTES, False)


def event_title(view: MeetingView, settings: Any = None) -> str:
    child = view.case.child_name
    if getattr(settings, "calendar_first_name", False):
        first = child.split()[0] if child.split() else initials(child)
        return f"Nätverksmöte ({first})"
    return f"Nätverksmöte ({initials(child)})"


def calendar_event(view: MeetingView, settings: Any = None) -> CalendarEvent:
    """The meeting itself while it is planned; after it, the next meeting it agreed on."""
    title = event_title(view, settings)
    # A planned meeting is its own event; a held one points to the next meeting it agreed on
    # (or to itself, when it agreed on none).
    planned_first = view.status == MeetingState.PLANNED or view.next_date is None
    if view.planned_date is not None and planned_first:
        minutes, known = _minutes(view.routine.id)
        return CalendarEvent(
            view.planned_date,
            view.planned_time,
            minutes,
            known,
            view.place,
            view.convener,
            title,
            f"{view.case.id}-{view.id}",
        )
    if view.next_date is not None:
        minutes, known = _minutes(FOLLOW_UP_ROUTINE)
        return CalendarEvent(
            view.next_date,
            view.next_time,
            minutes,
            known,
            view.next_place,
            view.next_convener,
            title,
            f"{view.case.id}-{view.id}-next",
        )
    raise ExportError(
        "Mötet har inget datum och inget nästa möte. Skriv in datum för mötet (eller för nästa "
        "möte) först."
    )


def _organizer(view: MeetingView, convener: str) -> Any:
    """ORGANIZER needs an address: the convener's e-mail from the network, if known."""
    from icalendar import vCalAddress

    people = [*view.case.participants, *view.case.guardians]
    email = next((p.email for p in people if p.name == convener and "@" in p.email), "")
    if not email:
        return None
    address = vCalAddress(f"mailto:{email}")
    address.params["cn"] = convener
    return address


def build_calendar(
    view: MeetingView, settings: Any = None, now: dt.datetime | None = None
) -> bytes:
    """The .ics file's bytes for the meeting's event."""
    from icalendar import Calendar, Event

    ev = calendar_event(view, settings)
    cal = Calendar()
    cal.add("prodid", "-//Lotsen//Natverksmote//SV")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"{uuid.uuid5(_UID_NAMESPACE, ev.key)}@lotsen")
    event.add("dtstamp", (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0))
    event.add("summary", ev.title)
    if ev.time:
        hour, minute = (int(x) for x in ev.time.split("."))
        start = dt.datetime.combine(ev.day, dt.time(hour, minute), tzinfo=TZ)
        event.add("dtstart", start)
        # Wall-clock arithmetic: a 70-minute meeting ends 70 minutes later on the clock.
        event.add(
            "dtend",
            (start.replace(tzinfo=None) + dt.timedelta(minutes=ev.minutes)).replace(tzinfo=TZ),
        )
    else:
        event.add("dtstart", ev.day)
        event.add("dtend", ev.day + dt.timedelta(days=1))
    if ev.place:
        event.add("location", ev.place)
    if ev.convener:
        event.add("description", f"Sammankallande: {ev.convener}")
        organizer = _organizer(view, ev.convener)
        if organizer is not None:
            event.add("organizer", organizer)
    cal.add_component(event)
    if ev.time:
        # The rules of the year around the meeting are enough, and keep the file small.
        cal.add_missing_timezones(
            first_date=ev.day.replace(month=1, day=1) - dt.timedelta(days=366),
            last_date=ev.day.replace(month=12, day=31) + dt.timedelta(days=1),
        )
    return cal.to_ical()


def calendar_file_name(view: MeetingView, day: dt.date, n: int = 1) -> str:
    """Kalender_EN_2026-11-23.ics (the child's initials and the meeting's date)."""
    from model.documents import file_initials, stem_of

    stem = f"{stem_of('kalender')}_{file_initials(view.case.child_name)}_{day.isoformat()}"
    return f"{stem}.ics" if n == 1 else f"{stem}_{n}.ics"


def write_calendar(
    view: MeetingView, out_dir: Path | str | None = None, settings: Any = None
) -> Path:
    """Write the .ics into out_dir (default: the case's folder); atomic, 0600, never
    overwrites. Raises ExportError in Swedish."""
    from exports.save import case_folder

    data = build_calendar(view, settings)
    day = calendar_event(view, settings).day
    folder = Path(out_dir) if out_dir is not None else case_folder(view.case)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".lotsen-", suffix=".tmp")
    except OSError as exc:
        raise ExportError(
            f"Kalenderfilen kunde inte sparas i {folder}: {exc.strerror or exc}."
        ) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        for n in range(1, 1000):
            target = folder / calendar_file_name(view, day, n)
            try:
                os.link(tmp, target)
            except FileExistsError:
                continue
            except OSError:  # no hard links (FAT): rename while the name is free
                if target.exists():
                    continue
                os.replace(tmp, target)
            return target
        raise ExportError(f"Det finns redan för många kalenderfiler i {folder}.")
    except OSError as exc:
        raise ExportError(
            f"Kalenderfilen kunde inte sparas i {folder}: {exc.strerror or exc}."
        ) from None
    finally:
        try:
            os.unlink(tmp)
        except OSError:
            pass
