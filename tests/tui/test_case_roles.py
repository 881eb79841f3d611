"""Västbas roles typed on the Ärende screen land in the database; a rektor as kontaktperson
is warned about on the screen (and still saved: the rule warns, it does not refuse)."""

from __future__ import annotations

from shell_helpers import make_app, screen_text

from model.store import Store
from tui.screens.case_roles import VastbasRoles

WARNING = "Karin Ek är rektor."


async def test_typing_the_vastbas_roles_lands_in_the_database(db):
    store = Store(db)
    case_id = store.create_case("Alva Lind", routine_id="vastbas_formote")
    store.add_participant(case_id, "Karin Ek", organisation="Björkskolan", role="Rektor")
    store.add_participant(case_id, "Ahmed Hassan", organisation="Björkskolan", role="Kurator")
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_case(case_id)
        await pilot.pause()
        assert app.screen.query_one(VastbasRoles).display
        app.screen.query_one("#case-coordinator_1").focus()
        await pilot.press(*"Eva Lund", "tab", *"Omar Ali", "tab", *"karin ek")
        await pilot.pause(0.8)
        assert WARNING in screen_text(app)
        assert store.get_case(case_id).contact_person == "karin ek"  # warned, not refused
        await pilot.press("ctrl+u", *"Ahmed Hassan")
        await pilot.pause()
        assert WARNING not in screen_text(app)
        await pilot.press("tab", *"Britt Nyström", "tab", *"mormor", "shift+tab")
        await pilot.pause(0.8)
    case = store.get_case(case_id)
    assert (case.coordinator_1, case.coordinator_2) == ("Eva Lund", "Omar Ali")
    assert case.contact_person == "Ahmed Hassan"
    assert (case.spokesperson, case.spokesperson_relation) == ("Britt Nyström", "mormor")


async def test_roles_show_only_for_a_vastbas_case(db):
    store = Store(db)
    case_id = store.create_case("Alva Lind", routine_id="forsta_natverksmote")
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_case(case_id)
        await pilot.pause()
        roles = app.screen.query_one(VastbasRoles)
        assert not roles.display
        app.screen.query_one("#case-routine").value = "vastbas_natverksmote_1"
        await pilot.pause()
        assert roles.display
    assert store.get_case(case_id).routine_id == "vastbas_natverksmote_1"


async def test_in_the_privacy_mode_the_roles_and_the_warning_show_no_names(db):
    store = Store(db)
    case_id = store.create_case("Alva Lind", routine_id="vastbas_formote")
    store.add_participant(case_id, "Karin Ek", organisation="Björkskolan", role="Rektor")
    store.update_case(case_id, contact_person="Karin Ek", spokesperson="Britt Lind")
    app = make_app(db, privacy=True)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_case(case_id)
        await pilot.pause()
        roles = app.screen.query_one(VastbasRoles)
        assert roles.query_one("#case-contact_person").password
        assert roles.query_one("#case-spokesperson").password
        warning = str(roles.query_one("#contact-warning").render())
        assert "K.E. är rektor." in warning and "Karin" not in warning
