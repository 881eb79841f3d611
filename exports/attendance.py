"""Närvarolista: who was invited, who came, with a column to sign and rows for walk-ins."""

from __future__ import annotations

from typing import TYPE_CHECKING

from exports import sections as s
from exports.layout import new_document
from exports.text import attendance_label, organisation_of
from model.views import MeetingView

if TYPE_CHECKING:
    from docx.document import Document

TITLE = "Närvarolista"


def build_attendance_document(m: MeetingView, template_path: str | None = None) -> Document:
    w = new_document(TITLE, s.header_line(m), template_path)
    w.title(TITLE, f"Nätverksmöte kring {m.case.child_name}")
    s.meeting_facts(w, m)
    w.heading("Deltagare", number=False)
    if m.attendance:
        rows = [
            (
                a.participant.name,
                organisation_of(a.participant) or s.CELL_BLANK,
                attendance_label(a.status) + (f"\n{a.reason}" if a.reason else ""),
                "",
            )  # fmt: skip
            for a in m.attendance
        ]
    else:
        rows = [(p.name, organisation_of(p) or s.CELL_BLANK, "", "") for p in m.invitees]
    child = {True: "närvarande", False: "frånvarande"}.get(m.child_present, "")  # type: ignore[arg-type]
    rows.append((m.case.child_name, "Barnet", child, ""))
    rows += [("", "", "", "")] * 3  # walk-ins, written by hand
    w.table(("Namn", "Verksamhet / roll", "Närvaro", "Signatur"), rows, (4.0, 4.8, 3.0, 5.2),
            size=10.5)  # fmt: skip
    return w.finish()
