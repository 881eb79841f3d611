"""Checking input at the model's edge; every message is Swedish and names the field."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from stdnum import luhn

from model.labels import ActionStatus, AttendanceStatus, ConsentForm


class InvalidInput(ValueError):
    """Bad input for one field; `field` names it (code name), str(self) is the Swedish message."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


# Characters removed when text is stored, because they cannot go into a DOCX (XML 1.0) or
# because they are invisible and change how the text around them is shown:
# - C0 controls other than tab and newline, DEL, and the C1 controls U+0080-U+009F (U+009B is
#   the terminal's CSI). U+0085 NEXT LINE is a line break, so it becomes "\n" (as do
#   U+2028/U+2029) before this runs;
# - lone surrogates and the non-characters U+FFFE/U+FFFF;
# - every format character (Unicode category Cf): bidi overrides and isolates (U+202A-U+202E,
#   U+2066-U+2069), marks (U+200E/U+200F, U+061C), zero width space U+200B, soft hyphen
#   U+00AD, word joiner U+2060, BOM U+FEFF, invisible operators, interlinear annotation, tag
#   characters (so a subdivision flag like Scotland's is shown as a plain black flag), ...
#   Kept: U+200C ZERO WIDTH NON-JOINER (Persian and others) and U+200D ZERO WIDTH JOINER
#   (emoji sequences: man, ZWJ, woman, ZWJ, girl is one family emoji). Variation selectors
#   (U+FE0F) are not format characters and stay.
# The list is the Cf category of Unicode 14-16 (Python 3.11-3.14); a test checks it against
# the running Python's unicodedata.
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
_FORMAT_BMP = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b\u200e\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
)
_FORMAT_ASTRAL = (
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"
)
UNSTORABLE = re.compile(f"[{_CONTROLS}{_FORMAT_BMP}{_FORMAT_ASTRAL}]")
# The regex engine tests a class of BMP characters in one step but the astral ranges one by
# one (3-4 times slower). Most text holds neither a bad character nor any astral one (emoji),
# so one quick pass with this class decides whether the full one is needed at all.
_MAYBE_UNSTORABLE = re.compile(f"[{_CONTROLS}{_FORMAT_BMP}\U00010000-\U0010ffff]")
_LINE_BREAKS = ("\r\n", "\r", "\x85", "\u2028", "\u2029")


def clean_text(value: object) -> str:
    """Text as it will be stored: å/ä/ö, newlines, tabs and emoji kept; control, bidi and
    other invisible format characters gone; every line break is a newline; NFC.

    Idempotent: clean_text(clean_text(x)) == clean_text(x). Fast enough for every keystroke
    save of a long note: a few str.replace scans and one or two precompiled regex passes.
    """
    if value is None:
        return ""
    text = str(value)
    for brk in _LINE_BREAKS:
        if brk in text:
            text = text.replace(brk, "\n")
    if _MAYBE_UNSTORABLE.search(text):
        text = UNSTORABLE.sub("", text)
    return unicodedata.normalize("NFC", text)


# Hangul fillers are letters (category Lo) that show as nothing.
_INVISIBLE_LETTERS = frozenset("\u115f\u1160\u3164\uffa0")


def is_visible_letter(ch: str) -> bool:
    """A letter (Unicode category L*) of any script that shows: å, ö, é, Ж, 李 ..."""
    return ch.isalpha() and ch not in _INVISIBLE_LETTERS


def has_letter(text: str) -> bool:
    """True if text has at least one visible letter."""
    return any(map(is_visible_letter, text))


def required_name(value: object, field: str, label: str) -> str:
    text = clean_text(value).strip()
    if not text:
        raise InvalidInput(field, f"{label} måste fyllas i.")
    if len(text) > 200:
        raise InvalidInput(field, f"{label} är för långt (högst 200 tecken).")
    if not has_letter(text):
        raise InvalidInput(field, f"{label} måste innehålla minst en bokstav.")
    return text


def _has_other_digits(text: str) -> bool:
    """Digits that are not 0-9: superscript ², full-width ２, Arabic-Indic ٢, circled ②, ..."""
    return any(ch.isnumeric() and not ("0" <= ch <= "9") for ch in text)


def _ascii_digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


FIRST_YEAR, LAST_YEAR = 1900, 2100


def personnummer(value: object, field: str = "personnummer", *, today: dt.date) -> str | None:
    """Personnummer or samordningsnummer: 10 or 12 digits, - or + before the last four, Luhn,
    a real date (samordningsnummer: day + 60), born no later than `today` (the store's or the
    app's clock). A 10-digit number is of the latest century that makes its birth day no
    later than today; with + it is 100 years or older.

    Returns the 12-digit form (ÅÅÅÅMMDDNNNN), or None for an empty value.
    """
    raw = clean_text(value).strip().replace(" ", "")
    if not raw:
        return None
    label = "Personnumret"
    if _has_other_digits(raw):
        raise InvalidInput(field, f"{label} får bara innehålla siffrorna 0–9 (och - eller +).")
    body = raw.replace("-", "").replace("+", "")
    seps = raw.count("-") + raw.count("+")
    if (
        not _ascii_digits(body)
        or len(body) not in (10, 12)
        or seps > 1
        or (seps == 1 and raw[-5] not in "-+")
    ):
        raise InvalidInput(
            field,
            f"{label} ska ha 10 eller 12 siffror, t.ex. 20150312-1234 eller 150312-1234.",
        )
    day = int(body[-6:-4])
    coordination = day > 60
    kind = "Samordningsnumret" if coordination else label
    month, real_day = int(body[-8:-6]), day - 60 if coordination else day
    try:
        if len(body) == 12:
            birth = dt.date(int(body[:4]), month, real_day)
        else:
            yy = int(body[:2])
            year = today.year - (today.year - yy) % 100  # the latest year ending in yy
            if (month, real_day) > (today.month, today.day) and year == today.year:
                year -= 100
            if "+" in raw:
                year -= 100
            birth = dt.date(year, month, real_day)
    except ValueError:
        raise InvalidInput(field, f"{kind} innehåller inget giltigt datum.") from None
    if birth > today:
        raise InvalidInput(field, f"{kind} har ett födelsedatum i framtiden.")
    if birth.year < FIRST_YEAR:
        raise InvalidInput(field, f"{kind} har ett födelseår före {FIRST_YEAR}.")
    if not luhn.is_valid(body[-10:]):
        raise InvalidInput(
            field, f"{kind} stämmer inte (kontrollsiffran är fel). Kontrollera siffrorna."
        )
    return f"{birth.year:04d}{body[-8:]}"


