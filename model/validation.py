"""Checking input at the model's edge; every message is Swedish and names the field."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from stdnum import luhn


class InvalidInput(ValueError):
    """Bad input for one field; `field` names it (code name), str(self) is the Swedish message."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


# Control characters other than tab and newline, and lone surrogates, cannot go into a DOCX
# (XML 1.0) and are removed when text is stored.
_BAD_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def clean_text(value: object) -> str:
    """Text as it will be stored: å/ä/ö, newlines and emoji kept; unprintable characters gone.

    Idempotent: clean_text(clean_text(x)) == clean_text(x).
    """
    if value is None:
        return ""
    text = _BAD_CHARS.sub("", str(value).replace("\r\n", "\n").replace("\r", "\n"))
    return unicodedata.normalize("NFC", text)


def required_name(value: object, field: str, label: str) -> str:
    text = clean_text(value).strip()
    if not text:
        raise InvalidInput(field, f"{label} måste fyllas i.")
    if len(text) > 200:
        raise InvalidInput(field, f"{label} är för långt (högst 200 tecken).")
    return text


def personnummer(value: object, field: str = "personnummer") -> str | None:
    """Personnummer or samordningsnummer: 10 or 12 digits, - or + before the last four, Luhn,
    a real date (samordningsnummer: day + 60). A 10-digit number with + is 100 years or older.

    Returns the 12-digit form (ÅÅÅÅMMDDNNNN), or None for an empty value.
    """
    raw = clean_text(value).strip().replace(" ", "")
    if not raw:
        return None
    label = "Personnumret"
    body = raw.replace("-", "").replace("+", "")
    seps = raw.count("-") + raw.count("+")
    if (
        not body.isdigit()
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
    today = dt.date.today()
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


_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_DAY_MONTH = re.compile(r"^(\d{1,2})[/.](\d{1,2})(?:[ /.-]+(\d{2}|\d{4}))?$")


def parse_date(value: object, field: str = "datum", label: str = "Datumet") -> dt.date | None:
    """Dates as Swedes type them: 2026-11-23, 23/11 2026, 20261123, 23/11 (this year)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = clean_text(value).strip()
    if not text:
        return None
    year: int | None
    if m := _ISO.match(text):
        year, month, day = (int(g) for g in m.groups())
    elif m := _COMPACT.match(text):
        year, month, day = (int(g) for g in m.groups())
    elif m := _DAY_MONTH.match(text):
        day, month = int(m.group(1)), int(m.group(2))
        year = int(m.group(3)) if m.group(3) else dt.date.today().year
        if year < 100:
            year += 2000
    else:
        raise InvalidInput(
            field, f"{label} förstås inte. Skriv t.ex. 2026-11-23, 23/11 2026 eller 23/11."
        )
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise InvalidInput(field, f"{label} finns inte i kalendern ({text}).") from None


_TIME = re.compile(r"^(\d{1,2})(?:[.:](\d{2}))?$")


def parse_time(value: object, field: str = "tid", label: str = "Tiden") -> str:
    """14.30, 14:30, 1430 or 14 -> '14.30' (Swedish style); empty stays empty."""
    text = clean_text(value).strip()
    if not text:
        return ""
    if text.isdigit() and len(text) in (3, 4):
        text = f"{text[:-2]}.{text[-2:]}"
    m = _TIME.match(text)
    if not m or int(m.group(1)) > 23 or int(m.group(2) or 0) > 59:
        raise InvalidInput(field, f"{label} förstås inte. Skriv t.ex. 14.30.")
    return f"{int(m.group(1)):02d}.{m.group(2) or '00'}"


def choice(value: object, allowed: dict[str, str], field: str, label: str) -> str:
    text = clean_text(value).strip()
    if text in allowed:
        return text
    options = ", ".join(allowed.values())
    raise InvalidInput(field, f"{label} måste vara något av: {options}.")


PRINCIPALS = {"": "", "kommun": "kommun", "region": "region", "skola": "skola", "annan": "annan"}
ATTENDANCE = {"": "ej markerad", "present": "närvarande", "absent": "frånvarande",
              "excused": "anmält förhinder"}  # fmt: skip
ACTION_STATUS = {"planned": "planerad", "ongoing": "pågår", "done": "genomförd",
                 "not_done": "ej genomförd"}  # fmt: skip
GOAL_KINDS = {"long": "övergripande mål", "short": "delmål", "child": "barnets eget mål"}
CONSENT_FORMS = {"skriftligt": "skriftligt", "muntligt": "muntligt"}
PARTICIPANT_KINDS = {"professional": "yrkesperson", "guardian": "vårdnadshavare",
                     "other": "annan"}  # fmt: skip
