"""Autosaving fields: a database error never loses the text, is shown, and is retried."""

from __future__ import annotations

from typing import Any

from textual.app import App, ComposeResult
from textual.widgets import Static

from model.db import WriteFailed
from model.validation import InvalidInput
from tui.autosave import Autosaver
from tui.widgets.fields import AutosaveInput, AutosaveTextArea, Field

DISK_FULL = "Disken är full. Det senaste sparades inte."


class FlakySaver:
    """Raises the given errors in turn, then stores; records every call."""

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.calls: list[str] = []
        self.saved: list[str] = []

    def __call__(self, text: str) -> None:
        self.calls.append(text)
        if self.errors:
            raise self.errors.pop(0)
        self.saved.append(text)


class _Manual:
    def stop(self) -> None:
        pass


class FieldApp(App[None]):
    def __init__(self, editor: AutosaveInput | AutosaveTextArea) -> None:
        super().__init__()
        # Saves happen when the test flushes (the timers are tested in test_autosave_ceiling).
        self.autosaver = Autosaver(lambda _delay, _callback: _Manual())
        self.editor = editor
        self.notices: list[tuple[str, str]] = []

    def compose(self) -> ComposeResult:
        yield Field("Om det blir sämre igen", self.editor, id="field")

    def notify(self, message: str, *, severity: Any = "information", **kwargs: Any) -> None:
        self.notices.append((str(message), str(severity)))
        super().notify(message, severity=severity, **kwargs)


def error_text(app: FieldApp) -> str:
    label = app.query_one("#field", Field).error
    return str(label.render()) if label.display else ""


async def test_write_failed_keeps_the_text_shows_the_error_and_retries():
    saver = FlakySaver(WriteFailed(DISK_FULL))
    app = FieldApp(AutosaveTextArea("", saver=saver))
    async with app.run_test() as pilot:
        app.editor.focus()
        await pilot.press(*"Ring", "enter", *"Karin")
        app.autosaver.flush()
        await pilot.pause()
        assert saver.calls == ["Ring\nKarin"] and saver.saved == []
        assert error_text(app) == f"Kunde inte spara: {DISK_FULL}"
        assert app.editor.has_class("-invalid")
        assert app.editor.text == "Ring\nKarin"  # nothing lost
        assert app.notices == [(f"Kunde inte spara: {DISK_FULL}", "error")]
        assert app.autosaver.pending == 1  # queued again after the flush
        assert list(app.autosaver.refused) == [app.editor]

        await pilot.press(*" på skolan")
        app.autosaver.flush()
        await pilot.pause()
        assert saver.saved == ["Ring\nKarin på skolan"]
        assert app.editor.text == "Ring\nKarin på skolan"
        assert error_text(app) == "" and not app.editor.has_class("-invalid")
        assert app.autosaver.pending == 0 and list(app.autosaver.refused) == []
        assert len(app.notices) == 1  # the error was notified once


async def test_a_flush_tries_a_failing_save_once_and_the_next_flush_again():
    saver = FlakySaver(*[WriteFailed(DISK_FULL)] * 3)
    app = FieldApp(AutosaveInput("", saver=saver))
    async with app.run_test() as pilot:
        app.editor.focus()
        await pilot.press(*"Elsa")
        app.autosaver.flush()  # returns: no retry loop inside one flush
        assert saver.calls == ["Elsa"]
        await pilot.pause()
        assert app.autosaver.pending == 1
        app.autosaver.flush()  # nothing typed since: the queued save is retried
        assert saver.calls == ["Elsa", "Elsa"]
        await pilot.pause()
        app.editor.blur()  # leaving the field flushes it too
        await pilot.pause()
        assert saver.calls == ["Elsa"] * 3
        assert app.editor.value == "Elsa" and error_text(app).startswith("Kunde inte spara: ")
        assert len(app.notices) == 1  # once, not once per attempt
        await pilot.pause()
        app.autosaver.flush()
        assert saver.saved == ["Elsa"] and error_text(app) == ""
        assert app.autosaver.pending == 0


async def test_a_newer_edit_wins_over_the_requeued_save():
    saver = FlakySaver(WriteFailed(DISK_FULL))
    app = FieldApp(AutosaveInput("", saver=saver))
    async with app.run_test() as pilot:
        app.editor.focus()
        await pilot.press(*"Ab")
        app.autosaver.flush()
        await pilot.press("c")  # typed before the failed save is queued again
        await pilot.pause()
        app.autosaver.flush()
        assert saver.calls == ["Ab", "Abc"] and saver.saved == ["Abc"]
        await pilot.pause()
        assert app.autosaver.pending == 0


async def test_invalid_input_still_shows_its_own_message_without_notifying():
    saver = FlakySaver(InvalidInput("next_date", "Datumet kan inte läsas som ett datum."))
    app = FieldApp(AutosaveInput("", saver=saver))
    async with app.run_test() as pilot:
        app.editor.focus()
        await pilot.press(*"32/13")
        app.autosaver.flush()
        await pilot.pause()
        assert error_text(app) == "Datumet kan inte läsas som ett datum."
        assert (
            app.notices == [] and app.autosaver.pending == 0 and list(app.autosaver.refused) == []
        )


def test_error_label_is_a_static():
    field = Field("x", AutosaveInput(""))
    assert isinstance(field.error, Static)
