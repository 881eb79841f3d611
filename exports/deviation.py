"""Avvikelserapport: when an agreed action or the collaboration failed; a blank form if none."""

from __future__ import annotations

from typing import TYPE_CHECKING

from exports import sections as s
from exports.layout import new_document
from exports.text import date_words
from model.views import MeetingView

if TYPE_CHECKING:
    from docx.document import Document

TITLE = "Avvikelserapport"


def build_deviation_document(m: MeetingView, template_path: str | None = None) -> Document:
    w = new_document(TITLE, s.header_line(m), template_path)
    w.title(TITLE, f"Samordnad individuell plan för {m.case.child_name}")
    w.fields([("Barn", m.case.child_name), ("Personnummer", m.case.personnummer_display),
              ("Huvudansvarig verksamhet", m.lead_organisation)])  # fmt: skip
    deviations = m.case.deviations
    if not deviations:
        w.para("Fyll i för hand.", italic=True)
        w.heading("Avvikelse", number=False)
        w.fields([("Insats som avses", ""), ("Vad gick fel", ""), ("Rapporteras till", ""),
                  ("Rapporterad av", ""), ("Datum", "")])  # fmt: skip
        w.labelled_text("Beskrivning", "", blank_lines=6)
        w.labelled_text("Förslag till åtgärd", "", blank_lines=4)
        return w.finish()
    for i, d in enumerate(deviations, start=1):
        w.heading(f"Avvikelse {i}", number=False)
        w.fields(
            [
                ("Insats som avses", d.action_text),
                ("Vad gick fel", d.what_went_wrong),
                ("Rapporteras till", d.reported_to),
                ("Rapporterad av", d.reported_by),
                ("Datum", date_words(d.reported_on)),
            ]
        )
    return w.finish()
