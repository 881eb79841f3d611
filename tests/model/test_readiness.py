"""Each readiness gap appears when its field is missing and disappears when it is filled."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from model.readiness import Gap, readiness_gaps


@dataclass
class Ready:
    cid: int
    mid: int
    karin: int
    per: int
    maria: int
    consent: int
    action: int


def make_ready(store, routine: str = "forsta_natverksmote", consent: bool = True) -> Ready:
    cid = store.create_case("Elsa", routine_id=routine)
    maria = store.add_guardian(cid, "Maria")
    karin = store.add_participant(cid, "Karin", organisation="Björkskolan")
    per = store.add_participant(cid, "Per", organisation="BUP Norrbotten")
    con = 0
    if consent:
        con = store.add_consent(cid, "Maria", "2026-01-10", agencies=["Björkskolan", "BUP"])
    mid = store.plan_meeting(cid, routine, planned_date="2026-03-02")
    store.start_meeting(mid)
    for pid in (maria, karin, per):
        store.set_attendance(mid, pid, status="present", signed=True, received_copy=True)
    aid = store.add_action(mid, what="Schema", responsible_org="Björkskolan",
                           responsible_person="Ahmed", follow_up_on="2026-04-01",
                           principal="kommun", follow_up_how="Vid nästa möte")  # fmt: skip
    store.update_meeting(mid, child_present=True, confidentiality_covered=True, held_on="2026-03-02",
                         lead_organisation="Björkskolan", lead_principal="kommun",
                         coordinator="Sara", coordinator_phone="070-123 45 67",
                         contact_person="Sara", child_view="Vill ha halva dagar",
                         next_date="2026-04-01", next_place="Skolan")  # fmt: skip
    store.set_invitees(mid, [maria, karin, per], next=True)
    return Ready(cid, mid, karin, per, maria, con, aid)


def gaps(store, mid: int) -> list[Gap]:
    return readiness_gaps(store.get_meeting(mid), today=dt.date(2026, 3, 2))


def only(found: list[Gap], field: str) -> Gap:
    hits = [g for g in found if g.field == field]
    assert len(hits) == 1, (field, found)
    return hits[0]


@pytest.mark.parametrize("routine", ["forsta_natverksmote", "uppfoljande_lotsmote",
                                     "vastbas_natverksmote_2", "forsta_natverksmote_vastbus"])  # fmt: skip
def test_a_complete_meeting_has_no_gaps(store, routine):
    r = make_ready(store, routine)
    assert gaps(store, r.mid) == []


def test_consent_missing(store):
    r = make_ready(store, consent=False)
    g = only(gaps(store, r.mid), "consent")
    assert (g.message, g.step_id) == ("Samtycke saknas", "inledning")
    store.add_consent(r.cid, "Maria", "2026-01-10", agencies="Björkskolan\nBUP")
    assert gaps(store, r.mid) == []


def test_consent_expired(store):
    r = make_ready(store)
    store.update_consent(r.consent, valid_until="2026-02-28")
    g = only(gaps(store, r.mid), "consent")
    assert "gäller inte på mötesdagen" in g.message and "2026-02-28" in g.message
    store.update_consent(r.consent, valid_until="2026-03-02")
    assert gaps(store, r.mid) == []


def test_consent_revoked(store):
    r = make_ready(store)
    store.revoke_consent(r.consent, on="2026-02-15")
    g = only(gaps(store, r.mid), "consent")
    assert "återkallades 2026-02-15" in g.message and g.step_id == "inledning"
    store.update_consent(r.consent, revoked_on="")
    assert gaps(store, r.mid) == []


def test_consent_not_covering_an_agency_present(store):
    r = make_ready(store)
    hab = store.add_walk_in(r.mid, "Hanna", organisation="Habiliteringen")
    store.set_attendance(r.mid, hab, signed=True)
    g = only(gaps(store, r.mid), "consent")
    assert g.message == "Samtycket täcker inte Habiliteringen (Hanna är med)"
    store.update_consent(r.consent, agencies=["Björkskolan", "BUP", "Habiliteringen"])
    assert gaps(store, r.mid) == []


@pytest.mark.parametrize(
    ("key", "words"),
    [("responsible_org", "saknar ansvarig verksamhet"),
     ("responsible_person", "saknar ansvarig person"),
     ("follow_up_on", "saknar datum för uppföljning")],
)  # fmt: skip
def test_action_without_responsible_or_follow_up(store, key, words):
    r = make_ready(store)
    before = store.get_meeting(r.mid).actions[0]
    store.update_action(r.action, **{key: ""})
    g = only(gaps(store, r.mid), f"action:{r.action}:{key}")
    assert g.message == f"Insats 1 (Schema) {words}" and g.step_id == "dialog"
    store.update_action(r.action, **{key: getattr(before, key)})
    assert gaps(store, r.mid) == []


def test_no_lead_organisation(store):
    r = make_ready(store)
    store.update_meeting(r.mid, lead_organisation=" ")
    g = only(gaps(store, r.mid), "lead_organisation")
    assert (g.message, g.step_id) == ("Huvudansvarig verksamhet är inte utsedd", "sammanfattning")
    store.update_meeting(r.mid, lead_organisation="BUP")
    assert gaps(store, r.mid) == []


def test_no_coordinator_norrbus(store):
    r = make_ready(store)
    store.update_meeting(r.mid, coordinator="")
    g = only(gaps(store, r.mid), "coordinator")
    assert g.message == "Samordnare är inte utsedd"
    store.update_meeting(r.mid, coordinator="Sara")
    assert gaps(store, r.mid) == []


def test_no_contact_person_vastbas(store):
    r = make_ready(store, "vastbas_natverksmote_2")
    store.update_meeting(r.mid, contact_person="", coordinator="")
    g = only(gaps(store, r.mid), "contact_person")
    assert (g.message, g.step_id) == ("Kontaktperson är inte utsedd", "sammanfattning")
    assert store.get_meeting(r.mid).coordinator_name == ""
    store.update_meeting(r.mid, contact_person="Ahmed")
    assert gaps(store, r.mid) == []
    assert store.get_meeting(r.mid).coordinator_name == "Ahmed"


def test_childs_view_missing(store):
    r = make_ready(store)
    store.update_meeting(r.mid, child_view="")
    g = only(gaps(store, r.mid), "child_view")
    assert g.message == "Barnets syn är inte nedskriven"
    store.update_meeting(r.mid, child_view="Vill")
    assert gaps(store, r.mid) == []


def test_child_absent_without_reason(store):
    r = make_ready(store)
    store.update_meeting(r.mid, child_present=False)
    g = only(gaps(store, r.mid), "child_absence_reason")
    assert (g.message, g.step_id) == ("Barnet deltog inte: skriv varför", "sammanfattning")
    store.update_meeting(r.mid, child_absence_reason="Ville inte komma, har berättat via mentor")
    assert gaps(store, r.mid) == []


def test_neither_next_meeting_nor_closing(store):
    r = make_ready(store)
    store.update_meeting(r.mid, next_date="")
    g = only(gaps(store, r.mid), "next_date")
    assert g.message.startswith("Nästa möte har inget datum") and g.step_id == "uppfoljning"
    store.close_case(r.cid, "Målen nådda", True, if_worse_plan="Ring kuratorn")  # instead
    assert gaps(store, r.mid) == []
    store.close_case(r.cid, "", False)  # an empty plan keeps what was written
    fields = {g.field for g in gaps(store, r.mid)}
    assert fields == {"closing_reason", "family_told_if_worse"}
    store.update_case(r.cid, if_worse_plan="")
    fields = {g.field for g in gaps(store, r.mid)}
    assert fields == {"closing_reason", "family_told_if_worse", "if_worse_plan"}


def test_closed_case_without_if_worse_plan(store):
    r = make_ready(store)
    assert "if_worse_plan" not in {g.field for g in gaps(store, r.mid)}  # open: not asked
    store.close_case(r.cid, "Målen nådda", True)
    g = only(gaps(store, r.mid), "if_worse_plan")
    assert g.message == "Det är inte nedskrivet hur familjen gör om det blir sämre igen"
    assert g.step_id == "uppfoljning"
    store.update_case(r.cid, if_worse_plan="   \n")
    only(gaps(store, r.mid), "if_worse_plan")  # blank is not written down
    store.update_case(r.cid, if_worse_plan="Mamma ringer kuratorn; efter kl. 16 socialjouren.")
    assert gaps(store, r.mid) == []


def test_someone_present_has_not_signed(store):
    r = make_ready(store)
    store.set_attendance(r.mid, r.per, signed=False)
    g = only(gaps(store, r.mid), f"signature:{r.per}")
    assert (g.message, g.step_id) == ("Per har inte skrivit under", "uppfoljning")
    store.set_attendance(r.mid, r.per, signed=True)
    assert gaps(store, r.mid) == []


def test_every_gap_names_a_step_of_the_routine(store):
    r = make_ready(store, consent=False)
    store.update_meeting(r.mid, child_present=False, lead_organisation="", coordinator="",
                         child_view="", next_date="", next_place="")  # fmt: skip
    store.update_action(r.action, responsible_org="", responsible_person="", follow_up_on="")
    store.set_attendance(r.mid, r.karin, signed=False)
    m = store.get_meeting(r.mid)
    found = readiness_gaps(m)
    assert len(found) >= 10
    step_ids = {s.id for s in m.routine.steps}
    for g in found:
        assert g.step_id in step_ids and g.field and g.message


# -- what the law asks of a SIP, and who signs (schema 3) ------------------------------------
def test_action_without_huvudman_or_how_it_is_followed_up(store):
    r = make_ready(store)
    store.update_action(r.action, principal="", follow_up_how="")
    found = gaps(store, r.mid)
    assert "saknar huvudman" in only(found, f"action:{r.action}:principal").message
    assert "hur uppföljningen görs" in only(found, f"action:{r.action}:follow_up_how").message
    store.update_action(r.action, principal="annan", follow_up_how="Familjen berättar")
    assert gaps(store, r.mid) == []


def test_lead_principal_and_the_coordinators_contact(store):
    r = make_ready(store)
    store.update_meeting(r.mid, lead_principal="", coordinator_phone="")
    found = gaps(store, r.mid)
    assert "kommun eller region" in only(found, "lead_principal").message
    assert "telefon eller e-post" in only(found, "coordinator_phone").message
    store.update_meeting(r.mid, lead_principal="region", coordinator_email="sara@example.se")
    assert gaps(store, r.mid) == []


def test_an_agency_the_family_excluded_is_named(store):
    r = make_ready(store)
    store.update_consent(r.consent, exclusions="BUP Norrbotten ska inte få uppgifter.")
    g = only(gaps(store, r.mid), "consent")
    assert g.message == "Familjen har undantagit BUP Norrbotten i samtycket 2026-01-10 (Per är med)"
    store.update_consent(r.consent, exclusions="")
    assert gaps(store, r.mid) == []


def test_only_those_who_sign_are_asked_to(store):
    r = make_ready(store)
    granny = store.add_participant(r.cid, "Farmor Berit", kind="other")
    store.set_attendance(r.mid, granny, status="present")  # came along; does not sign
    assert gaps(store, r.mid) == []
    store.set_attendance(r.mid, granny, signs=True)  # chosen to sign after all
    assert "Farmor Berit har inte skrivit under" in only(gaps(store, r.mid),
                                                         f"signature:{granny}").message  # fmt: skip
    store.set_attendance(r.mid, r.karin, signs=False)  # the school signs through someone else
    store.set_attendance(r.mid, r.karin, signed=False)
    assert [g.field for g in gaps(store, r.mid)] == [f"signature:{granny}"]


def test_started_on_another_day_than_planned_asks_which_date_holds(store):
    r = make_ready(store)
    store.update_meeting(r.mid, held_on=None)  # started today (the real clock), planned 2 March
    g = only(gaps(store, r.mid), "held_on")
    assert g.message.startswith("Mötet var planerat till 2026-03-02 men startade ")
    assert g.step_id == "presentation"
    store.update_meeting(r.mid, held_on="2026-03-02")
    assert gaps(store, r.mid) == []
