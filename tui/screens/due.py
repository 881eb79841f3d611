"""Att göra: everything with a date in the open cases, overdue first (rules in model.due)."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static
from textual.worker import get_current_worker

from model.due import DueItem
from model.due_read import due_items
from model.swedish_dates import short_date, swedish_date
from tui.plain import cell, plain
from tui.screen import LotsenScreen
from tui.widgets.footer import LotsenFooter

OVERDUE_STYLE = "bold red"
# Enough to work through; the rest (far ahead) is counted in the title.
SHOWN = 500


class DueScreen(LotsenScreen):
    """Att göra."""

    HELP = """# Att göra

Allt som har ett datum i de öppna ärendena, det försenade först (markerat med !): möten som
ska hållas inom rutinens tidsgräns, planerade möten, insatser som ska följas upp, samtycken
som går ut inom 30 dagar eller har gått ut, och rutinens egna datum (Västbas: lyfta ärendet
till elevhälsoteamet, utvärdering efter 6 månader). Tidsgränserna står i rutinfilerna.
Enter öppnar ärendet där det syns. Esc går tillbaka till ärendena.
"""
    DEFAULT_CSS = """
    DueScreen #due-table { height: 1fr; }
    DueScreen #due-detail { height: 2; padding: 0 1; }
    DueScreen #due-empty { padding: 1 2; height: auto; }
    """
    BINDINGS = [
        Binding("escape", "back", "Tillbaka", id="due_back"),
        Binding("enter", "open", "Öppna ärendet", id="due_open", show=True),
    ]
    items: list[DueItem] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Inget att göra: inga datum i de öppna ärendena.", id="due-empty")
        yield DataTable(id="due-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="due-detail")
        yield LotsenFooter()

    def on_mount(self) -> None:
        self.title = "Att göra"
        table = self.query_one(DataTable)
        table.add_column(Text("Datum"), key="on", width=13)
        table.add_column(Text("Barn"), key="child", width=16)
        table.add_column(Text("Att göra"), key="what", width=42)
        self.query_one("#due-empty", Static).update("Läser datumen i de öppna ärendena …")
        table.display = False
        self.sub_title = "Läser …"
        table.focus()

    def on_screen_resume(self) -> None:
        # Also when the screen is first pushed: the one read on opening (on_mount reads none).
        self.load()

    def load(self) -> None:
        """Read every open case's dates again, off the event loop (about 0.2 s at 10,000
        cases: keys and the clock go on meanwhile), then show them."""
        self._read(self.lotsen.today())

    @work(thread=True, exclusive=True, group="due-read")
    def _read(self, today: dt.date) -> None:
        every = due_items(self.lotsen.db, today)
        if not get_current_worker().is_cancelled:  # a newer read is on its way
            self.app.call_from_thread(self.show_items, every, today)

    def show_items(self, every: list[DueItem], today: dt.date) -> None:
        if not self.is_attached:
            return
        selected = self.selected_item()
        self.items = every[:SHOWN]
        table = self.query_one(DataTable)
        table.clear()
        for i, item in enumerate(self.items):
            late = item.overdue(today)
            day = ("! " if late else "  ") + short_date(item.on, today)
            table.add_row(
                Text(day, style=OVERDUE_STYLE) if late else cell(day),
                cell(self.lotsen.show(item.child_name)),
                cell(item.text),
                key=str(i),
            )
        empty = self.query_one("#due-empty", Static)
        empty.update("Inget att göra: inga datum i de öppna ärendena.")
        empty.display = not self.items
        table.display = bool(self.items)
        overdue = sum(1 for i in every if i.overdue(today))
        self.sub_title = f"Försenat: {overdue}, kommande: {len(every) - overdue}"
        if len(every) > SHOWN:
            self.sub_title += f" (de {SHOWN} första visas)"
        if selected is not None and selected in self.items:
            table.move_cursor(row=self.items.index(selected))
        self._show_detail()

    @on(DataTable.RowHighlighted, "#due-table")
    def _show_detail(self) -> None:
        """The whole sentence of the highlighted item (the column may cut it)."""
        item = self.selected_item()
        detail = self.query_one("#due-detail", Static)
        if item is None:
            detail.update("")
            return
        today = self.lotsen.today()
        when = ("Försenat sedan " if item.overdue(today) else "") + swedish_date(item.on)
        name = self.lotsen.show(item.child_name)
        detail.update(plain(f"{name}, {when}: {item.text}. Enter öppnar ärendet.", one_line=True))

    def refresh_privacy(self) -> None:
        self.load()

    def selected_item(self) -> DueItem | None:
        table = self.query_one(DataTable)
        if table.row_count == 0 or not self.items:
            return None
        row = table.cursor_row
        return self.items[row] if 0 <= row < len(self.items) else None

    @on(DataTable.RowSelected, "#due-table")
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        item = self.selected_item()
        if item is None:
            return
        from tui.screens.case import CaseScreen

        app = self.lotsen
        if any(isinstance(s, CaseScreen) and s.case_id == item.case_id for s in app.screen_stack):
            app.return_to_case(item.case_id, item.tab)  # back down to it, not a second copy
            return
        app.open_case(item.case_id)  # over Att göra: Esc comes back here
        app.call_after_refresh(self._show_tab, item.tab)

    def _show_tab(self, tab: str) -> None:
        from textual.widgets import TabbedContent

        tabs = self.lotsen.screen.query(TabbedContent)
        if tabs:
            tabs.first().active = tab

    def action_back(self) -> None:
        self.app.pop_screen()
