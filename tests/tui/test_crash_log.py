"""The error log holds no personal data, by construction: never an exception's message, args,
SQL or parameters, and never the user's home folder; only types, modules, lines, functions and a
fixed Swedish description."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest
from shell_helpers import make_app
from sqlalchemy.exc import IntegrityError
from textual.content import Content
from textual.widgets import Static

from model.db import DatabaseError
from model.paths import log_dir
from model.store import Store
from tui.crash import write_crash_log
from tui.screens.case import CaseScreen
from tui.screens.case.closing import ClosingPane

SENTINEL = "SENTINEL"
PERSONAL = [SENTINEL, "Anna", "20150312-1234", "självskadebeteende", "INSERT", "participant"]
QUESTION = f"{SENTINEL} Hur mår Anna [/] 20150312-1234? självskadebeteende"
PROJECT = str(Path(__file__).resolve().parents[2])


def _sql_error() -> IntegrityError:
    """As SQLAlchemy words it: the statement and its parameters ([ ] inside a value) in str()."""
    return IntegrityError(
        "INSERT INTO participant (name, note) VALUES (?, ?)",
        (f"{SENTINEL} ]x Anna", "20150312-1234 självskadebeteende"),
        sqlite3.IntegrityError(f"{SENTINEL} UNIQUE constraint failed: participant.name"),
    )


def raise_plain() -> None:
    raise ValueError(f"{SENTINEL} Anna 20150312-1234 självskadebeteende")


def raise_markup() -> None:
    Content.from_markup(QUESTION)  # the real MarkupError, which quoted the text


def raise_sql() -> None:
    raise _sql_error()


def raise_chained() -> None:
    try:
        raise KeyError(f"{SENTINEL} Anna")
    except KeyError as inner:
        raise RuntimeError(f"{SENTINEL} 20150312-1234 självskadebeteende") from inner


def raise_os() -> None:
    raise OSError(errno.ENOSPC, f"{SENTINEL} Anna", f"/home/{SENTINEL}/Anna [x]/lotsen.db")


def _raised(func) -> BaseException:  # noqa: ANN001
    try:
        func()
    except BaseException as exc:  # noqa: BLE001
        return exc
    raise AssertionError("did not raise")


def _assert_clean(text: str) -> None:
    for word in PERSONAL:
        assert word not in text, f"{word!r} in the log:\n{text}"
    assert PROJECT not in text  # modules, not the folder (the user's home) they are in
    assert "beskrivning: " in text


@pytest.mark.parametrize(
    ("func", "kind", "described"),
    [
        (raise_plain, "ValueError", "Ett oväntat fel i Lotsen."),
        (raise_markup, "MarkupError", "tolkades som formatering"),
        (raise_sql, "sqlalchemy.exc.IntegrityError", "Databasen kunde inte"),
        (raise_chained, "RuntimeError", "Ett oväntat fel i Lotsen."),
        (raise_os, "OSError (ENOSPC)", "En fil kunde inte"),
    ],
    ids=["message", "markup", "sql-parameters", "chain", "oserror-path"],
)
def test_log_holds_types_and_lines_never_the_message(func, kind, described):
    path = write_crash_log(_raised(func))
    text = path.read_text(encoding="utf-8")
    _assert_clean(text)
    assert kind in text and described in text
    assert "tests/tui/test_crash_log.py:" in text and f" i {func.__name__}" in text
    assert path.stat().st_mode & 0o777 == 0o600


def test_the_cause_and_context_are_named_by_type():
    def chained() -> None:
        try:
            raise KeyError(f"{SENTINEL} Anna")
        except KeyError as inner:
            raise DatabaseError(f"{SENTINEL} 20150312-1234") from inner

    try:
        try:
            chained()
        except DatabaseError:
            raise_plain()
    except ValueError as exc:
        text = write_crash_log(exc).read_text(encoding="utf-8")
    _assert_clean(text)
    assert "uppstod medan detta hanterades: model.db.errors.DatabaseError" in text
    assert "orsakat av: KeyError" in text


@pytest.mark.parametrize("how", ["markup-in-a-screen", "sql-in-an-action"])
async def test_a_crash_in_the_app_logs_no_personal_text(db, monkeypatch, how):
    store = Store(db)
    case_id = store.create_case("Anna Berg")

    def bad_closing(self, case) -> None:  # noqa: ANN001
        # What the app did before: a stored text passed to a Static as markup.
        self.query_one("#closing-status", Static).update(QUESTION)

    def bad_action(self) -> None:  # noqa: ANN001
        raise _sql_error()

    if how == "markup-in-a-screen":
        monkeypatch.setattr(ClosingPane, "fill_closing", bad_closing)
    else:
        monkeypatch.setattr(CaseScreen, "action_plan_meeting", bad_action)
    app = make_app(db)
    with pytest.raises(Exception):  # noqa: B017, PT011 - run_test re-raises the app's error
        async with app.run_test(size=(100, 30)) as pilot:
            app.open_case(case_id)
            await pilot.pause()
            await pilot.press("p")
            await pilot.pause()
    assert app.crash_text is not None
    assert SENTINEL not in app.crash_text
    text = (log_dir() / "lotsen-fel.log").read_text(encoding="utf-8")
    _assert_clean(text)
    assert ("MarkupError" if how == "markup-in-a-screen" else "IntegrityError") in text
