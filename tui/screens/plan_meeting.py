"""Planera möte: kind, date, time, place, leader, note-taker and convener, invitees, the
question, the routine's deadline and the consent warnings. A new meeting is written only when
the leader saves it (Ctrl+S)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Header, Input, Select, SelectionList, Static

from model import inputs
from model.consent import consent_gaps, join_names
from model.db import DatabaseError
from model.routines import get_routine, routines
from model.validation import InvalidInput
from model.views import PersonView
from tui.dialogs.confirm import ConfirmDialog
from tui.plain import cell, plain, visible
from tui.screen import LotsenScreen
from tui.screens import case_forms as forms
from tui.screens.plan_texts import consent_warnings, date_or_none, deadline_text, read_plan_start
from tui.widgets.fields import AutosaveInput, AutosaveTextArea, Field
from tui.widgets.footer import LotsenFooter
from tui.widgets.inorder import InOrderSelectionList
from tui.widgets.page import Page
from tui.widgets.saved import selected_in_order
from tui.widgets.select import LotsenSelect
from tui.writes import raising

if TYPE_CHECKING:
    from model.settings import Settings
    from model.store import Store

# The one-line fields of the form (each `#m-<name>`), as the store names them.
FIELDS = ("planned_date", "planned_time", "place", "agreed_on", "leader", "note_taker", "convener")


class PlanMeetingScreen(LotsenScreen):
    """Planera möte. A new meeting lives in the form until the leader saves it (Ctrl+S);
    a meeting already planned saves itself as it is changed."""

    HELP = """# Planera möte

Välj vilken sorts möte (rutin), datum, tid och plats, vem som leder mötet, antecknar och
kallar, vilka som bjuds in och mötets frågeställning. Lotsen visar rutinens sista dag räknat
från när mötet bestämdes och varnar om datumet är senare. Lotsen varnar också när en inbjuden
verksamhet inte omfattas av samtycket eller när familjen har undantagit den. Ett
uppföljningsmöte tar med målen och de pågående insatserna från planen.

