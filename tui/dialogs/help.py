"""F1 / ?: what the current screen is for and its keys."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Markdown

KEY_NAMES = {"ctrl+": "Ctrl+", "shift+": "Skift+", "escape": "Esc", "enter": "Enter",
             "question_mark": "?", "delete": "Delete", "space": "Mellanslag"}  # fmt: skip


def key_label(key: str) -> str:
    out = key
    for raw, nice in KEY_NAMES.items():
        out = out.replace(raw, nice)
    return out.upper() if len(out) == 2 and out.startswith("f") else out


class HelpScreen(ModalScreen[None]):
    """Hjälp för skärmen."""

    BINDINGS = [Binding("escape,f1,q", "dismiss", "Stäng hjälpen")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 80%; max-width: 90; height: 80%; border: thick $primary; background: $surface;
        padding: 0 1;
    }
    """

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.for_screen = screen

    def compose(self) -> ComposeResult:
        text = getattr(self.for_screen, "HELP", "") or "Ingen hjälptext för den här skärmen."
        keys = []
        seen = set()
        for node in (self.for_screen, self.app):
            for binding in getattr(node, "BINDINGS", []):
                if not isinstance(binding, Binding) or not binding.description:
                    continue
                if binding.description in seen:
                    continue
                seen.add(binding.description)
                label = ", ".join(key_label(k.strip()) for k in binding.key.split(","))
                keys.append(f"| {label} | {binding.description} |")
        table = "\n".join(["| Tangent | Gör |", "|---|---|", *keys])
        common = ("\n\nTab och Skift+Tab flyttar mellan fälten. Ctrl+P öppnar kommandopaletten "
                  "där allt kan sökas fram med namn. Allt sparas medan du skriver.")  # fmt: skip
        with VerticalScroll():
            yield Markdown(f"{text}\n\n{table}{common}")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
