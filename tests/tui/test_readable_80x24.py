"""At 80×24 nothing the leader needs is cut: the case's tables wrap their widest columns,
the guide's agenda shows every step title whole, the header keeps "Sparat …"."""

from __future__ import annotations

from shell_helpers import make_app, screen_text

from model.store import Store
from tui.screens.meeting.sidebar import agenda_lines
from tui.widgets.table import fit_widths
from tui.widgets.title import fit_title


def test_fit_widths_narrows_the_widest_column_first():
    assert fit_widths([10, 40, 8], [4, 7, 8], 40) == [10, 22, 8]
    assert fit_widths([10, 12], [4, 7], 40) == [10, 12]  # room enough: untouched
    assert fit_widths([10, 40], [10, 30], 20) == [10, 30]  # never below a floor


def test_agenda_lines_wrap_titles_under_themselves_with_the_gap_mark_last():
    assert agenda_lines("Presentationsrunda", "", 18) == [("Presentationsrunda", False)]
    assert agenda_lines("Presentationsrunda", "!8", 18) == [
        ("Presentationsrunda", False), ("", True)]  # fmt: skip
    assert agenda_lines("Uppföljning, underskrift och utdelning", "!2", 18) == [
        ("Uppföljning,", False), ("underskrift och", False), ("utdelning", True)]  # fmt: skip
    assert agenda_lines("Sammanfattning", "!2", 18) == [("Sammanfattning", True)]


def test_header_keeps_the_saved_mark_whole():
    shown = fit_title("Första nätverksmötet (Västbus) – Alexandra Johansson-Lindqvist",
                      "Sparat 18.59.01", 80).plain  # fmt: skip
    assert shown.endswith(" — Sparat 18.59.01")
    assert len(shown) <= 80 - 18
    assert fit_title("Ärenden", "Sparat 18.59.01", 80).plain == "Ärenden — Sparat 18.59.01"


async def test_case_tables_show_every_column_at_80x24(demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_case(1)
        await pilot.pause(0.3)
        await pilot.press("2")
        await pilot.pause(0.3)
        text = screen_text(app)
        for header in ("Namn", "Verksamhet", "Roll", "Huvudman", "Kontakt"):
            assert header in text
        assert "Socialsekreterare" in text  # a whole word, not "Socialsekretera…"
        assert "0920-45 30 00," in text and "lena.akesson@" in text
        await pilot.press("3")
        await pilot.pause(0.3)
        text = screen_text(app)
        assert "Verksamheter" in text and "Socialtjänsten," in text and "skriftligt" in text
        await pilot.press("5")
        await pilot.pause(0.3)
        text = screen_text(app)
        assert "Plats" in text and "konferensrummet" in text


async def test_guide_agenda_shows_whole_step_titles_at_80x24(demo_db):
    store = Store(demo_db)
    mid = next(m.id for m in store.case_meetings(1) if m.status == "planned")
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_case(1)
        await pilot.pause(0.2)
        app.open_meeting(mid)
        for _ in range(30):  # the footer is recomposed once the step's keys are known
            await pilot.pause(0.1)
            text = screen_text(app)
            if "Kommandon" in text.splitlines()[-1]:
                break
    # The roll call's own keys (n/f/a) pushed "F6 Nästa steg" off the footer at 80 columns.
    assert text.splitlines()[-1].lstrip().startswith("F1 Hjälp  F6 Nästa steg  n Närvarande")
    for word in ("Presentationsrunda", "Professionernas", "redogörelse", "Sammanfattning",
                 "underskrift och", "utdelning"):  # fmt: skip
        assert word in text, word
