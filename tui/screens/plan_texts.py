"""What the planning screen says: the routine a new meeting follows, the routine's deadline and
the consent warnings, in plain Swedish (pure; no widgets)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from model.consent import ConsentGap, join_names
from model.deadline import last_allowed_date
from model.routines import get_routine, routines
from model.validation import InvalidInput, parse_date


def default_routine(case_routine: str, has_meetings: bool) -> str:
    """A first meeting follows the case's routine; later ones are follow-ups."""
    if not has_meetings:
        return case_routine
    follow_ups = [r.id for r in routines().values() if r.follow_up]
    if "uppfoljande_lotsmote" in follow_ups:
        return "uppfoljande_lotsmote"
    return follow_ups[0] if follow_ups else case_routine


def deadline_text(routine_id: str, agreed_on: dt.date | None, planned: dt.date | None,
                  today: dt.date) -> tuple[str, bool]:  # fmt: skip
    """The routine's last allowed date in words, and whether the chosen date is too late."""
    routine = get_routine(routine_id)
    if routine.deadline.kind == "none":
        return "Rutinen sätter ingen tidsgräns för mötet.", False
    if agreed_on is None:
        return (f"Rutinen: mötet ska hållas {routine.deadline.describe()} från att det "
                "bestämdes. Fyll i när det bestämdes.", False)  # fmt: skip
    last = last_allowed_date(agreed_on, routine.deadline)
    if last is None:  # e.g. year 9999 from an older database
        return (f"Lotsen kan inte räkna ut rutinens sista dag från {agreed_on}. Kontrollera "
                "datumet då mötet bestämdes.", True)  # fmt: skip
    rule = f"{routine.deadline.describe()} från {agreed_on}"
    if planned is not None and planned > last:
        return (f"Varning: {planned} är senare än rutinen tillåter. Sista dag är {last} "
                f"({rule}).", True)  # fmt: skip
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
