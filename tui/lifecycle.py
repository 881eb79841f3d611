"""How the app ends: Ctrl+Q (asking only for an unsaved new meeting), a closed terminal window
or a shutdown (SIGHUP, SIGTERM: saved first), and an unexpected error (saved, logged without
personal text, told in Swedish)."""

from __future__ import annotations

import asyncio
import os
import signal
import threading

from model.db import DatabaseError
from tui.compat import ExceptionHook
from tui.crash import crash_message, write_crash_log
from tui.saving import SavingApp
from tui.screen import LotsenScreen


class LifecycleApp(SavingApp, ExceptionHook):
    """The quitting half of LotsenApp."""

    crash_text: str | None = None
    _quit_warned = False

    async def action_quit(self) -> None:
        """Quit; never asks "save?", but for a new meeting not yet saved (Ctrl+S saves it:
        asked whether to save it first). If a save failed (the disk), it warns once."""
        self.flush_saves()
        draft = self._draft_screen()
        if draft is not None:
            from tui.dialogs.confirm import ConfirmDialog

            if not isinstance(self.screen, ConfirmDialog):
                self.push_screen(
                    ConfirmDialog(
                        draft.QUIT_QUESTION, yes="Ja, spara och avsluta", no="Nej, tillbaka"
                    ),
                    lambda yes: self.exit() if yes and draft.save_draft() else None,
                )
            return
        if self.unsaved_count() and not self._quit_warned:
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

    def _draft_screen(self) -> LotsenScreen | None:
        """A screen holding typed work that is saved only when asked (a new meeting)."""
        return next(
            (
                s
                for s in reversed(self.screen_stack)
                if isinstance(s, LotsenScreen) and s.has_unsaved_draft()
            ),
            None,
        )

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

    def on_unhandled_exception(self, error: Exception) -> None:
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
