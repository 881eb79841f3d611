"""Text is text: hostile strings in every stored text field of a case and its meetings, then
every screen, tab, dialog and every step of the meeting guide for every routine.

Written through the Store API (as the leader's typing would be). Asserted: nothing crashes,
the text is shown exactly as typed ("Eva [/] Holm", "Maria [mamma] Nyström"), and no raw ESC,
CSI or bidi override reaches the terminal from a label, table, title, option or message. The
model strips control characters when text is stored; a second test writes them past the model
(a database from an older version) to check the screens' own guard.
"""

from __future__ import annotations

import datetime as dt

from shell_helpers import TODAY, make_app, screen_text
from textual.geometry import Region
from textual.widgets import DataTable, Input, Select, SelectionList, TextArea

from model.routines import routines
from model.store import Store
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.export import ExportDialog
from tui.dialogs.form import FormDialog
from tui.dialogs.help import HelpScreen
from tui.screens.case import CaseScreen
from tui.screens.meeting.base import StepBody
from tui.screens.meeting.dialogs import ConfirmDialog as MeetingConfirm
from tui.screens.plan_meeting import PlanMeetingScreen
from tui.screens.settings import SettingsScreen

SIZE = (120, 40)
MARKUP = "[/] [b] [link=x] [@click=app.quit]"
CONTROLS = "\x1b[31m \u202e \x9b2J"
RAW = ("\x1b", "\x9b", "\u202e")


def h(label: str) -> str:
    """A hostile value; what must be on screen literally is `shown(label)`."""
    return f"{label} {MARKUP} {CONTROLS} slut"


def shown(label: str) -> str:
    return f"{label} {MARKUP}"


LONG = ((h("Lång") + " ") * 300)[:10_000]
CHILD = "Anna [/b] Berg"
GUARDIAN = "Maria [mamma] Nyström"
PRO = "Eva [/] Holm"
OTHER_PEOPLE = ["Kim [b][@click=app.quit] [link=x]Ek", "Ulf \x1b[31m \u202eÖst \x9bRöd"]
MEETING_TEXT = ["place", "leader", "note_taker", "convener", "child_absence_reason",
                "family_story_child", "family_story_guardians", "family_contribution",
                "child_contribution", "child_view", "guardians_view", "lead_organisation",
                "coordinator", "contact_person", "childs_voice", "next_place", "next_convener"]  # fmt: skip
ACTION_TEXT = ["need", "responsible_org", "responsible_person", "scope", "how", "start",
               "frequency"]  # fmt: skip


def fill_meeting(store: Store, mid: int, people: list[int], walk_in: bool = False) -> None:
    """Every stored text of one meeting: its own fields, attendance, notes, accounts, plan."""
    store.update_meeting(mid, question=LONG, child_present=False, next_date=TODAY,
                         **{key: h(key) for key in MEETING_TEXT})  # fmt: skip
    store.start_meeting(mid)
    for i, pid in enumerate(people):
        store.set_attendance(mid, pid, status="present" if i % 3 else "absent", reason=h("Skäl"))
    if walk_in:
        store.add_walk_in(mid, "Gäst [/] Gästsson", h("Gästorg"), h("Gästroll"))
    view = store.get_meeting(mid)
    for step in view.routine.steps:
        if step.kind == "questions":
            store.set_note(mid, step.id, LONG)
        for field in step.fields:
            if not field.key.startswith("meeting."):
                store.set_note(mid, step.id, h(field.key), field=field.key)
    for n, person in enumerate(p for p in view.present if p.is_professional):
        # The 10,000 characters once per step is enough (each is a TextArea to lay out).
        store.set_account(mid, person.id, assessments=LONG if n == 0 else h("Bedömningar"),
                          interventions=h("Insatser"))  # fmt: skip
    for goal in view.goals:  # carried from the last plan
        store.update_goal(goal.id, progress=h("Hur långt"))
    for action in view.carried_actions:
        store.update_action(action.id, result=LONG)
    for kind in ("long", "short", "child"):
        store.add_goal(mid, kind, h(f"Mål {kind}"), progress=h("Framsteg"))
    store.add_action(mid, what=h("Insats"), follow_up_on=TODAY, result=LONG,
                     **{key: h(key) for key in ACTION_TEXT})  # fmt: skip
    store.set_invitees(mid, people, next=True)


