"""One write path: a database that refuses writes (disk full, read-only, locked) never crashes
the app and never loses what the leader did. Text stays on screen, changes are kept aside and
written once the disk takes them again, the header says "Inte sparat", quitting warns.

The disk is made "full" at the store's two write paths (the raw transaction for notes and the
ORM session for everything else) with the error SQLite gives, translated as in production."""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager

import pytest
from shell_helpers import TODAY, make_app, screen_text

import tui.writes as writes
from model import db as dbmod
from model.demo import populate
from model.store import Store
from tests.tui.meeting.conftest import FIXED, fresh_case

FULL = "database or disk is full"


class Disk:
    def __init__(self) -> None:
        self.full = False
        self.refused = 0


@pytest.fixture
def disk(monkeypatch):
    state = Disk()
    orig_tx, orig_write = dbmod.Database.transaction, Store._write

    def refuse(path):
        state.refused += 1
        return dbmod.translate_error(sqlite3.OperationalError(FULL), path)

    @contextmanager
    def transaction(self):
        if state.full:
            raise refuse(self.path)
        with orig_tx(self) as conn:
            yield conn

    @contextmanager
    def write(self):
        if state.full:
            raise refuse(self.db.path)
        with orig_write(self) as session:
            yield session

    monkeypatch.setattr(dbmod.Database, "transaction", transaction)
    monkeypatch.setattr(Store, "_write", write)
    monkeypatch.setattr(writes, "RETRY_SECONDS", 0.3)  # the back-off, shortened for the test
    return state


def _first_meeting(db) -> int:
    store = Store(db)
    cid, people = fresh_case(store)
    return store.plan_meeting(cid, "forsta_natverksmote", planned_date=FIXED,
                              invitee_ids=people)  # fmt: skip


def _fresh(db):
    return Store(db)  # a second view of the file: what a restart would find


async def _wait_saved(app, pilot, seconds: float = 3.0) -> None:
    for _ in range(int(seconds / 0.1)):
        await pilot.pause(0.1)
        if not app.unsaved_count():
            return


async def test_typing_on_a_full_disk_keeps_the_text_and_saves_it_when_space_returns(db, disk):
    populate(Store(db), today=TODAY)
    Store(db).set_current_step(2, "fragestund")
    app = make_app(db)
    app.initial_meeting_id = 2
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)
        disk.full = True
        await pilot.press(*"Vad händer [nu]?", "enter", *"Elsa: åäö")
        app.flush_saves()
        await pilot.pause()
        assert app.is_running
        assert "Inte sparat" in app.sub_title
        assert "Vad händer [nu]?\nElsa: åäö" in app.focused.text  # type: ignore[union-attr]
        assert "Kunde inte spara: Disken är full" in screen_text(app)
        assert _fresh(db).get_meeting(2).note("fragestund", "notes") == ""

        disk.full = False
        await _wait_saved(app, pilot)
        assert (
            _fresh(db).get_meeting(2).note("fragestund", "notes") == "Vad händer [nu]?\nElsa: åäö"
        )
        assert app.sub_title.startswith("Sparat")


async def test_changing_step_and_marking_attendance_on_a_full_disk(db, disk):
    mid = _first_meeting(db)
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_meeting(mid)
        await pilot.pause(0.3)
        people = [a.participant.id for a in _fresh(db).get_meeting(mid).attendance]
        disk.full = True
        await pilot.press("n", "n")  # the child and the first on the roster: present
        await pilot.press("f6")  # on to the next step
        await pilot.pause(0.2)
        assert app.is_running
        guide = app.screen
        steps = [s.id for s in guide.view.routine.steps]
        assert guide.current == steps[1]
        assert "Inte sparat" in app.sub_title
        stored = _fresh(db).get_meeting(mid)
        assert stored.current_step == steps[0]

        disk.full = False
        await _wait_saved(app, pilot)
        stored = _fresh(db).get_meeting(mid)
        assert stored.current_step == steps[1]
        marked = {a.participant.id: a.status for a in stored.attendance}
        assert stored.child_present is True
        assert [marked[p] for p in people[:2]] == ["present", ""]
        assert app.unsaved_count() == 0


