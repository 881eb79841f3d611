"""Ctrl+P in Mötesguiden: "Gå till steg …" for every step, "Exportera dokumenten"."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.commands import literal_highlight
from tui.plain import plain, visible


class MeetingCommands(Provider):
    """The meeting's steps and actions in the command palette."""

    def _commands(self) -> list[tuple[str, object, str]]:
        guide = self.screen
        out: list[tuple[str, object, str]] = []
        view = getattr(guide, "view", None)
        if view is None:
            return out
        for i, step in enumerate(view.routine.steps, start=1):
            out.append((visible(f"Gå till steg {i}: {step.title}", one_line=True),
                        partial(guide.call_later, guide.go_to, step.id), step.guidance))  # fmt: skip
        out.append(("Exportera dokumenten", guide.action_export,
                    "Skriv planen, närvarolistan och anteckningarna till Word-filer"))  # fmt: skip
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
                yield Hit(score, literal_highlight(matcher, name), run, text=name,
                          help=plain(help_text))  # type: ignore[arg-type]  # fmt: skip
