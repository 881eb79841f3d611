"""Family and friends are not agencies: someone who came along and is named by a relation
("Gun Berg, mormor") is a private person (kind "other"), with the relation as the role. A
private person gives no account as a profession and does not sign the plan by default."""

from __future__ import annotations

# A relation to the child or the family, as a leader types it in the walk-in field.
RELATIONS = frozenset(
    """
    mamma pappa mor far förälder föräldrar
    mormor morfar farmor farfar mormors morfars farmors farfars
    morföräldrar farföräldrar gammelmormor gammelmorfar gammelfarmor gammelfarfar
    moster faster morbror farbror
    syster bror syskon storasyster storebror lillasyster lillebror halvsyster halvbror
    styvmamma styvpappa styvmor styvfar styvsyster styvbror
    bonusmamma bonuspappa bonussyster bonusbror
    kusin släkting släkt gudmor gudfar gudförälder
    granne grannen vän väninna kompis
    """.split()
)


def is_relation(text: str) -> bool:
    """The text names a family relation or a friend ("mormor", "Moster till Elsa",
    "granne"), not an agency: its first word is a relation."""
    words = text.replace("(", " ").replace(")", " ").replace(",", " ").split()
    return bool(words) and words[0].casefold() in RELATIONS


def walk_in_person(organisation: str, role: str) -> tuple[str, str, str]:
    """(kind, organisation, role) of someone who came to the meeting uninvited, from what
    was typed: with an agency a professional; with a relation in the agency's place (or no
    agency) a private person, the relation kept as the role."""
    organisation, role = organisation.strip(), role.strip()
    if is_relation(organisation):
        return "other", "", ", ".join(x for x in (organisation, role) if x)
    return ("professional" if organisation else "other"), organisation, role
