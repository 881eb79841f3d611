"""Words Lotsen uses in many places, in one place: the app, the CLI and the documents say the
same thing for the same state.

Every stored status is a StrEnum whose value is the code in the database and whose `label` is
the Swedish word (lower case, as in running text). A member compares equal to its code
(`AttendanceStatus.PRESENT == "present"`), so rows and views keep plain strings. `Enum.labels()`
gives {code: word} for validators and drop-downs."""

from __future__ import annotations

from enum import StrEnum
from typing import Self


class Labelled(StrEnum):
    """A StrEnum whose members are (code, Swedish word)."""

    label: str

    def __new__(cls, value: str, label: str) -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def labels(cls) -> dict[str, str]:
        """{code: Swedish word} in declaration order."""
        return {m.value: m.label for m in cls}

    @classmethod
    def label_of(cls, code: str, *, capital: bool = False) -> str:
        """The word for a stored code; an unknown code is shown as it is."""
        word = cls.labels().get(code, code)
        return capitalized(word) if capital else word


def capitalized(word: str) -> str:
    """ "hållet" -> "Hållet" (the start of a cell or a sentence)."""
    return word[:1].upper() + word[1:]


class MeetingState(Labelled):
    """A meeting's state as MeetingView.status gives it."""

    PLANNED = "planned", "planerat"
    IN_PROGRESS = "in_progress", "pågår"
    HELD = "held", "hållet"
    CANCELLED = "cancelled", "inställt"


class AttendanceStatus(Labelled):
    """A person's presence at a meeting (attendance.status); "" is not marked yet."""

    NOT_MARKED = "", "ej markerad"
    PRESENT = "present", "närvarande"
    ABSENT = "absent", "frånvarande"
    EXCUSED = "excused", "anmält förhinder"


class ActionStatus(Labelled):
    """An action's status (action.status)."""

    PLANNED = "planned", "planerad"
    ONGOING = "ongoing", "pågår"
    DONE = "done", "genomförd"
    NOT_DONE = "not_done", "ej genomförd"


# Still to be done or followed up; and finished (done or given up). Plain codes compare equal.
OPEN_ACTION_STATUSES = frozenset({ActionStatus.PLANNED, ActionStatus.ONGOING})
FINISHED_ACTION_STATUSES = frozenset({ActionStatus.DONE, ActionStatus.NOT_DONE})


class CaseStatus(Labelled):
    """A case's status (case_.status)."""

    OPEN = "open", "öppet"
    CLOSED = "closed", "avslutat"


class ConsentForm(Labelled):
    """How a consent was given (consent.form); the code is the Swedish word."""

    WRITTEN = "skriftligt", "skriftligt"
    VERBAL = "muntligt", "muntligt"


def child_presence(present: bool | None) -> str:
    """The child's presence (meeting.child_present) in the same words as everyone's:
    närvarande, frånvarande, or "" when not noted."""
    if present is None:
        return ""
    return (AttendanceStatus.PRESENT if present else AttendanceStatus.ABSENT).label


MEETING_STATE_LABELS = MeetingState.labels()


def meeting_state(status: str, *, capital: bool = False) -> str:
    """The one Swedish word for a meeting's state ("hållet"; "Hållet" at the start of a cell)."""
    return MeetingState.label_of(status, capital=capital)


def count_of(n: int, one: str, many: str) -> str:
    """ "1 sak", "2 saker", "0 saker": the number with the right form of the noun."""
    return f"{n} {one if n == 1 else many}"
