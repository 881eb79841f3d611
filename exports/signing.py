"""The end of a meeting's documents: who was there, who signs, who got a copy."""

from __future__ import annotations

from exports.layout import SIGN_HEIGHT, Writer
from exports.sections import CELL_BLANK
from exports.text import attendance_label, organisation_of, person_line
from model.labels import child_presence
from model.views import AttendanceView, MeetingView


def attendance_rows(att: tuple[AttendanceView, ...]) -> list[tuple[str, str, str, str]]:
    return [
        (
            a.participant.name,
            organisation_of(a.participant) or CELL_BLANK,
            attendance_label(a.status) if a.status else "",
            a.reason,
        )
        for a in att
    ]


def attendance(w: Writer, m: MeetingView) -> None:
    headers = ("Namn", "Verksamhet / roll", "Närvaro", "Orsak")
    widths = (4.6, 5.4, 3.2, 3.8)
    rows = attendance_rows(m.attendance)
    if not m.attendance:  # before the meeting: the invitees, to mark by hand
        rows = [(p.name, organisation_of(p) or CELL_BLANK, CELL_BLANK, "") for p in m.invitees]
    child = child_presence(m.child_present)
    rows.append(
        (
            m.case.child_name,
            "Barnet",
            child,
            m.child_absence_reason if m.child_present is False else "",
        )
    )
    w.table(headers, rows, widths)


def signers(m: MeetingView) -> list[tuple[str, str]]:
    """(printed name, organisation) for those who sign (the guardians and professionals
    present, or as chosen per person), the child last when present."""
    out = [(a.participant.name, organisation_of(a.participant)) for a in m.signers]
    if m.child_present:
        out.append((m.case.child_name, "Barnet"))
    return out


def signature_table(w: Writer, people: list[tuple[str, str]], blank_rows: int = 6) -> None:
    """Two signers a row: a line across the cell to sign on, printed name, organisation, date.
    Compact, so a dozen people fit on one page, and kept whole (rows never split, each kept
    with the next)."""
    date = "Datum: " + "_" * 18
    cells = [f"\t\n{name}\n{org}\n{date}" for name, org in people] or [
        f"\t\nNamnförtydligande:\nVerksamhet:\n{date}"
    ] * blank_rows
    if len(cells) % 2:
        cells.append("")
    rows = [(cells[k], cells[k + 1]) for k in range(0, len(cells), 2)]
    w.table(
        None,
        rows,
        (1, 1),
        size=10.5,
        keep_together=True,
        borders=False,
        heights=[SIGN_HEIGHT] * len(rows),
        line_cells=True,
    )


def signatures(w: Writer, m: MeetingView, intro: str) -> None:
    """One line per person present (and the child when present)."""
    w.para(intro, keep_next=True, after=4)
    signature_table(w, signers(m))


def distribution(w: Writer, m: MeetingView) -> None:
    """Vem fick en kopia. When nobody is marked yet: everyone present, with boxes to tick."""
    got = [a.participant for a in m.attendance if a.received_copy]
    if got:
        w.para("Kopia har lämnats till:", keep_next=True, after=2)
        for p in got:
            w.para(f"☑ {person_line(p)}", indent_cm=0.5, after=1)
        return
    w.para("Kopia lämnas till (kryssa):", keep_next=True, after=2)
    for p in m.present:
        w.para(f"☐ {person_line(p)}", indent_cm=0.5, after=1)
    for _ in range(2):  # copies for someone not on the list
        w.blank(1, indent_cm=0.5, label="☐ ")
