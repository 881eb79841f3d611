"""The shell: crash log without personal text, the Swedish CLI, the command palette, privacy."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from shell_helpers import DEMO_NAMES, DEMO_PNR, make_app, screen_text
from textual.widgets import Input

from model.paths import log_dir
from model.store import Store
from tui.screens.case import CaseScreen
from tui.screens.plan_meeting import PlanMeetingScreen

LOTSEN = Path(sys.executable).with_name("lotsen")


async def test_crash_in_a_handler_logs_without_personal_text(db):
    store = Store(db)
    case_id = store.create_case("Alva Lind")
    secret = "Pappa dricker för mycket"
    app = make_app(db)

    def boom() -> None:
        note = secret  # a local the log must not contain  # noqa: F841
        raise RuntimeError("oväntat")

    with pytest.raises(RuntimeError):
        async with app.run_test(size=(100, 30)) as pilot:
            app.open_case(case_id)
            await pilot.pause()
            await pilot.press("tab", "end", *"-Berg")  # typed, not yet saved at the crash
            assert app.autosaver.pending == 1
            app.action_help = boom  # type: ignore[method-assign]
            await pilot.press("f1")
            await pilot.pause()
    assert app.crash_text is not None
    assert "Inget av det du skrivit har gått förlorat" in app.crash_text
    log = log_dir() / "lotsen-fel.log"
    assert str(log) in app.crash_text
    text = log.read_text(encoding="utf-8")
    assert "RuntimeError" in text and "boom" in text
    assert secret not in text and "Alva" not in text
    assert store.get_case(case_id).child_name == "Alva Lind-Berg"  # flushed before leaving


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LANG": "C.UTF-8"}
    return subprocess.run([str(LOTSEN), *args], capture_output=True, text=True, env=env,
                          timeout=60)  # fmt: skip


def test_cli_version_and_help_in_swedish():
    version = _run("--version")
    assert version.returncode == 0 and version.stdout.startswith("Lotsen ")
    helptext = _run("--help")
    assert helptext.returncode == 0
    for words in ("Användning: lotsen", "--db SÖKVÄG", "--demo", "--version", "kommandon",
                  "visa den här hjälpen"):  # fmt: skip
        assert words in helptext.stdout
    bad = _run("--nonsense")
    assert bad.returncode == 2 and "okända argument" in bad.stderr


def test_cli_backup_of_missing_db_says_so(tmp_path):
    result = _run("backup", "--db", str(tmp_path / "saknas.db"))
    assert result.returncode == 1 and "Det finns ingen databas" in result.stderr


async def test_command_palette_offers_actions_and_cases(demo_db):
    from tui.commands import LotsenCommands

    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        provider = LotsenCommands(app.screen)
        names = [hit.text async for hit in provider.discover()]
        for wanted in ("Nytt ärende", "Planera möte", "Starta/återuppta möte",
                       "Exportera dokument", "Säkerhetskopiera", "Skyddat läge (initialer)",
                       "Inställningar", "Hjälp"):  # fmt: skip
            assert wanted in names
        hits = [hit async for hit in provider.search("öppna elsa")]
        assert any("Elsa Nyström" in str(hit.text) for hit in hits)
        await pilot.press("ctrl+p")
        await pilot.press(*"öppna ärende elsa")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)


async def test_backup_command_reports_the_path(demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        app.action_backup()
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("Säkerhetskopian är sparad: ") for m in messages)


async def test_privacy_hides_every_name_and_personnummer(demo_db):
    app = make_app(demo_db)
    seen: dict[str, str] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f2")
        assert app.settings.privacy
        seen["Ärenden"] = screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        for tab in "1234567":
            await pilot.press(tab)
            await pilot.pause()
            seen[f"Ärende {tab}"] = screen_text(app)
        await pilot.press("5", "p")
        await pilot.pause()
        assert isinstance(app.screen, PlanMeetingScreen)
        seen["Planera möte"] = screen_text(app)
        # The names are still there, in the fields, for when the privacy mode is turned off.
        await pilot.press("escape", "1")
        assert app.screen.query_one("#case-child_name", Input).value == "Elsa Nyström"
    for where, text in seen.items():
        for secret in DEMO_NAMES + DEMO_PNR:
            assert secret not in text, f"{secret} visas på {where}"
    assert "E.N." in seen["Ärenden"]
    from model.settings import load_settings

    assert load_settings().privacy  # remembered between runs
