"""Skyddat läge (F2) is a reactive on the app; every screen on the stack watches it. A screen
under the one where F2 was pressed shows initials when it is back on top, and the other way
round, without being asked by the app."""

from __future__ import annotations

from shell_helpers import DEMO_NAMES, make_app, screen_text

from tui.screens.case import CaseScreen
from tui.screens.settings import SettingsScreen


async def test_the_case_under_the_settings_follows_the_privacy_switch(demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
        assert "Elsa Nyström" in screen_text(app)
        app.open_settings()
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        await pilot.press("f2")
        await pilot.pause()
        assert app.privacy and app.settings.privacy
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
        hidden = screen_text(app)
        await pilot.press("f2")
        await pilot.pause()
        shown = screen_text(app)
    for name in DEMO_NAMES:
        assert name not in hidden, name
    assert "E.N." in hidden
    assert "Elsa Nyström" in shown and not app.settings.privacy
