"""Issue 10, the key rules seen through the app at 80×24: drop-downs choose and stay, Tab moves
on; dialogs never select all and ask before throwing changes away; one confirm dialog with the
safe answer on the left; the first error in view with the field's own label; one-line fields
show the start of their text; Swedish words in Textual's own palette and menu."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from shell_helpers import make_app, screen_text
from textual.widgets import Button, Input, Select, TextArea

from model.store import Store
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.form import FormDialog
from tui.screens.case_forms import add_person_dialog, consent_dialog
from tui.widgets.select import LotsenSelect

SIZE = (80, 24)


async def _case(db):
    store = Store(db)
    return store, store.create_case("Alva Lind", school="Bergsskolan")


async def test_new_case_enter_on_rutin_chooses_and_stays_tab_moves_on(db):
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        app.new_case()
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await pilot.press(*"Elsa Berg", "tab", "tab", "tab", "tab")
        select = app.screen.query_one("#f-routine_id", Select)
        assert app.focused is select
        first = select.value
        # Open, move down, choose: Enter stays on the drop-down (it used to jump to the button)
        await pilot.press("enter", "down", "enter")
        await pilot.pause()
        assert app.focused is select
        assert select.value != first
        # Letters on the closed drop-down are neither text nor a command, and open nothing
        await pilot.press(*"na")
        await pilot.pause()
        assert app.focused is select and not select.expanded
        await pilot.press("tab")
        assert app.focused is app.screen.query_one("#submit", Button)
        await pilot.press("enter")
        await pilot.pause()


async def test_choice_then_tab_then_typing_at_once_lands_in_the_next_field(db):
    store, case_id = await _case(db)
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        app.open_case(case_id)
        await pilot.pause()
        app.push_screen(add_person_dialog(store, case_id))
        await pilot.pause()
        dialog = app.screen
        principal = dialog.query_one("#f-principal", Select)
        principal.focus()
        await pilot.pause()
        # One burst: open, down, choose, Tab, the phone number — nothing waits in between
        await pilot.press("enter", "down", "enter", "tab", *"070-123")
        await pilot.pause()
        assert dialog.query_one("#f-phone", Input).value == "070-123"
        assert dialog.query_one("#f-email", Input).value == ""
        assert principal.value not in (Select.NULL, "")


async def test_select_overlay_and_palette_speak_swedish(db):
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        app.new_case()
        await pilot.pause()
        app.screen.query_one("#f-routine_id", LotsenSelect).focus()
        await pilot.press("enter")
        await pilot.pause()
        described = {b.binding.description for b in app.screen.active_bindings.values()}
        assert "Stäng listan" in described and "Dismiss menu" not in described
        await pilot.press("escape", "escape")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"xqzxqz")
        await pilot.pause(1.0)
        shown = screen_text(app)
        assert "Inga träffar" in shown and "No matches" not in shown


async def test_dialog_fields_never_select_all_and_show_their_start(db):
    store, case_id = await _case(db)
    app = make_app(db)
    long = "Socialtjänsten, BUP, Björkskolan, Elevhälsan, Habiliteringen, Familjecentralen"
    async with app.run_test(size=SIZE) as pilot:
        app.open_case(case_id)
        await pilot.pause()
        app.push_screen(consent_dialog(store, case_id, [long]))
        await pilot.pause()
        await pilot.pause()
        agencies = app.screen.query_one("#f-agencies", Input)
        assert agencies.value == long
        assert agencies.cursor_position == 0  # resting: the start is shown
        assert "Socialtjänsten" in screen_text(app)
        agencies.focus()
        await pilot.pause()
        assert agencies.selection.is_empty
        await pilot.press("backspace")
        assert agencies.value == long[:-1]  # one character, never the whole list


async def test_changed_dialog_asks_before_discarding_and_unchanged_closes(db):
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        app.new_case()
        await pilot.pause()
        await pilot.press("escape")  # nothing typed: closes at once
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog)
        app.new_case()
        await pilot.pause()
        await pilot.press(*"Elsa")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Släng ändringarna?" in screen_text(app)
        await pilot.press("escape")  # no: back to the text
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert app.screen.query_one("#f-child_name", Input).value == "Elsa"
        app.screen.query_one("#cancel", Button).press()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("j")
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog | ConfirmDialog)
        assert Store(db).db is not None


async def test_confirm_dialog_safe_answer_left_and_focused(db):
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        answers: list[bool] = []
        app.push_screen(ConfirmDialog("Ta bort målet?"), answers.append)
        await pilot.pause()
        no, yes = app.screen.query_one("#no"), app.screen.query_one("#yes")
        assert no.region.x < yes.region.x and app.focused is no
        await pilot.press("enter")
        await pilot.pause()
        assert answers == [False]
    from tui.screens.meeting import dialogs

    assert dialogs.ConfirmDialog is ConfirmDialog  # one dialog, everywhere


async def test_first_error_is_in_view_focused_and_named_by_the_fields_label(db):
    store, case_id = await _case(db)
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        app.open_case(case_id)
        await pilot.pause()
        app.push_screen(consent_dialog(store, case_id, ["BUP"]))
        await pilot.pause()
        dialog = app.screen
        await pilot.press(*"Maria")
        dialog.query_one("#f-valid_until", Input).value = "31 februari"
        await pilot.pause()
        dialog.action_submit()
        await pilot.pause()
        await pilot.pause()
        assert app.focused is dialog.query_one("#f-valid_until", Input)
        shown = screen_text(app)
        assert "Giltigt till" in shown
        error = dialog.query_one("#err-valid_until")
        assert error.display and "Giltigt till" in str(error.render())
        assert error.region.height and dialog.query_one(".form-fields").region.contains_region(
            error.region
        )


async def test_note_reentered_puts_cursor_at_the_end(db):
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        app.new_case()
        await pilot.pause()
        from tui.widgets.inorder import InOrderTextArea

        area = InOrderTextArea("Morgnarna är svåra.")
        await app.screen.mount(area)
        await pilot.pause()
        area.focus()
        await pilot.pause()
        await pilot.press(*" Bättre nu")
        assert area.text == "Morgnarna är svåra. Bättre nu"
        assert isinstance(area, TextArea)


@pytest.mark.parametrize("label", ["Avbryt"])
async def test_form_buttons_avbryt_left_action_right_and_tab_reaches_the_action(db, label):
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        app.new_case()
        await pilot.pause()
        cancel, submit = app.screen.query_one("#cancel"), app.screen.query_one("#submit")
        assert str(cancel.label) == label and cancel.region.x < submit.region.x
        assert not cancel.can_focus


def test_one_word_per_meeting_state_and_plurals():
    from exports import cli as export_cli
    from model.labels import MeetingState, count_of, meeting_state
    from tui.dialogs import export as export_dialog
    from tui.screens import case as case_screen

    words = {"planned": "planerat", "in_progress": "pågår", "held": "hållet",
             "cancelled": "inställt"}  # fmt: skip
    assert {s.value: s.label for s in MeetingState} == words
    assert export_cli.STATUS == words
    # The export dialog names each meeting with the same word.
    held = SimpleNamespace(routine=SimpleNamespace(name="Uppföljning"), status="held",
                           planned_date=dt.date(2026, 3, 2))  # fmt: skip
    assert export_dialog.meeting_label(held) == "Uppföljning, 2026-03-02 (hållet)"
    assert case_screen.MEETING_STATUS["held"] == "Hållet" == meeting_state("held", capital=True)
    assert count_of(1, "sak", "saker") == "1 sak" and count_of(2, "sak", "saker") == "2 saker"


def test_help_names_keys_in_swedish():
    from tui.dialogs.help import key_label

    assert [key_label(k) for k in ("slash", "ctrl+f", "comma", "tab", "shift+tab", "n")] == [
        "/", "Ctrl+F", ",", "Tab", "Skift+Tab", "n"]  # fmt: skip


def test_date_message_does_not_read_as_of_course():
    from model.validation import InvalidInput, parse_date

    with pytest.raises(InvalidInput) as caught:
        parse_date(
            "igår", field="agreed_on", label="Datum då mötet bestämdes", today=dt.date(2026, 12, 4)
        )
    assert "kan inte läsas som ett datum" in caught.value.message
    assert "förstås" not in caught.value.message
