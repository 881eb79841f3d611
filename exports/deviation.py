"""Avvikelserapport: one report per deviation, each with its own date, and a blank form.

Seed 003 (Norrbus): the form goes to the förvaltningschef for the school in the municipality;
the recipient comes from the settings. The personnummer is shortened to the birth date (the
report goes to a manager) unless the full number is chosen."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from exports import sections as s
from exports.layout import Look, Writer
from exports.text import birth_date, date_words
from model.views import DeviationView, MeetingView

if TYPE_CHECKING:
    from docx.document import Document

TITLE = "Avvikelserapport"
# A deviation belongs to the meeting at which it is followed up: reported after the meeting
# held before it and on or before its own day; for a case's first meeting, within about half a
# year before it.
WINDOW_DAYS = 183


def deviations_for(m: MeetingView) -> list[DeviationView]:
    first = m.previous_date or m.date - dt.timedelta(days=WINDOW_DAYS)
    return [
        d for d in m.case.deviations if d.reported_on is None or first < d.reported_on <= m.date
    ]


def _child(w: Writer, m: MeetingView, look: Look, action: str) -> None:
    c = m.case
    if look.full_personnummer:
        ident = ("Personnummer", c.personnummer_display)
    else:
        ident = ("Födelsedatum", birth_date(c.personnummer))
    w.fields(
        [
            ("Barn", c.child_name),
            ident,
            ("Huvudansvarig verksamhet", m.lead_organisation),
            ("Insats som avses", action),
        ]
    )


def _report(w: Writer, m: MeetingView, look: Look, d: DeviationView | None) -> None:
    title = "Avvikelserapport" if d is None else f"Avvikelserapport {date_words(d.reported_on, '')}"
    w.title(title.strip(), f"Samordnad individuell plan för {m.case.child_name}")
    w.heading("Till", number=False)
    w.fields([("Mottagare", (d.reported_to if d else "") or look.deviation_recipient)])
    w.heading("Från", number=False)
    w.fields(
        [
            ("Rapporterad av", d.reported_by if d else ""),
            ("Verksamhet / enhet", ""),
            ("Telefon", ""),
            ("Datum", date_words(d.reported_on, "") if d and d.reported_on else ""),
        ]
    )
    w.heading("Gäller", number=False)
    _child(w, m, look, d.action_text if d else "")
    w.heading("Avvikelsen", number=False)
    w.labelled_text("Vad gick fel", d.what_went_wrong if d else "", blank_lines=2)
    w.labelled_text("Beskrivning av händelsen", "", blank_lines=4)
    w.labelled_text("Förslag till åtgärd", "", blank_lines=3)
    w.fill_line("Underskrift, rapportör", keep_next=True)
    w.fill_line("Namnförtydligande")
    w.heading("Mottagarens hantering", number=False)
    w.fields([("Mottagen, datum", ""), ("Handläggs av", "")])
    w.labelled_text("Åtgärd / beslut", "", blank_lines=3)
    w.labelled_text("Återkoppling till rapportören (hur och när)", "", blank_lines=2)
    w.fill_line("Underskrift, mottagare", keep_next=True)
    w.fill_line("Datum")


def build_deviation_document(m: MeetingView, look: Look | str | None = None) -> Document:
    w, look = s.start(TITLE, m, look, header=m.case.child_name)
    for d in deviations_for(m):
        _report(w, m, look, d)
        w.page_break()
    # A blank form is always there, for the next deviation.
    _report(w, m, look, None)
    return w.finish()
