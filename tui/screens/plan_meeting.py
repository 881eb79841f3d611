"""Planera möte: kind, date, time, place, invitees, the question, and the routine's deadline."""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Header, Input, Select, SelectionList, Static

from model.deadline import last_allowed_date
from model.routines import get_routine, routines
from model.validation import InvalidInput, parse_date
from tui.app import LotsenScreen
from tui.plain import cell, plain, visible
from tui.screens import case_forms as forms
from tui.widgets.fields import AutosaveInput, AutosaveTextArea, Field
from tui.widgets.footer import LotsenFooter
from tui.widgets.inorder import InOrderSelectionList
from tui.widgets.page import Page
from tui.widgets.saved import selected_in_order
from tui.widgets.select import LotsenSelect


def default_routine(case_routine: str, has_meetings: bool) -> str:
    """A first meeting follows the case's routine; later ones are follow-ups."""
    if not has_meetings:
        return case_routine
    follow_ups = [r.id for r in routines().values() if r.follow_up]
    if "uppfoljande_lotsmote" in follow_ups:
        return "uppfoljande_lotsmote"
    return follow_ups[0] if follow_ups else case_routine


def deadline_text(routine_id: str, agreed_on: dt.date | None, planned: dt.date | None,
                  today: dt.date | None = None) -> tuple[str, bool]:  # fmt: skip
    """The routine's last allowed date in words, and whether the chosen date is too late."""
    routine = get_routine(routine_id)
    if routine.deadline.kind == "none":
        return "Rutinen sätter ingen tidsgräns för mötet.", False
    if agreed_on is None:
        return (f"Rutinen: mötet ska hållas {routine.deadline.describe()} från att det "
                "bestämdes. Fyll i när det bestämdes.", False)  # fmt: skip
    last = last_allowed_date(agreed_on, routine.deadline)
    if last is None:  # e.g. year 9999 from an older database
        return (f"Lotsen kan inte räkna ut rutinens sista dag från {agreed_on}. Kontrollera "
                "datumet då mötet bestämdes.", True)  # fmt: skip
    rule = f"{routine.deadline.describe()} från {agreed_on}"
    if planned is not None and planned > last:
        return (f"Varning: {planned} är senare än rutinen tillåter. Sista dag är {last} "
                f"({rule}).", True)  # fmt: skip
    if planned is not None and planned < (today or dt.date.today()):
        return f"Sista dag enligt rutinen: {last} ({rule}). Obs! {planned} har redan varit.", True
    ok = " Datumet håller tidsgränsen." if planned else ""
    return f"Sista dag enligt rutinen: {last} ({rule}).{ok}", False


def _date_or_none(text: str) -> dt.date | None:
    try:
        return parse_date(text)
    except InvalidInput:
        return None


