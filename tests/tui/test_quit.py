"""Quitting: never asks "save?"; only a save the disk refused makes Ctrl+Q warn once."""

from __future__ import annotations

from shell_helpers import make_app


async def test_quit_exits_at_once_when_everything_is_saved(db):
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


class _Field:
    """Stands for a field whose last save failed (the autosaver holds them weakly)."""


async def test_quit_warns_once_when_text_could_not_be_saved(db):
    app = make_app(db)
    refused = _Field()
    async with app.run_test(size=(100, 30)) as pilot:
        app.autosaver.refused.add(refused)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running
        assert any("kunde inte sparas" in n.message for n in app._notifications)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running
