"""Issue 10, proved in a real terminal at 80×24: a whole follow-up meeting typed as a leader
types — bursts, reasons full of the letters n/f/a, a drop-down choice followed at once by Tab
and text, Space/Tab bursts down the signature grid — and then every value in the database."""

from __future__ import annotations

import signal

import pytest

from benchmarks.support.ptyapp import PtyApp, lotsen_argv
from model.db import open_database
from model.demo import write_demo
from model.store import Store

pytestmark = [
    pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX pty"),
    pytest.mark.xdist_group("pty"),  # one worker runs the real-terminal tests one at a time
]

CHILD_REASON = "Elsa ville inte vara med, orkade inte; hon fick stanna hos farfar"
AHMED_REASON = "Föräldraledig – anmält förhinder i förväg, fanns ingen ersättare"
PROGRESS = "Bättre: fyra av fem dagar, men fredagar är fortfarande svåra"
RESULT = "Fungerar nu; anpassningen fortsätter fram till sommaren"
DOWN = "\x1b[B"


def _read(db_path):
    db = open_database(db_path)
    try:
        return Store(db).get_meeting(2)
    finally:
        db.close()


def _step(app: PtyApp, needle: str) -> None:
    mark = app.mark()
    app.key("f6")
    app.settle(needle, since=mark)


def test_a_follow_up_meeting_typed_by_a_leader(tmp_path):
    db_path = tmp_path / "m.db"
    write_demo(db_path)
    before = _read(db_path)
    # The roster as the guide lists it (made from the invitees when the meeting starts)
    people = ["Maria Nyström", "Jonas Nyström", "Karin Ek", "Ahmed Hassan", "Per Öberg",
              "Sara Lind"]  # fmt: skip
    action = before.carried_actions[0]
    goal = next(g for g in before.goals if g.carried_from_id is not None)
    app = PtyApp(lotsen_argv(db_path, 2), 80, 24)
    try:
        assert app.wait_for("Presentationsrunda", 60), app.text()[-2000:]
        app.settle("Närvarolistan")
        # Roll call in one burst: the child absent with a reason full of n/f/a, Enter on to
        # Maria; n n n; Ahmed "a" with a reason; n n; one more n past the last row.
        marks = {"Maria Nyström": "n", "Jonas Nyström": "n", "Karin Ek": "n",
                 "Ahmed Hassan": "a", "Per Öberg": "n", "Sara Lind": "n"}  # fmt: skip
        burst = "f" + CHILD_REASON + "\r"
        for name in people:
            burst += marks[name]
            if marks[name] == "a":
                burst += AHMED_REASON + "\r"
        burst += "n"
        app.write(burst)
        app.settle(quiet=1.0)  # every key of the burst handled and painted
        # To the dialog step (inledning, familjen, professionerna, frågestund, dialog)
        for needle in ("Inledning", "Familjen", "Profession", "Fråg", "Dialog"):
            _step(app, needle)
        # Focus is on the first goal; Tab to its "Hur långt?" and write, then on to the first
        # earlier action's status: open, move, choose — and at once Tab and the result.
        mark = app.mark()
        app.write("\t" + PROGRESS + "\t" * 5)
        app.settle("Bättre", since=mark)
        changes = app.changes
        app.write("\r")
        app.settle(changed_since=changes)  # the list is open
        app.write(DOWN)
        app.settle()
        mark = app.mark()
        app.write("\r\t" + RESULT)  # the choice, Tab and the text arrive together
        # Painted before F6 (see the report: F6 while keys still wait in a busy field's queue)
        app.settle("sommaren", since=mark)
        _step(app, "Sammanfatt")
        _step(app, "Uppföljning")
        # Next date field has focus: Tab x6 (time, place, convener, the readiness list and
        # the list of who signs) to the first box, then Space/Tab down the grid.
        boxes = 2 * 5 + 1  # five present sign and get a copy; Ahmed only gets a copy
        app.write("\t" * 6 + " \t" * boxes)
        app.settle(quiet=1.0)
        app.write("\x11")  # Ctrl+Q: everything is saved on the way out
        assert app.wait(30) is not None, app.text()[-2000:]
    finally:
        app.close()

    after = _read(db_path)
    # The roll call: exactly what was typed, nobody else, no walk-in created
    assert after.child_present is False
    assert after.child_absence_reason == CHILD_REASON
    status = {a.participant.name: a.status for a in after.attendance}
    assert status == {n: {"n": "present", "a": "excused"}[k] for n, k in marks.items()}
    reasons = {a.participant.name: a.reason for a in after.attendance}
    assert reasons["Ahmed Hassan"] == AHMED_REASON
    assert all(r == "" for n, r in reasons.items() if n != "Ahmed Hassan"), reasons
    assert len(after.attendance) == len(people)
    assert not any(a.walk_in for a in after.attendance)
    # The dialog: the progress and the result where they were typed, the status changed
    g = next(x for x in after.goals if x.id == goal.id)
    assert g.progress == (goal.progress or "") + PROGRESS
    a = next(x for x in after.actions if x.id == action.id)
    assert a.status != action.status
    assert a.result == (action.result or "") + RESULT
    others = [x for x in after.actions if x.id != action.id]
    assert all(x.result == y.result for x, y in zip(others,
               [y for y in before.actions if y.id != action.id], strict=True))  # fmt: skip
    # The signature grid: every present person signed, everyone got a copy
    for att in after.attendance:
        assert att.received_copy, att.participant.name
        assert att.signed == (att.status == "present"), att.participant.name
