"""What every tab of the Ärende screen shares: the page it shows, the dialogs it opens, the
rows of its tables. A pane is given the case's data from above (`show`) and says that it
wrote something with a message (`CasePane.Changed`); the screen then reads the case again."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable

from model.case_page import CasePage
from model.labels import MeetingState
from tui.dialogs.confirm import ConfirmDialog
from tui.plain import cell
from tui.widgets.table import FitTable

MEETING_STATUS = {m.value: MeetingState.label_of(m, capital=True) for m in MeetingState}


# A mixin (before the pane's container in the bases: `(CasePane, Vertical)`). It is no Widget
# at run time: Textual takes a widget's CSS type names and DEFAULT_CSS along its first
# DOMNode base only, and the pane must stay a Vertical or a Page for them (and for app.tcss).
if TYPE_CHECKING:
    from tui.app import LotsenApp

    _PaneBase = Widget
else:
    _PaneBase = object


class CasePane(_PaneBase):
    """One tab of the Ärende screen.

    Its BINDINGS are the keys of that tab: the footer shows them while focus is in the tab.
    `show(page)` is called with every fresh read of the case; until the first one `page` is
    None and the keys that need the data do nothing."""

    CSS_CLASS = "case-pane"  # what the screen queries the panes by

    class Changed(Message):
        """The pane wrote to the case (or a dialog it opened did): read the case again."""

    def __init__(self, case_id: int) -> None:
        super().__init__(classes=self.CSS_CLASS)
        self.case_id = case_id
        self.page: CasePage | None = None

    @property
    def lotsen(self) -> LotsenApp:
        return cast("LotsenApp", self.app)

    async def show(self, page: CasePage) -> None:
        """The case as just read: remember it and show it."""
        self.page = page
        self.fill(page)

    def fill(self, page: CasePage) -> None:
        """Show `page` (each pane its part of it)."""

    def changed(self) -> None:
        self.post_message(self.Changed())

    # -- tables -------------------------------------------------------------------------------
    def rows(self, table_id: str, rows: list[tuple[str, ...]]) -> None:
        """Fill a table: each row's cells, its id last (the row key)."""
        # Literal cells: a str cell would be parsed as markup ("Eva [/] Holm" crashed).
        # A FitTable wraps its widest columns at 80 columns instead of cutting them.
        table = self.query_one(f"#{table_id}", FitTable)
        table.show_rows([([cell(value) for value in row[:-1]], row[-1]) for row in rows])

    def selected(self, table_id: str) -> int | None:
        """The id of the table's row under the cursor, None in an empty table."""
        table = self.query_one(f"#{table_id}", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(key) if key is not None else None

    # -- dialogs ------------------------------------------------------------------------------
    def open_dialog(self, dialog: Screen[Any], then: Callable[[Any], None] | None = None) -> None:
        """Push a form; when it closes the case is read again (and `then` gets a result)."""

        def done(result: Any) -> None:
            if result is not None:
                self.lotsen.mark_saved()
            self.changed()
            if then is not None and result is not None:
                then(result)

        self.app.push_screen(dialog, done)

    def confirm(self, question: str, yes: str, then: Callable[[], None]) -> None:
        """Ask first (Lotsen's one ConfirmDialog); `then` runs on Ja."""

        def answer(agreed: bool | None) -> None:
            if agreed:
                then()

        self.app.push_screen(ConfirmDialog(question, yes=yes), answer)
