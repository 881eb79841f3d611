"""What the family's consents mean for a meeting (pure functions over views, no store).

Every function reads the consents "in force" on a day (ConsentView.in_force) and compares
agencies without case; an exclusion ("Omfattar inte") in any consent in force wins over
another consent that covers the agency.

- Coverage (samtyckets täckning): `consent_gaps` lists the invited or present agencies no
  consent in force covers, or that the family excluded, one ConsentGap per agency. The
  planning screen warns per agency, the export of a Kallelse asks first, the readiness list
  counts them.
- The sekretess step reads out the exclusions of every consent in force:
  `exclusions_in_force`, `exclusion_line`.
- A verbal consent given at the meeting is prefilled with the agencies the written consent
  does not cover yet, never with one the family excluded (the leader may still type it, after
  asking the family): `prefill_agencies`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from model.views import CaseView, ConsentView, PersonView

__all__ = [
    "ConsentGap",
    "consent_gaps",
    "exclusion_line",
    "exclusions_in_force",
    "is_excluded",
    "join_names",
    "prefill_agencies",
]


@dataclass(frozen=True)
class ConsentGap:
    """An agency the consents in force on `on` do not cover (`excluded_in` is None), or one
    the family named in a consent's exclusions (the first such consent)."""

    agency: str
    people: tuple[PersonView, ...]  # the people of the agency, in the order given
    on: dt.date
    excluded_in: ConsentView | None = None
    any_in_force: bool = True  # False: no consent at all is in force on the date

    @property
    def text(self) -> str:
        """The gap in one Swedish sentence, without the people."""
        if self.excluded_in is not None:
            return (
                f"Familjen har undantagit {self.agency} i samtycket "
                f"{self.excluded_in.given_on.isoformat()}"
            )
        if self.any_in_force:
            return f"Samtycket täcker inte {self.agency}"
        return f"{self.agency} omfattas inte av något samtycke som gäller {self.on.isoformat()}"

    @property
    def names(self) -> str:
        """ "Karin Ek", "Karin Ek och Ahmed Hassan", "A, B och C"."""
        return join_names(p.name for p in self.people)


def join_names(names: Iterable[str]) -> str:
    items = [n for n in names if n]
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " och " + items[-1]


def gap_people(gaps: Iterable[ConsentGap], show: Callable[[str], str] = str) -> str:
    """ "Per Öberg (BUP) och Gun Berg (Polisen)": who the gaps are about (`show`: a name as
    the screen shows it, e.g. initials in the privacy mode)."""
    return join_names(f"{show(p.name)} ({g.agency})" for g in gaps for p in g.people)


def consent_gaps(case: CaseView, people: Iterable[PersonView], on: dt.date) -> list[ConsentGap]:
    """Pure: the agencies of `people` (professionals; guardians and private persons have
    none) that the consents in force on `on` do not cover or that the family excluded, one
    gap per agency (compared without case) in the order the agencies first appear. An
    exclusion in any consent in force wins over another consent that covers the agency."""
    in_force = case.consents_in_force(on)
    groups: dict[str, tuple[str, list[PersonView]]] = {}
    for person in people:
        agency = person.agency.strip()
        if not agency:
            continue
        key = agency.casefold()
        if key not in groups:
            groups[key] = (agency, [])
        if all(p.id != person.id for p in groups[key][1]):
            groups[key][1].append(person)
    gaps: list[ConsentGap] = []
    for agency, members in groups.values():
        excluded = next((c for c in in_force if c.excludes(agency)), None)
        if excluded is None and any(c.covers(agency) for c in in_force):
            continue
        gaps.append(ConsentGap(agency, tuple(members), on, excluded, bool(in_force)))
    return gaps


# -- the meeting guide: exclusions and a verbal consent ----------------------------------
def exclusions_in_force(consents: Iterable[ConsentView], on: dt.date) -> list[ConsentView]:
    """The consents in force on `on` that exclude something, in the order given."""
    return [c for c in consents if c.in_force(on) and c.exclusions.strip()]


def exclusion_line(consent: ConsentView, name: Callable[[str], str] = str) -> str:
    """One line to read out: "Samtycke 2026-01-10 (skriftligt, Lina Berg) omfattar inte:
    BUP". `name` shows the person who gave it (initials in the privacy mode)."""
    what = "; ".join(line.strip() for line in consent.exclusions.splitlines() if line.strip())
    return (
        f"Samtycke {consent.given_on.isoformat()} ({consent.form}, "
        f"{name(consent.given_by)}) omfattar inte: {what}"
    )


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
