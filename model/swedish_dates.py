"""Dates as Swedes write them on screens and in documents: "4 december 2026", "4 dec"."""

from __future__ import annotations

import datetime as dt

MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)
SHORT_MONTHS = (
    "jan",
    "feb",
    "mars",
    "apr",
    "maj",
    "juni",
    "juli",
    "aug",
    "sep",
    "okt",
    "nov",
    "dec",
)


def swedish_date(day: dt.date) -> str:
    """2026-12-04 -> "4 december 2026"."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def short_date(day: dt.date, today: dt.date) -> str:
    """ "4 dec" this year, "4 dec 2027" another year."""
    text = f"{day.day} {SHORT_MONTHS[day.month - 1]}"
    return text if day.year == today.year else f"{text} {day.year}"
