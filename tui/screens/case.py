"""Ärende: the child, guardians, the network, consents, the plan, meetings, deviations, closing."""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import (
    Button,
    Checkbox,
    DataTable,
    Header,
    Select,
    Static,
    TabbedContent,
    TabPane,
    Tabs,
)

from model.labels import MEETING_STATE_LABELS, meeting_state
from model.routines import routines
from model.validation import ACTION_STATUS, GOAL_KINDS
from model.views import CaseView, ConsentView, MeetingView
from tui.dialogs.confirm import ConfirmDialog
from tui.plain import cell, plain, visible
from tui.screen import LotsenScreen
from tui.screens import case_forms as forms
from tui.screens.case_roles import VastbasRoles
from tui.widgets.fields import AutosaveInput, Field
from tui.widgets.footer import LotsenFooter
from tui.widgets.inorder import InOrderCheckbox
from tui.widgets.page import Page
from tui.widgets.saved import differs_from_saved
from tui.widgets.select import LotsenSelect
from tui.widgets.table import FitTable

MEETING_STATUS = {k: meeting_state(k, capital=True) for k in MEETING_STATE_LABELS}
PRINCIPAL_NAMES = {"kommun": "Kommun", "region": "Region", "skola": "Skola", "annan": "Annan"}
TABS = ["child", "network", "consents", "plan", "meetings", "deviations", "closing"]


def consent_status(c: ConsentView, today: dt.date | None = None) -> str:
    """In force or not, said plainly."""
    today = today or dt.date.today()
    if c.revoked_on is not None and c.revoked_on <= today:
        return f"Återkallat {c.revoked_on}"
    if c.given_on > today:
        return f"Gäller från {c.given_on}"
    if c.valid_until is not None and c.valid_until < today:
        return f"Har gått ut {c.valid_until}"
    if c.valid_until is not None:
        return f"Gäller till {c.valid_until}"
    return "Gäller tills vidare"