async def test_a_newer_change_is_never_overwritten_by_an_older_refused_one(db, disk):
    mid = _first_meeting(db)
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        disk.full = True
        assert app.store.update_meeting(mid, place="Första") is None  # refused: kept aside
        disk.full = False
        app.store.update_meeting(mid, place="Andra")  # goes through
        app.flush_saves()
        await pilot.pause(0.5)
        assert _fresh(db).get_meeting(mid).place == "Andra"
        assert app.unsaved_count() == 0


async def test_starting_a_meeting_on_a_full_disk_does_not_crash(db, disk):
    mid = _first_meeting(db)
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        disk.full = True
        app.open_meeting(mid)
        await pilot.pause(0.3)
        assert app.is_running
        assert any("Disken är full" in str(n.message) for n in app._notifications)
        assert _fresh(db).get_meeting(mid).started_at is None
        disk.full = False
        await _wait_saved(app, pilot)
        assert _fresh(db).get_meeting(mid).started_at is not None


async def test_a_new_goal_on_a_full_disk_adds_nothing_and_says_why(db, disk):
    populate(Store(db), today=TODAY)
    Store(db).set_current_step(2, "dialog")
    goals_before = len(_fresh(db).get_meeting(2).goals)
    app = make_app(db)
    app.initial_meeting_id = 2
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)
        disk.full = True
        app.screen.query_one("#step-host").children[0].action_add_action()
        await pilot.pause(0.2)
        assert app.is_running
        assert len(app.screen.view.actions) == len(_fresh(db).get_meeting(2).actions)
        assert any("Disken är full" in str(n.message) for n in app._notifications)
    assert len(_fresh(db).get_meeting(2).goals) == goals_before


async def test_a_dialog_stays_open_with_what_was_typed_when_the_disk_is_full(db, disk):
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.new_case()
        await pilot.pause()
        await pilot.press(*"Anna [b] Berg")
        disk.full = True
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running
        dialog = app.screen
        assert dialog.query_one("#f-child_name").value == "Anna [b] Berg"
        assert "Kunde inte spara: Disken är full" in screen_text(app)
        disk.full = False
        await pilot.press("enter")
        await pilot.pause()
    assert [c.child_name for c in (_fresh(db).get_case(i) for i in _fresh(db).case_ids())] == [
        "Anna [b] Berg"
    ]


async def test_quitting_warns_while_a_refused_change_waits(db, disk):
    mid = _first_meeting(db)
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        disk.full = True
        app.store.update_meeting(mid, place="Aulan")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running
        assert any("kunde inte sparas" in str(n.message) for n in app._notifications)
        disk.full = False
        await pilot.press("ctrl+q")  # the flush on quitting writes it after all
        await pilot.pause()
    assert _fresh(db).get_meeting(mid).place == "Aulan"


async def test_a_damaged_file_met_while_reading_names_the_restore_command(db, monkeypatch):
    db.backup()
    app = make_app(db)
    with pytest.raises(dbmod.CorruptDatabase):  # run_test hands the app's error on
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await _open_damaged(app, pilot, db, monkeypatch)
    assert app.crash_text is not None
    assert "är skadad" in app.crash_text and "Inget har ändrats i filen" in app.crash_text
    assert "lotsen restore" in app.crash_text


async def _open_damaged(app, pilot, db, monkeypatch) -> None:
    if True:

        def damaged(*_a, **_k):
            raise dbmod.CorruptDatabase(dbmod.corrupt_message(db.path))

        monkeypatch.setattr(Store, "get_case", damaged)
        cid = Store(db).create_case("Noa Berg")
        app.open_case(cid)
        await pilot.pause(0.3)