def hostile_case(store: Store, routine_ids: list[str]) -> tuple[int, dict[str, int]]:
    """A closed case whose every text is hostile, a held first meeting with a plan, and a
    meeting of each routine after it (a follow-up carries the plan). Returns the case and the
    later meetings by routine."""
    cid = store.create_case(CHILD, personnummer="20150312-2382", school=h("Skola"),
                            school_class=h("Klass"), interpreter_needed=True,
                            interpreter_language=h("Språk"))  # fmt: skip
    contact = {"phone": h("Telefon"), "email": h("E-post"), "address": LONG}
    people = [store.add_guardian(cid, GUARDIAN, **contact)]
    for i, name in enumerate([PRO, *OTHER_PEOPLE]):
        people.append(store.add_participant(cid, name, organisation=h(f"Org{i}"),
                                            role=h("Roll"), principal="kommun", **contact))  # fmt: skip
    store.add_consent(cid, h("Givet av"), TODAY - dt.timedelta(days=10), form="skriftligt",
                      agencies=[h("Org0"), "[b]BUP"], information_kinds=LONG,
                      exclusions=h("Undantag"), valid_until=TODAY + dt.timedelta(days=365))  # fmt: skip
    store.add_deviation(cid, action_text=h("Avvikelse"), what_went_wrong=LONG,
                        reported_to=h("Rapporteras till"), reported_by=h("Rapporterat av"),
                        reported_on=TODAY)  # fmt: skip
    store.add_refusal(cid, h("Verksamhet"), decision=h("Beslut"), reasons=LONG, decided_on=TODAY)
    first = store.plan_meeting(cid, "forsta_natverksmote", planned_date=TODAY - dt.timedelta(days=7),
                               planned_time="13.00", invitee_ids=people)  # fmt: skip
    fill_meeting(store, first, people)
    store.end_meeting(first)
    later = {}
    for routine_id in routine_ids:
        later[routine_id] = store.plan_meeting(cid, routine_id, planned_date=TODAY,
                                               planned_time="14.00", invitee_ids=people,
                                               agreed_on=TODAY - dt.timedelta(days=3))  # fmt: skip
        fill_meeting(store, later[routine_id], people, walk_in=len(later) == 1)
    store.close_case(cid, h("Avslutsskäl"), True, on=TODAY, if_worse_plan=h("Om sämre"))
    return cid, later


def outside_editors(screen) -> list[str]:  # noqa: ANN001
    """What each label, table, title, option and message renders, one string per widget with
    its wrapped lines joined (not Input/TextArea: their value is the stored text itself, and
    the model keeps control characters out of it)."""
    out = []
    editors = (Input, TextArea)
    for widget in screen.query("*"):
        if isinstance(widget, editors) or any(isinstance(a, editors) for a in widget.ancestors):
            continue
        if not widget.display or not widget.size.area:
            continue
        width, height = widget.size
        lines = widget.render_lines(Region(0, 0, width, height))
        out.append(" ".join("".join(segment.text for segment in strip) for strip in lines))
        if isinstance(widget, DataTable):
            # A narrow column wraps its cells onto more lines, between the other columns'
            # text: each cell as the table draws it (its Text, never parsed as markup).
            for row in range(widget.row_count):
                out += [getattr(c, "plain", str(c)) for c in widget.get_row_at(row)]
    return out


def notices(app) -> str:  # noqa: ANN001
    """The notifications on screen as their toasts render them, one per line."""
    out = []
    for toast in app.screen.query("Toast"):
        rendered = toast.render()
        out.append(" ".join(getattr(rendered, "plain", str(rendered)).split()))
    return "\n".join(out)


def check(app, *expected: str) -> str:  # noqa: ANN001
    """Nothing crashed, `expected` is on screen as typed, no raw control reaches the terminal."""
    assert app.crash_text is None
    text = screen_text(app)
    assert "\x1b" not in text
    widgets = outside_editors(app.screen)
    for raw in RAW:
        assert not any(raw in w for w in widgets), f"{raw!r} reached the terminal"
    wrapped = "\n".join(" ".join(w.split()) for w in widgets)  # a long Static wraps its text
    for literal in expected:
        assert literal in text or literal in wrapped, (
            f"{literal!r} not shown on {type(app.screen).__name__}"
        )
    return text


async def _settle(pilot, seconds: float = 0.05) -> None:  # noqa: ANN001
    await pilot.pause()
    await pilot.pause(seconds)


