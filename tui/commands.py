"""The command palette (Ctrl+P): every action of Lotsen by its Swedish name."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from tui.plain import plain, visible

if TYPE_CHECKING:
    from tui.app import LotsenApp


def literal_highlight(matcher: Matcher, candidate: str) -> Content:
    """Matcher.highlight without parsing the candidate as markup: "Öppna ärende Eva [/] Holm"
    made Textual's own highlight raise MarkupError while the user typed in the palette."""
    content = plain(candidate, one_line=True)
    _, offsets = matcher.fuzzy_search.match(matcher.query, content.plain)
    for offset in offsets:
        if not content.plain[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class LotsenCommands(Provider):
    """Nytt ärende, öppna ärende <namn>, planera möte, starta möte, exportera, …"""

    @property
    def lotsen(self) -> LotsenApp:
        return cast("LotsenApp", self.app)

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        app = self.lotsen
        case_id = app.current_case_id()
        cmds: list[tuple[str, Callable[[], object], str]] = [
            ("Nytt ärende", app.new_case, "Lägg upp ett nytt ärende: barnet och rutinen"),
        ]
        if case_id is not None:
            cmds += [
                (
                    "Planera möte",
                    partial(app.plan_meeting, case_id),
                    "Planera nästa möte i ärendet: datum, plats, inbjudna",
                ),
                (
                    "Starta/återuppta möte",
                    partial(self._start, case_id),
                    "Öppna ärendets pågående eller nästa planerade möte i Mötesguiden",
                ),
                (
                    "Lämna över ärendet",
                    partial(self._hand_over, case_id),
                    "Hela ärendet i en krypterad fil till nästa samordnare",
                ),
            ]
        cmds.append(
            (
                "Ta emot ärende",
                self._receive,
                "Lägg till ett ärende från en ärendefil (krypterad, från en annan Lotsen)",
            )
        )
        cmds.append(
            (
                "Att göra",
                self._due,
                "Allt som har ett datum i de öppna ärendena, det försenade först",
            )
        )
        cmds += [
            ("Exportera dokument", app.action_export, "Skriv SIP, uppföljning, kallelse m.m."),
            ("Säkerhetskopiera", app.action_backup, "Gör en säkerhetskopia av databasen nu"),
            (
                "Skyddat läge (initialer)",
                app.action_toggle_privacy,
                "Visa initialer i stället för namn och dölj personnummer (F2)",
            ),
            (
                "Utvärdering",
                self._report,
                "Antal ärenden, möten och insatser för en period; spara som Word och CSV",
            ),
            ("Inställningar", app.open_settings, "Ditt namn, verksamhet, mötesplats och mall"),
            ("Hjälp", app.action_help, "Vad skärmen är till för och dess tangenter (F1)"),
            ("Ärenden", self._to_cases, "Tillbaka till listan över ärenden"),
        ]
        back = getattr(self.screen, "action_back", None)
        if back is not None:
            cmds.append(("Tillbaka", back, "Tillbaka ett steg, som Esc (allt är sparat)"))
        return cmds

    def _due(self) -> None:
        from tui.screens.due import DueScreen

        if not isinstance(self.screen, DueScreen):
            self.lotsen.push_screen(DueScreen())

    def _to_cases(self) -> None:
        app = self.lotsen
        while len(app.screen_stack) > 2:
            app.pop_screen()

    def _report(self) -> None:
        from tui.screens.report import open_report

        open_report(self.lotsen)

    def _hand_over(self, case_id: int) -> None:
        from tui.dialogs.transfer import hand_over

        hand_over(self.lotsen, case_id)

    def _receive(self) -> None:
        from tui.dialogs.transfer import receive

        receive(self.lotsen)

    def _start(self, case_id: int) -> None:
        app = self.lotsen
        meetings = [m for m in app.store.case_meetings(case_id) if m.status != "held"]
        if not meetings:
            app.notify("Det finns inget planerat möte i ärendet. Planera ett först.")
            return
        in_progress = [m for m in meetings if m.status == "in_progress"]
        app.open_meeting((in_progress or meetings)[0].id)

    def _cases(self) -> list[tuple[str, int]]:
        from model.caselist import recent_cases

        app = self.lotsen
        return [(app.show(row.child_name), row.id) for row in recent_cases(app.db, limit=None)]

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands():
            yield DiscoveryHit(plain(name), callback, text=name, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            if (score := matcher.match(name)) > 0:
                yield Hit(
                    score, literal_highlight(matcher, name), callback, text=name, help=help_text
                )
        for child, case_id in self._cases():
            label = visible(f"Öppna ärende {child}", one_line=True)
            if (score := matcher.match(label)) > 0:
                yield Hit(
                    score,
                    literal_highlight(matcher, label),
                    partial(self.lotsen.open_case, case_id),
                    text=label,
                    help="Öppna ärendet",
                )
