"""What the family's consents mean for the meeting guide (pure functions, no store).

- The exclusions ("Omfattar inte") of every consent in force are read out in the sekretess
  step: `exclusions_in_force`, `exclusion_line`.
- A verbal consent given at the meeting is prefilled with the agencies the written consent
  does not cover yet; an agency the family excluded in a consent in force is never prefilled
  (the leader may still type it, after asking the family): `prefill_agencies`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence

from model.views import ConsentView


def exclusions_in_force(consents: Iterable[ConsentView], on: dt.date) -> list[ConsentView]:
    """The consents in force on `on` that exclude something, in the order given."""
    return [c for c in consents if c.in_force(on) and c.exclusions.strip()]


def exclusion_line(consent: ConsentView, name: Callable[[str], str] = str) -> str:
    """One line to read out: "Samtycke 2026-01-10 (skriftligt, Lina Berg) omfattar inte:
    BUP". `name` shows the person who gave it (initials in the privacy mode)."""
    what = "; ".join(line.strip() for line in consent.exclusions.splitlines() if line.strip())
    return (f"Samtycke {consent.given_on.isoformat()} ({consent.form}, "
            f"{name(consent.given_by)}) omfattar inte: {what}")  # fmt: skip


def is_excluded(agency: str, consents: Iterable[ConsentView]) -> bool:
    """The family excluded this agency in one of the consents."""
    return any(c.excludes(agency) for c in consents)


def prefill_agencies(agencies: Iterable[str], consents: Sequence[ConsentView]) -> list[str]:
    """The agencies to prefill a verbal consent with, given the consents in force: each
    named agency once (in the order given), leaving out blanks, those already covered and
    every agency excluded in any of the consents."""
    out: list[str] = []
    seen: set[str] = set()
    for agency in agencies:
        name = agency.strip()
        key = name.casefold()
        if not name or key in seen:
            continue
        seen.add(key)
        if is_excluded(name, consents) or any(c.covers(name) for c in consents):
            continue
        out.append(name)
    return out
