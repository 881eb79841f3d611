"""Närvarolista: who was invited, who came, with a column to sign and rows for walk-ins."""

from __future__ import annotations

from typing import TYPE_CHECKING

from exports import sections as s
from exports.layout import SIGN_HEIGHT, Look
from exports.text import attendance_label, organisation_of
from model.labels import child_presence
from model.views import MeetingView

if TYPE_CHECKING:
    from docx.document import Document

TITLE = "Närvarolista"
# Rows tall enough to sign in (11 mm), and room for those who come without being called.
ROW_HEIGHT = SIGN_HEIGHT
WALK_IN_ROWS = 6


def build_attendance_document(m: MeetingView, look: Look | str | None = None) -> Document:
    w, look = s.start(TITLE, m, look)
    w.title(TITLE, f"Nätverksmöte kring {m.case.child_name}")
    s.meeting_facts(w, m)
    w.heading("Deltagare", number=False)
    planned = s.is_planned(m)
    if m.attendance:
        rows = [
            (
                a.participant.name,
                organisation_of(a.participant) or s.CELL_BLANK,
                ("" if planned or not a.status else attendance_label(a.status))
                + (f"\n{a.reason}" if a.reason else ""),
                "",
            )
            for a in m.attendance
        ]
    else:
        rows = [(p.name, organisation_of(p) or s.CELL_BLANK, "", "") for p in m.invitees]
    child = child_presence(m.child_present)
    rows.append((m.case.child_name, "Barnet", "" if planned else child, ""))
    rows += [("", "", "", "")] * WALK_IN_ROWS  # walk-ins, written by hand
    w.table(
        ("Namn", "Verksamhet / roll", "Närvaro", "Signatur"),
        rows,
        (4.2, 5.4, 2.5, 4.9),
        size=10,
        heights=[ROW_HEIGHT] * len(rows),
    )
    w.para("Skriv namn och verksamhet tydligt och signera på din egen rad.", italic=True, size=9)
    return w.finish()
