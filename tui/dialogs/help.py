"""F1 / ?: what the current screen is for and its keys."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Markdown

# Textual's key names in the words printed on a Swedish keyboard and used in the help texts.
KEY_NAMES = {
    "ctrl": "Ctrl",
    "shift": "Skift",
    "alt": "Alt",
    "escape": "Esc",
    "enter": "Enter",
    "tab": "Tab",
    "space": "Mellanslag",
    "backspace": "Backsteg",
    "delete": "Delete",
    "insert": "Insert",
    "home": "Home",
    "end": "End",
    "pageup": "Page Up",
    "pagedown": "Page Down",
    "up": "Pil upp",
    "down": "Pil ned",
    "left": "Vänsterpil",
    "right": "Högerpil",
    "question_mark": "?",
    "slash": "/",
    "comma": ",",
    "full_stop": ".",
    "plus": "+",
    "minus": "-",
    "equals_sign": "=",
    "asterisk": "*",
}


def key_label(key: str) -> str:
    """ "ctrl+f" -> "Ctrl+F", "slash" -> "/", "f1" -> "F1", "shift+tab" -> "Skift+Tab"."""
    parts = []
    pieces = key.strip().split("+")
    for part in pieces:
        if part in KEY_NAMES:
            parts.append(KEY_NAMES[part])
        elif (len(part) == 1 and len(pieces) > 1) or (part[:1] == "f" and part[1:].isdigit()):
            parts.append(part.upper())
        elif len(part) == 1:
            parts.append(part)  # a letter key as typed: n, f, a
        else:
            parts.append(part.replace("_", " ").capitalize())
    return "+".join(parts)


def binding_key_display(binding: Binding) -> str:
    """A footer key in Swedish keyboard words: Esc, Del, Mellanslag, ^Q (not esc, del)."""
    if binding.key_display:
        return binding.key_display
    key = binding.key.split(",")[0].strip()
    if key == "delete":
        return "Del"
    if key.startswith("ctrl+") and len(key) == 6:
        return "^" + key[-1].upper()
    return key_label(key)


def _lotsen_actions(node: object) -> set[str]:
    """The actions bound in Lotsen's own classes of `node` (not Textual's scrolling and
    copying keys, which are described in English and the same everywhere)."""
    actions: set[str] = set()
    for cls in type(node).__mro__:
        if not cls.__module__.startswith("tui."):
            continue
        for item in cls.__dict__.get("BINDINGS", ()):
            actions.add(item.action if isinstance(item, Binding) else item[1])
    return actions


def active_keys(screen: Screen[Any]) -> list[tuple[str, str]]:
    """(keys, what they do) for every Lotsen key that acts on `screen` now: the focused
    widget's own keys first, then its containers', the screen's and the app's (Textual's
    active bindings: a key a text field types is not listed as a command, a disabled one is
    marked). One row per description: "F1, ?" for Hjälp."""
    rows: dict[str, list[str]] = {}
    actions: dict[int, set[str]] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        node_actions = actions.setdefault(id(active.node), _lotsen_actions(active.node))
        if not binding.description or binding.action not in node_actions:
            continue
        what = binding.description if active.enabled else f"{binding.description} (inte nu)"
        label = key_label(key)
        keys = rows.setdefault(what, [])
        if label not in keys:
            keys.append(label)
    return [(", ".join(keys), what) for what, keys in rows.items()]


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

    def __init__(self, screen: Screen[Any]) -> None:
        super().__init__()
        self.for_screen = screen
        # Read now, while `screen` is on top with its focus: the keys that act there.
        self.keys = active_keys(screen)

    def compose(self) -> ComposeResult:
        text = getattr(self.for_screen, "HELP", "") or "Ingen hjälptext för den här skärmen."
        keys = [f"| {label} | {what} |" for label, what in self.keys]
        table = "\n".join(["| Tangent | Gör |", "|---|---|", *keys])
        common = (
            "\n\nTab och Skift+Tab flyttar mellan fälten. En tangent du skriver i ett "
            "textfält är alltid text. I en lista väljer Enter och du stannar kvar; Tab går "
            "vidare. Mellanslag kryssar i en ruta. Esc går tillbaka ett steg (och frågar "
            "först om en dialog har ändringar). Ctrl+P öppnar kommandopaletten där allt "
            "kan sökas fram med namn. Allt sparas medan du skriver."
        )
        with VerticalScroll():
            yield Markdown(f"{text}\n\n{table}{common}")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