def format_personnummer(stored: str | None) -> str:
    """20150312NNNN -> 20150312-NNNN for screens and documents."""
    if not stored:
        return ""
    return f"{stored[:8]}-{stored[8:]}" if len(stored) == 12 else stored


# [0-9], never \d: Python's \d also matches Arabic-Indic, full-width and other digits.
_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_COMPACT = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})")
_DAY_MONTH = re.compile(r"([0-9]{1,2})[/.]([0-9]{1,2})(?:[ /.-]+([0-9]{2}|[0-9]{4}))?")


def in_date_range(day: dt.date) -> bool:
    """Dates Lotsen works with: years 1900-2100 (older databases may hold others)."""
    return FIRST_YEAR <= day.year <= LAST_YEAR


def _out_of_range(field: str, label: str) -> InvalidInput:
    return InvalidInput(field, f"{label} måste ligga mellan år {FIRST_YEAR} och {LAST_YEAR}.")


def parse_date(
    value: object, field: str = "datum", label: str = "Datumet", *, today: dt.date
) -> dt.date | None:
    """Dates as Swedes type them: 2026-11-23, 23/11 2026, 20261123, 23/11 (the year of
    `today`: the store's or the app's clock).

    Only years 1900-2100 and only the digits 0-9 are accepted."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        if not in_date_range(value):
            raise _out_of_range(field, label)
        return value
    text = clean_text(value).strip()
    if not text:
        return None
    if _has_other_digits(text):
        raise InvalidInput(field, f"{label} får bara innehålla siffrorna 0–9.")
    if m := _ISO.fullmatch(text):
        year, month, day = (int(g) for g in m.groups())
    elif m := _COMPACT.fullmatch(text):
        year, month, day = (int(g) for g in m.groups())
    elif m := _DAY_MONTH.fullmatch(text):
        day, month, typed_year = int(m.group(1)), int(m.group(2)), m.group(3)
        year = int(typed_year) if typed_year else today.year
        if typed_year and len(typed_year) == 2:  # 23/11-26 is 2026; 0026 stays year 26
            year += 2000
    else:
        raise InvalidInput(
            field,
            f"{label} kan inte läsas som ett datum. Skriv t.ex. 2026-11-23, 23/11 2026 eller 23/11.",
        )
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise _out_of_range(field, label)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise InvalidInput(field, f"{label} finns inte i kalendern ({text}).") from None


_TIME = re.compile(r"([0-9]{1,2})(?:[.:]([0-9]{2}))?")


def parse_time(value: object, field: str = "tid", label: str = "Tiden") -> str:
    """14.30, 14:30, 1430 or 14 -> '14.30' (Swedish style); empty stays empty."""
    text = clean_text(value).strip()
    if not text:
        return ""
    if _has_other_digits(text):
        raise InvalidInput(field, f"{label} får bara innehålla siffrorna 0–9.")
    if _ascii_digits(text) and len(text) in (3, 4):
        text = f"{text[:-2]}.{text[-2:]}"
    m = _TIME.fullmatch(text)
    if not m or int(m.group(1)) > 23 or int(m.group(2) or 0) > 59:
        raise InvalidInput(field, f"{label} kan inte läsas som en tid. Skriv t.ex. 14.30.")
    return f"{int(m.group(1)):02d}.{m.group(2) or '00'}"


def choice(value: object, allowed: dict[str, str], field: str, label: str) -> str:
    text = clean_text(value).strip()
    if text in allowed:
        return text
    options = ", ".join(name for name in allowed.values() if name)
    raise InvalidInput(field, f"{label} måste vara något av: {options}.")


PRINCIPALS = {
    "": "",
    "kommun": "kommun",
    "region": "region",
    "enskild": "enskild huvudman",
    "skola": "skola",
    "annan": "annan",
}
# Who is responsible for an action (SoL 2 kap. 7 §, HSL 16 kap. 4 §): the kommun, the region,
# an enskild huvudman (a private school, a private care provider) or someone else (the family).
ACTION_PRINCIPALS = {
    "": "",
    "kommun": "kommun",
    "region": "region",
    "enskild": "enskild huvudman",
    "annan": "annan (t.ex. familjen)",
}
# The overall responsibility for the plan lies with one of the kommun and the region.
LEAD_PRINCIPALS = {"": "", "kommun": "kommun", "region": "region"}
# Statuses: the words live with their StrEnums in model.labels; these are {code: word}.
ATTENDANCE = AttendanceStatus.labels()
ACTION_STATUS = ActionStatus.labels()
GOAL_KINDS = {"long": "övergripande mål", "short": "delmål", "child": "barnets eget mål"}
CONSENT_FORMS = ConsentForm.labels()
PARTICIPANT_KINDS = {"professional": "yrkesperson", "guardian": "vårdnadshavare", "other": "annan"}
