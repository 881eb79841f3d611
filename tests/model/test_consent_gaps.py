"""Samtyckets täckning: which agencies of the invited are not covered, or were excluded by the
family, on the meeting's date; and the readiness list naming an invited one."""

from __future__ import annotations

import datetime as dt

from model.consent import consent_gaps
from model.readiness import readiness_gaps

DAY = dt.date(2026, 3, 5)


def network(store):
    cid = store.create_case("Elsa", routine_id="forsta_natverksmote")
    store.add_guardian(cid, "Maria")
    store.add_participant(cid, "Karin Ek", organisation="Björkskolan")
    store.add_participant(cid, "Ahmed Hassan", organisation="björkskolan ")
    store.add_participant(cid, "Per Öberg", organisation="BUP")
    store.add_participant(cid, "Eva Holm", organisation="Fritidsgården")
    store.add_participant(cid, "Mormor Ingrid", kind="other", organisation="Pensionär")
    return cid


def people(store, cid):
    case = store.get_case(cid)
    return case, [*case.guardians, *case.participants]


def texts(found):
    return [(g.text, g.names) for g in found]


def test_no_consent_names_every_agency_once(store):
    cid = network(store)
    case, who = people(store, cid)
    assert texts(consent_gaps(case, who, DAY)) == [
        ("Björkskolan omfattas inte av något samtycke som gäller 2026-03-05",
         "Karin Ek och Ahmed Hassan"),
        ("BUP omfattas inte av något samtycke som gäller 2026-03-05", "Per Öberg"),
        ("Fritidsgården omfattas inte av något samtycke som gäller 2026-03-05", "Eva Holm"),
    ]  # fmt: skip


def test_an_exclusion_wins_over_a_later_consent_that_covers(store):
    cid = network(store)
    store.add_consent(cid, "Maria", "2026-01-10", agencies=["Björkskolan", "BUP", "Fritidsgården"],
                      exclusions="Fritidsgården ska inte få uppgifter.")  # fmt: skip
    store.add_consent(cid, "Maria", "2026-02-01", form="muntligt",
                      agencies=["Fritidsgården", "Familjens nätverk"])  # fmt: skip
    case, who = people(store, cid)
    assert texts(consent_gaps(case, who, DAY)) == [
        ("Familjen har undantagit Fritidsgården i samtycket 2026-01-10", "Eva Holm"),
    ]


def test_an_agency_missing_from_the_consents_in_force(store):
    cid = network(store)
    store.add_consent(cid, "Maria", "2026-01-10", agencies=["Björkskolan"])
    case, who = people(store, cid)
    found = consent_gaps(case, who, DAY)
    assert [g.text for g in found] == ["Samtycket täcker inte BUP",
                                       "Samtycket täcker inte Fritidsgården"]  # fmt: skip


def test_only_consents_in_force_on_the_date_count(store):
    cid = network(store)
    con = store.add_consent(cid, "Maria", "2026-01-10",
                            agencies=["Björkskolan", "BUP", "Fritidsgården"],
                            valid_until="2026-03-04")  # fmt: skip
    case, who = people(store, cid)
    assert consent_gaps(case, who, dt.date(2026, 3, 4)) == []
    assert len(consent_gaps(case, who, DAY)) == 3  # expired the day before
    store.update_consent(con, valid_until="", revoked_on="2026-03-05")
    case, who = people(store, cid)
    assert len(consent_gaps(case, who, DAY)) == 3  # revoked on the day
    assert consent_gaps(case, who, dt.date(2026, 1, 9)) != []  # not yet given


def test_guardians_and_private_persons_need_no_coverage(store):
    cid = network(store)
    case, who = people(store, cid)
    private = [p for p in who if not p.agency]
    assert {p.name for p in private} == {"Maria", "Mormor Ingrid"}
    assert consent_gaps(case, private, DAY) == []


def test_readiness_names_an_excluded_agency_that_was_invited_but_did_not_come(store):
    cid = network(store)
    store.add_consent(cid, "Maria", "2026-01-10", agencies=["Björkskolan", "BUP"],
                      exclusions="BUP ska inte få uppgifter.")  # fmt: skip
    case, who = people(store, cid)
    per = next(p.id for p in who if p.name == "Per Öberg")
    karin = next(p.id for p in who if p.name == "Karin Ek")
    mid = store.plan_meeting(cid, "forsta_natverksmote", planned_date="2026-03-05",
                             invitee_ids=[karin, per])  # fmt: skip
    store.start_meeting(mid)
    store.set_attendance(mid, karin, status="present")
    store.set_attendance(mid, per, status="excused", reason="Sjuk")
    found = [g.message for g in readiness_gaps(store.get_meeting(mid)) if g.field == "consent"]
    assert found == ["Familjen har undantagit BUP i samtycket 2026-01-10 (Per Öberg är inbjuden)"]
    store.set_attendance(mid, per, status="present")
    found = [g.message for g in readiness_gaps(store.get_meeting(mid)) if g.field == "consent"]
    assert found == ["Familjen har undantagit BUP i samtycket 2026-01-10 (Per Öberg är med)"]
