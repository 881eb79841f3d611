"""Issue 9 in the guide: the sekretess step reads out what the family excluded and never
prefills an excluded agency; the closing step chooses who signs per person, by keys (also in
a burst), and the database and the readiness list hold exactly that; a grandmother who came
along gets no account card and is not asked to sign."""

from __future__ import annotations

import datetime as dt

from textual import events
from textual.widgets import Checkbox, OptionList, SelectionList

from model.readiness import readiness_gaps
from model.store import Store
from tests.tui.meeting.conftest import FIXED, fresh_case, open_app
from tests.tui.shell_helpers import screen_text

EXCLUDED_BY = "Lina [mamma] Berg"  # markup-like: shown literally


def _meeting(db, step: str) -> tuple[int, list[int], int]:
    """A started first meeting: everyone present (BUP too), an invited Habiliteringen no
    consent covers, and a written consent that excludes BUP."""
    store = Store(db)
    cid, people = fresh_case(store)
    habil = store.add_participant(cid, "Hans Hed", organisation="Habiliteringen",
                                  role="Arbetsterapeut", principal="region")  # fmt: skip
    store.add_consent(cid, EXCLUDED_BY, dt.date(2026, 1, 10), form="skriftligt",
                      agencies=["Ekskolan"], exclusions="BUP",
                      valid_until=FIXED + dt.timedelta(days=300))  # fmt: skip
    store.add_consent(cid, "Omar Berg", dt.date(2025, 1, 10), exclusions="Fritidsgården",
                      valid_until=dt.date(2026, 1, 1))  # ended: not read out  # fmt: skip
    people.append(habil)
    mid = store.plan_meeting(cid, "forsta_natverksmote", planned_date=FIXED, invitee_ids=people)
    store.start_meeting(mid)
    for pid in people:
        store.set_attendance(mid, pid, status="present")
    store.set_current_step(mid, step)
    return mid, people, cid


async def test_the_sekretess_step_reads_out_the_exclusions_and_prefills_no_excluded_agency(db):
    mid, people, cid = _meeting(db, "inledning")
    app = open_app(db, mid)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        lines = [str(w.render()) for w in app.screen.query(".exclusion")]
        assert lines == ["Samtycke 2026-01-10 (skriftligt, Lina [mamma] Berg) omfattar inte: BUP"]
        text = screen_text(app)
        assert "Samtycke 2026-01-10 (skriftligt, Lina [mamma] Berg)" in text
        assert "omfattar inte: BUP" in text
        assert "Fritidsgården" not in text
        # BUP is here but excluded; Ekskolan and Socialtjänsten are covered (fresh_case's
        # consent): only Habiliteringen is prefilled.
        agencies = app.screen.query_one("#consent-agencies")
        assert agencies.value == "Habiliteringen"
        app.screen.query_one("#f-consent").focus()
        await pilot.press(*"Lina Berg", "enter")
        await pilot.pause(0.3)
    verbal = [c for c in Store(db).get_case(cid).consents if c.form == "muntligt"]
    assert [(c.given_by, c.agencies) for c in verbal] == [("Lina Berg", ("Habiliteringen",))]


async def test_the_exclusions_show_initials_in_the_privacy_mode(db):
    mid, _, _ = _meeting(db, "inledning")
    app = open_app(db, mid)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        await pilot.press("f2")  # skyddat läge: initials
        await pilot.pause(0.3)
        lines = [str(w.render()) for w in app.screen.query(".exclusion")]
        assert lines and all("Lina" not in line for line in lines), lines
        assert "omfattar inte: BUP" in lines[0]


def _signs(db, mid: int) -> dict[int, tuple[bool | None, bool]]:
    return {
        a.participant.id: (a.signs, a.signs_plan) for a in Store(db).get_meeting(mid).attendance
    }


def _asked_to_sign(db, mid: int) -> list[int]:
    gaps = readiness_gaps(Store(db).get_meeting(mid), today=FIXED)
    return [int(g.field.split(":")[1]) for g in gaps if g.field.startswith("signature:")]