class PlanMeetingScreen(LotsenScreen):
    """Planera möte."""

    HELP = """# Planera möte

Välj vilken sorts möte (rutin), datum, tid och plats, vilka som bjuds in och mötets
frågeställning. Lotsen visar rutinens sista dag räknat från när mötet bestämdes och varnar om
datumet är senare. Ett uppföljningsmöte tar med målen och de pågående insatserna från planen.

Allt sparas medan du skriver. F5 startar mötet i Mötesguiden. Ctrl+N lägger till en ny
deltagare i nätverket och bjuder in den. Esc går tillbaka till ärendet.
"""
    BINDINGS = [
        Binding("escape", "back", "Tillbaka", id="plan_back"),
        Binding("f5", "start", "Starta mötet", id="plan_start"),
        Binding("ctrl+n", "add_participant", "Ny deltagare", id="plan_add_participant"),
    ]

    def __init__(self, case_id: int, meeting_id: int | None = None) -> None:
        super().__init__()
        self.case_id = case_id
        self.meeting_id = meeting_id
        self.created_here = False
        self.touched = False

    def create_meeting(self) -> int:
        store, settings = self.lotsen.store, self.lotsen.settings
        case = store.get_case(self.case_id)
        routine = default_routine(case.routine_id, bool(store.case_meetings(self.case_id)))
        fields: dict[str, Any] = {"agreed_on": self.lotsen.today(), "leader": settings.leader_name}
        mid = store.plan_meeting(self.case_id, routine, **fields)
        if settings.default_place and not store.get_meeting(mid).place:
            store.update_meeting(mid, place=settings.default_place)
        self.created_here = True
        return mid

    def compose(self) -> ComposeResult:
        if self.meeting_id is None:
            self.meeting_id = self.create_meeting()
        m = self.lotsen.store.get_meeting(self.meeting_id)
        self.meeting = m
        yield Header()
        with Page(id="plan-form"):
            yield Static("", id="plan-heading", classes="section-title")
            yield Static("Sorts möte (rutin)", classes="field-label")
            yield LotsenSelect([(cell(r.name), r.id) for r in routines().values()], value=m.routine.id,
                         allow_blank=False, id="m-routine")  # fmt: skip
            with Horizontal(classes="pair"):
                yield Field("Datum", self._input("planned_date", str(m.planned_date or ""),
                                                 "t.ex. 2026-03-12 eller 12/3"))  # fmt: skip
                yield Field("Tid", self._input("planned_time", m.planned_time, "t.ex. 14.00"))
            yield Field("Plats", self._input("place", m.place, "t.ex. skolans konferensrum"))
            yield Field("Mötet bestämdes den", self._input("agreed_on", str(m.agreed_on or "")))
            yield Static("", id="deadline")
            yield Field("Frågeställning för mötet", AutosaveTextArea(
                m.question, saver=self._saver("question"), id="m-question"))  # fmt: skip
            yield Static("Inbjudna (Mellanslag väljer)", classes="field-label")
            yield InOrderSelectionList[int](id="m-invitees")
            with Horizontal(classes="pane-buttons"):
                yield Button("Ny deltagare (Ctrl+N)", id="m-add-participant")
                yield Button("Starta mötet (F5)", id="m-start", variant="primary")
        yield LotsenFooter()

    def _saver(self, key: str):  # noqa: ANN202
        store = self.lotsen.store

        def save(value: str) -> None:
            store.update_meeting(self.meeting_id, **{key: value})
            self.touched = True

        return save

    def _input(self, key: str, value: str, placeholder: str = "") -> AutosaveInput:
        return AutosaveInput(value, saver=self._saver(key), placeholder=placeholder,
                             id=f"m-{key}")  # fmt: skip

    def on_mount(self) -> None:
        self._fill_invitees()
        self._heading()
        self._update_deadline()
        self.query_one("#m-routine").focus()

    def _heading(self) -> None:
        m = self.meeting
        verb = "Nytt möte" if self.created_here else "Planerat möte"
        carried = (f" Med från förra planen: {len(m.goals)} mål och "
                   f"{len(m.carried_actions)} insatser." if m.carried_actions or m.goals else "")  # fmt: skip
        self.title = f"Planera möte: {visible(self.lotsen.show(m.case.child_name), one_line=True)}"
        self.query_one("#plan-heading", Static).update(
            plain(f"{verb} – {m.routine.name}.{carried}")
        )

    def _fill_invitees(self) -> None:
        m = self.meeting = self.lotsen.store.get_meeting(self.meeting_id)
        chosen = {p.id for p in m.invitees}
        show = self.lotsen.show
        people = [*m.case.guardians, *m.case.participants]
        sl = self.query_one("#m-invitees", SelectionList)
        sl.clear_options()
        sl.add_options([
            (plain(f"{show(p.name)} – {p.organisation or p.role or 'vårdnadshavare'}", one_line=True),
             p.id, p.id in chosen)
            for p in people])  # fmt: skip
        self._chosen = chosen

    def refresh_privacy(self) -> None:
        self._fill_invitees()
        self._heading()

    def _update_deadline(self) -> None:
        routine = self.query_one("#m-routine", Select).value
        planned = _date_or_none(self.query_one("#m-planned_date", Input).value)
        agreed = _date_or_none(self.query_one("#m-agreed_on", Input).value)
        text, late = deadline_text(str(routine), agreed, planned, self.lotsen.today())
        label = self.query_one("#deadline", Static)
        label.update(plain(text))
        label.set_class(late, "warning")

    @on(Input.Changed, "#m-planned_date, #m-agreed_on")
    def _dates_changed(self) -> None:
        self._update_deadline()

    @on(Select.Changed, "#m-routine")
    def _routine_changed(self, event: Select.Changed) -> None:
        if event.value is Select.NULL or event.value == self.meeting.routine.id:
            return
        self.lotsen.store.update_meeting(self.meeting_id, routine_id=event.value)
        self.touched = True
        self.lotsen.mark_saved()
        self.meeting = self.lotsen.store.get_meeting(self.meeting_id)
        self._heading()
        self._update_deadline()

    @on(SelectionList.SelectedChanged, "#m-invitees")
    def _invitees_changed(self, event: SelectionList.SelectedChanged) -> None:
        chosen = set(event.selection_list.selected)
        if chosen == self._chosen:
            return
        self._chosen = chosen
        ordered = selected_in_order(event.selection_list)
        self.lotsen.store.set_invitees(self.meeting_id, ordered)
        self.touched = True
        self.lotsen.mark_saved()

    @on(Button.Pressed, "#m-add-participant")
    def _add_pressed(self) -> None:
        self.action_add_participant()

    @on(Button.Pressed, "#m-start")
    def _start_pressed(self) -> None:
        self.action_start()

    def action_add_participant(self) -> None:
        def added(pid: int | None) -> None:
            if pid is None:
                return
            ids = [*self.query_one("#m-invitees", SelectionList).selected, pid]
            self.lotsen.store.set_invitees(self.meeting_id, ids)
            self.touched = True
            self._fill_invitees()

        self.app.push_screen(forms.add_person_dialog(self.lotsen.store, self.case_id), added)

    def action_start(self) -> None:
        self.lotsen.flush_saves()
        self.touched = True
        assert self.meeting_id is not None
        self.lotsen.open_meeting(self.meeting_id)

    def action_back(self) -> None:
        self.lotsen.flush_saves()
        if self.created_here:
            # Kept even if nothing was typed: the follow-up's defaults may be all that is needed.
            self.notify("Mötet är planerat. Det kan tas bort under Möten i ärendet (Delete).")
        self.app.pop_screen()
