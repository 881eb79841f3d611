"""Uppföljning av SIP: what became of each action and goal, the revised plan, what comes next."""

from __future__ import annotations

from typing import TYPE_CHECKING

from exports import record_sections as r
from exports import sections as s
from exports import signing
from exports.layout import Look, Writer
from exports.text import goal_label, or_blank, status_label
from model.labels import OPEN_ACTION_STATUSES
from model.views import MeetingView

if TYPE_CHECKING:
    from docx.document import Document

TITLE = "Uppföljning av SIP"
RESULT_HEIGHT = 900


def build_followup_document(m: MeetingView, look: Look | str | None = None) -> Document:
    w, look = s.start(TITLE, m, look)
    w.title(TITLE, f"för {m.case.child_name}")
    s.meeting_facts(w, m)
    if m.question.strip():
        w.labelled_text("Frågeställning", m.question)

    w.heading("Närvaro")
    signing.attendance(w, m)
    r.not_attended_list(w, m)

    w.heading("Nuläge sedan förra mötet")
    w.heading("Familjens berättelse", 2)
    s.family_story(w, m)
    w.heading("Professionernas redogörelser", 2)
    s.accounts(w, m)

    w.heading("Tidigare insatser")
    earlier = m.carried_actions
    planned = s.is_planned(m)  # status and result are written at the meeting
    rows = [
        (
            f"{a.number}. {s.cell(a.what)}",
            "\n".join(x for x in (a.responsible_org, a.responsible_person) if x) or s.CELL_BLANK,
            "" if planned else status_label(a.status),
            "" if planned else s.cell(a.result),
        )
        for a in earlier
    ]
    if not rows:
        w.para("Det fanns inga tidigare insatser att följa upp.", italic=True)
    else:
        # Before the meeting: room to write status and result by hand (16 mm a row).
        heights = [RESULT_HEIGHT] * len(rows) if planned else None
        w.table(
            ("Insats", "Ansvarig", "Status", "Resultat"),
            rows,
            (4.8, 4.4, 2.3, 5.5),
            size=9,
            heights=heights,
        )

    r.deviations(w, m)

    w.heading("Måluppfyllelse")
    _goal_progress(w, m)

    w.heading("Reviderade och nya mål och insatser")
    new_goals = [g for g in m.goals if g.carried_from_id is None]
    w.para("Nya mål", bold=True, keep_next=True, after=1)
    if not new_goals and s.is_planned(m):
        w.blank(2, indent_cm=0.5)
    elif not new_goals:
        w.para("Inga nya mål.", italic=True, indent_cm=0.5)
    for g in new_goals:
        w.para(f"{goal_label(g.kind)}: {or_blank(g.text)}", indent_cm=0.5, after=2)
    going_on = [a for a in m.actions if a.status in OPEN_ACTION_STATUSES]
    w.para("Insatser framåt (fortsatta och nya)", bold=True, keep_next=True, after=2)
    s.action_table(w, going_on, with_status=not planned)

    r.refusals(w, m)

    w.heading("Barnets och vårdnadshavarnas syn")
    w.labelled_text("Barnets syn", m.child_view)
    w.labelled_text("Vårdnadshavarnas syn", m.guardians_view)
    if m.child_present is not True:
        w.labelled_text("Varför barnet inte deltog", m.child_absence_reason)

    w.heading("Ansvar för planen")
    s.responsibility(w, m)

    if m.is_closing:
        w.heading("Avslut")
        _closing(w, m)
    else:
        w.heading("Nästa uppföljning")
        s.next_meeting(w, m)

    w.heading("Underskrifter")
    signing.signatures(w, m, "Vi som deltagit i uppföljningen är överens om det som står ovan.")

    w.heading("Kopia till")
    signing.distribution(w, m)
    return w.finish()


def _goal_progress(w: Writer, m: MeetingView) -> None:
    if not m.goals:
        if s.is_planned(m):
            w.table(("Typ", "Mål", "Hur långt har vi kommit?"), [("", "", "")] * 3, (3.2, 6.3, 7.5))
        else:
            w.para("Inga mål var satta.", italic=True)
        return
    rows = [
        (goal_label(g.kind), or_blank(g.text, s.CELL_BLANK), s.cell(g.progress)) for g in m.goals
    ]
    w.table(("Typ", "Mål", "Hur långt har vi kommit?"), rows, (3.0, 7.4, 6.6))


def _closing(w: Writer, m: MeetingView) -> None:
    s.closing(w, m)
