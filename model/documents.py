"""Every file Lotsen writes for a leader, in one registry: its code (the CLI's --doc, a
routine's `document`), its Swedish title, its file stem, its suffix and whether it is written
per meeting or per case. The exports build them; the export dialog, the CLI and the routines
read this list. Also the child's initials that every file name carries."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from model.validation import clean_text, is_visible_letter


class Scope(StrEnum):
    MEETING = "meeting"  # one per meeting: <stem>_<initials>_<meeting date>
    CASE = "case"  # one per case: <stem>_<initials>_<day written>
    PERIOD = "period"  # counts for a period, no person: <stem>_<first day>_<last day>


@dataclass(frozen=True)
class DocumentKind:
    code: str
    title: str  # Swedish, as in the export dialog and a document's properties
    stem: str  # the start of the file name (ASCII)
    scope: Scope = Scope.MEETING
    suffix: str = ".docx"
    plan: bool = False  # a meeting's main document that a routine may name (sip/uppfoljning)
    routine: bool = False  # a routine file may name it as its `document`


REGISTRY: tuple[DocumentKind, ...] = (
    DocumentKind("sip", "Samordnad individuell plan (SIP)", "SIP", plan=True, routine=True),
    DocumentKind("uppfoljning", "Uppföljning av SIP", "Uppfoljning_SIP", plan=True, routine=True),
    DocumentKind("narvaro", "Närvarolista", "Narvarolista"),
    DocumentKind("kallelse", "Kallelse", "Kallelse"),
    DocumentKind("samtycke", "Sekretessamtycke", "Sekretessamtycke"),
    DocumentKind("avvikelse", "Avvikelserapport", "Avvikelserapport"),
    DocumentKind("anteckningar", "Minnesanteckningar", "Minnesanteckningar", routine=True),
    DocumentKind("foraldrainfo", "Information till vårdnadshavare", "Information_vardnadshavare"),
    DocumentKind("minplan", "Min plan (barnets egen plan)", "Min_plan"),
    DocumentKind("kalender", "Kalenderfil (.ics) för nästa möte", "Kalender", suffix=".ics"),
    DocumentKind("arende", "Ärendefil", "Arende", Scope.CASE, suffix=".lotsen"),
    DocumentKind("utvardering", "Utvärdering", "Utvardering", Scope.PERIOD),
)
BY_CODE: dict[str, DocumentKind] = {d.code: d for d in REGISTRY}
# The Word documents of a meeting, {code: title}, in the order the export dialog lists them.
WORD_DOCUMENTS: dict[str, str] = {
    d.code: d.title for d in REGISTRY if d.suffix == ".docx" and d.scope is Scope.MEETING
}
# The documents a routine file may name as the one its meeting produces.
ROUTINE_DOCUMENTS: frozenset[str] = frozenset(d.code for d in REGISTRY if d.routine)
PLAN_DOCUMENTS: frozenset[str] = frozenset(d.code for d in REGISTRY if d.plan)


def meeting_codes() -> list[str]:
    """What `lotsen export --doc` takes: every document written per meeting, in order."""
    return [d.code for d in REGISTRY if d.scope is Scope.MEETING]


def stem_of(code: str) -> str:
    """The file stem of a document ("Uppfoljning_SIP"); an unknown code is its own stem."""
    kind = BY_CODE.get(code)
    return kind.stem if kind is not None else code


MAX_INITIALS = 6
# Words are separated by white space and dashes (-, en dash, ...).
_WORD_BREAK = re.compile(r"[\s\-\u2010-\u2015\u2212]+")


def _safe_letter(ch: str) -> bool:
    """A letter that is safe and unsurprising in a file name on every system: any script written
    left to right (A-Z, å, ä, ö, é, Ж, 李 ...), never a symbol, digit, control or format
    character, and no right-to-left letter that would turn the rest of the name around."""
    return (
        is_visible_letter(ch)
        and unicodedata.category(ch) in ("Lu", "Ll", "Lt", "Lo")
        and unicodedata.bidirectional(ch) == "L"
    )


def file_initials(name: str) -> str:
    """ "Elsa Nyström" -> "EN": the child's name never appears whole in a file name.

    Only letters (see _safe_letter), at most MAX_INITIALS; "X" when the name gives none."""
    letters: list[str] = []
    for word in _WORD_BREAK.split(clean_text(name)):
        first = next((ch for ch in word if _safe_letter(ch)), "")
        letters.extend(ch for ch in first.upper() if _safe_letter(ch))
    return "".join(letters[:MAX_INITIALS]) or "X"
