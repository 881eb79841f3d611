"""The agenda step "Dialog" (the conversation that makes the plan): goals, actions (the earlier
ones first, for status and result) and what the family does. The modals are in dialogs.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Input, Select, Static

from model.validation import ACTION_STATUS
from model.views import ActionView, GoalView, MeetingView
from tui.compat import drain_keys
from tui.plain import plain
from tui.screens.meeting.base import StepBody, field_id
from tui.screens.meeting.dialogs import ChoiceDialog, ConfirmDialog
from tui.widgets.saved import differs_from_saved
from tui.widgets.select import LotsenSelect

if TYPE_CHECKING:
    from model.store import Store

GOAL_TITLES = {"long": "Övergripande mål", "short": "Delmål", "child": "Barnets eget mål"}
ACTION_LINES = [
    ("what", "Insats"),
    ("child_words", "Sagt till barnet"),  # Min plan: the action in the child's words
    ("need", "Behov / mål"),
    ("responsible_org", "Ansvarig verksamhet"),
    ("responsible_person", "Ansvarig person"),
    ("scope", "Omfattning"),
    ("how", "Hur"),
    ("start", "Från när"),
    ("frequency", "Hur ofta"),
    ("follow_up_on", "Följs upp (datum)"),
    ("follow_up_how", "Följs upp hur"),
]
ACTION_PLACEHOLDERS = {
    "follow_up_on": "ÅÅÅÅ-MM-DD",
    "child_words": "Så säger vi det till barnet (kort, enkla ord)",
}
# Huvudman for an action (SoL 2 kap. 7 §, HSL 16 kap. 4 §): who is responsible for it.
PRINCIPAL_CHOICES = [
    ("Välj huvudman", ""),
    ("Kommun", "kommun"),
    ("Region", "region"),
    ("Enskild huvudman (t.ex. friskola)", "enskild"),
    ("Annan (t.ex. familjen)", "annan"),
]


def action_saver(store: Store, action_id: int, key: str) -> Callable[[str], None]:
    return lambda text: store.update_action(action_id, **{key: text})


class GoalCard(Vertical):
    def __init__(self, goal: GoalView, *children, **kwargs) -> None:
        super().__init__(*children, **kwargs)
        self.goal = goal


class ChoiceRow(Horizontal):
    """A drop-down with its label drawn left of it by the row itself, on the drop-down's
    middle line (one widget less per row: the dialog of a heavy meeting has forty)."""

    def __init__(self, label: str, select: Widget) -> None:
        super().__init__(select, classes="row status-row -drawn-label")
        self.label = label

    def render(self) -> Content:
        return Content("\n" + self.label)


class ActionCard(Vertical):
    def __init__(self, action: ActionView, *children, **kwargs) -> None:
        super().__init__(*children, **kwargs)
        self.action = action


class DialogStep(StepBody):
    """Dialog: samordna insatserna mot målen."""

    BINDINGS = [
        Binding("f7", "add_goal", "Nytt mål", priority=True, key_display="F7"),
        Binding("f8", "add_action", "Ny insats", priority=True, key_display="F8"),
        Binding("f9", "delete", "Ta bort", priority=True, key_display="F9"),
    ]

    def shows(self, view: MeetingView) -> object:
        # Only the plan and the two texts: a roll call or a summary never rebuilds 1,400 widgets.
        return (view.goals, view.actions, view.family_contribution, view.child_contribution)

    def compose(self) -> ComposeResult:
        v = self.view
        yield self.hint("F7 nytt mål · F8 ny insats · F9 tar bort målet eller insatsen du står i.")
        yield self.heading("Mål")
        if not v.goals:
            yield Static("Inga mål ännu. Tryck F7 för att lägga till ett.", classes="muted")
        for kind in ("long", "short", "child"):
            for g in v.goals_of(kind):
                yield self._goal(g)
        if v.carried_actions:
            yield self.heading("Tidigare insatser – följ upp status och resultat")
            for a in v.carried_actions:
                yield self._action(a)
        yield self.heading("Insatser" if not v.carried_actions else "Nya insatser")
        for a in v.new_actions:
            yield self._action(a)
        with Horizontal(classes="buttons"):
            yield Button("Ny insats (F8)", id=field_id("actions"))
            yield Button("Nytt mål (F7)", id="add-goal")
        yield self.heading("Vad familjen och barnet gör själva")
        yield self.meeting_text("family_contribution", "Familjen")
        yield self.meeting_text("child_contribution", "Barnet")

    def _goal(self, g: GoalView) -> GoalCard:
        store, gid = self.store, g.id
        fields = [
            self.line_field(
                GOAL_TITLES[g.kind],
                g.text,
                lambda text: store.update_goal(gid, text=text),
                f"f-goal-{gid}-text",
            )
        ]
        if g.carried_from_id is not None:
            fields.append(
                self.line_field(
                    "  Hur långt?",
                    g.progress,
                    lambda text: store.update_goal(gid, progress=text),
                    f"f-goal-{gid}-progress",
                )
            )
        return GoalCard(g, *fields, classes="goal")

    def _action(self, a: ActionView) -> ActionCard:
        store, aid = self.store, a.id
        title = f"Insats {a.number}"
        if a.carried_from_id:
            title += f": {a.what} – från förra mötet" if a.what else " – från förra mötet"
        children: list[Widget] = [Static(plain(title), classes="card-title")]
        status = LotsenSelect(
            [(label, value) for value, label in ACTION_STATUS.items()],
            value=a.status,
            allow_blank=False,
            id=field_id(f"action:{aid}:status"),
        )
        status_row = ChoiceRow("Status", status)
        result = self.text_field(
            "Resultat",
            a.result,
            lambda text: store.update_action(aid, result=text),
            field_id(f"action:{aid}:result"),
        )
        if a.carried_from_id is not None:
            children += [status_row, result]
        principal = LotsenSelect(
            PRINCIPAL_CHOICES,
            value=a.principal,
            allow_blank=False,
            id=field_id(f"action:{aid}:principal"),
        )
        children.append(ChoiceRow("Huvudman", principal))
        for key, label in ACTION_LINES:
            value = getattr(a, key)
            text = value.isoformat() if hasattr(value, "isoformat") else (value or "")
            children.append(
                self.line_field(
                    label,
                    text,
                    action_saver(store, aid, key),
                    field_id(f"action:{aid}:{key}"),
                    ACTION_PLACEHOLDERS.get(key, ""),
                )
            )
        if a.carried_from_id is None:
            children.append(status_row)
        return ActionCard(a, *children, classes="card action")

    @on(Select.Changed)
    def _status(self, event: Select.Changed) -> None:
        card = next((n for n in event.select.ancestors if isinstance(n, ActionCard)), None)
        if card is None or event.value is Select.BLANK:
            return
        key = "principal" if (event.select.id or "").endswith("-principal") else "status"
        if not differs_from_saved(event.select, event.value, getattr(card.action, key)):
            return
        self.store.update_action(card.action.id, **{key: event.value})
        self.mark_saved()

    @on(Button.Pressed, "#f-actions")
    def _new_action_button(self) -> None:
        self.action_add_action()

    @on(Button.Pressed, "#add-goal")
    def _new_goal_button(self) -> None:
        self.action_add_goal()

    def action_add_goal(self) -> None:
        choices = [(k, GOAL_TITLES[k]) for k in ("long", "short", "child")]

        def chosen(kind: str | None) -> None:
            if kind:
                gid = self.store.add_goal(self.mid, kind, "")
                if gid is None:
                    return  # the database refused it; the leader has been told
                self.mark_saved()
                self.post_message(self.Rebuild(f"f-goal-{gid}-text"))

        self.app.push_screen(ChoiceDialog("Vilket slags mål?", choices, "short"), chosen)

    def action_add_action(self) -> None:
        aid = self.store.add_action(self.mid, what="")
        if aid is None:
            return  # the database refused it; the leader has been told
        self.mark_saved()
        self.post_message(self.Rebuild(field_id(f"action:{aid}:what")))

    async def action_delete(self) -> None:
        focused = self.app.focused
        if focused is None:
            return
        card = next(
            (n for n in focused.ancestors_with_self if isinstance(n, GoalCard | ActionCard)), None
        )
        if card is None:
            self.notify("Stå i ett mål eller en insats för att ta bort det.", timeout=3)
            return
        # F9 acts the moment it arrives: the letters typed just before it are handled and
        # saved first, so the question names the goal as it reads now, and "Nej" keeps it.
        await drain_keys(focused)
        self.lotsen.flush_saves()
        delete: Callable[[int], None]
        if isinstance(card, GoalCard):
            text = self._typed(card, f"f-goal-{card.goal.id}-text", card.goal.text)
            what = f"målet ”{text[:40]}”" if text else "det tomma målet"
            delete, item_id = self.store.delete_goal, card.goal.id
        else:
            a = card.action
            text = self._typed(card, field_id(f"action:{a.id}:what"), a.what)
            what = f"insats {a.number}" + (f" ”{text[:40]}”" if text else "")
            delete, item_id = self.store.delete_action, a.id

        def answered(yes: bool | None) -> None:
            if yes:
                self.lotsen.flush_saves()
                delete(item_id)
                self.mark_saved()
                self.post_message(self.Rebuild())

        self.app.push_screen(ConfirmDialog(f"Ta bort {what}?"), answered)

    @staticmethod
    def _typed(card: Vertical, fid: str, stored: str) -> str:
        """The text in the card's field as it reads on the screen (the view may be older)."""
        found = card.query(f"#{fid}")
        field = found.first() if found else None
        return field.value.strip() if isinstance(field, Input) else stored
