"""The Västbas roles of a case (seed 004): two koordinatorer who lead the process, a
kontaktperson from the elevhälsoteam appointed by the rektor, and the child's språkrör.

The kontaktperson rule: "Rektorer eller socialsekreterare skall inte ha kontaktpersonsuppdrag,
då dessa har ansvar för att ta beslut i sin myndighetsutövning." Lotsen warns, never refuses
(a small school may have no one else; the leader decides).

Who counts: a role (or the kontaktperson's own text) with a word ending in "rektor" (rektor,
biträdande rektor, bitr. rektor, förskolerektor: a biträdande rektor decides on the rektor's
delegation, so the reason in the seed holds for them too) or in "socialsekreterare"; compared
without regard to case. The role is the network participant's whose name the kontaktperson
field holds (or begins with, as in "Karin Ek, Björkskolan").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from model.routines import RoutineError, get_routine
from model.views import PersonView

# Roles that may not hold the kontaktperson role, by the ending of a word in the role.
BARRED_ENDINGS = ("rektor", "socialsekreterare")
_WORD = re.compile(r"[^\W\d_]+")
_SPACE = re.compile(r"\s+")


def is_vastbas(routine_id: str) -> bool:
    """A case or meeting run by a Västbas routine (its plan has a kontaktperson)."""
    try:
        return get_routine(routine_id).coordinator == "kontaktperson"
    except RoutineError:
        return False


def barred_role(text: str) -> str:
    """The barred word in a role or name ("Biträdande rektor" -> "rektor"); "" when none."""
    for word in _WORD.findall(text.casefold()):
        for ending in BARRED_ENDINGS:
            if word.endswith(ending):
                return ending
    return ""


def _norm(name: str) -> str:
    return _SPACE.sub(" ", name).strip().casefold()


def named_person(name: str, people: Iterable[PersonView]) -> PersonView | None:
    """The participant the text names: the same name, or the text begins with the name and
    goes on after a comma, a parenthesis or a dash. The longest name wins."""
    wanted = _norm(name)
    best: PersonView | None = None
    for p in people:
        own = _norm(p.name)
        if not own or not wanted.startswith(own):
            continue
        rest = wanted[len(own) :].lstrip()
        if (not rest or rest[0] in "(,-–") and (best is None or len(own) > len(_norm(best.name))):
            best = p
    return best


def contact_person_warning(
    name: str, people: Iterable[PersonView], shown: Callable[[str], str] = str
) -> str:
    """Pure: a Swedish warning when the kontaktperson is a rektor or a socialsekreterare (by
    the named participant's role, or by the text itself); "" when the choice is fine.
    `shown` writes the person's name as the screen may show it (initials in privacy mode)."""
    name = name.strip()
    if not name:
        return ""
    person = named_person(name, people)
    barred = barred_role(person.role) if person is not None else ""
    role = person.role.strip() if person is not None and barred else ""
    if not barred:
        barred = barred_role(name)
    if not barred:
        return ""
    who = shown(person.name if person is not None else name)
    what = role.lower() if role else barred
    return (
        f"{who} är {what}. Enligt Västbas ska rektor eller socialsekreterare inte vara "
        "kontaktperson (de fattar beslut i sin myndighetsutövning). Välj någon i "
        "elevhälsoteamet som rektor utser."
    )
