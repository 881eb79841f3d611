"""Att göra: the case list's line per case, the screen with the overdue first, Enter opens."""

from __future__ import annotations

import datetime as dt

from shell_helpers import TODAY, make_app, screen_text, until
from textual.widgets import DataTable, TabbedContent

from model.store import Store
from tui.screens.case import CaseScreen
from tui.screens.cases import CasesScreen
from tui.screens.due import DueScreen


def _app(db):  # noqa: ANN001, ANN202
    app = make_app(db)
    app.today = lambda: TODAY
    return app


async def _read(pilot) -> None:  # noqa: ANN001
    """Until Att göra shows what it read off the event loop."""
    app = pilot.app
    await until(pilot, lambda: isinstance(app.screen, DueScreen)
                and not (app.screen.sub_title or "Läser").startswith("Läser"), "Att göra")  # fmt: skip
    await pilot.pause()


def _noah(db) -> int:  # noqa: ANN001
    """A second case whose consent ran out five days ago: overdue."""
    store = Store(db)
    case = store.create_case("Noah Berg", school="Ekskolan")
    store.add_consent(case, "Anna Berg", TODAY - dt.timedelta(days=400),
                      valid_until=TODAY - dt.timedelta(days=5))  # fmt: skip
    return case


async def test_case_list_shows_what_is_due_per_case(demo_db):
    noah = _noah(demo_db)
    app = _app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert [c.label.plain for c in table.ordered_columns] == [
            "Barn", "Personnummer", "Att göra", "Status"]  # fmt: skip
        lines = {r.child_name: table.get_row(str(r.id))[2].plain for r in app.screen.rows}
        # The demo's follow-up on 5 March; Noah's consent ended on 25 February (overdue: !).
        assert lines == {"Elsa Nyström": "5 mars Uppföljande lotsmöte",
                         "Noah Berg": "! 25 feb Samtycket har gått ut"}  # fmt: skip
        text = screen_text(app)
        assert "! 25 feb Samtycket har gått ut" in text
        assert "t Att göra" in text  # in the footer
        assert noah in [r.id for r in app.screen.rows]


async def test_due_screen_lists_the_overdue_first_and_enter_opens_that_case(demo_db):
    noah = _noah(demo_db)
    app = _app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await _read(pilot)
        assert isinstance(app.screen, DueScreen)
        table = app.screen.query_one(DataTable)
        first = [c.plain for c in table.get_row_at(0)]
        assert first == ["! 25 feb", "Noah Berg",
                         "Samtycket från Anna Berg gick ut 25 februari 2026: be om ett nytt"]  # fmt: skip
        assert [c.plain for c in table.get_row_at(1)][:3] == [
            "  5 mars", "Elsa Nyström", "Möte: Uppföljande lotsmöte"]  # fmt: skip
        text = screen_text(app)
        assert "Försenat: 1, kommande: 5" in text
        assert "Noah Berg, Försenat sedan 25 februari 2026: Samtycket" in text
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen) and app.screen.case_id == noah
        assert app.screen.query_one(TabbedContent).active == "consents"
        # Back: Att göra, then the case list.
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DueScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CasesScreen)


async def test_due_screen_from_the_command_palette(demo_db):
    app = _app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Att göra")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await _read(pilot)
        assert isinstance(app.screen, DueScreen)
        assert "Följ upp insats 2: KBT-samtal" in screen_text(app)


async def test_from_an_open_case_enter_goes_back_down_to_it(demo_db):
    app = _app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # the demo case
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
        depth = len(app.screen_stack)
        app.push_screen(DueScreen())
        await _read(pilot)
        await pilot.press("down", "enter")  # Följ upp insats 1: the plan
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen) and len(app.screen_stack) == depth
        assert app.screen.query_one(TabbedContent).active == "plan"


async def test_att_gora_reads_off_the_event_loop_and_esc_works_meanwhile(demo_db, monkeypatch):
    """A slow read (10,000 cases) never holds the keys: Esc goes back before it is done,
    and the read that comes in late changes nothing."""
    import threading

    import tui.screens.due as due

    release, started = threading.Event(), threading.Event()
    real = due.due_items

    def slow(db, today):  # noqa: ANN001, ANN202
        started.set()
        release.wait(10)
        return real(db, today)

    monkeypatch.setattr(due, "due_items", slow)
    app = _app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await until(pilot, started.is_set, "the read")
        assert isinstance(app.screen, DueScreen)
        assert "Läser datumen i de öppna ärendena" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CasesScreen)  # while the read still waits
        release.set()
        await pilot.pause(0.3)
        assert isinstance(app.screen, CasesScreen)
        await pilot.press("t")
        await _read(pilot)
        assert "Försenat: 0, kommande: " in screen_text(app)


async def test_att_gora_reads_once_when_opened(demo_db, monkeypatch):
    """One read of every open case's dates per opening (0.2 s of CPU at 10,000 cases)."""
    import tui.screens.due as due

    calls: list[dt.date] = []
    real = due.due_items

    def counted(db, today):  # noqa: ANN001, ANN202
        calls.append(today)
        return real(db, today)

    monkeypatch.setattr(due, "due_items", counted)
    app = _app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await _read(pilot)
        await pilot.pause(0.2)
        assert calls == [TODAY]
