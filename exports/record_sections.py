"""Sections that keep the record whole: refusal decisions, deviations since the last meeting,
and the invited agencies that did not come.

Seed 000: an agency that on its own finds further investigation or an action unnecessary
must decide so formally and give its reasons in writing. Seed 002 point 6: deviations are
reported when the plan is followed up; and "Alla kallade aktörer måste komma till mötet"."""

from __future__ import annotations

from exports.deviation import deviations_for
from exports.layout import Writer
from exports.sections import CELL_BLANK, cell, is_planned, participants
from exports.text import attendance_label, date_words
from model.labels import AttendanceStatus
from model.views import AttendanceView, MeetingView, RefusalView

REFUSALS_HEADING = "Beslut att avstå från utredning eller insats"
REFUSALS_INTRO = (
    "En verksamhet som ensam bedömer att vidare utredning eller insats inte behövs ska "
    "fatta ett formellt beslut och motivera det skriftligt."
)
DEVIATIONS_HEADING = "Avvikelser sedan förra mötet"
NOT_ATTENDED_LABEL = "Kallade som inte kom"
NOT_ATTENDED_NOTE = "Alla kallade aktörer ska komma till mötet."
# Marks an invited agency that did not come, in print (a warning sign reads on any printer).
FLAG = "⚠"


def refusals_for(m: MeetingView) -> list[RefusalView]:
    """Refusal decisions made on or before the meeting's day (undated ones too), oldest first:
    a plan never states a decision that was made after it."""
    made = [r for r in m.case.refusals if r.decided_on is None or r.decided_on <= m.date]
    return sorted(made, key=lambda r: (r.decided_on is None, r.decided_on or m.date, r.id))


def refusals(w: Writer, m: MeetingView) -> None:
    """Beslut att avstå: agency, decision, reasons, date; only when there is one (the section
    is left out otherwise, like the actions of others)."""
    made = refusals_for(m)
    if not made:
        return
    w.heading(REFUSALS_HEADING)
    w.para(REFUSALS_INTRO, italic=True, size=9, keep_next=True, after=4)
    rows = [
        (
            cell(r.agency),
            cell(r.decision),
            cell(r.reasons),
            date_words(r.decided_on, "") if r.decided_on else CELL_BLANK,
        )
        for r in made
    ]
    w.table(("Verksamhet", "Beslut", "Motivering", "Datum"), rows, (3.4, 3.8, 6.6, 3.2), size=9.5)


def deviations(w: Writer, m: MeetingView, blank_rows: int = 2) -> None:
    """Avvikelser sedan förra mötet (the same rule as the Avvikelserapport): what went wrong,
    in which action, reported by whom to whom, when. Before the meeting: rows to write in."""
    w.heading(DEVIATIONS_HEADING)
    found = deviations_for(m)
    headers = ("Datum", "Insats", "Vad gick fel", "Rapporterad av / till")
    widths = (2.6, 3.4, 5.8, 5.2)
    if not found and not is_planned(m):
        w.para("Inga avvikelser har rapporterats sedan förra mötet.", italic=True)
        return
    rows = [
        (
            date_words(d.reported_on, "") if d.reported_on else CELL_BLANK,
            cell(d.action_text),
            cell(d.what_went_wrong),
            "\n".join(
                x
                for x in (
                    f"Av: {d.reported_by}" if d.reported_by.strip() else "",
                    f"Till: {d.reported_to}" if d.reported_to.strip() else "",
                )
                if x
            )
            or CELL_BLANK,
        )
        for d in found
    ]
    if is_planned(m):  # new deviations are written in by hand at the meeting
        rows += [("", "", "", "")] * blank_rows
    w.table(headers, rows, widths, size=9.5)
    w.para("Avvikelser rapporteras på särskild blankett (Avvikelserapport).", italic=True, size=9)


def not_attended(m: MeetingView) -> list[AttendanceView]:
    """Professionals invited to the meeting who were not there (absent, excused, or not marked
    present) — only once the meeting has begun; walk-ins were never invited."""
    if is_planned(m):
        return []
    return [
        a
        for a in m.attendance
        if a.participant.is_professional and a.status != AttendanceStatus.PRESENT and not a.walk_in
    ]


def not_attended_line(a: AttendanceView, written: bool) -> str:
    """ "⚠ BUP – Per Öberg, psykolog: anmält förhinder (Arbetsresa); skriftlig redogörelse"."""
    p = a.participant
    who = ", ".join(x for x in (p.name, p.role) if x)
    status = attendance_label(a.status)
    if a.reason.strip():
        status += f" ({a.reason.strip()})"
    line = f"{FLAG} {p.organisation or 'Verksamhet ej angiven'} – {who}: {status}"
    if written:
        line += "; skriftlig redogörelse lämnad"
    return line


def not_attended_list(w: Writer, m: MeetingView) -> None:
    """The flagged list of invited agencies that did not come; nothing when all came."""
    missing = not_attended(m)
    if not missing:
        return
    wrote = {a.participant.id for a in m.accounts if a.written}
    w.para(f"{NOT_ATTENDED_LABEL}:", bold=True, keep_next=True, after=1)
    for k, a in enumerate(missing, start=1):
        last = k == len(missing)
        w.para(
            not_attended_line(a, a.participant.id in wrote),
            indent_cm=0.5,
            keep_next=not last,
            after=1,
        )
    w.para(NOT_ATTENDED_NOTE, italic=True, size=9, after=6)


def excluded_agencies(m: MeetingView) -> list[str]:
    """Agencies of the network that a consent in force on the meeting's day excludes."""
    in_force = m.case.consents_in_force(m.date)
    agencies = dict.fromkeys(p.agency for p in m.case.participants if p.agency)
    return [a for a in agencies if any(c.excludes(a) for c in in_force)]


def network(w: Writer, m: MeetingView) -> None:
    """Deltagare i nätverket, without the people of an agency the family excluded in the
    consent (the plan says nothing to them, not even who else is in the network); the
    exclusion is named under the list, then the invited agencies that did not come."""
    excluded = {a.casefold() for a in excluded_agencies(m)}
    people = [
        p
        for p in m.case.participants
        if p.removed_on is None and p.agency.casefold() not in excluded
    ]
    participants(w, people)
    if excluded:
        names = ", ".join(excluded_agencies(m))
        w.para(f"Undantagen i samtycket, får inga uppgifter ur planen: {names}.", italic=True)
    not_attended_list(w, m)
