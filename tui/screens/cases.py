"""Ärenden: the start screen, the cases with the most recent activity first."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Input, Static

from model.caselist import CaseRow, recent_cases, search_cases
from model.routines import routines
from tui.app import LotsenScreen

STATUS = {"open": "Öppet", "closed": "Avslutat"}


def routine_name(routine_id: str | None) -> str:
    if not routine_id:
        return ""
    routine = routines().get(routine_id)
    return routine.name if routine else routine_id


class CasesScreen(LotsenScreen):
    """Ärenden."""

    HELP = """# Ärenden

Här finns alla ärenden, det senast ändrade först. Skriv i sökfältet för att filtrera på barnets
namn, personnummer eller en verksamhet. Välj ett ärende med piltangenterna och öppna det med Enter.
"""
    BINDINGS = [
        Binding("n", "new_case", "Nytt ärende", id="new_case"),
        Binding("slash,ctrl+f", "focus_filter", "Sök", id="search"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Sök: namn, personnummer eller verksamhet", id="case-filter")
        yield Static(
            "Inga ärenden ännu.\n\n"
            "Tryck n för att lägga upp ett nytt ärende: barnet, nätverket och samtycket.\n"
            "Vill du prova först? Starta Lotsen med  lotsen --demo  för ett påhittat exempel.",
            id="first-run",
            classes="first-run",
        )
        yield DataTable(id="case-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Barn", key="child", width=24)
        table.add_column("Personnummer", key="pnr", width=13)
        table.add_column("Rutin", key="routine", width=28)
        table.add_column("Nästa möte", key="next", width=10)
        table.add_column("Status", key="status", width=8)
        self.load(recent_cases(self.lotsen.db, limit=None))
        table.focus()

    def load(self, rows: list[CaseRow]) -> None:
        self.rows = rows
        table = self.query_one(DataTable)
        table.clear()
        for row in rows:
            table.add_row(
                self.lotsen.show(row.child_name),
                self.lotsen.show_pnr(row.personnummer_display),
                routine_name(row.next_routine_id or row.routine_id),
                row.next_date or "",
                STATUS.get(row.status, row.status),
                key=str(row.id),
            )
        empty = not rows and not self.query_one("#case-filter", Input).value
        self.query_one("#first-run").display = empty
        table.display = not empty

    def refresh_privacy(self) -> None:
        self.load(self.rows)

    @on(Input.Changed, "#case-filter")
    def _filter(self, event: Input.Changed) -> None:
        self.load(search_cases(self.lotsen.db, event.value, limit=None))

    @on(Input.Submitted, "#case-filter")
    def _to_table(self) -> None:
        self.query_one(DataTable).focus()

    def action_focus_filter(self) -> None:
        self.query_one("#case-filter", Input).focus()

    @on(DataTable.RowSelected)
    def _open(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.open_case(int(event.row_key.value))

    def open_case(self, case_id: int) -> None:
        self.notify(f"Ärende {case_id}: ärendeskärmen kommer i nästa steg.")

    def action_new_case(self) -> None:
        self.notify("Nytt ärende: kommer i nästa steg.")
