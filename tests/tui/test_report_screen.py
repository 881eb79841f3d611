"""Utvärdering on screen at 80×24: opened from the case list (u) and Ctrl+P, the year and the
period changed with keys, the files saved with s."""

from __future__ import annotations

import datetime as dt

import pytest
from shell_helpers import make_app, screen_text, until

from model.clock import FixedClock
from model.small_counts import SMALL
from tests.model.report_helpers import NAMES, PERIOD, build_known
from tui.screens.cases import CasesScreen
from tui.screens.report import ReportScreen


@pytest.fixture
def known_db(db):
    build_known(db)
    return db


async def _counted(pilot) -> None:  # noqa: ANN001
    """Until the report screen shows the figures of the period chosen (counted off the
    event loop)."""
    app = pilot.app
    await until(pilot, lambda: isinstance(app.screen, ReportScreen) and app.screen.figures_ready,
                "the report's figures")  # fmt: skip
    await pilot.pause()


async def test_u_opens_the_report_for_this_year_at_80x24(known_db):
    app = make_app(known_db, clock=FixedClock.on(PERIOD[1]))
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.query_one("#case-table").focus()
        await pilot.press("u")
        await _counted(pilot)
        assert isinstance(app.screen, ReportScreen)
        text = screen_text(app)
        assert "Utvärdering" in text and "1 januari 2026 – 30 juni 2026" in text
        assert "Hållna möten per månad" in text
        assert f"jan 2026  ▒ {SMALL}" in text  # one meeting: the short bar, not its count
        assert "u Utvärdering" not in text and "s Spara" in text
        for name in NAMES:
            assert name not in text
        report = app.screen.report
        assert report is not None and report.held == 5
        pages = [text]
        for _ in range(6):  # PgDn through the whole report
            await pilot.press("pagedown")
            await pilot.pause()
            pages.append(screen_text(app))
        seen = "\n".join(pages)
        for line in (
            "Nya under perioden",
            "Hållna möten per rutin",
            "Insatser per huvudman",
            "Avvikelser per verksamhet",
            "Beslut om att avstå per verksamhet",
        ):
            assert line in seen
        assert "Socialtjänsten" in seen and "visas inte" in seen
        for name in NAMES:
            assert name not in seen
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CasesScreen)


async def test_years_period_and_save(known_db, tmp_path, monkeypatch):
    docs = tmp_path / "dokument"
    monkeypatch.setenv("LOTSEN_DOCUMENTS_DIR", str(docs))
    app = make_app(known_db, clock=FixedClock.on(dt.date(2026, 6, 30)))
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.query_one("#case-table").focus()
        await pilot.press("u")
        await _counted(pilot)
        await pilot.press("f")
        await _counted(pilot)
        assert "1 januari 2025 – 31 december 2025" in screen_text(app)
        assert app.screen.report.held == 1  # A's first meeting in December
        await pilot.press("n")
        await _counted(pilot)
        assert "1 januari 2026 – 30 juni 2026" in screen_text(app)
        # p: a period of its own; a reversed one is explained and nothing changes.
        await pilot.press("p")
        await pilot.pause()
        form = app.screen
        form.query_one("#f-start").value = "2026-07-01"
        form.query_one("#f-end").value = "2026-06-01"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form and "före den första" in screen_text(app)
        form.query_one("#f-end").value = "31/7 2026"
        await pilot.press("enter")
        await _counted(pilot)
        assert isinstance(app.screen, ReportScreen)
        assert "1 juli 2026 – 31 juli 2026" in screen_text(app)
        assert app.screen.report.held == 1  # A's follow-up on 1 July
        await pilot.press("s")
        await pilot.pause(0.5)
        saved = sorted(p.name for p in (docs / "Utvardering").iterdir())
        assert saved == ["Utvardering_2026-07-01_2026-07-31.csv",
                         "Utvardering_2026-07-01_2026-07-31.docx"]  # fmt: skip
        messages = [str(n.message) for n in app._notifications]
        assert any(
            "Utvärderingen är sparad" in m and "Utvardering_2026-07-01" in m for m in messages
        )


async def test_ctrl_p_finds_utvardering(known_db):
    app = make_app(known_db, clock=FixedClock.on(PERIOD[1]))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Utvärdering")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await _counted(pilot)
        assert isinstance(app.screen, ReportScreen)


async def test_an_empty_database_shows_zeros(db):
    app = make_app(db, clock=FixedClock.on(dt.date(2026, 3, 2)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p", *"Utvärdering")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "1 januari 2026 – 2 mars 2026" in text
        assert "jan 2026   0" in text and "mar 2026   0" in text
        assert "Nya under perioden" in text


async def test_counting_runs_off_the_event_loop_and_s_waits_for_the_period_chosen(
    known_db, tmp_path, monkeypatch
):
    """While a year is counted (10,000 cases: a tenth of a second), keys are handled, and s
    never saves the figures of the period shown before."""
    import threading

    import tui.screens.report as screen

    docs = tmp_path / "dokument"
    monkeypatch.setenv("LOTSEN_DOCUMENTS_DIR", str(docs))
    release = threading.Event()
    real = screen.build_report

    def slow(db, start, end):  # noqa: ANN001, ANN202
        if start.year == 2025:
            release.wait(10)
        return real(db, start, end)

    monkeypatch.setattr(screen, "build_report", slow)
    app = make_app(known_db, clock=FixedClock.on(dt.date(2026, 6, 30)))
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.query_one("#case-table").focus()
        await pilot.press("u")
        await _counted(pilot)
        await pilot.press("f")  # 2025: held back
        await pilot.pause(0.2)
        assert "Räknar 2025-01-01 – 2025-12-31" in screen_text(app)
        await pilot.press("s")
        await pilot.pause(0.2)
        assert not (docs / "Utvardering").exists()
        assert any("räknas fortfarande" in str(n.message) for n in app._notifications)
        release.set()
        await _counted(pilot)
        assert "1 januari 2025 – 31 december 2025" in screen_text(app)
        await pilot.press("s")
        await until(pilot, lambda: (docs / "Utvardering").exists(), "the saved report")
        assert sorted(p.name for p in (docs / "Utvardering").iterdir())[0].startswith(
            "Utvardering_2025-01-01_2025-12-31"
        )
