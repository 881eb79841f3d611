"""F1 lists the keys that act now: the focused field's own keys with the screen's and the
app's (Textual's active bindings), not only the screen's."""

from __future__ import annotations

from shell_helpers import make_app, screen_text

from tui.dialogs.help import HelpScreen
from tui.screens.settings import SettingsScreen


async def _help_text(app, pilot) -> str:  # noqa: ANN001
    await pilot.press("f1")
    await pilot.pause()
    assert isinstance(app.screen, HelpScreen)
    text = screen_text(app)
    await pilot.press("escape")
    await pilot.pause()
    return text


async def test_help_lists_the_focused_widgets_own_key(db):
    app = make_app(db)
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.pause()
        app.open_settings()
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        app.screen.query_one("#set-leader_name").focus()
        await pilot.pause()
        in_a_text_field = await _help_text(app, pilot)
        app.screen.query_one("#set-privacy").focus()
        await pilot.pause()
        on_the_box = await _help_text(app, pilot)
    assert "Kryssa i eller ur" not in in_a_text_field
    assert "Mellanslag" in on_the_box and "Kryssa i eller ur" in on_the_box
    # The screen's and the app's keys are there too, once each ("F1, ?" for Hjälp).
    assert "Avsluta" in on_the_box and on_the_box.count("Hjälp |") <= 1