async def test_every_screen_shows_hostile_text_literally(db):
    store = Store(db)
    cid, later = hostile_case(store, ["uppfoljande_lotsmote"])
    mid = later["uppfoljande_lotsmote"]
    app = make_app(db, leader_name=h("Ledare"), organisation=h("Min org"),
                   default_place=h("Vanlig plats"))  # fmt: skip
    app.today = lambda: TODAY
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await _settle(pilot)
        check(app, CHILD)

        # The command palette finds the case by the child's name.
        await pilot.press("ctrl+p")
        await _settle(pilot)
        await pilot.press(*"anna")
        await _settle(pilot, 0.5)
        check(app, f"Öppna ärende {CHILD}")
        await pilot.press("escape")
        await _settle(pilot)

        app.open_case(cid)
        await _settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        tabs = {
            "1": [f"Ärende: {CHILD} (avslutat)"],
            "2": [PRO, GUARDIAN, "Kim [b][@click=app.quit] [link=x]Ek"],
            "3": [shown("Givet av")],
            "4": [shown("Mål long"), "Huvudansvarig: " + shown("lead_organisation")],
            "5": [shown("place")],
            "6": [shown("Avvikelse"), shown("Verksamhet")],
            "7": ["Skäl: " + shown("Avslutsskäl"), shown("Om sämre")],
        }
        for key, expected in tabs.items():
            await pilot.press(key)
            await _settle(pilot)
            check(app, *expected)

        # A person's own dialog, and the deviation dialog's choice of the plan's actions.
        await pilot.press("2", "tab", "enter")
        await _settle(pilot)
        assert isinstance(app.screen, FormDialog)
        check(app, "Vårdnadshavare – sparas medan du skriver")
        await pilot.press("escape")
        await _settle(pilot)
        await pilot.press("6", "a")
        await _settle(pilot)
        assert isinstance(app.screen, FormDialog)
        app.screen.query_one("#f-action_id", Select).focus()
        await pilot.press("enter")
        await _settle(pilot)
        check(app, "Insats 1: " + shown("Insats")[:40])
        await pilot.press("escape", "escape")
        await _settle(pilot)

        # Help, the export dialog (and writing one document), the planning screen, settings.
        await pilot.press("f1")
        await _settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        check(app, "Ärende")
        await pilot.press("escape")
        await _settle(pilot)
        app.action_export()
        await _settle(pilot)
        assert isinstance(app.screen, ExportDialog)
        check(app, "Exportera dokument")
        docs = app.screen.query_one("#export-docs", SelectionList)
        docs.deselect_all()
        docs.select("narvaro")  # one document is enough: its path names the child
        await pilot.press("ctrl+e")
        for _ in range(100):
            await pilot.pause(0.1)
            if "Klart:" in screen_text(app) or "misslyckades" in screen_text(app):
                break
        check(app, "Klart:")
        await pilot.press("escape")
        await _settle(pilot)

        app.plan_meeting(cid, mid)
        await _settle(pilot)
        assert isinstance(app.screen, PlanMeetingScreen)
        check(app, f"Planera möte: {CHILD}", f"{PRO} – " + shown("Org0")[:20])
        await pilot.press("escape")
        await _settle(pilot)

        app.open_settings()
        await _settle(pilot)
        assert isinstance(app.screen, SettingsScreen)
        check(app, "Inställningar")
        await pilot.press("escape")
        await _settle(pilot)

        # Removing a person asks by name, and says so by name.
        assert isinstance(app.screen, CaseScreen)
        await pilot.press("2", "tab")
        table = app.screen.query_one("#network-table", DataTable)
        assert table.has_focus
        await pilot.press("delete")
        await _settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        check(app, f"Ta bort {GUARDIAN} ur nätverket?")
        await pilot.press("j")
        await _settle(pilot)
        check(app)
        assert f"{GUARDIAN} är borttagen ur nätverket." in notices(app)
    assert app.crash_text is None


STEP_TEXT = {
    "attendance": [PRO, GUARDIAN],
    "confidentiality": [f"för {CHILD}.", "Mötets fråga: " + shown("Lång"), shown("Givet av")],
    "family_story": [f"{CHILD} berättar (med barnets egna ord)"],
    "accounts": [f"{PRO} – " + shown("Org0")[:20]],
    "summary": [f"{CHILD}s syn på insatserna", f"Varför {CHILD} inte var med"],
    "closing": [PRO, GUARDIAN],
}


async def test_every_step_of_every_routine_shows_hostile_text_literally(db):
    store = Store(db)
    _, later = hostile_case(store, sorted(routines()))
    app = make_app(db)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await _settle(pilot)
        for routine_id, mid in later.items():
            app.open_meeting(mid)
            await _settle(pilot)
            await walk_the_guide(pilot, store, routine_id, mid)
            app.pop_screen()
            await _settle(pilot)
    assert app.crash_text is None


