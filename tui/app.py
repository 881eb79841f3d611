"""The Lotsen app: owns the database, the autosaver and the screens' common keys.

LotsenApp is put together from its halves: saving (tui/saving.py: the store, "Sparat …",
refused writes), navigation (tui/navigation.py: which screen is on top) and the lifecycle
(tui/lifecycle.py: quitting, signals, an unexpected error). The screens' base, LotsenScreen,
is in tui/screen.py: screens import it from there, never from here, so a screen and the app
that pushes it do not import each other (tests/tui/test_import_cycles.py). It is re-exported
here only for code written against the old place."""

from __future__ import annotations

import threading
from typing import Any

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import var
from textual.screen import Screen

from model.clock import Clock, default_clock
from model.db import Database, DatabaseError
from model.settings import Settings, load_settings, save_settings
from tui.crash import write_crash_log
from tui.lifecycle import LifecycleApp
from tui.navigation import NavigationApp
from tui.screen import LotsenScreen

__all__ = ["LotsenApp", "LotsenScreen"]

WARM_UP_DELAY = 0.3


def _lotsen_commands():  # noqa: ANN202 - imported when the palette opens, not at start
    from tui.commands import LotsenCommands

    return LotsenCommands


class LotsenApp(NavigationApp, LifecycleApp):
    """Lotsen – led nätverksmötet steg för steg."""

    TITLE = "Lotsen"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    COMMAND_PALETTE_BINDING = "ctrl+p"
    BINDINGS = [
        Binding(
            "ctrl+p",
            "command_palette",
            "Kommandon",
            key_display="^P",
            priority=True,
            show=False,
            tooltip="Sök fram allt Lotsen kan göra",
            id="palette",
        ),
        Binding("ctrl+q", "quit", "Avsluta", id="quit", priority=True),
        Binding("f1", "help", "Hjälp", id="help", key_display="F1"),
        Binding("question_mark", "help", "Hjälp", show=False, id="help2"),
        Binding("f2", "toggle_privacy", "Skyddat läge", id="privacy", key_display="F2"),
        # Tab acts the moment it arrives: a fast typist's next letters land in the next field,
        # not in the one just left.
        Binding("tab", "focus_next", show=False, priority=True, id="focus_next"),
        Binding("shift+tab", "focus_previous", show=False, priority=True, id="focus_previous"),
    ]

    COMMANDS = App.COMMANDS | {_lotsen_commands}

    # Skyddat läge (F2): initials instead of names. Every LotsenScreen watches it and redraws
    # its names; the setting itself is in `settings.privacy` (remembered between runs).
    privacy = var(False, always_update=True)

    def __init__(
        self,
        db: Database,
        *,
        settings: Settings | None = None,
        demo: bool = False,
        meeting_id: int | None = None,
        clock: Clock | None = None,
    ) -> None:
        super().__init__()
        # The one "now" of the screens and the store (tests pass a FixedClock).
        self.clock = clock if clock is not None else default_clock()
        self.initial_meeting_id = meeting_id
        self.db = db
        self.settings = settings if settings is not None else load_settings()
        self.set_reactive(LotsenApp.privacy, self.settings.privacy)
        self.demo = demo
        self._init_saving()
        self.crash_text = None
        # What "today" is for the screens' wording (tests freeze it for stable snapshots).
        self.today = self.clock.today
        self._start_screen_open = False
        if demo:
            self.sub_title = "Demo – exempelärende, sparas inte"

    def on_mount(self) -> None:
        # Pushed from the message loop, not here: a screen pushed in on_mount is mounted inside
        # Textual's start-up batch, where its first frame is rendered and thrown away and the
        # next waits for a timer (~60 ms later on the terminal at 1,000 cases).
        self.call_later(self._open_start_screen)
        self._install_signal_handlers()
        self.set_interval(1.0, self._retry_writes)

    def _open_start_screen(self) -> None:
        if self._start_screen_open:
            return
        self._start_screen_open = True
        from tui.screens.cases import CasesScreen

        self.push_screen(CasesScreen())  # mounted (on_mount run) before the next message
        if self.initial_meeting_id is not None:
            self.open_meeting(self.initial_meeting_id)
        if self.demo:
            from model.paths import documents_dir

            self.notify(
                f"Demo: exporterade dokument hamnar i {documents_dir()}, inte i din Dokument-mapp.",
                timeout=12,
                markup=False,
            )
        self.call_after_refresh(self._schedule_warm_up)

    def _schedule_warm_up(self) -> None:
        # Importing the ORM holds the GIL for ~0.6 s: wait until the list is surely on screen.
        self.set_timer(WARM_UP_DELAY, self._start_warm_up)

    def _start_warm_up(self) -> None:
        self._warm_thread = threading.Thread(
            target=self._warm_up, name="lotsen-warmup", daemon=True
        )
        self._warm_thread.start()

    def _warm_up(self) -> None:
        """Import the ORM, open the store and take the start-of-day backup off the UI thread."""
        try:
            _ = self.store
            self.db.check()  # every page (ms per MB): corruption is named with the restore command
            if not self.demo:
                self.db.backup()
        except DatabaseError as exc:
            self._notify_from_thread(str(exc), severity="error", timeout=30)
        except Exception as exc:  # noqa: BLE001 - reported, never fatal before the user acts
            if not self.is_running:
                return  # quit while the backup ran; tomorrow's start makes a new one
            log = write_crash_log(exc)
            self._notify_from_thread(
                f"Säkerhetskopian kunde inte göras. Se {log}.", severity="warning"
            )

    def _notify_from_thread(self, message: str, **kwargs: Any) -> None:
        try:
            # Messages name files and paths: shown literally, never parsed as markup.
            self.call_from_thread(self.notify, message, markup=False, **kwargs)
        except RuntimeError:
            pass  # the app has already closed

    # -- the header and the footer ------------------------------------------------------------
    def format_title(self, title: str, sub_title: str):
        """The header keeps "Sparat …" whole at 80 columns (a long title is shortened)."""
        from tui.widgets.title import fit_title

        return fit_title(title, sub_title, self.size.width)

    def on_resize(self) -> None:
        from tui.widgets.title import refit_headers

        self.call_after_refresh(refit_headers, self)

    def get_key_display(self, binding: Binding) -> str:
        """Footer keys in Swedish keyboard words: Esc, Delete, Mellanslag, ^Q (not esc, del)."""
        from tui.dialogs.help import binding_key_display

        return binding_key_display(binding)

    # -- the command palette ------------------------------------------------------------------
    def get_system_commands(self, screen: Screen[Any]):  # noqa: ANN201
        """Textual's own palette entries, in Swedish and only those a leader needs."""
        yield SystemCommand("Avsluta Lotsen", "Allt är redan sparat", self.action_quit)
        yield SystemCommand(
            "Ljust eller mörkt tema",
            "Växla mellan ljust och mörkt utseende",
            self.action_toggle_dark,
        )

    def action_command_palette(self) -> None:
        from tui.palette import LotsenCommandPalette

        if self.use_command_palette and not LotsenCommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(
                LotsenCommandPalette(placeholder="Skriv vad du vill göra …", id="--command-palette")
            )

    def action_toggle_dark(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    @work(thread=True, exclusive=True, group="backup")
    def action_backup(self) -> None:
        """Säkerhetskopiera: off the UI thread, reported when done."""
        self.call_from_thread(self.notify, "Säkerhetskopierar …")
        self.flush_saves_from_thread()
        try:
            path = self.db.backup(reason="manuell")
        except Exception as exc:  # noqa: BLE001 - the user is told, the app goes on
            self.call_from_thread(
                self.notify,
                f"Säkerhetskopian misslyckades: {exc}",
                severity="error",
                timeout=15,
                markup=False,
            )
            return
        self.call_from_thread(
            self.notify, f"Säkerhetskopian är sparad: {path}", timeout=15, markup=False
        )

    # -- common actions -----------------------------------------------------------------------
    def action_help(self) -> None:
        from tui.dialogs.help import HelpScreen

        screen = self.screen
        if isinstance(screen, HelpScreen):
            return
        self.push_screen(HelpScreen(screen))

    def action_toggle_privacy(self) -> None:
        self.privacy = not self.settings.privacy

    def watch_privacy(self, privacy: bool) -> None:
        """Remembered and told; the screens watching `privacy` redraw their names."""
        self.settings.privacy = privacy
        try:
            save_settings(self.settings)
        except DatabaseError as exc:  # the mode still switches; only remembering it failed
            self.notify(str(exc), severity="warning", timeout=10, markup=False)
        self.notify(
            "Skyddat läge på: initialer i stället för namn." if privacy else "Skyddat läge av."
        )
        from tui.mask import refresh_masks

        refresh_masks(self)  # names inside notes and other typed text

    def show(self, name: str) -> str:
        """A person's name as the screen may show it (initials in the privacy mode)."""
        if self.settings.privacy:
            from model.views import initials

            return initials(name)
        return name

    def show_pnr(self, pnr: str) -> str:
        return "••••••••-••••" if self.settings.privacy and pnr else pnr