async def test_settings_on_a_full_disk_are_kept_on_screen_and_said(db, monkeypatch):
    import errno

    import model.settings as settings_module

    def no_space(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(settings_module.os, "replace", no_space)
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f2")  # the privacy mode: switches, says it could not be remembered
        await pilot.pause()
        assert app.is_running and app.settings.privacy
        assert any("Inställningarna kunde inte sparas" in str(n.message)
                   for n in app._notifications)  # fmt: skip
        app.open_settings()
        await pilot.pause()
        field = app.screen.query_one("#set-leader_name")
        field.focus()
        await pilot.press(*"Karin [Ek]")
        app.flush_saves()
        await pilot.pause()
        assert app.is_running
        assert field.value == "Karin [Ek]"
        assert "Kunde inte spara: Inställningarna kunde inte sparas" in screen_text(app)
    leftovers = [p for p in settings_module.config_dir().glob(".settings-*")]
    assert leftovers == []


LOCKER = """
import select, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("held", flush=True)
# Hold the lock until told to let go (a line on stdin), or for at most argv[2] seconds.
select.select([sys.stdin], [], [], float(sys.argv[2]))
conn.execute("ROLLBACK")
"""


async def test_another_program_holding_the_database_while_the_leader_types(
    db, tmp_path, monkeypatch
):
    """An antivirus scan or IT's sqlite3 holds the write lock (here for as long as the test
    needs, at least 3 s, however slow the machine) while the leader types and moves on with
    F6: no crash, a Swedish message, and everything lands once the lock is let go."""
    import subprocess
    import sys
    import time

    monkeypatch.setattr(writes, "RETRY_SECONDS", 1.0)
    populate(Store(db), today=TODAY)
    Store(db).set_current_step(2, "fragestund")
    app = make_app(db)
    app.initial_meeting_id = 2
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)
        locker = subprocess.Popen([sys.executable, "-c", LOCKER, str(db.path), "60"],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)  # fmt: skip
        try:
            assert locker.stdout is not None and locker.stdout.readline().strip() == "held"
            held_from = time.monotonic()
            await pilot.press(*"Mamma [Maria] berättar")
            await pilot.pause(0.8)
            await pilot.press("f6")
            await pilot.pause(0.5)
            # The lock is held all along: the locker lets go only when told, below.
            assert locker.poll() is None, "the test must act while the lock is held"
            held_for = time.monotonic() - held_from
            assert app.is_running
            assert app.screen.current == "dialog"
            assert "Inte sparat" in app.sub_title
            assert any("upptagen" in str(n.message) for n in app._notifications), [
                str(n.message) for n in app._notifications
            ]
            stored = _fresh(db).get_meeting(2)
            assert stored.current_step == "fragestund"
            # Held at least as long as a scan would (the app retried meanwhile), then released.
            if held_for < 3:
                await pilot.pause(3 - held_for)
            assert "Inte sparat" in app.sub_title
            assert locker.stdin is not None
            locker.stdin.write("release\n")
            locker.stdin.flush()
            locker.wait(20)
        finally:
            locker.kill()
        await _wait_saved(app, pilot, 6.0)
        assert app.is_running
    stored = _fresh(db).get_meeting(2)
    assert stored.note("fragestund", "notes") == "Mamma [Maria] berättar"
    assert stored.current_step == "dialog"


@pytest.mark.parametrize("how", ["replaced", "deleted"])
async def test_the_database_file_replaced_or_deleted_while_typing(db, tmp_path, how):
    """Someone moves another file over the database, or deletes it, while the leader types:
    no crash, the text stays on screen, a Swedish message, and nothing lands in the new file."""
    import os
    import shutil

    populate(Store(db), today=TODAY)
    Store(db).set_current_step(2, "fragestund")
    other = tmp_path / "other.db"
    shutil.copy(db.path, other)
    before = other.read_bytes()
    app = make_app(db)
    app.initial_meeting_id = 2
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)
        await pilot.press(*"Första")
        app.flush_saves()
        if how == "replaced":
            os.replace(other, db.path)
        else:
            os.unlink(db.path)
        await pilot.press(*" och andra [raden]")
        app.flush_saves()
        await pilot.pause(0.3)
        assert app.is_running
        assert app.focused.text == "Första och andra [raden]"  # type: ignore[union-attr]
        assert "Inte sparat" in app.sub_title
        shown = screen_text(app)
        assert "Kunde inte spara: Databasfilen" in shown, shown
    if how == "replaced":
        assert db.path.read_bytes() == before  # the file put there was not written to
