"""Presentationsrunda: the roster from the invitees, the child's presence and walk-ins."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Input, Static

from model.labels import AttendanceStatus
from model.validation import InvalidInput
from model.views import AttendanceView, MeetingView
from tui.compat import has_pending_messages
from tui.plain import plain, visible
from tui.screens.meeting.base import StepBody, field_id
from tui.screens.meeting.dialogs import ConfirmDialog
from tui.widgets.fields import AutosaveInput, Field
from tui.widgets.inorder import InOrderInput

STATUS = AttendanceStatus.labels()  # närvarande / frånvarande / anmält förhinder / ej markerad


class PresenceRow(Widget, can_focus=True):
    """One person (or the child) on the roster: n / f / a sets the status."""

    DEFAULT_CSS = """
    PresenceRow { height: 1; width: 1fr; padding: 0 1; }
    PresenceRow:focus { background: $primary 30%; }
    """
    FOOTER_SETTLE = 0.1  # the footer waits for the focus to settle (tui/widgets/footer.py)
    BINDINGS = [
        # Priority: handled as the key arrives, so a quick "n n n" marks three people.
        Binding("n", "mark('present')", "Närvarande", priority=True),
        Binding("f", "mark('absent')", "Frånvarande", priority=True),
        Binding("a", "mark('excused')", "Anmält förhinder", priority=True),
        Binding("delete", "remove", "Ta bort (kom utan inbjudan)", priority=True),
        Binding("down", "app.focus_next", show=False, priority=True),
        Binding("up", "app.focus_previous", show=False, priority=True),
    ]

    def __init__(self, label: str, status: str, on_mark, on_remove=None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.label = label
        self.status = status
        self.on_mark = on_mark
        self.on_remove = on_remove  # only for someone who came without an invitation
        self.reason_field: Widget | None = None  # the line for the reason of an absence
        self.painted = status  # the status the screen shows (set as the row is rendered)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "remove":
            return self.on_remove is not None
        return True

    def action_remove(self) -> None:
        if self.on_remove is not None:
            self.on_remove()

    def render(self) -> Text:
        text = Text(overflow="ellipsis", no_wrap=True)
        style = {"present": "green", "absent": "yellow", "excused": "yellow"}.get(
            self.status, "dim"
        )
        text.append(f"{STATUS[self.status]:<17}", style=style)
        text.append(visible(self.label, one_line=True))  # a Text: never parsed as markup
        self.painted = self.status
        return text

    def action_mark(self, status: str) -> None:
        self.status = "absent" if self.id == "f-child_present" and status == "excused" else status
        self.refresh()
        self.on_mark(status)


class ReasonInput(AutosaveInput):
    """Why someone is absent. Every letter typed here is text (n, f and a mark no one):
    Enter or Down saves and goes on to the next person's row, Escape or Up back to this
    person's row."""

    BINDINGS = [
        Binding("enter,down", "next_row", "Nästa person", priority=True),
        Binding("escape,up", "own_row", "Tillbaka till raden", priority=True),
    ]

    FOOTER_SETTLE = 0.1  # as on the rows: n/f and Enter move between the two

    def __init__(self, value: str, row_id: str, **kwargs) -> None:
        super().__init__(value, **kwargs)
        self.row_id = row_id

    def _step(self) -> AttendanceStep:
        return next(n for n in self.ancestors if isinstance(n, AttendanceStep))

    def action_next_row(self) -> None:
        self._flush()
        self._step().focus_after(self.row_id)

    def action_own_row(self) -> None:
        self._flush()
        _focus(self.screen.query_one(f"#{self.row_id}"))


def _focus(widget: Widget) -> None:
    """Focus at once (set_focus, not focus(): the next key of a quick roll call goes there)
    and scroll it into view without an animation: Textual's own scroll on focus glides,
    and the frames of the glide came before the one that shows the next mark."""
    widget.screen.set_focus(widget, scroll_visible=False)
    widget.screen.scroll_to_widget(widget, animate=False, immediate=True)


def _clear(reason: ReasonInput) -> None:
    """Empty the field on screen without saving it again (the store call already did)."""
    reason._loaded = ""
    reason.value = ""