class CaseScreen(LotsenScreen):
    """Ärende."""

    HELP = """# Ärende

Allt om ett barns ärende, i flikar: **Barnet** (uppgifter och vårdnadshavare), **Nätverket**,
**Samtycken**, **Planen**, **Möten**, **Avvikelser** och **Avslut**. Byt flik med siffrorna 1–7
eller med vänster/höger pil när flikraden har fokus.

Allt du skriver sparas direkt. I en lista: Enter öppnar eller ändrar raden, a lägger till,
Delete tar bort (Lotsen frågar först). p planerar ett möte, s startar eller återupptar mötet,
Ctrl+E exporterar dokumenten (SIP, uppföljning, kallelse …).
"""
    BINDINGS = [
        Binding("escape", "back", "Tillbaka", id="case_back"),
        Binding("a", "add", "Lägg till", id="case_add"),
        Binding("delete,x", "remove", "Ta bort", id="case_remove"),
        Binding("p", "plan_meeting", "Planera möte", id="case_plan"),
        Binding("s", "start_meeting", "Starta möte", id="case_start"),
        Binding("ctrl+e", "export", "Exportera", id="case_export"),
        *[Binding(str(i + 1), f"tab('{t}')", "Byt flik", show=False) for i, t in enumerate(TABS)],
    ]

    def __init__(self, case_id: int) -> None:
        super().__init__()
        self.case_id: int = case_id
        self.view: CaseView | None = None  # type: ignore[assignment]
        self._guardian_ids: list[int] | None = None

    # -- building -----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        store = self.lotsen.store
        self.view = store.get_case(self.case_id)
        c = self.view
        yield Header()
        with TabbedContent(id="case-tabs"):
            with TabPane("Barnet", id="child"), Page():
                yield Field("Barnets namn", self._case_input("child_name", c.child_name, True))
                yield Field("Personnummer", self._case_input("personnummer",
                                                             c.personnummer_display, True))  # fmt: skip
                with Horizontal(classes="pair"):
                    yield Field("Skola", self._case_input("school", c.school))
                    yield Field("Klass", self._case_input("school_class", c.school_class))
                yield Static("Rutin", classes="field-label")
                yield LotsenSelect([(cell(r.name), r.id) for r in routines().values()], value=c.routine_id,
                             allow_blank=False, id="case-routine")  # fmt: skip
                yield InOrderCheckbox(
                    "Tolk behövs", value=c.interpreter_needed, id="case-interpreter"
                )
                yield Field("Tolkens språk", self._case_input("interpreter_language",
                                                               c.interpreter_language))  # fmt: skip
                yield Static("Vårdnadshavare", classes="section-title")
                yield Vertical(id="guardians")
                yield Button("Lägg till vårdnadshavare", id="add-guardian")
                yield VastbasRoles(store, c)
            with TabPane("Nätverket", id="network"), Vertical():
                yield FitTable(id="network-table", cursor_type="row")
                with Horizontal(classes="pane-buttons"):
                    yield Button("Lägg till (a)", id="add-participant")
                    yield Button("Ta bort (Delete)", id="remove-participant")
            with TabPane("Samtycken", id="consents"), Vertical():
                yield FitTable(id="consent-table", cursor_type="row")
                with Horizontal(classes="pane-buttons"):
                    yield Button("Nytt samtycke (a)", id="add-consent")
                    yield Button("Återkalla (Delete)", id="revoke-consent")
            with TabPane("Planen", id="plan"), Page():
                yield Static("", id="plan-goals")
                yield FitTable(id="action-table", cursor_type="row")
            with TabPane("Möten", id="meetings"), Vertical():
                yield FitTable(id="meeting-table", cursor_type="row")
                yield Static("Enter startar eller återupptar mötet, e ändrar planeringen.",
                             classes="muted")  # fmt: skip
                with Horizontal(classes="pane-buttons"):
                    yield Button("Planera möte (p)", id="plan-meeting")
            with TabPane("Avvikelser", id="deviations"), Page():
                yield Static("Avvikelser", classes="section-title")
                yield FitTable(id="deviation-table", cursor_type="row")
                yield Button("Ny avvikelse (a)", id="add-deviation")
                yield Static("Beslut om att avstå", classes="section-title")
                yield FitTable(id="refusal-table", cursor_type="row")
                yield Button("Nytt beslut om att avstå", id="add-refusal")
            with TabPane("Avslut", id="closing"), Page():
                yield Static("", id="closing-status")
                yield Button("Avsluta ärendet", id="close-case", variant="warning")
                yield Button("Öppna ärendet igen", id="reopen-case")
        yield LotsenFooter()

    def _case_input(self, key: str, value: str, personal: bool = False) -> AutosaveInput:
        store = self.lotsen.store
        widget = AutosaveInput(value or "", id=f"case-{key}",
                               saver=lambda v: store.update_case(self.case_id, **{key: v}))  # fmt: skip
        if personal:
            widget.add_class("personal")
            widget.password = self.lotsen.settings.privacy
        return widget

    def on_mount(self) -> None:
        cols = {
            "network-table": ("Namn", "Verksamhet", "Roll", "Huvudman", "Kontakt"),
            "consent-table": ("Gäller", "Givet av", "Datum", "Form", "Verksamheter"),
            "action-table": ("Nr", "Insats", "Status", "Ansvarig", "Följs upp"),
            "meeting-table": ("Datum", "Status", "Möte", "Tid", "Plats"),
            "deviation-table": ("Insats", "Vad gick fel", "Rapporteras till", "Datum"),
            "refusal-table": ("Verksamhet", "Beslut", "Datum"),
        }
        for table_id, names in cols.items():
            self.query_one(f"#{table_id}", DataTable).add_columns(*names)
        self.fill()
        # The tab row first: digits and letters then act as keys, Tab goes into the page.
        self.query_one(TabbedContent).query_one(Tabs).focus()

    def on_screen_resume(self) -> None:
        self.fill()

    # -- filling ------------------------------------------------------------------------------
    def fill(self) -> None:
        store, show = self.lotsen.store, self.lotsen.show
        c = self.view = store.get_case(self.case_id)
        self.meetings: list[MeetingView] = store.case_meetings(self.case_id)
        self.plan = store.current_plan(self.case_id)
        closed = " (avslutat)" if c.status == "closed" else ""
        self.title = f"Ärende: {visible(show(c.child_name), one_line=True)}{closed}"
        privacy = self.lotsen.settings.privacy
        for widget in self.query("AutosaveInput.personal"):
            assert isinstance(widget, AutosaveInput)
            widget.password = privacy
        self._fill_guardians(c)
        self.query_one(VastbasRoles).refresh_case(c)
        people = [*c.guardians, *c.participants]
        self._rows("network-table", [
            (show(p.name), p.organisation if p.kind != "guardian" else "Vårdnadshavare", p.role,
             PRINCIPAL_NAMES.get(p.principal, ""), "(dolt)" if privacy and p.contact else p.contact,
             str(p.id)) for p in people])  # fmt: skip
        self._rows("consent-table", [
            (consent_status(k, self.lotsen.today()), show(k.given_by), str(k.given_on), k.form, ", ".join(k.agencies),
             str(k.id)) for k in c.consents])  # fmt: skip
        self._fill_plan()
        self._rows("meeting-table", [
            (str(m.planned_date or "inget datum"), MEETING_STATUS[m.status], m.routine.name,
             m.planned_time, m.place, str(m.id)) for m in self.meetings])  # fmt: skip
        self._rows("deviation-table", [
            (d.action_text, d.what_went_wrong.replace("\n", " "), d.reported_to,
             str(d.reported_on or ""), str(d.id)) for d in c.deviations])  # fmt: skip
        self._rows("refusal-table", [
            (r.agency, r.decision.replace("\n", " "), str(r.decided_on or ""), str(r.id))
            for r in c.refusals])  # fmt: skip
        self._fill_closing(c)

    def _rows(self, table_id: str, rows: list[tuple[str, ...]]) -> None:
        # Literal cells: a str cell would be parsed as markup ("Eva [/] Holm" crashed).
        # A FitTable wraps its widest columns at 80 columns instead of cutting them.
        table = self.query_one(f"#{table_id}", FitTable)
        table.show_rows([([cell(value) for value in row[:-1]], row[-1]) for row in rows])

    def _fill_guardians(self, c: CaseView) -> None:
        box = self.query_one("#guardians", Vertical)
        ids = [g.id for g in c.guardians]
        if getattr(self, "_guardian_ids", None) == ids:
            return
        self._guardian_ids = ids
        box.remove_children()
        store = self.lotsen.store
        privacy = self.lotsen.settings.privacy
        rows = []
        for g in c.guardians:

            def saver(key: str, pid: int = g.id):  # noqa: ANN202
                return lambda v: store.update_participant(pid, **{key: v})

            inputs = [AutosaveInput(g.name, saver=saver("name"), classes="personal",
                                    password=privacy, id=f"g{g.id}-name"),
                      AutosaveInput(g.phone, saver=saver("phone"), classes="personal",
                                    password=privacy, id=f"g{g.id}-phone"),
                      AutosaveInput(g.email, saver=saver("email"), classes="personal",
                                    password=privacy, id=f"g{g.id}-email")]  # fmt: skip
            rows.append(Horizontal(Field("Namn", inputs[0]), Field("Telefon", inputs[1]),
                                   Field("E-post", inputs[2]), classes="guardian"))  # fmt: skip
        if not rows:
            rows.append(Static("Inga vårdnadshavare inlagda.", classes="muted"))
        box.mount_all(rows)

    def _fill_plan(self) -> None:
        plan, show = self.plan, self.lotsen.show
        if plan is None:
            self.query_one("#plan-goals", Static).update(
                plain("Ingen plan ännu. Mål och insatser skrivs in under mötet (Mötesguiden).")
            )
            self._rows("action-table", [])
            return
        status = MEETING_STATUS[plan.status].lower()
        lines = [f"Planen som den står nu: {plan.routine.name} {plan.date} ({status})."]
        for kind, label in GOAL_KINDS.items():
            for g in plan.goals_of(kind):
                lines.append(f"• {label.capitalize()}: {g.text}")
        if plan.lead_organisation:
            lines.append(f"Huvudansvarig: {plan.lead_organisation}")
        if plan.coordinator_name:
            lines.append(f"Samordnare/kontaktperson: {show(plan.coordinator_name)}")
        self.query_one("#plan-goals", Static).update(plain("\n".join(lines)))
        self._rows("action-table", [
            (str(a.number), a.what, ACTION_STATUS.get(a.status, a.status),
             ", ".join(x for x in (a.responsible_org, show(a.responsible_person)) if x),
             str(a.follow_up_on or ""), str(a.id))
            for a in plan.actions])  # fmt: skip

    def _fill_closing(self, c: CaseView) -> None:
        closed = c.status == "closed"
        if closed:
            told = "Ja" if c.family_told_if_worse else "Nej – berätta det för familjen"
            text = (f"Ärendet avslutades {c.closed_on}.\nSkäl: {c.closing_reason}\n"
                    f"Om det blir sämre igen: {c.if_worse_plan or '(inte nedskrivet)'}\n"
                    f"Familjen vet hur de gör om det blir sämre igen: {told}")  # fmt: skip
        else:
            text = "Ärendet är öppet."
        self.query_one("#closing-status", Static).update(plain(text))
        close, reopen = self.query_one("#close-case"), self.query_one("#reopen-case")
        close.display = not closed
        reopen.display = closed
        if self.app.focused in (close, reopen) or (
            isinstance(self.app.screen, type(self)) and self.app.focused is None
        ):
            (reopen if closed else close).focus()

    def refresh_privacy(self) -> None:
        self._guardian_ids = None
        self.fill()

    # -- helpers ------------------------------------------------------------------------------
    @property
    def active_tab(self) -> str:
        return self.query_one(TabbedContent).active

    def _selected(self, table_id: str) -> int | None:
        table = self.query_one(f"#{table_id}", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(key) if key is not None else None

    def _open(self, dialog, then=None) -> None:  # noqa: ANN001
        def done(result) -> None:  # noqa: ANN001
            if result is not None:
                self.lotsen.mark_saved()
            self.fill()
            if then is not None and result is not None:
                then(result)

        self.app.push_screen(dialog, done)

    # -- actions ------------------------------------------------------------------------------
    def action_back(self) -> None:
        self.app.pop_screen()

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        self.query_one(TabbedContent).query_one(Tabs).focus()

    def action_add(self) -> None:
        store = self.lotsen.store
        tab = self.active_tab
        if tab == "consents":
            agencies = list(dict.fromkeys(p.organisation for p in self.view.participants
                                          if p.organisation))  # fmt: skip
            self._open(forms.consent_dialog(store, self.case_id, agencies))
        elif tab == "deviations":
            actions = [(cell(f"Insats {a.number}: {a.what}"[:60]), a.id)
                       for a in (self.plan.actions if self.plan else ())]  # fmt: skip
            self._open(forms.deviation_dialog(store, self.case_id, actions,
                                              self.lotsen.settings.leader_name))  # fmt: skip
        elif tab == "child":
            self._open(forms.add_person_dialog(store, self.case_id, guardian=True))
        elif tab == "meetings":
            self.action_plan_meeting()
        else:
            self.action_tab("network")
            self._open(forms.add_person_dialog(store, self.case_id))

    def action_remove(self) -> None:
        tab = self.active_tab
        if tab == "network":
            self._remove_participant()
        elif tab == "consents":
            self._revoke_consent()
        elif tab == "meetings":
            self._delete_meeting()

    def _delete_meeting(self) -> None:
        """A planned meeting: cancel it (kept, with the reason), move it to a new date, or
        delete it (planned by mistake)."""
        mid = self._selected("meeting-table")
        meeting = next((m for m in self.meetings if m.id == mid), None)
        if meeting is None:
            return
        if meeting.status != "planned":
            self.notify("Ett påbörjat, hållet eller inställt möte kan inte ändras här.",
                        severity="warning")  # fmt: skip
            return
        from tui.screens.meeting.dialogs import ChoiceDialog

        def chosen(what: str | None) -> None:
            if what == "cancel":
                self._open(forms.cancel_meeting_dialog(self.lotsen.store, meeting.id))
            elif what == "move":
                self._open(forms.move_meeting_dialog(self.lotsen.store, meeting.id))
            elif what == "delete":
                self._confirm_delete_meeting(meeting)

        self.app.push_screen(ChoiceDialog("Vad ska hända med mötet?", [
            ("move", "Flytta det till ett nytt datum"),
            ("cancel", "Ställa in det (det finns kvar, med orsaken)"),
            ("delete", "Ta bort det (planerades av misstag)"),
        ], "move"), chosen)  # fmt: skip

    def _confirm_delete_meeting(self, meeting) -> None:  # noqa: ANN001
        def answer(yes: bool | None) -> None:
            if yes:
                self.lotsen.store.delete_meeting(meeting.id)
                self.fill()

        when = f" den {meeting.planned_date}" if meeting.planned_date else ""
        self.app.push_screen(ConfirmDialog(f"Ta bort det planerade mötet{when}?"), answer)

    def _remove_participant(self) -> None:
        pid = self._selected("network-table")
        if pid is None:
            return
        person = next(p for p in (*self.view.guardians, *self.view.participants) if p.id == pid)

        def answer(yes: bool | None) -> None:
            if yes:
                self.lotsen.store.remove_participant(pid)
                self.notify(visible(f"{self.lotsen.show(person.name)} är borttagen ur nätverket."),
                            markup=False)  # fmt: skip
                self._guardian_ids = None
                self.fill()

        self.app.push_screen(ConfirmDialog(
            f"Ta bort {self.lotsen.show(person.name)} ur nätverket?\n"
            "Tidigare möten behåller närvaron."), answer)  # fmt: skip

    def _revoke_consent(self) -> None:
        cid = self._selected("consent-table")
        if cid is None:
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.lotsen.store.revoke_consent(cid)
                self.notify("Samtycket är återkallat från i dag.")
                self.fill()

        self.app.push_screen(ConfirmDialog("Återkalla samtycket från och med i dag?",
                                           yes="Ja, återkalla"), answer)  # fmt: skip

    def action_plan_meeting(self, meeting_id: int | None = None) -> None:
        if meeting_id is None:
            # One planned meeting at a time: "p" opens it rather than planning a second.
            planned = [m for m in self.meetings if m.status == "planned"]
            if planned:
                meeting_id = planned[-1].id
                self.notify("Det finns redan ett planerat möte; du ändrar det.")
        self.lotsen.plan_meeting(self.case_id, meeting_id)

    def action_start_meeting(self) -> None:
        if self.active_tab == "meetings" and (mid := self._selected("meeting-table")):
            self.lotsen.open_meeting(mid)
            return
        open_ones = [m for m in self.meetings if m.status in ("planned", "in_progress")]
        if not open_ones:
            self.notify("Det finns inget planerat möte. Tryck p för att planera ett.")
            return
        self.lotsen.open_meeting(open_ones[0].id)

    # -- events -------------------------------------------------------------------------------
    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        key = event.row_key.value
        if key is None:
            return
        row_id = int(key)
        table_id = event.data_table.id
        if table_id == "network-table":
            person = next(p for p in (*self.view.guardians, *self.view.participants)
                          if p.id == row_id)  # fmt: skip
            self._guardian_ids = None
            self._open(forms.edit_person_dialog(self.lotsen.store, person))
        elif table_id == "meeting-table":
            self.lotsen.open_meeting(row_id)

    def action_export(self) -> None:
        """Exportera: the meeting selected in the Möten tab, else the case's latest."""
        from tui.dialogs.export import open_export

        focused = self.focused
        mid = None
        if isinstance(focused, DataTable) and focused.id == "meeting-table":
            mid = self._selected("meeting-table")
        open_export(self.lotsen, mid)

    def on_key(self, event) -> None:  # noqa: ANN001
        focused = self.focused
        if event.key == "e" and isinstance(focused, DataTable) and focused.id == "meeting-table":
            mid = self._selected("meeting-table")
            if mid is not None:
                event.stop()
                self.action_plan_meeting(mid)

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        store = self.lotsen.store
        match event.button.id:
            case "add-guardian":
                self._open(forms.add_person_dialog(store, self.case_id, guardian=True))
            case "add-participant" | "add-consent" | "add-deviation":
                self.action_add()
            case "remove-participant":
                self._remove_participant()
            case "revoke-consent":
                self._revoke_consent()
            case "plan-meeting":
                self.action_plan_meeting()
            case "add-refusal":
                self._open(forms.refusal_dialog(store, self.case_id))
            case "close-case":
                self._open(forms.close_dialog(store, self.case_id))
            case "reopen-case":

                def answer(yes: bool | None) -> None:
                    if yes:
                        store.reopen_case(self.case_id)
                        self.fill()

                self.app.push_screen(ConfirmDialog("Öppna ärendet igen?", yes="Ja, öppna"),
                                     answer)  # fmt: skip

    @on(Select.Changed, "#case-routine")
    def _routine(self, event: Select.Changed) -> None:
        if event.value is not Select.NULL and differs_from_saved(
            event.select, event.value, self.view.routine_id
        ):
            self.lotsen.store.update_case(self.case_id, routine_id=event.value)
            self.lotsen.mark_saved()
            self.query_one(VastbasRoles).refresh_case(self.lotsen.store.get_case(self.case_id))

    @on(Checkbox.Changed, "#case-interpreter")
    def _interpreter(self, event: Checkbox.Changed) -> None:
        if differs_from_saved(event.checkbox, event.value, self.view.interpreter_needed):
            self.lotsen.store.update_case(self.case_id, interpreter_needed=event.value)
            self.view = self.lotsen.store.get_case(self.case_id)
            self.lotsen.mark_saved()
