"""Words Lotsen uses in many places, in one place: the app, the CLI and the documents say the
same thing for the same state."""

from __future__ import annotations

from enum import StrEnum


class MeetingState(StrEnum):
    """A meeting's state as MeetingView.status gives it."""

    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    HELD = "held"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        """planerat / pågår / hållet / inställt (lower case, as in running text)."""
        return MEETING_STATE_LABELS[self.value]


MEETING_STATE_LABELS = {"planned": "planerat", "in_progress": "pågår", "held": "hållet",
                        "cancelled": "inställt"}  # fmt: skip


def meeting_state(status: str, *, capital: bool = False) -> str:
    """The one Swedish word for a meeting's state ("hållet"; "Hållet" at the start of a cell)."""
    word = MEETING_STATE_LABELS.get(status, status)
    return word[:1].upper() + word[1:] if capital else word


def count_of(n: int, one: str, many: str) -> str:
    """ "1 sak", "2 saker", "0 saker": the number with the right form of the noun."""
    return f"{n} {one if n == 1 else many}"
