"""The real program in a pseudo-terminal: every typed character reaches the database when the
terminal window is closed (SIGHUP), on a shutdown (SIGTERM), and even on SIGKILL once the
0.3 s debounce has passed."""

from __future__ import annotations

import signal
import time

import pytest

from benchmarks.support.ptyapp import PtyApp, lotsen_argv
from model.db import open_database
from model.demo import write_demo
from model.store import Store

pytestmark = [
    pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX signals"),
    pytest.mark.xdist_group("pty"),  # one worker runs the real-terminal tests one at a time
]

TEXT = "Hej på er, åäö ÅÄÖ 😀🎉\nRad två: Elsa vill vara med på rasterna.\nRad tre – slut"
PASTE = "\nInklistrat från mejlet:\n- punkt ett, åäö\n- punkt två 👍\n\nsista raden"


def _note(db_path, step="fragestund", field="notes") -> str:
    db = open_database(db_path)
    try:
        return Store(db).get_meeting(2).note(step, field)
    finally:
        db.close()


def _type_into_questions(tmp_path) -> tuple[PtyApp, object]:
    db_path = tmp_path / "m.db"
    write_demo(db_path)
    app = PtyApp(lotsen_argv(db_path, 2), 100, 30)
    assert app.wait_for("Presentationsrunda", 60), app.text()[-2000:]
    app.settle("Närvarolistan")
    # presentation -> inledning -> familjen -> professionerna -> frågestund
    for step in range(2, 6):
        mark = app.mark()
        app.key("f6")
        app.settle(f"{step}/8", since=mark)
    assert app.wait_screen("Frågor och svar"), app.screen()
    app.type(TEXT)
    return app, db_path


@pytest.mark.parametrize("sig", [signal.SIGHUP, signal.SIGTERM], ids=["SIGHUP", "SIGTERM"])
def test_every_character_survives_the_terminal_closing(tmp_path, sig):
    app, db_path = _type_into_questions(tmp_path)
    try:
        # A multi-line paste (bracketed, as terminals send it) keeps every line.
        app.write("\x1b[200~" + PASTE + "\x1b[201~")
        assert app.wait_for("sista raden", 30)
        time.sleep(0.1)  # well inside the debounce: only the signal flush can save this
        app.signal(sig)
        assert app.wait(20) is not None, "Lotsen did not exit after the signal"
    finally:
        app.close()
    assert _note(db_path) == TEXT + PASTE


def test_sigkill_after_the_debounce_loses_nothing(tmp_path):
    app, db_path = _type_into_questions(tmp_path)
    try:
        assert app.wait_screen("Rad tre – slut"), app.screen()  # every key handled
        time.sleep(1.5)  # then well past the 0.3 s debounce
        app.signal(signal.SIGKILL)
        app.wait(10)
    finally:
        app.close()
    assert _note(db_path) == TEXT


def test_resume_continues_at_the_step_with_the_text(tmp_path):
    app, db_path = _type_into_questions(tmp_path)
    try:
        assert app.wait_screen("Rad tre – slut"), app.screen()
        app.signal(signal.SIGHUP)
        app.wait(20)
    finally:
        app.close()
    again = PtyApp(lotsen_argv(db_path, 2), 100, 30)
    try:
        assert again.wait_for("Frågor och svar", 60), again.text()[-2000:]
        assert again.wait_for("Rad tre – slut", 30)
    finally:
        again.close()
