"""Lämna över ärendet / Ta emot ärende in the app (issue 13)."""

from __future__ import annotations

from pathlib import Path

import pytest
from shell_helpers import make_app, screen_text
from textual.widgets import Button, Input, Static

from model.db import open_database
from model.store import Store
from model.transfer import crypto
from tui.commands import LotsenCommands
from tui.dialogs.transfer import HandOverDialog, ReceiveDialog, hand_over, receive

PHRASE = "blåbär i skogen"


@pytest.fixture(autouse=True)
def _fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(crypto, "DEFAULT_PARAMS", crypto.KdfParams(log2_n=10, r=8, p=1))


async def _wait(pilot, dialog, text: str) -> str:
    before = str(dialog.query_one("#transfer-message", Static).content)
    for _ in range(300):
        await pilot.pause(0.1)
        shown = str(dialog.query_one("#transfer-message", Static).content)
        if text in shown:
            return shown
        if dialog.query_one("#transfer-message").has_class("error") and shown != before:
            return shown  # another error than the one already on screen
    return str(dialog.query_one("#transfer-message", Static).content)


async def test_palette_offers_both(demo_db) -> None:
    store = Store(demo_db)
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_case(store.case_ids()[0])
        await pilot.pause()
        names = [c[0] for c in LotsenCommands(app.screen)._commands()]
        assert "Lämna över ärendet" in names and "Ta emot ärende" in names


async def test_hand_over_then_receive_in_another_database(demo_db, tmp_path: Path) -> None:
    store = Store(demo_db)
    case_id = store.case_ids()[0]
    out = tmp_path / "usb"
    out.mkdir()
    app = make_app(demo_db)
    async with app.run_test(size=(100, 40)) as pilot:
        hand_over(app, case_id)
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, HandOverDialog)
        dialog.query_one("#transfer-folder", Input).value = str(out)
        dialog.query_one("#transfer-phrase", Input).value = PHRASE
        dialog.query_one("#transfer-again", Input).value = "något annat"
        await pilot.click("#transfer-run")
        assert "inte likadana" in await _wait(pilot, dialog, "inte likadana")
        dialog.query_one("#transfer-again", Input).value = PHRASE
        await pilot.pause()
        dialog.query_one("#transfer-run", Button).press()
        shown = await _wait(pilot, dialog, "Klart")
        assert "Klart" in shown and PHRASE not in screen_text(app)
        assert dialog.query_one("#transfer-phrase", Input).value == ""
    (written,) = list(out.iterdir())
    assert written.suffix == ".lotsen"

    other = open_database(tmp_path / "b.db")
    try:
        app = make_app(other)
        async with app.run_test(size=(100, 40)) as pilot:
            for attempt in ("fel fras här", PHRASE):
                receive(app)
                await pilot.pause()
                dialog = app.screen
                assert isinstance(dialog, ReceiveDialog)
                dialog.query_one("#transfer-file", Input).value = str(written)
                dialog.query_one("#transfer-phrase", Input).value = attempt
                await pilot.click("#transfer-run")
                if attempt != PHRASE:
                    assert "lösenfrasen är fel" in await _wait(pilot, dialog, "fel")
                    await pilot.press("escape")
                    await pilot.pause()
            for _ in range(50):
                await pilot.pause(0.1)
                if not isinstance(app.screen, ReceiveDialog):
                    break
            assert getattr(app.screen, "case_id", None) == Store(other).case_ids()[0]
            # Receiving it again: the app asks before making a second case of the same child.
            receive(app)
            await pilot.pause()
            dialog = app.screen
            dialog.query_one("#transfer-file", Input).value = str(written)
            dialog.query_one("#transfer-phrase", Input).value = PHRASE
            await pilot.click("#transfer-run")
            assert "redan ett ärende" in await _wait(pilot, dialog, "redan")
            assert dialog.query_one("#transfer-as-new").has_class("-shown")
            assert len(Store(other).case_ids()) == 1
            await pilot.click("#transfer-as-new")
            for _ in range(50):
                await pilot.pause(0.1)
                if not isinstance(app.screen, ReceiveDialog):
                    break
            assert len(Store(other).case_ids()) == 2
    finally:
        other.close()
