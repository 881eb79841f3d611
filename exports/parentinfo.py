"""Information till vårdnadshavare: what a network meeting and a SIP are, that taking part is
voluntary, who the samordnare is, and when and where the meeting is. The text is a file beside
the routines (model/routines/foraldrainfo.md) that an organisation can replace."""

from __future__ import annotations

from typing import TYPE_CHECKING

from exports import sections as s
from exports.layout import Look
from exports.text import date_words, time_text
from model.labels import MeetingState
from model.routines.texts import blocks, fill, read_text
from model.views import MeetingView

if TYPE_CHECKING:
    import datetime as dt

    from docx.document import Document

TITLE = "Information till vårdnadshavare"
TEXT_NAME = "foraldrainfo"
DEFINITE = {"samordnare": "samordnaren", "kontaktperson": "kontaktpersonen"}
WEEKDAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")


def day_words(day: dt.date | None) -> str:
    """ "måndag 7 december 2026"; no date: "" (a line to fill in)."""
    return f"{WEEKDAYS[day.weekday()]} {date_words(day)}" if day is not None else ""


def values(m: MeetingView) -> dict[str, str]:
    """The placeholders of the text. Before the meeting: this meeting; after it: the next."""
    role = m.routine.coordinator or "samordnare"
    common = {
        "barn": m.case.child_name,
        "roll": role,
        "roll_bestamd": DEFINITE.get(role, role).capitalize(),
        "samordnare": m.coordinator_name,
        "telefon": m.coordinator_phone,
        "epost": m.coordinator_email,
        "minuter": str(m.routine.planned_minutes),
    }
    if m.status == MeetingState.HELD:
        return common | {
            "mote": "Nästa nätverksmöte",
            "datum": day_words(m.next_date),
            "tid": time_text(m.next_time, ""),
            "plats": m.next_place,
            "samtalsledare": m.next_convener or m.leader,
        }
    return common | {
        "mote": m.routine.name,
        "datum": day_words(m.planned_date),
        "tid": s.meeting_time(m) if m.planned_time.strip() else "",
        "plats": m.place,
        "samtalsledare": m.leader,
    }


def build_parentinfo_document(m: MeetingView, look: Look | str | None = None) -> Document:
    w, look = s.start(TITLE, m, look)
    w.title(TITLE, f"Nätverksmöte och SIP kring {m.case.child_name}")
    text = fill(read_text(TEXT_NAME, m.routine.id), values(m))
    for block in blocks(text):
        if block.kind == "heading":
            w.heading(block.text, number=False)
        elif block.kind == "bullet":
            w.para(f"•\t{block.text}", indent_cm=1.0, hanging_cm=0.5, after=2)
        else:
            w.para(block.text, after=6)
    return w.finish()
