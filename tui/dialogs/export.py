"""Exportera: choose the meeting and the documents, write them in a worker, show the paths."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, ProgressBar, Select, SelectionList, Static
from textual.widgets.selection_list import Selection

from exports import DOCUMENTS, ExportError, wrong_main_document
from model.consent import ConsentGap, consent_gaps, gap_people
from model.documents import BY_CODE
from model.labels import MeetingState
from tui.dialogs.confirm import ConfirmDialog
from tui.plain import cell, plain
from tui.widgets.inorder import InOrderSelectionList
from tui.widgets.select import LotsenSelect

if TYPE_CHECKING:
    from model.views import MeetingView
    from tui.app import LotsenApp

CALENDAR_TITLE = BY_CODE["kalender"].title  # exports.calendar, not a Word document


def default_codes(view: MeetingView) -> list[str]:
    """What a leader walks out with after this kind of meeting."""
    if view.status == "planned":
        return ["kallelse", "samtycke"]
    main = {"sip": "sip", "uppfoljning": "uppfoljning"}.get(view.routine.document)
    codes = [main] if main else []
    return [*codes, "narvaro", "anteckningar"]


def existing_exports(view: MeetingView, folder: Path | None = None) -> list[str]:
    """One line per document already exported for this meeting: which file is the latest."""
    from exports.save import case_folder, exports_of

    try:
        folder = folder if folder is not None else case_folder(view.case)
    except Exception:  # noqa: BLE001 - no documents folder yet: nothing exported
        return []
    lines = []
    for code, title in DOCUMENTS.items():
        files = exports_of(folder, code, view)
        if files:
            n = len(files)
            more = f" (version {n}; {n - 1} äldre)" if n > 1 else ""
            lines.append(f"{title}: senaste är {files[-1].name}{more}")
    return lines


def meeting_label(view: MeetingView) -> str:
    date = view.planned_date.isoformat() if view.planned_date else "utan datum"
    return f"{view.routine.name}, {date} ({MeetingState.label_of(view.status)})"


class ExportDialog(ModalScreen[list[Path]]):
    """Exportera dokument för ett möte."""

    HELP = """# Exportera