async def walk_the_guide(pilot, store: Store, routine_id: str, mid: int) -> None:  # noqa: ANN001
    """Every step with F6, checked; the dialogs that quote stored text opened once."""
    app = pilot.app
    guide = app.screen
    first = routine_id == "forsta_natverksmote"
    for i, step in enumerate(store.get_meeting(mid).routine.steps):
        if i:
            await pilot.press("f6")
        for _ in range(50):
            await pilot.pause()
            bodies = guide.query(StepBody)
            if bodies and bodies.first().step.id == step.id:
                break
        assert guide.query_one(StepBody).step.id == step.id, routine_id
        text = check(app, CHILD, *STEP_TEXT.get(step.kind, []))
        if step.kind == "dialog" and store.get_meeting(mid).routine.follow_up:
            assert "Insats 1: " + shown("Insats") in text  # carried from the last plan
        if step.kind == "dialog" and first:
            # Deleting a goal asks with its text.
            guide.query_one(StepBody).query("Input").first().focus()
            await pilot.press("f9")
            await _settle(pilot)
            assert isinstance(app.screen, MeetingConfirm)
            check(app, "Ta bort målet ”Mål long [/] [b]")
            await pilot.press("escape")
            await _settle(pilot)
        if step.kind == "attendance" and first:
            assert "Gäst [/] Gästsson" in text  # came to the meeting (stored as a walk-in)
            walk_in = guide.query_one("#walk-in", Input)
            walk_in.focus()
            walk_in.value = "Ny [/] Gäst, [b]Org, Roll"
            await pilot.press("enter")
            await _settle(pilot, 0.3)
            check(app, "Ny [/] Gäst – [b]Org, Roll (kom till mötet)")
            assert "Ny [/] Gäst är tillagd och markerad som närvarande." in notices(app)
    if first:
        await pilot.press("ctrl+g")  # the step picker lists the routine's steps
        await _settle(pilot)
        check(app, "1. ")
        await pilot.press("escape")
        await _settle(pilot)
        await pilot.press("ctrl+p", *"steg")  # the meeting's own palette entries
        await _settle(pilot, 0.4)
        check(app, "Gå till steg 1: Presentationsrunda")
        await pilot.press("escape")
        await _settle(pilot)


async def test_controls_from_an_older_database_are_shown_as_visible_marks(db):
    """Rows written before the model removed control characters: ESC, CSI and a bidi override
    in a name are drawn as visible marks, never sent to the terminal."""
    store = Store(db)
    cid = store.create_case("Elsa Nyström")
    pid = store.add_participant(cid, "Eva Holm", organisation="BUP")
    mid = store.plan_meeting(cid, "forsta_natverksmote", planned_date=TODAY, invitee_ids=[pid])
    with db.transaction() as conn:  # past clean_text, as an older version could have stored
        conn.execute("UPDATE case_ SET child_name = ? WHERE id = ?", ("El\x1b[31msa \x9b2J", cid))
        conn.execute("UPDATE participant SET name = ? WHERE id = ?", ("Eva \u202eHolm", pid))
    app = make_app(db)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await _settle(pilot)
        text = check(app)
        assert "El␛[31msa \ufffd2J" in text
        app.open_case(cid)
        await _settle(pilot)
        await pilot.press("2")
        await _settle(pilot)
        text = check(app, "Eva \ufffdHolm")
        app.open_meeting(mid)
        await _settle(pilot, 0.3)
        check(app, "Eva \ufffdHolm", "El␛[31msa \ufffd2J")
    assert app.crash_text is None


def test_visible_marks_every_control_one_for_one():
    from tui.plain import cell, plain, visible

    raw = "a\x1b[31mb\x9bc\u202ed\u2066e\x00f\x7fg\ud800h\ni\tj"
    shown_text = visible(raw)
    assert shown_text == "a␛[31mb\ufffdc\ufffdd\ufffde␀f␡g\ufffdh\ni\tj"
    assert len(shown_text) == len(raw)  # offsets (highlights, cursors) stay where they were
    assert visible(raw, one_line=True).endswith("h i j")
    assert plain("Eva [/] Holm").plain == "Eva [/] Holm"
    assert cell("Maria [mamma]\nNyström").plain == "Maria [mamma] Nyström"
    assert visible("Åsa Öst ❤️ 李") == "Åsa Öst ❤️ 李"  # letters and emoji untouched


def test_settings_text_is_cleaned_like_stored_text(tmp_path):
    from model.settings import Settings, load_settings, save_settings

    path = tmp_path / "settings.json"
    path.write_text('{"leader_name": "Eva\\u001b[31m Holm ", "privacy": true}', encoding="utf-8")
    settings = load_settings(path)
    assert "\x1b" not in settings.leader_name and settings.privacy is True
    settings.organisation = "BUP\x07"
    save_settings(settings, path)
    assert "\\u0007" not in path.read_text(encoding="utf-8")
    assert Settings(default_place="Rum \x1b1").default_place == "Rum 1"
