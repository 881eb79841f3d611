"""Planning a new meeting writes nothing until the leader saves it (Ctrl+S); leader,
note-taker and convener are set there; an invited agency the consent does not cover is
warned about, and a Kallelse to it is asked for first."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from shell_helpers import TODAY, make_app, screen_text, until
from textual.widgets import Input, SelectionList, TextArea

from model.clock import FixedClock
from model.store import Store
from tests.tui.test_write_path import disk  # noqa: F401 - the fixture: a disk that fills up
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.export import ExportDialog
from tui.screens.case import CaseScreen
from tui.screens.plan_meeting import PlanMeetingScreen


def alva(db, *, exclusion: str = "") -> tuple[Store, int]:
    store = Store(db)
    cid = store.create_case("Alva Lind", routine_id="forsta_natverksmote")
    store.add_guardian(cid, "Maria Lind")
    store.add_participant(cid, "Karin Ek", organisation="Björkskolan")
    store.add_participant(cid, "Per Öberg", organisation="BUP")
    store.add_consent(cid, "Maria Lind", "2026-01-10", agencies=["Björkskolan", "BUP"],
                      exclusions=exclusion)  # fmt: skip
    return store, cid


def app_for(db, **settings):  # noqa: ANN001, ANN201
    return make_app(db, clock=FixedClock.on(TODAY), **settings)


async def open_planning(app, pilot, cid: int) -> PlanMeetingScreen:  # noqa: ANN001
    app.open_case(cid)
    await pilot.pause()
    await pilot.press("p")
    await pilot.pause()
    assert isinstance(app.screen, PlanMeetingScreen)
    return app.screen


async def type_into(pilot, screen, field: str, text: str) -> None:  # noqa: ANN001
    screen.query_one(f"#m-{field}").focus()
    await pilot.press("home", "ctrl+k", *text)


async def test_opening_planning_and_leaving_writes_no_meeting(db):
    store, cid = alva(db)
    app = app_for(db, leader_name="Lena Åkesson")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_planning(app, pilot, cid)
        assert "mötet sparas när du trycker Ctrl+S" in screen_text(app)
        assert "^S Spara mötet" in screen_text(app)
        assert store.case_meetings(cid) == []  # open, and nothing is written
        await pilot.press("escape")  # nothing typed: no question
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
    assert Store(db).case_meetings(cid) == []


async def test_escape_asks_before_throwing_away_what_was_typed(db):
    store, cid = alva(db)
    app = app_for(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_planning(app, pilot, cid)
        await type_into(pilot, screen, "place", "Rum 12")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Släng ändringarna?" in screen_text(app)
        await pilot.press("n")  # no: back to the form, the text still there
        await pilot.pause()
        assert app.screen is screen
        assert screen.query_one("#m-place", Input).value == "Rum 12"
        await pilot.press("escape", "j")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
    assert Store(db).case_meetings(cid) == []


async def test_ctrl_s_saves_exactly_what_the_form_shows(db):
    store, cid = alva(db)
    app = app_for(db, leader_name="Lena Åkesson", default_place="Björkskolan, rum 12")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_planning(app, pilot, cid)
        # Leader, note-taker and convener start as "Ditt namn" in the settings.
        for field in ("leader", "note_taker", "convener"):
            assert screen.query_one(f"#m-{field}", Input).value == "Lena Åkesson"
        await type_into(pilot, screen, "planned_date", "2026-03-16")
        await pilot.press("tab", *"9.30")
        await type_into(pilot, screen, "note_taker", "Sara Lind")
        await type_into(pilot, screen, "convener", "Karin Ek")
        await type_into(pilot, screen, "question", "Hur får Alva en lugnare skoldag?")
        invitees = screen.query_one("#m-invitees", SelectionList)
        invitees.focus()
        invitees.highlighted = 2  # Per Öberg – BUP: not invited this time
        await pilot.press("space")
        await pilot.pause()
        assert store.case_meetings(cid) == []  # typed, not yet saved
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "mötet sparas när du trycker Ctrl+S" not in screen_text(app)
        (saved,) = store.case_meetings(cid)
        # Now a planned meeting: a change is saved as it is typed.
        await type_into(pilot, screen, "place", "Björkskolan, rum 14")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
    (m,) = Store(db).case_meetings(cid)
    assert m.id == saved.id and m.status == "planned"
    assert (m.planned_date, m.planned_time) == (dt.date(2026, 3, 16), "09.30")
    assert m.place == "Björkskolan, rum 14"
    assert m.agreed_on == TODAY
    assert (m.leader, m.note_taker, m.convener) == ("Lena Åkesson", "Sara Lind", "Karin Ek")
    assert m.question == "Hur får Alva en lugnare skoldag?"
    assert [p.name for p in m.invitees] == ["Maria Lind", "Karin Ek"]


async def test_bad_input_is_named_and_nothing_is_written(db):
    store, cid = alva(db)
    app = app_for(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_planning(app, pilot, cid)
        await type_into(pilot, screen, "planned_date", "den 40:e")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert store.case_meetings(cid) == []
        assert "Mötesdatum" in screen_text(app)
        assert app.screen is screen and screen.is_draft
        await type_into(pilot, screen, "planned_date", "2026-03-16")
        await pilot.press("ctrl+s")
        await pilot.pause()
    (m,) = Store(db).case_meetings(cid)
    assert m.planned_date == dt.date(2026, 3, 16)


async def test_ctrl_q_with_a_filled_form_asks_to_save_it(db):
    store, cid = alva(db)
    app = app_for(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_planning(app, pilot, cid)
        await type_into(pilot, screen, "question", "Skolfrånvaron")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Spara det innan Lotsen avslutas?" in screen_text(app)
        await pilot.press("escape")  # Esc: back to the form, nothing lost, nothing written
        await pilot.pause()
        assert app.screen is screen and store.case_meetings(cid) == []
        await pilot.press("ctrl+q", "j")
        await pilot.pause()
    (m,) = Store(db).case_meetings(cid)
    assert m.question == "Skolfrånvaron"


async def test_p_on_a_closed_case_is_refused(db):
    store, cid = alva(db)
    store.close_case(cid, "Målen nådda", True)
    app = app_for(db)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_case(cid)
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
        assert any("Ärendet är avslutat. Öppna det igen" in str(n.message)
                   for n in app._notifications)  # fmt: skip
    assert Store(db).case_meetings(cid) == []


async def test_an_excluded_or_uncovered_agency_is_warned_about(db):
    store, cid = alva(db, exclusion="BUP ska inte få uppgifter om familjen.")
    store.add_participant(cid, "Eva Holm", organisation="Fritidsgården")
    app = app_for(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_planning(app, pilot, cid)
        # On top of the form when it opens; in full below the list of invitees.
        assert ("! Per Öberg (BUP) och Eva Holm (Fritidsgården) omfattas inte av samtycket"
                in screen_text(app))  # fmt: skip
        invitees = screen.query_one("#m-invitees", SelectionList)
        invitees.focus()
        excluded = "! Familjen har undantagit BUP i samtycket 2026-01-10 (Per Öberg är inbjuden)"
        # Shown once the focused list has scrolled it into view (0.2 s was too short under load)
        await until(pilot, lambda: excluded in screen_text(app), "the exclusion under the list")
        text = screen_text(app)
        assert excluded in text
        assert "! Samtycket täcker inte Fritidsgården (Eva Holm är inbjuden)" in text
        invitees.highlighted = 2  # Per Öberg: not invited after all
        await pilot.press("space")
        await pilot.pause()
        text = screen_text(app)
        assert "undantagit BUP" not in text and "täcker inte Fritidsgården" in text


async def test_a_kallelse_to_an_excluded_agency_is_asked_for_first(db):
    store, cid = alva(db, exclusion="BUP ska inte få uppgifter om familjen.")
    store.plan_meeting(cid, "forsta_natverksmote", planned_date="2026-03-16")
    documents = Path(os.environ["LOTSEN_DOCUMENTS_DIR"])  # the test's own (tests/conftest.py)
    app = app_for(db)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_case(cid)
        await pilot.pause()
        await pilot.press("ctrl+e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert "kallelse" in dialog.query_one("#export-docs", SelectionList).selected
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert ("Per Öberg (BUP) omfattas inte av samtycket – skapa kallelsen ändå?"
                in screen_text(app))  # fmt: skip
        await pilot.press("enter")  # Avbryt has the focus
        await pilot.pause()
        assert app.screen is dialog and dialog.written == []
        assert not list(documents.rglob("*.docx"))
        assert "Inget skrevs" in screen_text(app)
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("j")  # yes: written
        for _ in range(100):
            await pilot.pause(0.1)
            if dialog.written:
                break
        assert any(p.name.startswith("Kallelse") for p in dialog.written)
    assert any(p.name.startswith("Kallelse") for p in documents.rglob("*.docx"))


async def test_a_full_disk_keeps_the_new_meeting_on_screen_until_it_can_be_saved(db, disk):  # noqa: F811
    store, cid = alva(db)
    app = app_for(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_planning(app, pilot, cid)
        await type_into(pilot, screen, "question", "Skolfrånvaron")
        disk.full = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.is_running and app.screen is screen and screen.is_draft
        assert any("Kunde inte spara mötet" in str(n.message) for n in app._notifications)
        assert screen.query_one("#m-question", TextArea).text == "Skolfrånvaron"
        disk.full = False
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not screen.is_draft
    (m,) = Store(db).case_meetings(cid)
    assert m.question == "Skolfrånvaron"


async def test_closing_the_terminal_window_keeps_a_filled_new_meeting(db, monkeypatch):
    import tui.app

    class NoExit:  # the real handler leaves the process a second later
        def __init__(self, *args, **kwargs) -> None:
            pass

        def start(self) -> None:
            pass

    monkeypatch.setattr(tui.app.threading, "Timer", NoExit)
    store, cid = alva(db)
    app = app_for(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_planning(app, pilot, cid)
        await type_into(pilot, screen, "place", "Rum 12")
        app._on_terminate_signal()  # SIGHUP: the terminal window was closed
        await pilot.pause()
    (m,) = Store(db).case_meetings(cid)
    assert m.place == "Rum 12"


async def test_a_planned_meetings_leader_and_note_taker_are_saved_as_typed(db):
    store, cid = alva(db)
    mid = store.plan_meeting(cid, "forsta_natverksmote", leader="Karin Ek")
    app = app_for(db, leader_name="Lena Åkesson")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_planning(app, pilot, cid)  # p opens the planned meeting
        assert screen.meeting_id == mid and "^S" not in screen_text(app)
        assert screen.query_one("#m-leader", Input).value == "Karin Ek"  # not the settings'
        await type_into(pilot, screen, "note_taker", "Sara Lind")
        await pilot.press("tab")
        await pilot.pause(0.5)
        assert Store(db).get_meeting(mid).note_taker == "Sara Lind"  # before leaving
        await pilot.press("escape")
        await pilot.pause()
    m = Store(db).get_meeting(mid)
    assert (m.leader, m.note_taker, m.convener) == ("Karin Ek", "Sara Lind", "")