Ett nytt möte sparas först när du trycker **Ctrl+S** (Spara mötet); Esc frågar om det du fyllt
i ska slängas. Ett möte som redan är planerat sparas medan du skriver. F5 startar mötet i
Mötesguiden. Ctrl+N lägger till en ny deltagare i nätverket och bjuder in den.
"""
    BINDINGS = [
        Binding("escape", "back", "Tillbaka", id="plan_back"),
        Binding("ctrl+s", "save", "Spara mötet", id="plan_save"),
        Binding("f5", "start", "Starta mötet", id="plan_start"),
        Binding("ctrl+n", "add_participant", "Ny deltagare", id="plan_add_participant"),
    ]
    DEFAULT_CSS = """
    #plan-unsaved { color: $warning; text-style: bold; }
    #consent-warnings { color: $warning; height: auto; }
    """
    AUTO_FOCUS = ""  # on_mount focuses the routine without scrolling the heading away
    QUIT_QUESTION = "Det nya mötet är inte sparat. Spara det innan Lotsen avslutas?"

    def __init__(
        self,
        case_id: int,
        meeting_id: int | None = None,
        *,
        store: Store,
        settings: Settings,
        today: dt.date,
    ) -> None:
        """Reads what the form opens with (a few ms) here, before the screen is composed:
        compose() builds the widgets from it and reads nothing."""
        super().__init__()
        self.case_id: int = case_id
        self.meeting_id = meeting_id
        self.created_here = False  # saved from this screen as a new meeting
        self._initial: dict[str, Any] = {}
        start = read_plan_start(store, settings, today, case_id, meeting_id)
        self.start: dict[str, Any] = start.values
        self.case, self.carried = start.case, start.carried

    @property
    def is_draft(self) -> bool:
        """A new meeting not yet saved: nothing of it is in the database."""
        return self.meeting_id is None

    def compose(self) -> ComposeResult:
        v = self.start
        self._routine = str(v["routine_id"])
        self._chosen = list(v["invitee_ids"])
        yield Header()
        with Page(id="plan-form"):
            yield Static("", id="plan-heading", classes="section-title")
            yield Static(
                plain("Inte sparat ännu: mötet sparas när du trycker Ctrl+S."), id="plan-unsaved"
            )
            yield Static("", id="consent-summary", classes="warning")
            yield Static("Sorts möte (rutin)", classes="field-label")
            yield LotsenSelect(
                [(cell(r.name), r.id) for r in routines().values()],
                value=self._routine,
                allow_blank=False,
                id="m-routine",
            )
            with Horizontal(classes="pair"):
                yield Field("Datum", self._input("planned_date", v, "t.ex. 2026-03-12 eller 12/3"))
                yield Field("Tid", self._input("planned_time", v, "t.ex. 14.00"))
            yield Field("Plats", self._input("place", v, "t.ex. skolans konferensrum"))
            yield Field("Mötet bestämdes den", self._input("agreed_on", v))
            yield Static("", id="deadline")
            with Horizontal(classes="pair"):
                yield Field("Samtalsledare", self._input("leader", v, "leder mötet"))
                yield Field("Antecknare", self._input("note_taker", v, "skriver anteckningarna"))
            yield Field("Kallas av", self._input("convener", v, "den som skickar kallelsen"))
            yield Field(
                "Frågeställning för mötet",
                AutosaveTextArea(v["question"], saver=self._saver("question"), id="m-question"),
            )
            yield Static("Inbjudna (Mellanslag väljer)", classes="field-label")
            yield InOrderSelectionList[int](id="m-invitees")
            yield Static("", id="consent-warnings")
            with Horizontal(classes="pane-buttons"):
                yield Button("Spara mötet (Ctrl+S)", id="m-save", variant="primary")
                yield Button("Ny deltagare (Ctrl+N)", id="m-add-participant")
                yield Button("Starta mötet (F5)", id="m-start", variant="primary")
        yield LotsenFooter()

    def _saver(self, key: str):  # noqa: ANN202
        def save(value: str) -> None:
            if self.meeting_id is None:  # a new meeting: checked now, saved with Ctrl+S
                inputs.MEETING.convert({key: value}, today=self.lotsen.today())
                return
            self.lotsen.store.update_meeting(self.meeting_id, **{key: value})

        return save

    def _input(self, key: str, values: dict[str, Any], placeholder: str = "") -> AutosaveInput:
        return AutosaveInput(
            str(values[key] or ""), saver=self._saver(key), placeholder=placeholder, id=f"m-{key}"
        )

    def on_mount(self) -> None:
        self._fill_invitees()
        self._show_state()
        self._update_deadline()
        self._update_consent()
        self._initial = self._form()
        # Not scrolled: the heading (and for a new meeting, that it is not saved) stays in view.
        self.query_one("#m-routine").focus(scroll_visible=False)

    # -- what the form holds ------------------------------------------------------------------
    def _form(self) -> dict[str, Any]:
        values: dict[str, Any] = {k: self.query_one(f"#m-{k}", Input).value for k in FIELDS}
        values["routine_id"] = str(self.query_one("#m-routine", Select).value)
        values["question"] = self.query_one("#m-question", AutosaveTextArea).text
        values["invitee_ids"] = selected_in_order(self.query_one("#m-invitees", SelectionList))
        return values

    def has_unsaved_draft(self) -> bool:
        """A new meeting with something filled in or changed (for Esc and Ctrl+Q to ask)."""
        return self.is_draft and bool(self._initial) and self._form() != self._initial

    def _show_state(self) -> None:
        draft = self.is_draft
        self.query_one("#plan-unsaved").display = draft
        self.query_one("#m-save").display = draft
        # The header's "Sparat" is about what is in the database: not this form.
        self.sub_title = "Inte sparat: Ctrl+S sparar mötet" if draft else None
        self.refresh_bindings()
        self._heading()

    def _heading(self) -> None:
        routine = get_routine(self._routine)
        goals, actions = self.carried
        carried = (
            f" Med från förra planen: {goals} mål och {actions} insatser."
            if routine.follow_up and (goals or actions)
            else ""
        )
        verb = "Nytt möte" if self.is_draft or self.created_here else "Planerat möte"
        self.title = (
            f"Planera möte: {visible(self.lotsen.show(self.case.child_name), one_line=True)}"
        )
        self.query_one("#plan-heading", Static).update(plain(f"{verb} – {routine.name}.{carried}"))

    def _people(self) -> list[PersonView]:
        return [*self.case.guardians, *self.case.participants]

    def _fill_invitees(self) -> None:
        show = self.lotsen.show
        sl = self.query_one("#m-invitees", SelectionList)
        chosen = set(self._chosen)
        sl.clear_options()
        sl.add_options(
            [
                (
                    plain(
                        f"{show(p.name)} – {p.organisation or p.role or 'vårdnadshavare'}",
                        one_line=True,
                    ),
                    p.id,
                    p.id in chosen,
                )
                for p in self._people()
            ]
        )

    def refresh_privacy(self) -> None:
        self._fill_invitees()
        self._heading()
        self._update_consent()

    def _planned_on(self) -> dt.date:
        today = self.lotsen.today()
        return date_or_none(self.query_one("#m-planned_date", Input).value, today) or today

    def _update_deadline(self) -> None:
        today = self.lotsen.today()
        planned = date_or_none(self.query_one("#m-planned_date", Input).value, today)
        agreed = date_or_none(self.query_one("#m-agreed_on", Input).value, today)
        text, late = deadline_text(self._routine, agreed, planned, today)
        label = self.query_one("#deadline", Static)
        label.update(plain(text))
        label.set_class(late, "warning")

    def _update_consent(self) -> None:
        by_id = {p.id: p for p in self._people()}
        invited = [by_id[i] for i in self._chosen if i in by_id]
        gaps = consent_gaps(self.case, invited, self._planned_on())
        show = self.lotsen.show
        label = self.query_one("#consent-warnings", Static)
        label.update(plain("\n".join(consent_warnings(gaps, show))))
        label.display = bool(gaps)
        # At the top too, where the eye is when the screen opens (the list is far below).
        who = join_names(f"{show(p.name)} ({g.agency})" for g in gaps for p in g.people)
        summary = self.query_one("#consent-summary", Static)
        summary.update(plain(f"! {who} omfattas inte av samtycket – se under Inbjudna."))
        summary.display = bool(gaps)

    # -- changes ------------------------------------------------------------------------------
    @on(Input.Changed, "#m-planned_date, #m-agreed_on")
    def _dates_changed(self) -> None:
        self._update_deadline()
        self._update_consent()

    @on(Select.Changed, "#m-routine")
    def _routine_changed(self, event: Select.Changed) -> None:
        if event.value is Select.NULL or str(event.value) == self._routine:
            return
        if self.meeting_id is not None:
            self.lotsen.store.update_meeting(self.meeting_id, routine_id=event.value)
            self.lotsen.mark_saved()
        self._routine = str(event.value)
        self._heading()
        self._update_deadline()

    @on(SelectionList.SelectedChanged, "#m-invitees")
    def _invitees_changed(self, event: SelectionList.SelectedChanged) -> None:
        ordered = selected_in_order(event.selection_list)
        if ordered == self._chosen:
            return
        self._chosen = ordered
        if self.meeting_id is not None:
            self.lotsen.store.set_invitees(self.meeting_id, ordered)
            self.lotsen.mark_saved()
        self._update_consent()

    @on(events.DescendantFocus, "#m-invitees")
    def _invitees_focused(self) -> None:
        warnings = self.query_one("#consent-warnings", Static)
        if warnings.display:  # the warnings below the list come into view with it
            self.call_after_refresh(warnings.scroll_visible, animate=False)

    @on(Button.Pressed, "#m-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#m-add-participant")
    def _add_pressed(self) -> None:
        self.action_add_participant()

    @on(Button.Pressed, "#m-start")
    def _start_pressed(self) -> None:
        self.action_start()

    # -- actions ------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "save":
            return self.is_draft  # a planned meeting saves itself: no key to show
        return True

    def save_draft(self) -> bool:
        """Spara mötet: the new meeting with exactly what the form shows. On bad input the
        field says why and nothing is written; True when the meeting is (now) in the
        database."""
        if not self.is_draft:
            return True
        self.lotsen.flush_saves()
        values = self._form()
        routine = values.pop("routine_id")
        try:
            with raising():
                mid = self.lotsen.store.plan_meeting(
                    self.case_id, routine, from_previous=False, **values
                )
        except InvalidInput as exc:
            self._refused(exc)
            return False
        except DatabaseError as exc:
            self.lotsen.notify(
                f"Kunde inte spara mötet: {exc}", severity="error", timeout=20, markup=False
            )
            return False
        self.meeting_id, self.created_here = mid, True
        self.lotsen.mark_saved()
        self._show_state()
        return True

    def _refused(self, exc: InvalidInput) -> None:
        widget = self.query(f"#m-{exc.field}")
        if widget:
            editor = widget.first()
            show = getattr(editor, "_show_error", None)
            if show is not None:
                show(exc.message)
            editor.focus()
        self.notify(f"Mötet sparades inte: {exc.message}", severity="error", markup=False)

    def action_save(self) -> None:
        if not self.is_draft:
            self.lotsen.flush_saves()
            return
        if self.save_draft():
            self.notify("Mötet är sparat. Ändringar sparas nu medan du skriver.")

    def action_add_participant(self) -> None:
        def added(pid: int | None) -> None:
            if pid is None:
                return
            self.case = self.lotsen.store.get_case(self.case_id)
            self._chosen = [*self._chosen, pid]
            if self.meeting_id is not None:
                self.lotsen.store.set_invitees(self.meeting_id, self._chosen)
            self._fill_invitees()
            self._update_consent()

        self.app.push_screen(forms.add_person_dialog(self.lotsen.store, self.case_id), added)

    def action_start(self) -> None:
        if not self.save_draft():
            return
        self.lotsen.flush_saves()
        assert self.meeting_id is not None
        self.lotsen.open_meeting(self.meeting_id)

    def action_back(self) -> None:
        self.lotsen.flush_saves()
        if not self.has_unsaved_draft():
            self.app.pop_screen()
            return

        def answer(discard: bool | None) -> None:
            if discard:
                self.app.pop_screen()
                self.app.notify("Mötet sparades inte.")

        self.app.push_screen(ConfirmDialog.discard("Det nya mötet är inte sparat."), answer)
