"""Kallelse: the invitation to a meeting, with its question and agenda."""

from __future__ import annotations

from typing import TYPE_CHECKING

from exports import sections as s
from exports.layout import new_document
from exports.text import date_words, person_line, time_text
from model.views import MeetingView

if TYPE_CHECKING:
    from docx.document import Document

TITLE = "Kallelse"


def build_invitation_document(m: MeetingView, template_path: str | None = None) -> Document:
    w = new_document(TITLE, s.header_line(m), template_path)
    w.title(f"{TITLE} till nätverksmöte", f"kring {m.case.child_name}")
    w.para(
        "Du kallas till ett nätverksmöte (SIP-möte) där barnet, vårdnadshavarna och de "
        "verksamheter som finns runt barnet planerar tillsammans.",
        after=6,
    )
    convener = m.convener or m.leader
    w.fields(
        [
            ("Möte", m.routine.name),
            ("Datum", date_words(m.date if m.planned_date else None)),
            ("Tid", time_text(m.planned_time)),
            ("Plats", m.place),
            ("Kallas av", convener),
            ("Samtalsledare", m.leader),
        ]
    )
    w.heading("Frågeställning för mötet", number=False)
    w.text(m.question)
    w.heading("Kallade", number=False)
    if m.invitees:
        for p in m.invitees:
            w.para(person_line(p), indent_cm=0.5, after=1)
    else:
        w.blank(4, indent_cm=0.5)
    w.heading("Dagordning", number=False)
    for i, step in enumerate(m.routine.steps, start=1):
        w.para(f"{i}. {step.title} ({step.minutes} min)", indent_cm=0.5, after=1)
    w.para("")
    w.para(
        "Kan du inte komma? Meddela den som kallar så snart som möjligt. "
        "Uppgifterna i kallelsen omfattas av sekretess.",
        italic=True,
    )
    return w.finish()
