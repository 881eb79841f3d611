"""What the planning screen says: the routine a new meeting follows, the routine's deadline and
the consent warnings, in plain Swedish (pure; no widgets), and what the form opens with."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from model.consent import ConsentGap, join_names
from model.deadline import last_allowed_date
from model.routines import get_routine, routines
from model.validation import InvalidInput, parse_date

if TYPE_CHECKING:
    from model.settings import Settings
    from model.store import Store
    from model.views import CaseView


@dataclass(frozen=True)
class PlanStart:
    """What Planera möte opens with, read before the screen is composed: the case, the goals
    and actions a follow-up carries, and the form's values."""

    case: CaseView
    carried: tuple[int, int]  # goals, actions
    values: dict[str, Any]


def default_routine(case_routine: str, has_meetings: bool) -> str:
    """A first meeting follows the case's routine; later ones are follow-ups."""
    if not has_meetings:
        return case_routine
    follow_ups = [r.id for r in routines().values() if r.follow_up]
    if "uppfoljande_lotsmote" in follow_ups:
        return "uppfoljande_lotsmote"
    return follow_ups[0] if follow_ups else case_routine


def deadline_text(
    routine_id: str, agreed_on: dt.date | None, planned: dt.date | None, today: dt.date
) -> tuple[str, bool]:
    """The routine's last allowed date in words, and whether the chosen date is too late."""
    routine = get_routine(routine_id)
    if routine.deadline.kind == "none":
        return "Rutinen sätter ingen tidsgräns för mötet.", False
    if agreed_on is None:
        return (
            f"Rutinen: mötet ska hållas {routine.deadline.describe()} från att det "
            "bestämdes. Fyll i när det bestämdes.",
            False,
        )
    last = last_allowed_date(agreed_on, routine.deadline)
    if last is None:  # e.g. year 9999 from an older database
        return (
            f"Lotsen kan inte räkna ut rutinens sista dag från {agreed_on}. Kontrollera "
            "datumet då mötet bestämdes.",
            True,
        )
    rule = f"{routine.deadline.describe()} från {agreed_on}"
    if planned is not None and planned > last:
        return (
            f"Varning: {planned} är senare än rutinen tillåter. Sista dag är {last} ({rule}).",
            True,
        )
    if planned is not None and planned < today:
        return f"Sista dag enligt rutinen: {last} ({rule}). Obs! {planned} har redan varit.", True
    ok = " Datumet håller tidsgränsen." if planned else ""
    return f"Sista dag enligt rutinen: {last} ({rule}).{ok}", False


def date_or_none(text: str, today: dt.date) -> dt.date | None:
    """The date typed (a date without a year is in the year of `today`), or None."""
    try:
        return parse_date(text, today=today)
    except InvalidInput:
        return None


def consent_warnings(gaps: list[ConsentGap], show: Callable[[str], str]) -> list[str]:
    """One line per invited agency the consent does not cover or the family excluded."""
    lines = []
    for gap in gaps:
        who = join_names(show(p.name) for p in gap.people)
        verb = "är inbjudna" if len(gap.people) > 1 else "är inbjuden"
        lines.append(f"! {gap.text} ({who} {verb})")
    return lines


def read_plan_start(
    store: Store, settings: Settings, today: dt.date, case_id: int, meeting_id: int | None
) -> PlanStart:
    """What the form opens with: the meeting as stored, or a new meeting's defaults (the
    last meeting's "next meeting", the settings' name and place)."""
    if meeting_id is not None:
        m = store.get_meeting(meeting_id)
        carried = (len(m.goals), len(m.carried_actions))
        return PlanStart(
            m.case,
            carried,
            {
                "routine_id": m.routine.id,
                "planned_date": str(m.planned_date or ""),
                "planned_time": m.planned_time,
                "place": m.place,
                "agreed_on": str(m.agreed_on or ""),
                "question": m.question,
                "leader": m.leader,
                "note_taker": m.note_taker,
                "convener": m.convener,
                "invitee_ids": [p.id for p in m.invitees],
            },
        )
    case = store.get_case(case_id)
    draft = store.meeting_draft(case_id)
    me = settings.leader_name
    return PlanStart(
        case,
        (draft.goals, draft.carried_actions),
        {
            "routine_id": default_routine(case.routine_id, draft.has_meetings),
            "planned_date": str(draft.planned_date or ""),
            "planned_time": draft.planned_time,
            "place": draft.place or settings.default_place,
            "agreed_on": str(today),
            "question": "",
            # Seed 000: the one who invites leads the meeting and takes the notes.
            "leader": me,
            "note_taker": me,
            "convener": draft.convener or me,
            "invitee_ids": list(draft.invitee_ids),
        },
    )
