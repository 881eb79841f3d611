"""The Västbas roles of a case as the documents print them (seed 004): koordinator 1 and 2,
the kontaktperson and the child's språkrör. Only for a meeting of a Västbas routine."""

from __future__ import annotations

from typing import TYPE_CHECKING

from model.views import MeetingView

if TYPE_CHECKING:
    from exports.layout import Writer


def vastbas_role_rows(m: MeetingView) -> list[tuple[str, str]]:
    """(label, value) rows for the responsibility table; none for other routines. The
    kontaktperson is printed by the caller (it is the plan's samordnare in Västbas)."""
    if m.routine.coordinator != "kontaktperson":
        return []
    c = m.case
    return [
        ("Koordinator 1 (leder processen)", c.coordinator_1),
        ("Koordinator 2 (dokumenterar)", c.coordinator_2),
    ]


def spokesperson(m: MeetingView) -> str:
    """The språkrör named at this meeting, else the case's (with the relation)."""
    return m.childs_voice.strip() or m.case.spokesperson_line


def roles_block(w: Writer, m: MeetingView) -> None:
    """The roles under the meeting's facts, in the notes of a Västbas meeting that has no
    summary step (förmöte, nätverksmöte 1: the summary's responsibility table prints them
    otherwise). An empty role gets room to write by hand: the förmöte appoints the språkrör."""
    if m.routine.coordinator != "kontaktperson" or m.routine.has_kind("summary"):
        return
    contact = m.contact_person.strip() or m.case.contact_person
    w.para("Roller i Västbasprocessen", bold=True, keep_next=True)
    w.fields(
        [*vastbas_role_rows(m), ("Kontaktperson", contact), ("Barnets språkrör", spokesperson(m))]
    )
