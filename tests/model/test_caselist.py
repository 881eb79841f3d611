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
    """'ÖÖÖ', 'å' or 'Ä Ö' give LIKE nothing to narrow by: instr() does, with the same result."""
    a = store.create_case("Åsa Öberg")
    b = store.create_case("Noah Lind")
    store.add_participant(b, "Per Ek", organisation="Björkskolan")
    c = store.create_case("Märta Öö Åström")
    ids = lambda q: sorted(r.id for r in search_cases(db, q))  # noqa: E731
    assert ids("ÖÖÖ") == [] and ids("ÉÉ") == []
    assert ids("å") == [a, c] and ids("Å") == [a, c]
    assert ids("ö") == [a, b, c] and ids("ÖÖ") == [c] and ids("öÖ") == [c]
    assert ids("ö å") == [c] and ids("Ö Å") == [c] and ids("å Ö") == []
    assert ids("ÖÅ") == [] and ids("ta ö") == [c]
    assert ids("ß") == []  # upper case is two letters: matched by the GLOB alone
