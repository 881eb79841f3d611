"""Möten: the case's meetings; Enter starts or resumes one, e changes its planning, Delete
moves, cancels or deletes a planned one."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Static

from model.case_page import CasePage, MeetingSummary
from tui.screens import case_forms as forms
from tui.screens.case.base import MEETING_STATUS, CasePane
from tui.widgets.table import FitTable

COLUMNS = ("Datum", "Status", "Möte", "Tid", "Plats")


class MeetingsPane(CasePane, Vertical):
    """Möten."""

    BINDINGS = [
        Binding("e", "edit", "Ändra planeringen", id="case_meeting_edit"),
        Binding("delete,x", "remove", "Flytta/ställ in", id="case_meeting_remove"),
        Binding("a", "add", "Planera möte (som p)", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield FitTable(id="meeting-table", cursor_type="row")
        yield Static("Enter startar eller återupptar mötet, e ändrar planeringen.", classes="muted")
        with Horizontal(classes="pane-buttons"):
            yield Button("Planera möte (p)", id="plan-meeting")

    def on_mount(self) -> None:
        self.query_one(FitTable).add_columns(*COLUMNS)

    def fill(self, page: CasePage) -> None:
        self.rows(
            "meeting-table",
            [
                (
                    str(m.planned_date or "inget datum"),
                    MEETING_STATUS[m.status],
                    m.routine.name,
                    m.planned_time,
                    m.place,
                    str(m.id),
                )
                for m in page.meetings
            ],
        )

    @property
    def meetings(self) -> tuple[MeetingSummary, ...]:
        return self.page.meetings if self.page is not None else ()

    def selected_meeting(self) -> int | None:
        return self.selected("meeting-table")

    # -- what the screen's keys ask of the meetings (p, s) --------------------------------------
    def plan(self, meeting_id: int | None = None) -> None:
        """Planera möte; one planned meeting at a time: with none given, the one already
        planned is opened rather than a second planned."""
        if meeting_id is None:
            planned = [m for m in self.meetings if m.status == "planned"]
            if planned:
                meeting_id = planned[-1].id
                self.notify("Det finns redan ett planerat möte; du ändrar det.")
        self.lotsen.plan_meeting(self.case_id, meeting_id)

    def start(self, selected_first: bool) -> None:
        """Starta möte: the selected meeting (`selected_first`), else the first one planned or
        going on."""
        if selected_first and (mid := self.selected_meeting()):
            self.lotsen.open_meeting(mid)
            return
        open_ones = [m for m in self.meetings if m.status in ("planned", "in_progress")]
        if not open_ones:
            self.notify("Det finns inget planerat möte. Tryck p för att planera ett.")
            return
        self.lotsen.open_meeting(open_ones[0].id)

    # -- actions ------------------------------------------------------------------------------
    def action_add(self) -> None:
        self.plan()

    def action_edit(self) -> None:
        """Ändra planeringen: only of a meeting still planned (a meeting going on, held or
        cancelled is what it was; what was said is changed in the guide)."""
        mid = self.selected_meeting()
        meeting = next((m for m in self.meetings if m.id == mid), None)
        if meeting is None:
            return
        if meeting.status != "planned":
            word = MEETING_STATUS[meeting.status].lower()
            self.notify(
                f"Mötet är {word}: planeringen ändras inte längre. Enter öppnar mötet "
                "i mötesguiden.",
                severity="warning",
                timeout=6,
            )
            return
        self.lotsen.plan_meeting(self.case_id, meeting.id)

    def action_remove(self) -> None:
        """A planned meeting: cancel it (kept, with the reason), move it to a new date, or
        delete it (planned by mistake)."""
        mid = self.selected_meeting()
        meeting = next((m for m in self.meetings if m.id == mid), None)
        if meeting is None:
            return
        if meeting.status != "planned":
            self.notify(
                "Ett påbörjat, hållet eller inställt möte kan inte ändras här.", severity="warning"
            )
            return
        from tui.screens.meeting.dialogs import ChoiceDialog

        store = self.lotsen.store

        def chosen(what: str | None) -> None:
            if what == "cancel":
                self.open_dialog(forms.cancel_meeting_dialog(store, meeting.id))
            elif what == "move":
                self.open_dialog(forms.move_meeting_dialog(store, meeting.id))
            elif what == "delete":
                self._confirm_delete(meeting)

        self.app.push_screen(
            ChoiceDialog(
                "Vad ska hända med mötet?",
                [
                    ("move", "Flytta det till ett nytt datum"),
                    ("cancel", "Ställa in det (det finns kvar, med orsaken)"),
                    ("delete", "Ta bort det (planerades av misstag)"),
                ],
                "move",
            ),
            chosen,
        )

    def _confirm_delete(self, meeting: MeetingSummary) -> None:
        def delete() -> None:
            self.lotsen.store.delete_meeting(meeting.id)
            self.changed()

        when = f" den {meeting.planned_date}" if meeting.planned_date else ""
        self.confirm(f"Ta bort det planerade mötet{when}?", "Ja, ta bort", delete)

    # -- events -------------------------------------------------------------------------------
    @on(DataTable.RowSelected, "#meeting-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.lotsen.open_meeting(int(event.row_key.value))

    @on(Button.Pressed, "#plan-meeting")
    def _plan_pressed(self) -> None:
        self.plan()