async def test_who_signs_is_chosen_with_keys_in_a_burst_and_the_database_holds_it(db):
    mid, people, _ = _meeting(db, "uppfoljning")
    gun = Store(db).add_walk_in(mid, "Gun Berg", "mormor")
    lina, omar, britt, sven, asa, hans = people
    app = open_app(db, mid)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        signers = app.screen.query_one("#f-signers", SelectionList)
        labels = [str(signers.get_option_at_index(i).prompt) for i in range(signers.option_count)]
        assert labels[0] == "Lina Berg – vårdnadshavare"
        assert labels[-1] == "Gun Berg – mormor, inte yrkesperson"
        assert sorted(signers.selected) == sorted(people)  # by default: not the grandmother
        signers.focus()
        await pilot.pause()
        # One burst, as keys arrive together: Britt off (Space), Sven off and on again
        # (Space Space), Gun on (Enter).
        keys = ["down", "down", "space", "down", "space", "space", "down", "down", "down",
                "enter"]  # fmt: skip
        for key in keys:
            app.post_message(events.Key(key, " " if key == "space" else None))
        await pilot.pause(0.5)
        assert sorted(signers.selected) == sorted([lina, omar, sven, asa, hans, gun])
        boxes = {b.id: b.display for b in app.screen.query(Checkbox)
                 if (b.id or "").startswith("f-signature-")}  # fmt: skip
        assert boxes[f"f-signature-{britt}"] is False  # no signature asked of the school
        assert boxes[f"f-signature-{gun}"] is True
        # The readiness list on screen asks exactly the signers
        gap_list = app.screen.query_one("#gap-list", OptionList)
        shown = [str(gap_list.get_option_at_index(i).prompt) for i in range(gap_list.option_count)]
        unsigned = [line for line in shown if line.endswith("har inte skrivit under")]
        assert unsigned == [f"! {name} har inte skrivit under" for name in
                            ("Lina Berg", "Omar Berg", "Sven Ås", "Åsa Öst", "Hans Hed",
                             "Gun Berg")]  # fmt: skip
    stored = _signs(db, mid)
    assert stored[britt] == (False, False)
    assert stored[sven] == (None, True)  # toggled and back: the default, as before
    assert stored[gun] == (True, True)
    assert all(stored[p] == (None, True) for p in (lina, omar, asa, hans))
    assert _asked_to_sign(db, mid) == [lina, omar, sven, asa, hans, gun]


async def test_a_signer_taken_off_loses_the_signature_and_back_on_is_asked_again(db):
    mid, people, _ = _meeting(db, "uppfoljning")
    lina, omar, britt = people[:3]
    Store(db).set_attendance(mid, britt, signed=True)
    app = open_app(db, mid)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        signers = app.screen.query_one("#f-signers", SelectionList)
        signers.focus()
        signers.highlighted = 2
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause(0.2)
        box = app.screen.query_one(f"#f-signature-{britt}", Checkbox)
        assert (box.display, box.value) == (False, False)
        assert britt not in _asked_to_sign(db, mid)
        await pilot.press("enter")  # back on: she has not signed yet
        await pilot.pause(0.2)
        assert (box.display, box.value) == (True, False)
        box.focus()
        await pilot.press("space")
        await pilot.pause(0.2)
    view = Store(db).get_meeting(mid)
    britt_row = next(a for a in view.attendance if a.participant.id == britt)
    assert (britt_row.signs, britt_row.signed) == (None, True)
    assert britt not in _asked_to_sign(db, mid)


async def test_a_grandmother_typed_at_the_roll_call_gets_no_card_and_signs_nothing(db):
    mid, people, _ = _meeting(db, "presentation")
    app = open_app(db, mid)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        app.screen.query_one("#walk-in").focus()
        await pilot.press(*"Gun Berg, mormor", "enter")
        await pilot.pause(0.3)
        gun = next(a.participant for a in Store(db).get_meeting(mid).attendance if a.walk_in)
        assert (gun.name, gun.kind, gun.organisation, gun.role) == (
            "Gun Berg", "other", "", "mormor")  # fmt: skip
        await app.screen.go_to("professionerna")
        await pilot.pause(0.3)
        cards = {w.id for w in app.screen.query("TextArea")
                 if (w.id or "").endswith("-assessments")}  # fmt: skip
        assert cards == {f"f-account-{p}-assessments" for p in people[2:]}
        await app.screen.go_to("uppfoljning")
        await pilot.pause(0.3)
        signers = app.screen.query_one("#f-signers", SelectionList)
        assert gun.id not in signers.selected
        assert not app.screen.query_one(f"#f-signature-{gun.id}", Checkbox).display
    assert gun.id not in _asked_to_sign(db, mid)
    assert _asked_to_sign(db, mid) == people


async def test_taken_off_the_signers_and_ticked_in_one_burst_the_screen_and_db_agree(db):
    """Space on the list (Lina off), Tab to her "Skrivit under" (still shown: the list's
    change is handled after the keys) and Space there: she neither signs nor has signed."""
    mid, people, _ = _meeting(db, "uppfoljning")
    lina = people[0]
    app = open_app(db, mid)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        app.screen.query_one("#f-signers", SelectionList).focus()
        await pilot.pause()
        for key, char in (("space", " "), ("tab", "\t"), ("space", " ")):
            app.post_message(events.Key(key, char))
        await pilot.pause(0.5)
        box = app.screen.query_one(f"#f-signature-{lina}", Checkbox)
        assert (box.display, box.value) == (False, False)
    row = next(a for a in Store(db).get_meeting(mid).attendance if a.participant.id == lina)
    assert (row.signs, row.signed) == (False, False)
    assert lina not in _asked_to_sign(db, mid)


async def test_the_child_who_is_here_has_a_row_to_tick_when_signing(db):
    mid, _, _ = _meeting(db, "uppfoljning")
    Store(db).update_meeting(mid, child_present=True)
    before = _asked_to_sign(db, mid)
    app = open_app(db, mid)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        box = app.screen.query_one("#f-child_signed", Checkbox)
        box.focus()
        await pilot.pause(0.2)
        assert str(box.parent.query_one(".name").render()) == "Noa Berg (barnet)"
        await pilot.press("space")
        await pilot.pause(0.2)
    view = Store(db).get_meeting(mid)
    assert view.child_signed is True
    assert _asked_to_sign(db, mid) == before  # where it applies: never a readiness gap
