"""Minnesanteckningar: every agenda step in the routine's order, its content and its notes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from exports import roles, signing
from exports import sections as s
from exports.layout import Look, Writer
from exports.text import clock, date_words, person_line, status_label, yes_no
from model.routines import Step
from model.views import MeetingView

if TYPE_CHECKING:
    from docx.document import Document

TITLE = "Minnesanteckningar"


def build_notes_document(m: MeetingView, look: Look | str | None = None) -> Document:
    w, look = s.start(TITLE, m, look)
    w.title(TITLE, f"{m.routine.name} kring {m.case.child_name}")
    s.meeting_facts(w, m)
    roles.roles_block(w, m)
    held = _held_times(m)
    if held:
        w.para(f"Mötet pågick {held}.", italic=True)
    used: set[tuple[str, str]] = set()
    for step in m.routine.steps:
        w.heading(step.title)
        _STEP_CONTENT.get(step.kind, _nothing)(w, m)
        if step.kind == "text":
            _text_fields(w, m, step, used)
        _step_notes(w, m, step, used)
    # Notes of steps the routine no longer has: kept, never lost.
    step_ids = {st.id for st in m.routine.steps}
    rest = sorted(
        k for k in m.notes if k not in used and k[0] not in step_ids and m.notes[k].strip()
    )
    if rest:
        w.heading("Övriga anteckningar")
        for step_id, key in rest:
            w.labelled_text(f"{step_id} ({key})", m.notes[(step_id, key)])
    return w.finish()


def _held_times(m: MeetingView) -> str:
    """When the meeting really went on, from the clock in Lotsen, only when it is believable:
    the same day as the meeting and at least ten minutes (a record opened and closed at the
    desk says nothing about the meeting, whose own time is in the facts above)."""
    a, b = m.started_at, m.ended_at
    if a is None or b is None or a.date() != m.date or (b - a).total_seconds() < 600:
        return ""
    return f"från {clock(a)} till {clock(b)}"  # "Mötet pågick 17.59." read as a time, not a span


def _step_notes(w: Writer, m: MeetingView, step: Step, used: set[tuple[str, str]]) -> None:
    keys = sorted(k for k in m.notes if k[0] == step.id and k not in used)
    for key in keys:
        used.add(key)
        text = m.notes[key]
        if text.strip():
            w.labelled_text("Anteckningar" if key[1] == "notes" else key[1], text)
    if step.kind == "questions" and not any(m.note(step.id, k[1]).strip() for k in keys):
        w.blank(3)  # nothing written yet: lines, never an empty heading


def _text_fields(w: Writer, m: MeetingView, step: Step, used: set[tuple[str, str]]) -> None:
    for f in step.fields:
        if f.key.startswith("meeting."):
            value = str(getattr(m, f.key[len("meeting.") :], "") or "")
        else:
            used.add((step.id, f.key))
            value = m.note(step.id, f.key)
        w.labelled_text(f.label, value)


def _nothing(w: Writer, m: MeetingView) -> None:
    pass


def _confidentiality(w: Writer, m: MeetingView) -> None:
    if s.is_planned(m):
        w.labelled("Sekretessen togs upp", "☐ ja   ☐ nej")
    else:
        w.labelled("Sekretessen togs upp", yes_no(m.confidentiality_covered))
    s.consent(w, m)


def _family(w: Writer, m: MeetingView) -> None:
    s.family_story(w, m)


def _dialog(w: Writer, m: MeetingView) -> None:
    w.para("Mål", bold=True, keep_next=True)
    s.goals(w, m, ("long", "short", "child"))
    planned = s.is_planned(m)
    if m.carried_actions:
        w.para("Tidigare insatser: status och resultat", bold=True, keep_next=True)
        rows = [
            (
                f"{a.number}. {s.cell(a.what)}",
                "" if planned else status_label(a.status),
                "" if planned else s.cell(a.result),
            )
            for a in m.carried_actions
        ]
        w.table(("Insats", "Status", "Resultat"), rows, (6.0, 2.6, 8.4), size=9)
    w.para("Insatser", bold=True, keep_next=True)
    s.action_table(w, list(m.actions), with_status=m.is_follow_up and not planned)


def _summary(w: Writer, m: MeetingView) -> None:
    w.labelled_text("Barnets syn", m.child_view)
    w.labelled_text("Vårdnadshavarnas syn", m.guardians_view)
    if m.child_present is not True:
        w.labelled_text("Varför barnet inte deltog", m.child_absence_reason)
    s.responsibility(w, m)
    w.labelled_text("Deltar nästa gång", "\n".join(person_line(p) for p in m.next_invitees))


def _closing(w: Writer, m: MeetingView) -> None:
    if m.is_closing:
        w.labelled("Ärendet avslutades", date_words(m.case.closed_on))
        w.labelled("Skäl", m.case.closing_reason)
        w.labelled(
            "Familjen vet hur de gör om det blir sämre igen", yes_no(m.case.family_told_if_worse)
        )
        w.labelled(s.IF_WORSE_LABEL, m.case.if_worse_plan)
    else:
        s.next_meeting(w, m)
    if s.is_planned(m):
        w.fill_line("Har skrivit under")
        w.fill_line("Har fått kopia")
        return
    signed = [a.participant.name for a in m.attendance if a.signed]
    if m.child_signed:
        signed.append(f"{m.case.child_name} (barnet)")
    got = [a.participant.name for a in m.attendance if a.received_copy]
    w.labelled("Har skrivit under", ", ".join(signed))
    if m.child_present and not m.child_signed:
        w.labelled("Barnet", "deltog men skrev inte under")
    w.labelled("Har fått kopia", ", ".join(got))


_STEP_CONTENT = {
    "attendance": signing.attendance,
    "confidentiality": _confidentiality,
    "family_story": _family,
    "accounts": s.accounts,
    "dialog": _dialog,
    "summary": _summary,
    "closing": _closing,
}
