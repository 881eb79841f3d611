"""Utvärdering: the evaluation for a period on screen (counts only, the small-count rule
applied by model.report), a bar per month, and the files for the steering group (s)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from rich import box
from rich.table import Table as RichTable
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, Static
from textual.worker import get_current_worker

from model.report import Report, Table, build_report, month_cells, report_tables
from model.small_counts import HIDDEN, SMALL
from tui.screen import LotsenScreen
from tui.widgets.footer import LotsenFooter

if TYPE_CHECKING:
    from tui.app import LotsenApp

BAR_WIDTH = 40
BAR = "█"
SMALL_BAR = "▒"  # 1 or 2: the same short bar for both


def open_report(app: LotsenApp) -> None:
    if not isinstance(app.screen, ReportScreen):
        app.push_screen(ReportScreen())


def bars(report: Report) -> Text:
    """Held meetings per month, one line each: "jan 2026  ████████ 12"."""
    cells = month_cells(report)
    shown = [int(h) for _, h, _ in cells if h.isdigit()]
    top = max(shown, default=0) or 1
    text = Text()
    for label, held, _new in cells:
        text.append(f"{label:<9} ")
        if held.isdigit():
            text.append(BAR * round(BAR_WIDTH * int(held) / top), style="bold")
            text.append(f" {held}\n")
        elif held == SMALL:
            text.append(SMALL_BAR)
            text.append(f" {held}\n")
        else:
            text.append(f"{held}\n", style="dim")
    return text


def rich_table(table: Table) -> RichTable:
    """A table that fits 80 columns: the counts never wrap ("färre än 3" stays whole), the
    labels and the long texts do."""
    wide = len(table.headers) > 4
    out = RichTable(
        box=box.SIMPLE_HEAD, expand=True, show_edge=False, padding=(0, 0) if wide else (0, 1)
    )
    for i, header in enumerate(table.headers):
        if i == 0 or (table.key == "kvalitet" and i == 2):
            out.add_column(header, ratio=2)
        else:
            # Wide (Insatser, 7 columns): 10 is "färre än 3"; the headers wrap under it.
            out.add_column(header, no_wrap=not wide, width=10 if wide else None)
    for row in table.rows:
        out.add_row(*(Text(c, style="bold" if row[0] == "Totalt" else "") for c in row))
    return out


class ReportScreen(LotsenScreen):
    """Utvärdering."""

    HELP = f"""# Utvärdering

Uppföljningen av rutinen för en period: ärenden, hållna möten per rutin och månad, första möten
inom tidsgränsen, barnets delaktighet, insatser per huvudman, avvikelser och beslut om att avstå.
Bara antal visas, aldrig namn eller fritext. Antal 1–2 visas som "{SMALL}", och ett antal som
kunde räknas fram ur summan som "{HIDDEN}".

