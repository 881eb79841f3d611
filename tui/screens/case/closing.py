"""Avslut: close the case (with the reason and what the family does if it gets worse), or
open it again."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Button, Static

from model.case_page import CasePage
from model.views import CaseView
from tui.plain import plain
from tui.screens import case_forms as forms
from tui.screens.case.base import CasePane
from tui.widgets.page import Page


class ClosingPane(CasePane, Page):
    """Avslut."""

    def compose(self) -> ComposeResult:
        yield Static("", id="closing-status")
        yield Button("Avsluta ärendet", id="close-case", variant="warning")
        yield Button("Öppna ärendet igen", id="reopen-case")

    def fill(self, page: CasePage) -> None:
        self.fill_closing(page.case)

    def fill_closing(self, c: CaseView) -> None:
        closed = c.status == "closed"
        if closed:
            told = "Ja" if c.family_told_if_worse else "Nej – berätta det för familjen"
            text = (
                f"Ärendet avslutades {c.closed_on}.\nSkäl: {c.closing_reason}\n"
                f"Om det blir sämre igen: {c.if_worse_plan or '(inte nedskrivet)'}\n"
                f"Familjen vet hur de gör om det blir sämre igen: {told}"
            )
        else:
            text = "Ärendet är öppet."
        self.query_one("#closing-status", Static).update(plain(text))
        close, reopen = self.query_one("#close-case"), self.query_one("#reopen-case")
        close.display = not closed
        reopen.display = closed
        # The button that was pressed is hidden now: focus goes to the one that took its place
        # (focus is None when the hidden button had it), while this tab is the one shown.
        focused = self.app.focused
        tab = self.parent
        shown = tab is not None and tab.display and self.screen.is_current
        if focused in (close, reopen) or (shown and focused is None):
            (reopen if closed else close).focus()

    @on(Button.Pressed, "#close-case")
    def _close_pressed(self) -> None:
        self.open_dialog(forms.close_dialog(self.lotsen.store, self.case_id))

    @on(Button.Pressed, "#reopen-case")
    def _reopen_pressed(self) -> None:
        def reopen() -> None:
            self.lotsen.store.reopen_case(self.case_id)
            self.changed()

        self.confirm("Öppna ärendet igen?", "Ja, öppna", reopen)