class AttendanceStep(StepBody):
    """Presentationsrunda (närvaro)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The roster's rows in order and each one's reason field, as composed (a walk-in
        # added or removed rebuilds the step): a key reads them here, not by a query of the DOM.
        self._rows: list[PresenceRow] = []
        self._reasons: dict[int | None, ReasonInput] = {}
        self._marks: list[tuple[int | None, str]] = []  # (None: the child, status); see below

    def shows(self, view: MeetingView) -> object:
        return (
            view.held_on,
            view.planned_date,
            view.started_at,
            view.leader,
            view.note_taker,
            view.child_present,
            view.child_absence_reason,
            view.attendance,
            view.case.child_name,
        )

    def compose(self) -> ComposeResult:
        self._rows, self._reasons = [], {}
        yield self.hint(
            "n närvarande, f frånvarande, a anmält förhinder. Skälet är "
            "text; Enter: nästa person, Esc: tillbaka."
        )
        v = self.view
        if v.held_on is not None or (
            v.planned_date is not None
            and v.started_at is not None
            and v.started_at.date() != v.planned_date
        ):
            if v.held_on is None:
                yield Static(
                    plain(
                        f"Mötet var planerat till {v.planned_date}. Hålls det i dag? "
                        "Skriv dagens datum här (dokumenten får det datumet)."
                    ),
                    classes="warning",
                )
            yield self.meeting_line("held_on", "Mötet hölls den", "ÅÅÅÅ-MM-DD")
        yield self.meeting_line("leader", "Samtalsledare")
        yield self.meeting_line("note_taker", "Antecknare")
        yield self.heading("Barnet")
        child = self.view.child_present
        status = {True: "present", False: "absent", None: ""}[child]
        row_id = field_id("child_present")
        row = PresenceRow(self.show(self.view.case.child_name), status, self._mark_child, id=row_id)
        self._rows.append(row)
        yield row
        reason = ReasonInput(
            self.view.child_absence_reason,
            row_id,
            select_on_focus=False,
            id=field_id("child_absence_reason"),
            placeholder="varför barnet inte är med",
            saver=self._save_child_reason,
        )
        self._reasons[None] = reason
        field = Field("  Skäl", reason, classes="line reason")
        field.display = status == "absent"
        row.reason_field = field
        yield field
        yield self.heading("Deltagare")
        if not self.view.attendance:
            yield Static(
                "Ingen är inbjuden till mötet. Lägg till dem som kom här nedanför.", classes="muted"
            )
        for a in self.view.attendance:
            yield from self._person(a)
        yield self.heading("Någon som inte var inbjuden?")
        yield Field(
            "Skriv Namn, Verksamhet, Roll och tryck Enter",
            InOrderInput(
                select_on_focus=False,
                placeholder="t.ex. Eva Holm, Fritidsgården, Fritidsledare",
                id="walk-in",
            ),
        )

    def _person(self, a: AttendanceView):
        p = a.participant
        who = ", ".join(x for x in (p.organisation, p.role) if x) or (
            "vårdnadshavare" if p.kind == "guardian" else ""
        )
        label = (
            self.show(p.name)
            + (f" – {who}" if who else "")
            + (" (kom till mötet)" if a.walk_in else "")
        )
        pid = p.id
        row_id = field_id(f"attendance:{pid}")
        remove = (lambda: self._remove_walk_in(pid, p.name)) if a.walk_in else None
        row = PresenceRow(label, a.status, lambda s: self._mark(pid, s), remove, id=row_id)
        self._rows.append(row)
        yield row
        reason = ReasonInput(
            a.reason,
            row_id,
            select_on_focus=False,
            id=f"f-reason-{pid}",
            placeholder="skäl till frånvaro",
            saver=lambda text: self._save_reason(pid, text),
        )
        self._reasons[pid] = reason
        field = Field("  Skäl", reason, classes="line reason")
        field.display = a.status in ("absent", "excused")
        row.reason_field = field
        yield field

    def _save_reason(self, pid: int, text: str) -> None:
        self.write_marks()  # the marks typed before this reason are stored before it
        self.store.set_attendance(self.mid, pid, reason=text)
        self.changed(self.view.with_attendance(pid, reason=text))

    def _save_child_reason(self, text: str) -> None:
        self.write_marks()
        self.store.update_meeting(self.mid, child_absence_reason=text)
        self.changed(self.view.with_fields(child_absence_reason=text))

    # -- the roll call's keys -----------------------------------------------------------------
    # A key repaints its row and moves the focus at once (so the next key of a quick "n n n"
    # goes to the next person); the rest waits until that frame is on the screen: the write,
    # the reason line shown or hidden (a new layout of the roster), the agenda and the header.
    # The marks wait in order in `_marks`, written by `write_marks`: after the frame, before
    # a reason is saved, and by every flush of the app's autosaver (a step change, an export,
    # quitting, a signal), where they are queued as one pending save; and when the step goes.
    def on_unmount(self) -> None:
        self.write_marks()

    def _queue_mark(self, pid: int | None, status: str) -> None:
        if not self._marks:
            self.lotsen.autosaver.schedule(("roll-call", id(self)), self.write_marks)
        self._marks.append((pid, status))
        self.call_after_refresh(self._after_mark)

    def write_marks(self) -> bool:
        """Store the marks made since the last write, in the order they were made."""
        marks, self._marks = self._marks, []
        for pid, status in marks:
            if pid is None:
                here = status == "present"
                extra = {} if not here else {"child_absence_reason": ""}
                self.store.update_meeting(self.mid, child_present=here, **extra)
                self.view = self.view.with_fields(child_present=here, **extra)
            elif status in ("absent", "excused"):
                self.store.set_attendance(self.mid, pid, status=status)
                self.view = self.view.with_attendance(pid, status=status)
            else:  # present after all: a reason for an absence no longer applies
                self.store.set_attendance(self.mid, pid, status=status, reason="")
                self.view = self.view.with_attendance(pid, status=status, reason="")
        if marks:
            self.changed(self.view)
            self.mark_saved()
        return bool(marks)

    def _after_mark(self, waited: int = 0) -> None:
        """After the frame that shows the mark: store it, and show a reason line for each
        absent person (hide it for the present) as their rows now say."""
        if not self.is_attached:
            return
        if has_pending_messages(self.app):  # the keys of a burst first, then their writes
            self.call_after_refresh(self._after_mark, waited)
            return
        rows = self._rows
        if waited < 3 and any(r.painted != r.status for r in rows):
            # A refresh may come before the row's repaint has reached the screen: wait for
            # the frame that shows the mark (a few times at most: a row scrolled out of view
            # is not painted).
            self.call_after_refresh(self._after_mark, waited + 1)
            return
        self.write_marks()
        for row in rows:
            field = row.reason_field
            if field is not None:
                field.display = row.status in ("absent", "excused")
        focused = self.screen.focused
        if isinstance(focused, ReasonInput) and focused in self.query(ReasonInput):
            focused.scroll_visible(animate=False)

    def _mark(self, pid: int, status: str) -> None:
        """A key of the roll call: stored after its frame; the agenda follows from the meeting
        as held here (no read of the whole meeting per key)."""
        absent = status in ("absent", "excused")
        reason = self._reasons[pid]
        if not absent:
            _clear(reason)
        self._queue_mark(pid, status)
        # A roll call: present moves on to the next person, absent asks for the reason (its
        # line is shown after the frame; a letter typed before that is its text already).
        if absent:
            _focus(reason)
        else:
            self.focus_after(f"f-attendance-{pid}")

    def _mark_child(self, status: str) -> None:
        absent = status != "present"
        reason = self._reasons[None]
        if not absent:  # here after all: the reason for an absence no longer applies
            _clear(reason)
        self._queue_mark(None, "absent" if absent else "present")
        if absent:  # the child is not here: why (a key typed now is the reason's text)
            _focus(reason)
        else:
            self.focus_after(field_id("child_present"))

    def first_focus(self) -> str | None:
        """The roll call starts on the child's row (leader and dates are above it)."""
        return field_id("child_present")

    def _remove_walk_in(self, pid: int, name: str) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self.store.remove_walk_in(self.mid, pid)
                self.mark_saved()
                self.post_message(self.Rebuild(field_id("child_present")))

        self.app.push_screen(
            ConfirmDialog(
                f"Ta bort {self.show(name)} från närvarolistan? (Lades till av misstag.)",
                yes="Ja, ta bort",
            ),
            answered,
        )

    def focus_after(self, row_id: str) -> None:
        """On to the next person's row. After the last one focus stays on the roster: the
        walk-in field is reached with Tab only, so a quick "n n n" never types into it."""
        rows = self._rows
        ids = [r.id for r in rows]
        i = ids.index(row_id) if row_id in ids else len(rows) - 1
        # set_focus, not focus(): at once, so the next key of a quick roll call goes there.
        _focus(rows[min(i + 1, len(rows) - 1)])

    @on(Input.Submitted, "#walk-in")
    def _walk_in(self, event: Input.Submitted) -> None:
        parts = [p.strip() for p in event.value.split(",")]
        name = parts[0] if parts else ""
        org = parts[1] if len(parts) > 1 else ""
        role = ", ".join(parts[2:]) if len(parts) > 2 else ""
        field = event.input.parent
        try:
            added = self.store.add_walk_in(self.mid, name, org, role)
        except InvalidInput as exc:
            if isinstance(field, Field):
                field.error.update(plain(exc.message))
                field.error.display = True
            return
        if added is None:
            return  # the database refused it: the line stays in the field to try again
        self.notify(
            visible(f"{name} är tillagd och markerad som närvarande."), timeout=3, markup=False
        )
        self.post_message(self.Rebuild("walk-in"))
