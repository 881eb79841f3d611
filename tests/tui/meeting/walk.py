"""Drive the meeting guide with keys like a leader would, and read back what was stored."""

from __future__ import annotations

import datetime as dt

from shell_helpers import burst, settle
from textual.widgets import Checkbox, Select, SelectionList

from tui.screens.meeting.attendance import PresenceRow
from tui.screens.meeting.base import StepBody
from tui.widgets.fields import AutosaveInput, AutosaveTextArea

DATE_FIELDS = ("held_on", "follow_up_on", "next_date")


def body(app) -> StepBody:
    return app.screen.query_one(StepBody)


def value_for(fid: str, n: int) -> str:
    if fid.endswith(DATE_FIELDS):
        return "2031-05-0" + str(1 + n % 9)
    if fid.endswith("next_time"):
        return "14.30"
    return f"t{n}åö"


def stored(view, fid: str) -> str:
    rest = fid.removeprefix("f-")
    if rest.startswith("note-"):
        step, key = rest[5:].split("-", 1)
        return view.note(step, key)
    if rest.startswith("account-"):
        pid, key = rest[8:].split("-", 1)
        account = next(a for a in view.accounts if a.participant.id == int(pid))
        return getattr(account, key)
    if rest.startswith("goal-"):
        gid, key = rest[5:].split("-", 1)
        return getattr(next(g for g in view.goals if g.id == int(gid)), key)
    if rest.startswith("action-"):
        aid, key = rest[7:].split("-", 1)
        value = getattr(next(a for a in view.actions if a.id == int(aid)), key)
    elif rest.startswith("reason-"):
        return next(a.reason for a in view.attendance if a.participant.id == int(rest[7:]))
    elif rest in ("closing_reason", "if_worse_plan"):
        return getattr(view.case, rest)
    else:
        value = getattr(view, rest)
    return value.isoformat() if isinstance(value, dt.date) else value


async def type_into(pilot, widget, text: str) -> None:
    """Focus `widget` and type `text` into it, key by key (as one burst: see `burst`)."""
    widget.focus()
    await pilot.pause()
    await burst(pilot, *text)


async def fill_editors(pilot, app, expected: dict[str, str]) -> None:
    """Type a distinct value into every visible autosaving field of the current step."""
    editors = [w for w in body(app).query("AutosaveInput, AutosaveTextArea")
               if w.id and w.display and w.parent.display]  # fmt: skip
    for w in editors:
        assert isinstance(w, AutosaveInput | AutosaveTextArea)
        if (
            w.id in expected
            or (isinstance(w, AutosaveInput) and w.value)
            or (isinstance(w, AutosaveTextArea) and w.text)
        ):
            continue
        value = value_for(w.id, len(expected))
        await type_into(pilot, w, value)
        expected[w.id] = value


async def do_step(pilot, app, expected: dict[str, str], checks: dict) -> None:
    """Fill the current step like a leader: its special controls, then every field."""
    step = body(app).step
    kind = step.kind
    if kind == "attendance":
        rows = list(body(app).query(PresenceRow))
        rows[0].focus()
        for _ in rows[:-1]:
            await pilot.press("n")  # a roll call: each n moves on
        await pilot.press("a")  # the last one is excused and the focus is in the reason
        await burst(pilot, *"sjuk")
        expected[app.focused.id] = "sjuk"
        await type_into(pilot, app.screen.query_one("#walk-in"), "Eva Holm, Fritidsgården, Ledare")
        await pilot.press("enter")
        await settle(pilot)
        checks["walk_in"] = "Eva Holm"
    elif kind == "confidentiality":
        app.screen.query_one("#f-confidentiality", Checkbox).focus()
        await pilot.press("space")
        await type_into(pilot, app.screen.query_one("#f-consent"), "Lina Berg")
        await pilot.press("enter")
        await settle(pilot)
        checks["consent"] = True
    elif kind == "dialog":
        await pilot.press("f7")
        await settle(pilot)
        await pilot.press("enter")  # the picker starts on "Delmål"
        await settle(pilot)
        await burst(pilot, *"delmål1")
        await pilot.press("f8")
        await settle(pilot)
        checks["new_goal"] = "delmål1"
        selects = [s for s in body(app).query(Select) if s.id and s.id.endswith("-status")]
        for s in selects:
            if s.value != "ongoing":
                continue
            s.focus()
            await pilot.press("enter", "down", "enter")  # pågår -> genomförd
            await settle(pilot)
            checks.setdefault("done", []).append(int(s.id.split("-")[2]))
    elif kind in ("summary", "closing"):
        # Who comes next time (not the closing step's list of who signs)
        lists = list(body(app).query("#f-next_invitees").results(SelectionList))
        if lists:
            lists[0].focus()
            await pilot.press("space")
            checks["next_invitees"] = True
    await fill_editors(pilot, app, expected)
    # Choices with no answer yet (an action's huvudman, the plan's lead huvudman): the first
    # real choice, by keyboard.
    for s in body(app).query(Select):
        if s.id and s.id.endswith(("-principal", "lead_principal")) and not s.value:
            s.focus()
            await pilot.press("enter", "down", "enter")
            await settle(pilot)
            checks.setdefault("principals", []).append(s.id)
    if kind == "closing":
        for box in body(app).query(Checkbox):
            if box.id and box.id.startswith(("f-signature-", "f-received_copy-")) and not box.value:
                box.focus()
                await pilot.press("space")
        checks["signed"] = True
    await settle(pilot)
