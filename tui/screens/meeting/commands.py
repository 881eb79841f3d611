"""Ctrl+P in Mötesguiden: "Gå till steg …" for every step, "Exportera dokumenten"."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.commands import literal_highlight
from tui.plain import plain, visible

if TYPE_CHECKING:
    from tui.screens.meeting.guide import MeetingGuideScreen


def leave_guide(guide: MeetingGuideScreen) -> None:
    """Save everything, then show the meeting's case: the screen below when it is that case,
    otherwise (the guide opened with --meeting) the case is opened in its place."""
    from tui.screens.case import CaseScreen

    app = guide.lotsen
    app.flush_saves()
    view = guide.view
    case_id = view.case.id if view is not None else None
    app.pop_screen()
    below = app.screen
    if case_id is not None and not (isinstance(below, CaseScreen) and below.case_id == case_id):
        app.open_case(case_id)


async def press_on_closing_step(guide: MeetingGuideScreen, button_id: str) -> None:
    """ "Avsluta mötet" / "Avsluta ärendet" from Ctrl+P: the closing step's own button, so the
    palette asks the same questions the step does."""
    from textual.widgets import Button

    steps = [s for s in guide.steps if s.kind == "closing"]
    if not steps:
        guide.notify("Den här rutinen har inget avslutande steg.", severity="warning")
        return
    await guide.go_to(steps[-1].id)
    for button in guide.query(button_id).results(Button):
        button.press()
        return


class MeetingCommands(Provider):
    """The meeting's steps and actions in the command palette."""

    def _commands(self) -> list[tuple[str, Callable[[], Any], str]]:
        guide = cast("MeetingGuideScreen", self.screen)  # the provider of the guide alone
        out: list[tuple[str, Callable[[], Any], str]] = []
        view = guide.view
        if view is None:
            return out
        for i, step in enumerate(view.routine.steps, start=1):
            out.append(
                (
                    visible(f"Gå till steg {i}: {step.title}", one_line=True),
                    partial(guide.call_later, guide.go_to, step.id),
                    step.guidance,
                )
            )
        out.append(
            (
                "Exportera dokumenten",
                guide.action_export,
                "Skriv planen, närvarolistan och anteckningarna till Word-filer",
            )
        )
        out += [
            (
                "Avsluta mötet",
                partial(guide.call_later, press_on_closing_step, guide, "#end-meeting"),
                "Gå till sista steget och avsluta mötet (det som saknas visas först)",
            ),
            (
                "Avsluta ärendet",
                partial(guide.call_later, press_on_closing_step, guide, "#close-case"),
                "Gå till sista steget och avsluta ärendet med skäl",
            ),
            ("Tillbaka till ärendet", guide.action_back, "Spara och lämna Mötesguiden (Esc)"),
        ]
        return out

    async def discover(self) -> Hits:
        for name, run, help_text in self._commands():
            # Content, not str: the palette parses a str as markup. (Textual passes Content
            # through unchanged; the help is typed str but rendered the same way.)
            yield DiscoveryHit(plain(name), run, text=name, help=plain(help_text))  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, run, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                help_content = plain(help_text)  # Content: Textual draws it, typed as str
                yield Hit(
                    score,
                    literal_highlight(matcher, name),
                    run,
                    text=name,
                    help=help_content,  # type: ignore[arg-type]
                )
