"""Ärende driven with keys: the network, a consent, removal that asks first, closing."""

from __future__ import annotations

from shell_helpers import make_app, screen_text
from textual.widgets import Input

from model.store import Store
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.form import FormDialog
from tui.screens.case import CaseScreen


async def _add_participant(pilot, name: str, org: str, role: str) -> None:
    await pilot.press("a")
    assert isinstance(pilot.app.screen, FormDialog)
    await pilot.press(*name, "tab", *org, "tab", *role, "enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CaseScreen)


async def test_network_consent_and_removal(db):
    store = Store(db)
    case_id = store.create_case("Alva Lind")
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_case(case_id)
        await pilot.pause()
        await pilot.press("2")
        await _add_participant(pilot, "Karin Ek", "Björkskolan", "Rektor")
        await _add_participant(pilot, "Lena Åkesson", "Socialtjänsten", "Socialsekreterare")
        await _add_participant(pilot, "Per Öberg", "BUP", "Psykolog")
        assert "Lena Åkesson" in screen_text(app)

        # A consent, with the network's agencies suggested.
        await pilot.press("3", "a")
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        assert "BUP" in dialog.query_one("#f-agencies", Input).value
        await pilot.press(*"Båda vårdnadshavarna")
        dialog.query_one("#f-valid_until", Input).value = "2027-01-10"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Gäller till 2027-01-10" in screen_text(app)

        # Removal asks first; "Nej" keeps the person.
        await pilot.press("2", "tab", "delete")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        assert len(store.get_case(case_id).participants) == 3
        await pilot.press("delete", "j")
        await pilot.pause()
    view = store.get_case(case_id)
    assert [p.name for p in view.participants] == ["Lena Åkesson", "Per Öberg"]
    assert view.consents[0].given_by == "Båda vårdnadshavarna"
    assert set(view.consents[0].agencies) == {"Björkskolan", "Socialtjänsten", "BUP"}
    assert str(view.consents[0].valid_until) == "2027-01-10"


async def test_edit_child_in_place_shows_model_message(db):
    store = Store(db)
    case_id = store.create_case("Alva Lind")
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_case(case_id)
        await pilot.pause()
        await pilot.press("tab", "tab", *"123", "tab")  # into personnummer, then leave it
        await pilot.pause()
        assert "Personnumret ska ha 10 eller 12 siffror" in screen_text(app)
        await pilot.press("shift+tab", "ctrl+u", *"20150312-2382", "tab", *"Ekskolan")
        await pilot.pause(0.8)
        assert "Sparat" in app.sub_title
    view = store.get_case(case_id)
    assert view.personnummer == "201503122382"
    assert view.school == "Ekskolan"


async def test_close_and_reopen(db):
    store = Store(db)
    case_id = store.create_case("Alva Lind")
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_case(case_id)
        await pilot.pause()
        await pilot.press("7", "tab", "enter")
        assert isinstance(app.screen, FormDialog)
        await pilot.press(*"Målen är nådda", "tab", *"Ring samordnaren Sara", "tab", "space")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert store.get_case(case_id).status == "closed"
        assert store.get_case(case_id).family_told_if_worse
        assert store.get_case(case_id).if_worse_plan == "Ring samordnaren Sara"
        assert "avslutades" in screen_text(app)
        assert "Om det blir sämre igen: Ring samordnaren Sara" in screen_text(app)
        await pilot.press("enter", "j")
        await pilot.pause()
    assert store.get_case(case_id).status == "open"


async def test_deviation_names_the_action(demo_db):
    store = Store(demo_db)
    case_id = store.case_ids()[0]
    earlier = store.get_case(case_id).deviations  # the demo has one already
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_case(case_id)
        await pilot.pause()
        await pilot.press("6", "a")
        assert isinstance(app.screen, FormDialog)
        # Choosing the action stays on the drop-down (issue 10); Tab moves on, a second Tab
        # skips the free-text line.
        await pilot.press("enter", "down", "enter", "tab", "tab", *"Inga samtal bokade", "tab",
                          *"Enhetschef BUP", "ctrl+s")  # fmt: skip
        await pilot.pause()
    (dev,) = store.get_case(case_id).deviations[len(earlier) :]
    assert dev.action_text == "Anpassat schema, halva dagar"
    assert dev.what_went_wrong == "Inga samtal bokade"
    assert dev.reported_to == "Enhetschef BUP"
