"""Samtyckets täckning: which invited or present agencies no consent in force covers, or
the family excluded. One function, read by the planning screen (a warning per agency), the
export of a Kallelse (asked first) and the readiness list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from model.views import CaseView, ConsentView, PersonView


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
            return (f"Familjen har undantagit {self.agency} i samtycket "
                    f"{self.excluded_in.given_on.isoformat()}")  # fmt: skip
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
