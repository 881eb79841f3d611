"""Ärende: the child, guardians, the network, consents, the plan, meetings, deviations, closing.

One tab per pane (tui/screens/case/<pane>.py), each with its own keys. The screen reads the
case once per change (Store.case_page, in a thread worker: the event loop goes on drawing) and
hands the page to every pane; a pane that wrote something says so with CasePane.Changed and
the screen reads again. Until a read is shown the screen takes its next message (a key, say)
only after it, so a key pressed meanwhile acts on what the leader is about to see."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.widgets import DataTable, Header, TabbedContent, TabPane, Tabs
from textual.worker import WorkerCancelled, WorkerFailed

from model.case_page import CasePage
from model.views import CaseView
from tui.plain import visible
from tui.screen import LotsenScreen
from tui.screens.case.base import CasePane
from tui.screens.case.child import ChildPane
from tui.screens.case.closing import ClosingPane
from tui.screens.case.consents import ConsentsPane
from tui.screens.case.deviations import DeviationsPane
from tui.screens.case.meetings import MeetingsPane
from tui.screens.case.network import NetworkPane
from tui.screens.case.plan import PlanPane
from tui.widgets.fields import AutosaveInput
from tui.widgets.footer import LotsenFooter

# tab id -> (tab label, pane)
PANES: dict[str, tuple[str, type[CasePane]]] = {
    "child": ("Barnet", ChildPane),
    "network": ("Nätverket", NetworkPane),
    "consents": ("Samtycken", ConsentsPane),
    "plan": ("Planen", PlanPane),
    "meetings": ("Möten", MeetingsPane),
    "deviations": ("Avvikelser", DeviationsPane),
    "closing": ("Avslut", ClosingPane),
}
TABS = list(PANES)
READ_GROUP = "case-page"


def _tab_row_keys() -> list[Binding]:
    """Each pane's keys once more on the screen, for the tab shown: they work (and the footer
    shows them, in the pane's words) from the tab row too, before focus is in the tab."""
    return [
        Binding(b.key, f"pane('{tab}', '{b.action}')", b.description, show=b.show)
        for tab, (_, pane) in PANES.items()
        for b in vars(pane).get("BINDINGS", ())  # its own (not its container's)
        if isinstance(b, Binding)
    ]


class CaseScreen(LotsenScreen):
    """Ärende."""

    HELP = """# Ärende

Allt om ett barns ärende, i flikar: **Barnet** (uppgifter och vårdnadshavare), **Nätverket**,
**Samtycken**, **Planen**, **Möten**, **Avvikelser** och **Avslut**. Byt flik med siffrorna 1–7
eller med vänster/höger pil när flikraden har fokus.

Allt du skriver sparas direkt. I en lista: Enter öppnar eller ändrar raden, e ändrar den,
a lägger till, Delete tar bort (Lotsen frågar först). p planerar ett möte, s startar eller
återupptar mötet, Ctrl+E exporterar dokumenten (SIP, uppföljning, kallelse …).
Nederst visas tangenterna för fliken du står i.
"""
    BINDINGS = [
        Binding("escape", "back", "Tillbaka", id="case_back"),
        *_tab_row_keys(),
        Binding("a", "add", "Ny deltagare", id="case_add"),  # where the tab has no a
        Binding("p", "plan_meeting", "Planera möte", id="case_plan"),
        Binding("s", "start_meeting", "Starta möte", id="case_start"),
        Binding("ctrl+e", "export", "Exportera", id="case_export"),
        *[Binding(str(i + 1), f"tab('{t}')", "Byt flik", show=False) for i, t in enumerate(TABS)],
    ]

    def __init__(self, case_id: int) -> None:
        super().__init__()
        self.case_id: int = case_id
        self.page: CasePage | None = None

    # -- building -----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="case-tabs"):
            for tab, (label, pane) in PANES.items():
                with TabPane(label, id=tab):
                    yield pane(self.case_id)
        yield LotsenFooter()

    def on_mount(self) -> None:
        # The tab row first: digits and letters then act as keys, Tab goes into the page.
        self.query_one(TabbedContent).query_one(Tabs).focus()

    async def on_screen_resume(self) -> None:
        await self.load()

    def refresh_privacy(self) -> None:
        self.call_later(self.load)

    @property
    def view(self) -> CaseView | None:
        """The case as last read: where the privacy mask finds the names (tui.mask)."""
        return self.page.case if self.page is not None else None

    # -- reading ------------------------------------------------------------------------------
    async def load(self) -> None:
        """Read the case again, off the event loop, and show it in every pane."""
        worker = self.run_worker(self._read, thread=True, group=READ_GROUP, exit_on_error=False)
        try:
            page = await worker.wait()
        except WorkerCancelled:  # the screen or the app is closing
            return
        except WorkerFailed as failed:
            # As a read on the event loop would: the app's crash handling (a damaged file is
            # named, with the command that restores the backup).
            raise failed.error from None
        if self.is_attached:
            await self.show_page(page)

    def _read(self) -> CasePage:
        return self.lotsen.store.case_page(self.case_id)

    async def show_page(self, page: CasePage) -> None:
        self.page = page
        c = page.case
        closed = " (avslutat)" if c.status == "closed" else ""
        self.title = f"Ärende: {visible(self.lotsen.show(c.child_name), one_line=True)}{closed}"
        for pane in self.panes():
            await pane.show(page)
        privacy = self.lotsen.settings.privacy
        for widget in self.query("AutosaveInput.personal"):
            assert isinstance(widget, AutosaveInput)
            widget.password = privacy

    @on(CasePane.Changed)
    async def _pane_changed(self, event: CasePane.Changed) -> None:
        event.stop()
        await self.load()

    # -- panes --------------------------------------------------------------------------------
    @property
    def active_tab(self) -> str:
        return self.query_one(TabbedContent).active

    def panes(self) -> list[CasePane]:
        return [p for p in self.query(f".{CasePane.CSS_CLASS}") if isinstance(p, CasePane)]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A pane's key from the tab row: only the tab shown has it."""
        if action == "pane":
            try:
                return parameters[0] == self.active_tab
            except NoMatches:  # not composed yet
                return False
        return True

    @on(TabbedContent.TabActivated)
    def _tab_changed(self) -> None:
        self.refresh_bindings()

    # -- actions ------------------------------------------------------------------------------
    def action_back(self) -> None:
        self.app.pop_screen()

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        self.query_one(TabbedContent).query_one(Tabs).focus()

    def action_pane(self, tab: str, action: str) -> None:
        pane = self.query_one(f"#{tab}", TabPane).query_one(f".{CasePane.CSS_CLASS}")
        getattr(pane, f"action_{action}")()

    def action_add(self) -> None:
        """a where the tab has nothing to add (Planen, Avslut): a new person in the network."""
        self.action_tab("network")
        self.query_one(NetworkPane).action_add()

    def action_plan_meeting(self) -> None:
        self.query_one(MeetingsPane).plan()

    def action_start_meeting(self) -> None:
        self.query_one(MeetingsPane).start(selected_first=self.active_tab == "meetings")

    def action_export(self) -> None:
        """Exportera: the meeting selected in the Möten tab, else the case's latest."""
        from tui.dialogs.export import open_export

        focused = self.focused
        mid = None
        if isinstance(focused, DataTable) and focused.id == "meeting-table":
            mid = self.query_one(MeetingsPane).selected_meeting()
        open_export(self.lotsen, mid)
