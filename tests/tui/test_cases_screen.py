"""Ärenden and Nytt ärende driven with keys; the database is checked afterwards."""

from __future__ import annotations

from shell_helpers import make_app, screen_text
from textual.widgets import DataTable, Input

from model.caselist import recent_cases
from tui.dialogs.form import FormDialog
from tui.screens.case import CaseScreen


async def test_first_run_view_on_empty_database(db):
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Inga ärenden ännu" in text
        assert "--demo" in text


async def test_new_case_invalid_then_valid_personnummer(db):
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        assert isinstance(app.screen, FormDialog)
        await pilot.press(*"Alva Lind", "tab", *"20150312-1234", "tab", *"Björkskolan", "enter")
        # Still the form: the model's message beside the field, what was typed kept.
        assert isinstance(app.screen, FormDialog)
        assert "kontrollsiffran" in screen_text(app)
        assert app.screen.query_one("#f-child_name", Input).value == "Alva Lind"
        assert app.screen.query_one("#f-school", Input).value == "Björkskolan"
        pnr = app.screen.query_one("#f-personnummer", Input)
        assert app.screen.focused is pnr
        pnr.value = ""
        await pilot.press(*"20150312-2382", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
    rows = recent_cases(db)
    assert [(r.child_name, r.personnummer) for r in rows] == [("Alva Lind", "201503122382")]


async def test_filter_as_you_type_and_question_mark_types(demo_db):
    from model.store import Store

    store = Store(demo_db)
    store.create_case("Noah Berg", school="Ekskolan")
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        table = app.screen.query_one(DataTable)
        assert table.row_count == 2
        await pilot.press("slash", *"Elsa")
        await pilot.pause(0.4)
        assert table.row_count == 1
        assert "Elsa Nyström" in screen_text(app)
        assert app.screen.sub_title == "1 träff"  # not "1 träffar"
        # "?" goes into the field; it does not open the help.
        await pilot.press("question_mark")
        assert app.screen.query_one("#case-filter", Input).value == "Elsa?"
        await pilot.press("backspace", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)


async def test_help_for_every_screen(demo_db):
    from tui.dialogs.help import HelpScreen

    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        assert "Ärenden" in screen_text(app)
        await pilot.press("escape", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "enter", "f1")
        assert "Ärende" in screen_text(app) and "Nätverket" in screen_text(app)


async def test_first_screenful_then_the_rest_after_the_first_frame(db, monkeypatch):
    from model.store import Store
    from tui.screens.cases import FIRST_PAINT, CasesScreen

    store = Store(db)
    for i in range(FIRST_PAINT + 25):
        store.create_case(f"Barn Nummer{i:03d}")
    loaded: list[int] = []
    original = CasesScreen.load

    def load(self, rows):  # noqa: ANN001, ANN202
        loaded.append(len(rows))
        return original(self, rows)

    monkeypatch.setattr(CasesScreen, "load", load)
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.row_count == FIRST_PAINT + 25
        assert table.get_row_at(0)[0].plain == f"Barn Nummer{FIRST_PAINT + 24:03d}"
    # A screenful for the first frame, then the rest once: not twice, not before the frame.
    assert loaded == [FIRST_PAINT, FIRST_PAINT + 25]
