"""Kallelse: the invitation to a meeting, with its question, agenda and the routine's rules."""

from __future__ import annotations

from typing import TYPE_CHECKING

from exports import sections as s
from exports.layout import Look
from exports.text import date_words, person_line
from model.routines import Routine
from model.views import MeetingView, PersonView

if TYPE_CHECKING:
    from docx.document import Document

TITLE = "Kallelse"
PREPARED = "Kom väl förberedd; sekretessfrågor ska vara utklarade före mötet."
SECRECY = "Uppgifterna i kallelsen omfattas av sekretess."


def attendance_rule(routine: Routine) -> str:
    """What the routine says about coming (seed 002 Norrbus, seed 000 Västbus)."""
    key = f"{routine.id} {routine.name} {routine.source}".casefold()
    if "västbus" in key or "vastbus" in key:
        return (
            "Alla kallade behöver komma. Om inte alla parter kommer kan mötet ställas in eller "
            "flyttas till en annan tid av den som kallar."
        )
    if "norrbus" in key:
        return "Alla kallade aktörer måste komma till mötet."
    return "Alla som kallas behövs på mötet."


def _person(m: MeetingView, name: str) -> PersonView | None:
    wanted = name.strip().casefold()
    if not wanted:
        return None
    for p in (*m.case.participants, *m.case.guardians, *m.invitees):
        if p.name.strip().casefold() == wanted:
            return p
    return None


def convener_contact(m: MeetingView, convener: str) -> str:
    """Phone and e-mail of the one who calls, when the network list has them."""
    p = _person(m, convener)
    if p is None:
        return ""
    org = ", ".join(x for x in (p.role, p.organisation) if x)
    return "\n".join(x for x in (org, p.phone, p.email) if x)


def leader_row(m: MeetingView) -> tuple[str, str]:
    """Who leads and who takes notes, on one line (the invitation stays on one page)."""
    if not m.note_taker.strip():
        return ("Samtalsledare", m.leader)
    return ("Samtalsledare", f"{m.leader or '__________'} (antecknare: {m.note_taker})")


def interpreter(m: MeetingView) -> str:
    c = m.case
    if c.interpreter_needed:
        return (
            f"Tolk behövs ({c.interpreter_language})" if c.interpreter_language else "Tolk behövs"
        )
    return "☐ behövs inte   ☐ behövs, språk: ____________"


def build_invitation_document(m: MeetingView, look: Look | str | None = None) -> Document:
    w, look = s.start(TITLE, m, look)
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
            ("Datum", date_words(m.date, "") if m.planned_date else ""),
            ("Tid", s.meeting_time(m)),
            ("Plats", m.place),
            leader_row(m),
            ("Kallas av", convener),
            ("Kontakt", convener_contact(m, convener)),
            ("Svara senast", ""),  # not kept by Lotsen yet: written by hand
            ("Tolk", interpreter(m)),
            ("Kallelsen utfärdad", date_words(look.day)),
        ]
    )
    w.heading("Inför mötet", number=False)
    w.para(PREPARED, bold=True, keep_next=True, keep_lines=True, after=2)
    w.para(attendance_rule(m.routine), keep_next=True, keep_lines=True, after=2)
    w.para(SECRECY, italic=True, keep_lines=True)
    w.heading("Frågeställning för mötet", number=False)
    w.text(m.question, blank_lines=3)
    w.heading("Kallade", number=False)
    if m.invitees:
        last = len(m.invitees) - 1
        for i, p in enumerate(m.invitees):  # the last two together: no name alone on a page
            w.para(person_line(p), indent_cm=0.5, after=1, keep_next=i == last - 1)
    else:
        w.blank(4, indent_cm=0.5)
    w.heading("Dagordning", number=False)
    steps = m.routine.steps
    for i, step in enumerate(steps, start=1):  # the agenda is kept on one page
        w.para(
            f"{i}. {step.title} ({step.minutes}\u00a0min)",
            indent_cm=0.5,
            after=1,
            keep_next=i < len(steps),
        )
    return w.finish()
