"""Ctrl+P in Mötesguiden: "Gå till steg …" for every step, "Exportera dokumenten"."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class MeetingCommands(Provider):
    """The meeting's steps and actions in the command palette."""

    def _commands(self) -> list[tuple[str, object, str]]:
        guide = self.screen
        out: list[tuple[str, object, str]] = []
        view = getattr(guide, "view", None)
        if view is None:
            return out
        for i, step in enumerate(view.routine.steps, start=1):
            out.append((f"Gå till steg {i}: {step.title}",
                        partial(guide.call_later, guide.go_to, step.id), step.guidance))  # fmt: skip
        out.append(("Exportera dokumenten", guide.action_export,
                    "Skriv planen, närvarolistan och anteckningarna till Word-filer"))  # fmt: skip
        return out

    async def discover(self) -> Hits:
        for name, run, help_text in self._commands():
            yield DiscoveryHit(name, run, help=help_text)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, run, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, help=help_text)  # type: ignore[arg-type]
