"""The Västbas roles of a case as the documents print them (seed 004): koordinator 1 and 2,
the kontaktperson and the child's språkrör. Only for a meeting of a Västbas routine."""

from __future__ import annotations

from model.views import MeetingView


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
