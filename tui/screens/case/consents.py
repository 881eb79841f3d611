"""Samtycken: the family's consents, in force or not; a new one, or revoked from today."""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button

from model.case_page import CasePage
from model.views import ConsentView
from tui.screens import case_forms as forms
from tui.screens.case.base import CasePane
from tui.widgets.table import FitTable

COLUMNS = ("Gäller", "Givet av", "Datum", "Form", "Verksamheter")


def consent_status(c: ConsentView, today: dt.date) -> str:
    """In force or not, said plainly."""
    if c.revoked_on is not None and c.revoked_on <= today:
        return f"Återkallat {c.revoked_on}"
    if c.given_on > today:
        return f"Gäller från {c.given_on}"
    if c.valid_until is not None and c.valid_until < today:
        return f"Har gått ut {c.valid_until}"
    if c.valid_until is not None:
        return f"Gäller till {c.valid_until}"
    return "Gäller tills vidare"


class ConsentsPane(CasePane, Vertical):
    """Samtycken."""

    BINDINGS = [
        Binding("a", "add", "Nytt samtycke", id="case_consent_add"),
        Binding("delete,x", "remove", "Återkalla", id="case_consent_revoke"),
    ]

    def compose(self) -> ComposeResult:
        yield FitTable(id="consent-table", cursor_type="row")
        with Horizontal(classes="pane-buttons"):
            yield Button("Nytt samtycke (a)", id="add-consent")
            yield Button("Återkalla (Delete)", id="revoke-consent")

    def on_mount(self) -> None:
        self.query_one(FitTable).add_columns(*COLUMNS)

    def fill(self, page: CasePage) -> None:
        show, today = self.lotsen.show, self.lotsen.today()
        self.rows(
            "consent-table",
            [
                (
                    consent_status(k, today),
                    show(k.given_by),
                    str(k.given_on),
                    k.form,
                    ", ".join(k.agencies),
                    str(k.id),
                )
                for k in page.case.consents
            ],
        )

    def action_add(self) -> None:
        if self.page is None:
            return
        # The network's agencies, suggested (each once, in the order they joined).
        agencies = list(
            dict.fromkeys(p.organisation for p in self.page.case.participants if p.organisation)
        )
        self.open_dialog(forms.consent_dialog(self.lotsen.store, self.case_id, agencies))

    def action_remove(self) -> None:
        cid = self.selected("consent-table")
        if cid is None:
            return

        def revoke() -> None:
            self.lotsen.store.revoke_consent(cid)
            self.notify("Samtycket är återkallat från i dag.")
            self.changed()

        self.confirm("Återkalla samtycket från och med i dag?", "Ja, återkalla", revoke)

    @on(Button.Pressed, "#add-consent")
    def _add_pressed(self) -> None:
        self.action_add()

    @on(Button.Pressed, "#revoke-consent")
    def _revoke_pressed(self) -> None:
        self.action_remove()
