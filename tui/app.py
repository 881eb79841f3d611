"""The Lotsen app: owns the database, the autosaver and the screens' common keys."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import signal
import threading
import time
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from model.clock import Clock, default_clock
from model.db import Database, DatabaseError
from model.settings import Settings, load_settings, save_settings
from tui.autosave import Autosaver, never_skipped_timer
from tui.crash import crash_message, write_crash_log
from tui.writes import GuardedStore, Outbox

if TYPE_CHECKING:
    from model.store import Store


WARM_UP_DELAY = 0.3
# How long a write waits for another program (an antivirus scan, a backup tool) to release the
# database before Lotsen keeps the change aside and tries again: the screen stalls that long.
APP_BUSY_TIMEOUT_MS = 1500
# While the database keeps refusing (still locked), attempts wait only this long, so typing
# and moving on stay fluid; the first success brings the full wait back.
REFUSING_BUSY_TIMEOUT_MS = 50
# Notices about refused writes: the same message at most once in this many seconds.
NOTICE_QUIET_SECONDS = 10.0


def _lotsen_commands():  # noqa: ANN202 - imported when the palette opens, not at start
    from tui.commands import LotsenCommands

    return LotsenCommands


class LotsenApp(App[None]):
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

    def __init__(self, db: Database, *, settings: Settings | None = None,
                 demo: bool = False, meeting_id: int | None = None,
                 clock: Clock | None = None) -> None:  # fmt: skip
        super().__init__()
        # The one "now" of the screens and the store (tests pass a FixedClock).
        self.clock = clock if clock is not None else default_clock()
        self.initial_meeting_id = meeting_id
        self.db = db
        self.settings = settings if settings is not None else load_settings()
        self.demo = demo
        self._store: Store | None = None
        self._guarded: GuardedStore | None = None
        self._store_lock = threading.Lock()
        self.outbox = Outbox(self._write_refused, self._refresh_save_status)
        self.autosaver = Autosaver(never_skipped_timer(self.call_next), self._saved,
                                   blocked=self.outbox.blocked)  # fmt: skip
        self._last_refusal: tuple[str, float] = ("", 0.0)
        self._busy_timeout_ms = 0
        self._set_busy_timeout(APP_BUSY_TIMEOUT_MS)
        self.crash_text: str | None = None
        # What "today" is for the screens' wording (tests freeze it for stable snapshots).
        self.today = self.clock.today
        self.last_saved: dt.datetime | None = None
        self._start_screen_open = False
        if demo:
            self.sub_title = "Demo – exempelärende, sparas inte"

    # -- the store is loaded after the first paint --------------------------------------------
    @property
    def store(self) -> Store:
        """The store as the screens use it: reads as they are, writes through the one write
        path (tui/writes.py) that never lets a database error crash the app. If the
        background load has not finished, load it now."""
        if self._guarded is None:
            with self._store_lock:
                if self._store is None:
                    from model.store import Store

                    self._store = Store(self.db, clock=self.clock)
                if self._guarded is None:
                    self._guarded = GuardedStore(self._store, self.outbox)
        return self._guarded  # type: ignore[return-value]

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

            self.notify(f"Demo: exporterade dokument hamnar i {documents_dir()}, inte i din "
                        "Dokument-mapp.", timeout=12, markup=False)  # fmt: skip
        self.call_after_refresh(self._schedule_warm_up)

    def _schedule_warm_up(self) -> None:
        # Importing the ORM holds the GIL for ~0.6 s: wait until the list is surely on screen.
        self.set_timer(WARM_UP_DELAY, self._start_warm_up)

    def _start_warm_up(self) -> None:
        self._warm_thread = threading.Thread(target=self._warm_up, name="lotsen-warmup",
                                             daemon=True)  # fmt: skip
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
            self._notify_from_thread(f"Säkerhetskopian kunde inte göras. Se {log}.",
                                     severity="warning")  # fmt: skip

    def _notify_from_thread(self, message: str, **kwargs) -> None:  # noqa: ANN003
        try:
            # Messages name files and paths: shown literally, never parsed as markup.
            self.call_from_thread(self.notify, message, markup=False, **kwargs)
        except RuntimeError:
            pass  # the app has already closed

    # -- saving -------------------------------------------------------------------------------
    def unsaved_count(self) -> int:
        """Changes that exist only on the screen because the database refused them."""
        from tui.widgets.fields import unsaved_fields

        return len(self.outbox) + len(unsaved_fields())

    def _saved(self, when: dt.datetime) -> None:
        self.last_saved = when
        self._refresh_save_status()

    def _set_busy_timeout(self, ms: int) -> None:
        if ms == self._busy_timeout_ms:
            return
        try:
            with self.db.reading() as conn:
                conn.execute(f"PRAGMA busy_timeout={int(ms)}")
            self._busy_timeout_ms = ms
        except Exception:  # noqa: BLE001 - a damaged file is reported after the first paint
            pass

    def format_title(self, title: str, sub_title: str):  # type: ignore[no-untyped-def]
        """The header keeps "Sparat …" whole at 80 columns (a long title is shortened)."""
        from tui.widgets.title import fit_title

        return fit_title(title, sub_title, self.size.width)

    def on_resize(self) -> None:
        from tui.widgets.title import refit_headers

        self.call_after_refresh(refit_headers, self)

    def _refresh_save_status(self) -> None:
        """The header tells the truth: "Sparat" only when nothing is waiting."""
        refusing = self.outbox.last_error is not None
        self._set_busy_timeout(REFUSING_BUSY_TIMEOUT_MS if refusing else APP_BUSY_TIMEOUT_MS)
        if self.unsaved_count():
            self.sub_title = "Inte sparat – Lotsen försöker igen"
        elif self.last_saved is not None:
            self.sub_title = f"Sparat {self.last_saved:%H.%M.%S}"

    def _write_refused(self, exc: DatabaseError) -> None:
        message = f"Kunde inte spara: {exc}"
        now = time.monotonic()
        last, when = self._last_refusal
        if message != last or now - when > NOTICE_QUIET_SECONDS:
            self._last_refusal = (message, now)
            self.notify(message, severity="error", timeout=20, markup=False)

    def _retry_writes(self) -> None:
        """Every second: changes the database refused are tried again once it may accept
        them (never more often than the back-off allows)."""
        if self.outbox.blocked() > 0 or not self.unsaved_count():
            return
        self.outbox.retry()
        self.autosaver.flush(force=False)
        self._refresh_save_status()

    def mark_saved(self) -> None:
        """For direct (not debounced) saves: checkboxes, attendance keys, a status choice."""
        self._saved(dt.datetime.now())

    def flush_saves(self) -> None:
        """Write everything pending now; changes refused earlier are tried again first."""
        if len(self.outbox):
            self.outbox.retry()
        self.autosaver.flush()

    def push_screen(self, *args, **kwargs):  # type: ignore[override]
        self.flush_saves()
        if not self._start_screen_open:  # a screen asked for before the list: the list first
            self._open_start_screen()
        return super().push_screen(*args, **kwargs)

    def pop_screen(self):  # type: ignore[override]
        self.flush_saves()
        return super().pop_screen()

    def switch_screen(self, screen):  # type: ignore[override]
        self.flush_saves()
        return super().switch_screen(screen)

    async def action_quit(self) -> None:
        """Quit; never asks "save?", but for a new meeting not yet saved (Ctrl+S saves it:
        asked whether to save it first). If a save failed (the disk), it warns once."""
        self.flush_saves()
        draft = self._draft_screen()
        if draft is not None:
            from tui.dialogs.confirm import ConfirmDialog

            if not isinstance(self.screen, ConfirmDialog):
                self.push_screen(ConfirmDialog(draft.QUIT_QUESTION, yes="Ja, spara och avsluta",
                                               no="Nej, tillbaka"),
                                 lambda yes: self.exit() if yes and draft.save_draft() else None)  # fmt: skip
            return
        if self.unsaved_count() and not getattr(self, "_quit_warned", False):
            self._quit_warned = True
            self.notify(
                "Allt kunde inte sparas (fälten med röd ram och ändringar som databasen inte "
                "tog emot). Lotsen försöker igen var tredje sekund. Tryck Ctrl+Q en gång "
                "till för att avsluta ändå: då försvinner det som inte sparats.",
                severity="error",
                timeout=20,
                markup=False,
            )
            return
        self.exit()

    def _install_signal_handlers(self) -> None:
        """Closing the terminal window (SIGHUP) or a shutdown (SIGTERM) saves first."""
        if os.name == "nt":  # pragma: no cover
            return
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGHUP, signal.SIGTERM):
            try:
                loop.add_signal_handler(sig, self._on_terminate_signal)
            except (NotImplementedError, RuntimeError):  # pragma: no cover
                pass

    def _on_terminate_signal(self) -> None:
        try:
            self.flush_saves()
            if (draft := self._draft_screen()) is not None:
                draft.save_draft()  # the window was closed: what was typed is kept
        finally:
            # The terminal may be gone: don't wait for the driver to restore it.
            threading.Timer(1.0, lambda: os._exit(0)).start()
            self.exit()

    # -- errors -------------------------------------------------------------------------------
    def _handle_exception(self, error: Exception) -> None:
        """Save what is pending, log without locals, and leave with a Swedish message."""
        try:
            self.flush_saves()
        except Exception:  # noqa: BLE001 - nothing more can be done here
            pass
        try:
            log = write_crash_log(error)
        except OSError:
            log = None
        try:
            lost = self.unsaved_count()
        except Exception:  # noqa: BLE001
            lost = 1
        text = crash_message(log)
        if lost:
            text = text.replace(
                "Inget av det du skrivit har gått förlorat: allt sparas medan du skriver.",
                "Det senaste du skrev kunde inte sparas i databasen (se meddelandet ovan).",
            )
        db_error = _database_error(error)
        if db_error is not None:
            text = f"{db_error}\n\n{text}"
        if self.crash_text is None:  # the first error is the one to tell; later ones follow it
            self.crash_text = text
        self._return_code = 1
        if self._exception is None:
            self._exception = error
            self._exception_event.set()
        self._close_messages_no_wait()

    def open_meeting(self, meeting_id: int) -> None:
        """Start or resume a meeting in the meeting guide (Mötesguiden)."""
        self.flush_saves()
        try:
            meeting = self.store.get_meeting(meeting_id)
        except LookupError:
            self.notify(f"Mötet {meeting_id} finns inte.", severity="error")
            return
        if meeting.status == "cancelled":
            self.notify("Mötet är inställt och kan inte startas. Planera ett nytt möte.",
                        severity="warning", timeout=8)  # fmt: skip
            return
        self._start_and_open(meeting_id, None)

    def _start_and_open(self, meeting_id: int, held_on: dt.date | None) -> None:
        from tui.screens.meeting import MeetingGuideScreen

        if self.store.get_meeting(meeting_id).status != "held":
            self.store.start_meeting(meeting_id, held_on=held_on)
        self.push_screen(MeetingGuideScreen(meeting_id))

    def return_to_case(self, case_id: int | None, tab: str | None = None) -> None:
        """Back to the case screen (closing what was opened on top of it), on `tab`."""
        from tui.screens.case import CaseScreen

        stack = self.screen_stack
        if case_id is not None and not any(
            isinstance(s, CaseScreen) and s.case_id == case_id for s in stack
        ):
            while len(self.screen_stack) > 2:
                self.pop_screen()
            if case_id is not None:
                self.open_case(case_id)
        else:
            while len(self.screen_stack) > 1 and not (
                isinstance(self.screen, CaseScreen) and self.screen.case_id == case_id
            ):
                self.pop_screen()
        if tab is not None:
            self.call_after_refresh(self._show_case_tab, tab)

    def _show_case_tab(self, tab: str) -> None:
        from textual.widgets import TabbedContent

        tabs = self.screen.query(TabbedContent)
        if tabs:
            tabs.first().active = tab

    def get_key_display(self, binding: Binding) -> str:
        """Footer keys in Swedish keyboard words: Esc, Delete, Mellanslag, ^Q (not esc, del)."""
        if binding.key_display:
            return binding.key_display
        from tui.dialogs.help import key_label

        key = binding.key.split(",")[0].strip()
        if key == "delete":
            return "Del"
        if key.startswith("ctrl+") and len(key) == 6:
            return "^" + key[-1].upper()
        return key_label(key)

    def get_system_commands(self, screen: Screen):  # noqa: ANN201
        """Textual's own palette entries, in Swedish and only those a leader needs."""
        from textual.app import SystemCommand

        yield SystemCommand("Avsluta Lotsen", "Allt är redan sparat", self.action_quit)
        yield SystemCommand("Ljust eller mörkt tema", "Växla mellan ljust och mörkt utseende",
                            self.action_toggle_dark)  # fmt: skip

    def action_command_palette(self) -> None:
        from tui.palette import LotsenCommandPalette

        if self.use_command_palette and not LotsenCommandPalette.is_open(self):
            self.push_screen(LotsenCommandPalette(placeholder="Skriv vad du vill göra …",
                                            id="--command-palette"))  # fmt: skip

    def action_toggle_dark(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def open_case(self, case_id: int) -> None:
        from tui.screens.case import CaseScreen

        self.push_screen(CaseScreen(case_id))

    def new_case(self) -> None:
        from tui.dialogs.new_case import new_case_dialog

        def created(case_id: int | None) -> None:
            if case_id is not None:
                self._saved(dt.datetime.now())
                self.open_case(case_id)

        self.push_screen(new_case_dialog(self.store), created)

    def plan_meeting(self, case_id: int, meeting_id: int | None = None) -> None:
        """Planera möte: a new meeting is written only when the leader saves it (Ctrl+S)."""
        from tui.screens.plan_meeting import PlanMeetingScreen

        if meeting_id is None and self.store.get_case(case_id).status == "closed":
            self.notify("Ärendet är avslutat. Öppna det igen (fliken Avslut) innan du planerar "
                        "ett nytt möte.", severity="warning", timeout=8)  # fmt: skip
            return
        self.push_screen(PlanMeetingScreen(case_id, meeting_id))

    def _draft_screen(self):  # noqa: ANN202
        """A screen holding typed work that is saved only when asked (a new meeting)."""
        return next((s for s in reversed(self.screen_stack)
                     if getattr(s, "has_unsaved_draft", lambda: False)()), None)  # fmt: skip

    def open_settings(self) -> None:
        from tui.screens.settings import SettingsScreen

        if not isinstance(self.screen, SettingsScreen):
            self.push_screen(SettingsScreen())

    def current_case_id(self) -> int | None:
        """The case the user is looking at (an open case, a plan, or the row in the list)."""
        for screen in reversed(self.screen_stack):
            case_id = getattr(screen, "case_id", None)
            if case_id is not None:
                return int(case_id)
            selected = getattr(screen, "selected_case_id", None)
            if callable(selected):
                return selected()
        return None

    def action_export(self) -> None:
        """Exportera: the dialog for the meeting on screen, else the case's latest meeting."""
        from tui.dialogs.export import ExportDialog, open_export

        if isinstance(self.screen, ExportDialog):
            return
        open_export(self, getattr(self.screen, "meeting_id", None))

    @work(thread=True, exclusive=True, group="backup")
    def action_backup(self) -> None:
        """Säkerhetskopiera: off the UI thread, reported when done."""
        self.call_from_thread(self.notify, "Säkerhetskopierar …")
        self.flush_saves_from_thread()
        try:
            path = self.db.backup(reason="manuell")
        except Exception as exc:  # noqa: BLE001 - the user is told, the app goes on
            self.call_from_thread(self.notify, f"Säkerhetskopian misslyckades: {exc}",
                                  severity="error", timeout=15, markup=False)  # fmt: skip
            return
        self.call_from_thread(self.notify, f"Säkerhetskopian är sparad: {path}", timeout=15,
                              markup=False)  # fmt: skip

    def flush_saves_from_thread(self) -> None:
        try:
            self.call_from_thread(self.flush_saves)
        except RuntimeError:
            pass

    # -- common actions -----------------------------------------------------------------------
    def action_help(self) -> None:
        from tui.dialogs.help import HelpScreen

        screen = self.screen
        if isinstance(screen, HelpScreen):
            return
        self.push_screen(HelpScreen(screen))

    def action_toggle_privacy(self) -> None:
        self.settings.privacy = not self.settings.privacy
        try:
            save_settings(self.settings)
        except DatabaseError as exc:  # the mode still switches; only remembering it failed
            self.notify(str(exc), severity="warning", timeout=10, markup=False)
        self.notify("Skyddat läge på: initialer i stället för namn."
                    if self.settings.privacy else "Skyddat läge av.")  # fmt: skip
        for screen in self.screen_stack:
            refresh = getattr(screen, "refresh_privacy", None)
            if refresh is not None:
                refresh()
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


def _database_error(error: BaseException) -> DatabaseError | None:
    """The DatabaseError behind an error (a read that met a damaged page), if any."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, DatabaseError):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


class LotsenScreen(Screen[None]):
    """Base for Lotsen's screens: a help text for F1 and a privacy refresh hook."""

    HELP = ""

    def refresh_privacy(self) -> None:
        """Re-render names after the privacy toggle."""

    @property
    def lotsen(self) -> LotsenApp:
        app = self.app
        assert isinstance(app, LotsenApp)
        return app
