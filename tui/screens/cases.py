"""Ärenden: the start screen, the cases with the most recent activity first."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Input, Static

from model.caselist import CaseRow, count_cases, recent_cases, search_cases, with_due
from model.due import list_line
from model.labels import CaseStatus, count_of
from tui.plain import cell
from tui.screen import LotsenScreen
from tui.widgets.footer import LotsenFooter

# Enough rows to scroll through; with thousands of cases the filter finds the rest.
SHOWN = 500
# The first paint needs only a screenful; the rest follows right after it.
FIRST_PAINT = 40
FILTER_DELAY = 0.2


def _cell(value: str) -> Text:
    """A cell as plain text: what DataTable makes of a str, without parsing it as markup
    (a third of the first frame's row cost, and a name with [ ] is shown as typed)."""
    return cell(value)


class CasesScreen(LotsenScreen):
    """Ärenden."""

    HELP = """# Ärenden

Här finns alla ärenden, det senast ändrade först. Skriv i sökfältet för att filtrera på barnets
namn, personnummer eller en verksamhet. Välj ett ärende med piltangenterna och öppna det med Enter.
Tryck n för ett nytt ärende. / flyttar till sökfältet, Enter i sökfältet till listan.
Kolumnen Att göra visar det första som har ett datum i ärendet (! = försenat); t öppnar
Att göra för alla ärenden.
F2 växlar skyddat läge (initialer i stället för namn) om skärmen visas för andra.
u visar Utvärdering: antal ärenden, möten och insatser för en period (inga namn).
"""
    BINDINGS = [
        Binding("n", "new_case", "Nytt ärende", id="new_case"),
        Binding("t", "due", "Att göra", id="due"),
        Binding("slash,ctrl+f", "focus_filter", "Sök", id="search"),
        Binding("comma", "settings", "Inställningar", id="settings"),
        Binding("u", "report", "Utvärdering", id="report"),
    ]
    rows: list[CaseRow] = []
    _filter_timer = None
    _shown = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Sök: namn, personnummer, skola eller verksamhet", id="case-filter")
        yield Static(
            "Inga ärenden ännu.\n\n"
            "Tryck n för att lägga upp ett nytt ärende: barnet, nätverket och samtycket.\n"
            "Vill du prova först? Starta Lotsen med  lotsen --demo  för ett påhittat exempel.",
            id="first-run",
            classes="first-run",
        )
        yield DataTable(id="case-table", cursor_type="row", zebra_stripes=True)
        yield LotsenFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(Text("Barn"), key="child", width=18)
        table.add_column(Text("Personnummer"), key="pnr", width=13)
        table.add_column(Text("Att göra"), key="due", width=30)
        table.add_column(Text("Status"), key="status", width=8)
        self.title = "Ärenden"
        first = recent_cases(self.lotsen.db, limit=FIRST_PAINT)
        self.load(first)
        table.focus()
        if len(first) >= FIRST_PAINT:
            # The rest once this screenful is on the terminal, not before it (at 1,000 cases
            # adding and measuring 500 rows takes longer than everything else in the start).
            self.call_after_refresh(self._run_filter)

    def on_screen_resume(self) -> None:
        if not self._shown:
            self._shown = True  # pushed just now: on_mount has loaded the first screenful
            return
        self._run_filter()

    def load(self, rows: list[CaseRow]) -> None:
        today = self.lotsen.today()
        rows = with_due(self.lotsen.db, rows, today)
        self.rows = rows
        table = self.query_one(DataTable)
        selected = self.selected_case_id()
        table.clear()
        for row in rows:
            due = row.due
            late = due is not None and due.overdue(today)
            line = list_line(due, today) if due is not None else ""
            table.add_row(
                _cell(self.lotsen.show(row.child_name)),
                _cell(self.lotsen.show_pnr(row.personnummer_display)),
                Text(line, style="bold red", no_wrap=True) if late else _cell(line),
                _cell(CaseStatus.label_of(row.status, capital=True)),
                key=str(row.id),
            )
        text = self.query_one("#case-filter", Input).value
        empty = not rows and not text
        self.query_one("#first-run").display = empty
        table.display = not empty
        if selected is not None and str(selected) in table.rows:
            table.move_cursor(row=table.get_row_index(str(selected)))
        if len(rows) >= SHOWN:
            total = count_cases(self.lotsen.db)
            self.sub_title = f"Visar de {SHOWN} senaste av {total} – skriv för att söka"
        elif text:
            self.sub_title = count_of(len(rows), "träff", "träffar")  # "1 träff"
        else:
            self.sub_title = None  # the app's "Sparat" mark shows

    def selected_case_id(self) -> int | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(key) if key is not None else None

    def refresh_privacy(self) -> None:
        self.load(self.rows)

    @on(Input.Changed, "#case-filter")
    def _filter(self, event: Input.Changed) -> None:
        # Debounced: with thousands of cases a query per key would lag behind the typing.
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._filter_timer = self.set_timer(FILTER_DELAY, self._run_filter)

    def _run_filter(self) -> None:
        self._filter_timer = None
        text = self.query_one("#case-filter", Input).value
        self.load(search_cases(self.lotsen.db, text, limit=SHOWN))

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
        self.lotsen.open_case(case_id)

    def action_due(self) -> None:
        from tui.screens.due import DueScreen

        self.lotsen.push_screen(DueScreen())

    def action_new_case(self) -> None:
        self.lotsen.new_case()

    def action_settings(self) -> None:
        self.lotsen.open_settings()

    def action_report(self) -> None:
        from tui.screens.report import open_report

        open_report(self.lotsen)