f och n byter till föregående och nästa år, p väljer en egen period. s sparar utvärderingen som
Word-fil och CSV (för kalkylark) i mappen Dokument/Lotsen/Utvardering. Piltangenterna och
PgUp/PgDn bläddrar. Esc går tillbaka.
"""
    DEFAULT_CSS = """
    ReportScreen #report-period { height: 1; padding: 0 1; color: $text-muted; }
    ReportScreen #report-body { height: 1fr; padding: 0 1; }
    ReportScreen #report-bars { margin-bottom: 1; }
    """
    BINDINGS = [
        Binding("escape", "back", "Tillbaka", id="report_back"),
        Binding("s", "save", "Spara Word + CSV", id="report_save"),
        Binding("p", "period", "Period", id="report_period"),
        Binding("f", "year(-1)", "Föreg. år", id="report_prev"),
        Binding("n", "year(1)", "Nästa år", id="report_next"),
    ]

    def __init__(self, start: dt.date | None = None, end: dt.date | None = None) -> None:
        super().__init__()
        self.start, self.end = start, end
        self.report: Report | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="report-period")
        with VerticalScroll(id="report-body"):
            yield Static("Hållna möten per månad", classes="section-title")
            yield Static(id="report-bars")
            yield Static(id="report-tables")
        yield LotsenFooter()

    def on_mount(self) -> None:
        self.title = "Utvärdering"
        if self.start is None or self.end is None:
            today = self.lotsen.today()
            self.start, self.end = dt.date(today.year, 1, 1), today
        self.load()
        self.query_one("#report-body").focus()

    def load(self) -> None:
        """Count the period again, off the event loop (about 0.1 s at 10,000 cases): the
        figures shown stay until the new ones are in."""
        assert self.start is not None and self.end is not None
        self.sub_title = f"Räknar {self.start.isoformat()} – {self.end.isoformat()} …"
        self._read(self.start, self.end)

    @property
    def figures_ready(self) -> bool:
        """The figures shown are of the period chosen (not still being counted)."""
        r = self.report
        return r is not None and (r.start, r.end) == (self.start, self.end)

    @work(thread=True, exclusive=True, group="report-read")
    def _read(self, start: dt.date, end: dt.date) -> None:
        report = build_report(self.lotsen.db, start, end)
        if not get_current_worker().is_cancelled:  # a newer period is on its way
            self.app.call_from_thread(self.show_report, report)

    def show_report(self, report: Report) -> None:
        from exports.report import period_text

        if not self.is_attached or (report.start, report.end) != (self.start, self.end):
            return
        self.report = report
        self.sub_title = period_text(report)
        self.query_one("#report-period", Static).update(
            Text(f'Bara antal, inga namn. Antal 1–2 visas som "{SMALL}".')
        )
        self.query_one("#report-bars", Static).update(bars(report))
        parts: list[Any] = []
        for table in report_tables(report):
            if table.key == "manad":
                continue  # the bars above
            parts.append(Text(table.title, style="bold"))
            parts.append(rich_table(table))
            if table.note:
                parts.append(Text(table.note, style="italic dim"))
            parts.append(Text(""))
        from rich.console import Group

        self.query_one("#report-tables", Static).update(Group(*parts))

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_year(self, step: int) -> None:
        assert self.start is not None
        year = self.start.year + step
        today = self.lotsen.today()
        self.start = dt.date(year, 1, 1)
        self.end = today if year == today.year else dt.date(year, 12, 31)
        self.load()

    def action_period(self) -> None:
        from model.validation import InvalidInput, parse_date
        from tui.dialogs.form import FormDialog, FormField

        def submit(values: dict[str, Any]) -> tuple[dt.date, dt.date]:
            today = self.lotsen.today()
            first = parse_date(values["start"], "start", "Första dagen", today=today)
            last = parse_date(values["end"], "end", "Sista dagen", today=today)
            if first is None:
                raise InvalidInput("start", "Skriv periodens första dag, t.ex. 2026-01-01.")
            if last is None:
                raise InvalidInput("end", "Skriv periodens sista dag, t.ex. 2026-12-31.")
            if last < first:
                raise InvalidInput("end", "Sista dagen ligger före den första.")
            return first, last

        def chosen(period: tuple[dt.date, dt.date] | None) -> None:
            if period:
                self.start, self.end = period
                self.load()

        assert self.start is not None and self.end is not None
        self.app.push_screen(
            FormDialog(
                "Period för utvärderingen",
                [
                    FormField("start", "Första dagen", value=self.start.isoformat()),
                    FormField("end", "Sista dagen", value=self.end.isoformat()),
                ],
                on_submit=submit,
                submit_label="Visa",
            ),
            chosen,
        )

    def action_save(self) -> None:
        from exports.errors import ExportError
        from exports.report import write_report

        if not self.figures_ready or self.report is None:
            self.notify("Utvärderingen räknas fortfarande. Tryck s igen om en stund.", timeout=5)
            return
        try:
            paths = write_report(self.report, None, self.lotsen.settings, today=self.lotsen.today())
        except ExportError as exc:
            self.notify(str(exc), severity="error", timeout=12, markup=False)
            return
        names = " och ".join(p.name for p in paths)
        self.notify(
            f"Utvärderingen är sparad: {names} i {paths[0].parent}", timeout=10, markup=False
        )
