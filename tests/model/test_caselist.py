"""The first screen's case list and search (plain sqlite3)."""

from __future__ import annotations

from model.caselist import count_cases, recent_cases, search_cases


def test_recent_cases_and_search(store, db):
    assert recent_cases(db) == [] and count_cases(db) == 0
    a = store.create_case("Åsa Öberg", personnummer="20150312-2382")
    b = store.create_case("Noah Lind")
    p = store.add_participant(b, "Per Ek", organisation="BUP Norrbotten")
    store.add_participant(b, "Ulla 50% Berg", organisation="Habiliteringen")
    mid = store.plan_meeting(a, "forsta_natverksmote", planned_date="2026-12-01")
    db.conn.execute("UPDATE case_ SET last_activity = '2020-01-01 00:00:00.000000'")
    store.set_note(mid, "dialog", "x")  # a is now the most recently active
    rows = recent_cases(db)
    assert [r.id for r in rows] == [a, b] and count_cases(db) == 2
    assert rows[0].personnummer_display == "20150312-2382"
    assert (rows[0].next_routine_id, rows[0].next_date) == ("forsta_natverksmote", "2026-12-01")
    assert rows[1].organisations == "BUP Norrbotten | Habiliteringen"
    ids = lambda q: [r.id for r in search_cases(db, q)]  # noqa: E731
    assert ids("öberg") == [a] and ids("ÅSA") == [a] and ids("åsa  ÖBERG") == [a]
    assert ids("150312-2382") == [a] and ids("201503122382") == [a]
    assert ids("bup") == [b] and ids("per ek") == [b] and ids("50%") == [b]
    assert ids("5_%") == [] and ids("zzz") == []
    assert ids("") == [a, b] and ids("   ") == [a, b]
    store.remove_participant(p)
    assert ids("bup") == []


def test_search_with_only_non_ascii_letters(store, db):
    """'ÖÖÖ', 'å' or 'Ä Ö': accents are ignored both ways, so å is a, ö is o (issue 10)."""
    a = store.create_case("Åsa Öberg")
    b = store.create_case("Noah Lind")
    store.add_participant(b, "Per Ek", organisation="Björkskolan")
    c = store.create_case("Märta Öö Åström")
    ids = lambda q: sorted(r.id for r in search_cases(db, q))  # noqa: E731
    assert ids("ÖÖÖ") == [] and ids("ÉÉ") == []
    assert ids("å") == [a, b, c] and ids("Å") == [a, b, c]  # every row with an a
    assert ids("ö") == [a, b, c] and ids("ÖÖ") == [c] and ids("öÖ") == [c] and ids("oo") == [c]
    assert ids("ö å") == [c] and ids("Ö Å") == [c] and ids("å Ö") == [a, c]
    assert ids("ÖÅ") == [b] and ids("ta ö") == [c]  # Noah
    assert ids("ß") == []


def test_search_ignores_accents_and_case_and_finds_the_school(store, db):
    a = store.create_case("Per Öberg", school="Bergsskolan")
    b = store.create_case("Lena Åkesson")
    c = store.create_case("Noah Lind", school="Tallbacka förskola")
    store.add_participant(c, "José Núñez", organisation="Habilitering")
    ids = lambda q: sorted(r.id for r in search_cases(db, q))  # noqa: E731
    assert ids("oberg") == [a] and ids("OBERG") == [a] and ids("Öberg") == [a]
    assert ids("akesson") == [b] and ids("AKESSON") == [b] and ids("åkesson") == [b]
    assert ids("bergsskolan") == [a] and ids("berg") == [a]
    assert ids("forskola") == [c] and ids("jose nunez") == [c] and ids("NUNEZ") == [c]
    assert ids("xyz") == []


def test_a_cancelled_meeting_is_never_the_next_one(store, db):
    a = store.create_case("Åsa Öberg")
    early = store.plan_meeting(a, "forsta_natverksmote", planned_date="2026-12-01")
    store.plan_meeting(a, "uppfoljande_lotsmote", planned_date="2026-12-08")
    store.cancel_meeting(early, "Sjuk")
    row = recent_cases(db)[0]
    assert (row.next_routine_id, row.next_date) == ("uppfoljande_lotsmote", "2026-12-08")
