"""Words for documents: Swedish dates and times, blanks to fill in by hand, labels."""

from __future__ import annotations

import datetime as dt

from model.labels import ActionStatus, AttendanceStatus
from model.swedish_dates import swedish_date
from model.validation import GOAL_KINDS
from model.views import PersonView

# A line long enough to write a name or a date on by hand.
BLANK = "_" * 28
SHORT_BLANK = "_" * 14


def date_words(day: dt.date | None, blank: str = SHORT_BLANK) -> str:
    """2026-11-23 -> "23 november 2026"; no date -> a line to fill in."""
    if day is None:
        return blank
    return swedish_date(day)


def time_text(value: str, blank: str = "____.____") -> str:
    """Times as Swedes write them: 14.30 (the store already keeps them so)."""
    value = (value or "").strip().replace(":", ".")
    return value or blank


def end_time(start: str, minutes: int) -> str:
    """ "14.00" + 65 minutes -> "15.05"; "" when the start is not a time."""
    value = (start or "").strip().replace(":", ".")
    try:
        h, m = (int(x) for x in value.split("."))
    except ValueError:
        return ""
    total = h * 60 + m + minutes
    if not (0 <= h < 24 and 0 <= m < 60) or total >= 24 * 60:
        return ""
    return f"{total // 60:02d}.{total % 60:02d}"


def time_span(start: str, minutes: int) -> str:
    """ "14.00–15.05" (bound together so it never breaks), or the start alone, or ""."""
    start = (start or "").strip().replace(":", ".")
    if not start:
        return ""
    end = end_time(start, minutes)
    if not end:
        return start
    h, m = start.split(".")
    return f"{int(h):02d}.{m}\u2060–\u2060{end}"


def birth_date(personnummer: str | None) -> str:
    """The birth date of a 12-digit personnummer (samordningsnummer: day - 60), as words."""
    if not personnummer or len(personnummer) != 12 or not personnummer.isdigit():
        return ""
    d = int(personnummer[6:8])
    try:
        born = dt.date(int(personnummer[:4]), int(personnummer[4:6]), d - 60 if d > 60 else d)
    except ValueError:
        return ""
    return date_words(born)


def clock(moment: dt.datetime | None) -> str:
    return f"{moment.hour:02d}.{moment.minute:02d}" if moment else ""


def or_blank(value: str | None, blank: str = BLANK) -> str:
    """The text as typed, or a clearly blank line: never "None", never nothing."""
    text = (value or "").strip("\n")
    return text if text.strip() else blank


def yes_no(value: bool | None) -> str:
    if value is None:
        return "ja / nej (ej ifyllt)"
    return "ja" if value else "nej"


def person_line(p: PersonView) -> str:
    """ "Karin Ek, rektor, Björkskolan"."""
    parts = [p.name]
    if p.kind == "guardian":
        parts.append("vårdnadshavare")
    else:
        parts += [x for x in (p.role, p.organisation) if x]
    return ", ".join(parts)


def organisation_of(p: PersonView) -> str:
    if p.kind == "guardian":
        return "Vårdnadshavare"
    return ", ".join(x for x in (p.organisation, p.role) if x)


def attendance_label(status: str) -> str:
    """närvarande / frånvarande / anmält förhinder / ej markerad."""
    return AttendanceStatus.label_of(status)


def status_label(status: str) -> str:
    """planerad / pågår / genomförd / ej genomförd."""
    return ActionStatus.label_of(status)


def goal_label(kind: str) -> str:
    label = GOAL_KINDS.get(kind, kind)
    return label[:1].upper() + label[1:]


def age_on(personnummer: str | None, day: dt.date) -> int | None:
    """Age in whole years from a stored 12-digit personnummer (samordningsnummer: day + 60)."""
    if not personnummer or len(personnummer) != 12 or not personnummer.isdigit():
        return None
    d = int(personnummer[6:8])
    try:
        born = dt.date(int(personnummer[:4]), int(personnummer[4:6]), d - 60 if d > 60 else d)
    except ValueError:
        return None
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
