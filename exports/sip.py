"""SIP – samordnad individuell plan: the plan everyone present signs at the end of the meeting."""

from __future__ import annotations

from typing import TYPE_CHECKING

from exports import record_sections as r
from exports import sections as s
from exports import signing
from exports.layout import Look
from model.views import MeetingView

if TYPE_CHECKING:
    from docx.document import Document

TITLE = "Samordnad individuell plan (SIP)"


def build_sip_document(m: MeetingView, look: Look | str | None = None) -> Document:
    w, look = s.start(TITLE, m, look)
    w.title(TITLE, f"för {m.case.child_name}")
    s.meeting_facts(w, m)
    if m.question.strip():
        w.labelled_text("Frågeställning", m.question)

    w.heading("Barnet och vårdnadshavarna")
    s.child_and_guardians(w, m)

    w.heading("Deltagare i nätverket")
    r.network(w, m)

    w.heading("Samtycke")
    s.consent(w, m)

    w.heading("Bakgrund och nuläge")
    w.heading("Familjens berättelse", 2)
    s.family_story(w, m, child=False)
    w.heading("Professionernas redogörelser", 2)
    s.accounts(w, m)

    w.heading("Barnets egen beskrivning och mål")
    w.labelled_text(f"{m.case.child_name} berättar", m.family_story_child)
    s.goals(w, m, ("child",))
    w.labelled_text("Barnets syn på insatserna", m.child_view)
    w.labelled_text("Vårdnadshavarnas syn på insatserna", m.guardians_view)
    if m.child_present is False or m.child_absence_reason.strip():
        w.labelled_text("Varför barnet inte deltog", m.child_absence_reason)

    w.heading("Mål")
    s.goals(w, m, ("long", "short"))

    w.heading("Insatser")
    s.action_table(w, [a for a in m.actions if not s.is_by_others(a)])
    others = [a for a in m.actions if s.is_by_others(a)]
    if others:
        w.heading("Insatser av andra än kommunen och regionen")
        s.action_table(w, others)

    w.heading("Det familjen och barnet gör själva")
    w.labelled_text("Familjen", m.family_contribution)
    w.labelled_text("Barnet", m.child_contribution)

    r.refusals(w, m)

    w.heading("Ansvar för planen")
    s.responsibility(w, m)

    if not m.is_closing or m.next_date is not None:
        w.heading("Nästa uppföljning")
        s.next_meeting(w, m)
    if m.is_closing:
        w.heading("Avslut")
        s.closing(w, m)

    w.heading("Underskrifter")
    signing.signatures(w, m, "Vi som deltagit i mötet är överens om planen ovan.")

    w.heading("Kopia till")
    signing.distribution(w, m)
    return w.finish()
