"""Mötesguiden's sidebar: the clock (the meeting's and the step's minutes) and the agenda."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.widgets import Static

from model.readiness import Gap
from model.routines import Step
from model.views import MeetingView
from tui.plain import visible


def agenda_lines(title: str, tail: str, room: int) -> list[tuple[str, bool]]:
    """A step title word-wrapped into `room` columns, the gap mark `tail` after the last word
    (on a line of its own when it does not fit). Returns (line, ends with the tail)."""
    room = max(room, 4)
    lines: list[str] = []
    for word in title.split():
        while len(word) > room:  # a word longer than the column: cut, never lost off-screen
            lines.append(word[: room - 1] + "-")
            word = word[room - 1 :]
        if lines and len(lines[-1]) + 1 + len(word) <= room:
            lines[-1] += " " + word
        else:
            lines.append(word)
    lines = lines or [""]
    result = [(line, False) for line in lines]
    if tail:
        last = lines[-1]
        if len(last) + 1 + len(tail) <= room:
            result[-1] = (last, True)
        else:
            result.append(("", True))
    return result


class Agenda(Static):
    """The agenda: ▶ the current step, ✓ steps gone through, !n gaps left in a step."""

    def show_steps(
        self, steps: tuple[Step, ...], current: str, visited: set[str], gaps: list[Gap]
    ) -> None:
        gap_steps: dict[str, int] = {}
        for gap in gaps:
            gap_steps[gap.step_id] = gap_steps.get(gap.step_id, 0) + 1
        width = self.size.width or 21
        digits = len(str(len(steps)))
        text = Text(no_wrap=True, overflow="ellipsis")
        for i, step in enumerate(steps, start=1):
            here = step.id == current
            mark = "▶" if here else "✓" if step.id in visited else " "
            count = gap_steps.get(step.id)
            prefix = f"{mark}{i:>{digits}} "
            tail = f"!{count}" if count else ""
            # The whole title, wrapped under itself: "Professionerna…" told the leader little.
            lines = agenda_lines(visible(step.title, one_line=True), tail, width - len(prefix))
            for n, (line, with_tail) in enumerate(lines):
                text.append(
                    prefix if n == 0 else " " * len(prefix), style="bold" if here else "green"
                )
                text.append(line, style="bold reverse" if here else "")
                if with_tail:
                    text.append((" " if line else "") + tail, style="bold yellow")
                text.append("\n")
        self.update(text)


class StepClock(Static):
    """Minutes in the meeting and in the step against the routine's plan (yellow when over)."""

    def show_time(
        self, view: MeetingView, step: Step, step_seconds: float, frozen: bool, *, now: dt.datetime
    ) -> bool:
        """Show the clock; True when the whole meeting has gone past its planned minutes."""
        planned = view.routine.planned_minutes
        if frozen or view.started_at is None:
            meeting_min = step_min = 0
        else:
            meeting_min = int((now - view.started_at).total_seconds() // 60)
            step_min = int(step_seconds // 60)
        text = Text()
        text.append(
            f"Mötet  {meeting_min:>3}/{planned} min\n",
            style="bold yellow" if meeting_min > planned else "",
        )
        text.append(
            f"Steget {step_min:>3}/{step.minutes} min",
            style="bold yellow" if step_min > step.minutes else "",
        )
        self.update(text)
        self.set_class(step_min > step.minutes, "over")
        return meeting_min > planned