Välj mötet och dokumenten (Mellanslag bockar i och ur), och tryck **Ctrl+E** eller knappen
Exportera. Dokumenten skrivs som Word-filer i ärendets mapp under Dokument/Lotsen; en fil som
redan finns skrivs aldrig över. Esc stänger.
"""
    BINDINGS = [
        Binding("escape", "close", "Stäng", id="export_close"),
        Binding("ctrl+e", "export", "Exportera", id="export_run", priority=True),
    ]
    DEFAULT_CSS = """
    ExportDialog { align: center middle; }
    ExportDialog > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    ExportDialog .title { text-style: bold; }
    ExportDialog Select { width: 100%; }
    ExportDialog SelectOverlay { width: 100%; max-height: 8; }
    ExportDialog SelectionList { height: auto; max-height: 9; }
    ExportDialog #export-result { height: auto; max-height: 4; }
    ExportDialog #export-message { height: auto; }
    ExportDialog #export-existing { height: auto; max-height: 4; color: $text-muted; }
    ExportDialog .warning { color: $warning; }
    ExportDialog .error { color: $error; }
    ExportDialog ProgressBar { display: none; }
    ExportDialog ProgressBar.-running { display: block; }
    ExportDialog Horizontal { height: auto; }
    ExportDialog Button { margin-right: 2; }
    """

    def __init__(self, meetings: list[MeetingView], selected_id: int | None = None) -> None:
        super().__init__()
        self.meetings = {m.id: m for m in meetings}
        self.selected_id = (
            selected_id if selected_id in self.meetings else (meetings[-1].id if meetings else None)
        )
        self.written: list[Path] = []
        # The other plan than the meeting's (a SIP for a follow-up): asked once, then written.
        self._confirmed: tuple[int | None, frozenset[str]] | None = None
        # A Kallelse to an agency the consent does not cover: asked in a dialog, then written.
        self._consent_asked: tuple[int | None, frozenset[str]] | None = None

    @property
    def lotsen(self) -> LotsenApp:
        return cast("LotsenApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Exportera dokument: välj möte och dokument", classes="title")
            yield LotsenSelect(
                [(cell(meeting_label(m)), m.id) for m in self.meetings.values()],
                value=self.selected_id if self.selected_id is not None else Select.BLANK,
                allow_blank=False,
                id="export-meeting",
            )
            yield Label("Dokument (Mellanslag väljer)")
            yield InOrderSelectionList[str](*self._selections(), id="export-docs")
            yield Static("", id="export-existing")
            yield ProgressBar(total=1, show_eta=False, id="export-progress")
            with VerticalScroll(id="export-result"):
                # Paths and messages name the child: never parsed as markup.
                yield Static("", id="export-message", markup=False)
            with Horizontal():
                # Stäng left, the action right, as in every dialog; Tab reaches the action.
                close = Button("Stäng (Esc)", id="export-close")
                close.can_focus = False
                yield close
                yield Button("Exportera (Ctrl+E)", id="export-run", variant="primary")

    def _selections(self) -> list[Selection[str]]:
        view = self.meetings.get(self.selected_id) if self.selected_id is not None else None
        chosen = set(default_codes(view)) if view else set()
        return [
            Selection(plain(title), code, code in chosen) for code, title in DOCUMENTS.items()
        ] + [Selection(plain(CALENDAR_TITLE), "kalender", False)]

    def on_mount(self) -> None:
        self.query_one("#export-docs", SelectionList).focus()
        self._show_existing()

    def _show_existing(self) -> None:
        view = self.meetings.get(self.selected_id) if self.selected_id is not None else None
        lines = existing_exports(view) if view is not None else []
        self.query_one("#export-existing", Static).update(
            ("Redan exporterat:\n" + "\n".join(lines)) if lines else ""
        )

    @on(Select.Changed, "#export-meeting")
    def _meeting_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, int) and event.value != self.selected_id:
            self.selected_id = event.value
            docs = self.query_one("#export-docs", SelectionList)
            docs.clear_options()
            docs.add_options(self._selections())
            self._show_existing()

    @on(Button.Pressed, "#export-run")
    def _run_pressed(self) -> None:
        self.action_export()

    @on(Button.Pressed, "#export-close")
    def _close_pressed(self) -> None:
        self.action_close()

    def action_close(self) -> None:
        self.dismiss(self.written)

    def action_export(self) -> None:
        codes = list(self.query_one("#export-docs", SelectionList).selected)
        message = self.query_one("#export-message", Static)
        if self.selected_id is None:
            message.update("Det finns inget möte att exportera.")
            return
        if not codes:
            message.update("Välj minst ett dokument (Mellanslag bockar i).")
            return
        view = self.meetings.get(self.selected_id)
        wrong = [w for w in (wrong_main_document(c, view) for c in codes) if w] if view else []
        asked = (self.selected_id, frozenset(codes))
        if wrong and self._confirmed != asked:
            self._confirmed = asked
            message.remove_class("error")
            message.add_class("warning")
            message.update(
                " ".join(wrong) + " Tryck Exportera (Ctrl+E) igen för att ändå skriva det, "
                "eller bocka ur det."
            )
            return
        if "kallelse" in codes and view is not None and self._consent_asked != asked:
            gaps = consent_gaps(view.case, list(view.invitees), view.date)
            if gaps:
                self.app.push_screen(
                    ConfirmDialog(
                        kallelse_question(gaps, self.lotsen.show),
                        yes="Ja, skapa kallelsen",
                        no="Avbryt",
                    ),
                    partial(self._consent_answered, asked),
                )
                return
        self._confirmed = self._consent_asked = None
        message.remove_class("warning")
        self.lotsen.flush_saves()
        bar = self.query_one("#export-progress", ProgressBar)
        bar.update(total=len(codes), progress=0)
        bar.add_class("-running")
        message.remove_class("error")
        message.update("Skriver dokumenten …")
        self.query_one("#export-run", Button).disabled = True
        self._write(self.selected_id, codes)

    def _consent_answered(self, asked: tuple[int | None, frozenset[str]], yes: bool | None) -> None:
        if yes:
            self._consent_asked = asked
            self.action_export()
            return
        message = self.query_one("#export-message", Static)
        message.add_class("warning")
        message.update(
            "Inget skrevs. Bocka ur Kallelsen, ta bort den inbjudna eller lägg till "
            "verksamheten i samtycket."
        )

    @work(thread=True, exclusive=True, group="export")
    def _write(self, meeting_id: int, codes: list[str]) -> None:
        """Off the UI thread: the screen never freezes while python-docx works."""
        from exports import write_documents

        try:
            view = self.lotsen.store.get_meeting(meeting_id)
            docs = [c for c in codes if c != "kalender"]
            paths = (
                write_documents(
                    view, docs, settings=self.lotsen.settings, progress=self._progress_from_thread
                )
                if docs
                else []
            )
            if "kalender" in codes:
                from exports.calendar import write_calendar

                paths.append(write_calendar(view, settings=self.lotsen.settings))
        except ExportError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - told to the user; the meeting data is safe
            from tui.crash import write_crash_log

            log = write_crash_log(exc)
            self.app.call_from_thread(
                self._failed, f"Exporten misslyckades oväntat. Inget är förlorat. Logg: {log}"
            )
            return
        self.app.call_from_thread(self._done, paths)

    def _progress_from_thread(self, done: int, total: int, code: str) -> None:
        self.app.call_from_thread(self._progress, done, total, code)

    def _progress(self, done: int, total: int, code: str) -> None:
        self.query_one("#export-progress", ProgressBar).update(progress=done)
        self.query_one("#export-message", Static).update(
            plain(f"Skrivit {done} av {total}: {DOCUMENTS.get(code, code)}")
        )

    def _done(self, paths: list[Path]) -> None:
        self.written.extend(paths)
        self.query_one("#export-run", Button).disabled = False
        self.query_one("#export-progress", ProgressBar).remove_class("-running")
        folder = paths[0].parent if paths else ""
        lines = [f"Klart: {len(paths)} dokument i {folder}"] + [
            f"  {p.name}" + (" (ny version, den senaste)" if _is_version(p) else "") for p in paths
        ]
        self.query_one("#export-message", Static).update(plain("\n".join(lines)))
        self._show_existing()
        self.query_one("#export-close", Button).focus()

    def _failed(self, message: str) -> None:
        self.query_one("#export-run", Button).disabled = False
        self.query_one("#export-progress", ProgressBar).remove_class("-running")
        label = self.query_one("#export-message", Static)
        label.add_class("error")
        label.update(plain(message))


def kallelse_question(gaps: list[ConsentGap], show: Callable[[str], str]) -> str:
    """Asked before a Kallelse goes to an agency the consent does not cover or excludes."""
    who = gap_people(gaps, show)
    details = "\n".join(f"{g.text}." for g in gaps)
    return (
        f"{who} omfattas inte av samtycket – skapa kallelsen ändå?\n\n{details}\n"
        "Kallelsen visar barnets namn och mötets frågeställning."
    )


def _is_version(path: Path) -> bool:
    """SIP_EN_2026-10-12_2.docx: a re-export (it says "Version 2" inside)."""
    stem = path.stem.rsplit("_", 1)
    return len(stem) == 2 and stem[1].isdigit() and len(stem[1]) < 4


def open_export(app: LotsenApp, meeting_id: int | None = None) -> None:
    """Open the dialog for a meeting, or for the meetings of the case on screen."""
    case_id = app.current_case_id()
    if meeting_id is not None:
        case_id = app.store.get_meeting(meeting_id).case.id
    if case_id is None:
        app.notify("Öppna ett ärende först, så vet Lotsen vilket möte som ska exporteras.")
        return
    meetings = app.store.case_meetings(case_id)
    if not meetings:
        app.notify("Ärendet har inga möten ännu. Planera ett möte först.")
        return
    if meeting_id is None:
        active = [m for m in meetings if m.status == "in_progress"]
        held = [m for m in meetings if m.status == "held"]
        meeting_id = (active or held or meetings)[-1].id
    app.push_screen(ExportDialog(meetings, meeting_id))
