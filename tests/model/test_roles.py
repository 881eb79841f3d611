"""Västbas roles of a case: stored and read back, and the kontaktperson rule (seed 004:
"Rektorer eller socialsekreterare skall inte ha kontaktpersonsuppdrag") warned about, never
refused, on the case and in the readiness of a Västbas meeting."""

from __future__ import annotations

import datetime as dt

import pytest

from model.readiness import readiness_gaps
from model.roles import barred_role, contact_person_warning, is_vastbas
from model.views import PersonView
from tests.model.test_readiness import make_ready


def _p(name: str, role: str, kind: str = "professional") -> PersonView:
    return PersonView(id=hash(name) % 1000, kind=kind, name=name, role=role)


NETWORK = (
    _p("Karin Ek", "Rektor"),
    _p("Lena Åkesson", "SOCIALSEKRETERARE"),
    _p("Bo Ström", "Biträdande rektor"),
    _p("Ahmed Hassan", "Kurator, elevhälsoteamet"),
    _p("Ann Lind", "Skolsköterska"),
)


@pytest.mark.parametrize(
    ("name", "barred"),
    [
        ("Karin Ek", "rektor"),
        ("karin ek", "rektor"),  # case-insensitive
        ("  Karin   Ek ", "rektor"),  # spaces as typed
        ("Karin Ek, Björkskolan", "rektor"),  # the name and more
        ("Lena Åkesson", "socialsekreterare"),
        ("Bo Ström", "biträdande rektor"),
        ("Sara Berg, rektor", "rektor"),  # not in the network: the text itself says
        ("Socialsekreterare Mats", "socialsekreterare"),
    ],
)
def test_a_rektor_or_socialsekreterare_as_kontaktperson_is_warned_about(name, barred):
    warning = contact_person_warning(name, NETWORK)
    assert f"är {barred}." in warning
    assert "ska rektor eller socialsekreterare inte vara kontaktperson" in warning


@pytest.mark.parametrize("name", ["Ahmed Hassan", "Ann Lind", "Karin Eklund", "", "   "])
def test_someone_from_the_elevhalsoteam_is_fine(name):
    # "Karin Eklund" is not "Karin Ek": a longer name is another person.
    assert contact_person_warning(name, NETWORK) == ""


def test_barred_role_reads_words_not_letters():
    assert barred_role("Förskolerektor") == "rektor"
    assert barred_role("bitr. rektor") == "rektor"
    assert barred_role("Rektorsassistent") == ""  # an assistant decides nothing
    assert barred_role("Specialpedagog") == ""


def test_vastbas_routines():
    assert is_vastbas("vastbas_formote") and is_vastbas("vastbas_natverksmote_2")
    assert not is_vastbas("forsta_natverksmote") and not is_vastbas("finns_inte")


def test_roles_are_stored_trimmed_and_the_rule_warns_without_refusing(store):
    cid = store.create_case("Elsa", routine_id="vastbas_formote")
    store.add_participant(cid, "Karin Ek", organisation="Björkskolan", role="Rektor")
    store.update_case(cid, coordinator_1="  Eva Lund ", coordinator_2="Omar Ali",
                      contact_person="Karin Ek", spokesperson="Britt",
                      spokesperson_relation="mormor")  # fmt: skip
    case = store.get_case(cid)
    assert (case.coordinator_1, case.coordinator_2) == ("Eva Lund", "Omar Ali")
    assert case.contact_person == "Karin Ek"  # stored: a warning, not a refusal
    assert case.spokesperson_line == "Britt (mormor)"
    network = (*case.participants, *case.guardians)
    assert contact_person_warning(case.contact_person, network).startswith("Karin Ek är rektor.")
    store.update_case(cid, contact_person="")
    assert contact_person_warning(store.get_case(cid).contact_person, network) == ""


def test_readiness_of_a_vastbas_meeting_names_the_rule(store):
    r = make_ready(store, routine="vastbas_natverksmote_2")
    store.update_meeting(r.mid, contact_person="")
    day = dt.date(2026, 3, 2)
    gaps = [g for g in readiness_gaps(store.get_meeting(r.mid), day) if g.field == "contact_person"]
    assert [g.message for g in gaps] == ["Kontaktperson är inte utsedd"]
    # The case's kontaktperson counts; a rektor is warned about.
    store.update_participant(r.karin, role="Rektor")
    store.update_case(r.cid, contact_person="Karin")
    gaps = [g for g in readiness_gaps(store.get_meeting(r.mid), day) if g.field == "contact_person"]
    assert len(gaps) == 1 and gaps[0].message.startswith("Kontaktpersonen: Karin är rektor.")
    store.update_participant(r.karin, role="Kurator")
    gaps = [g for g in readiness_gaps(store.get_meeting(r.mid), day) if g.field == "contact_person"]
    assert gaps == []


def test_a_norrbus_meeting_has_no_kontaktperson_rule(store):
    r = make_ready(store)
    store.update_participant(r.karin, role="Rektor")
    store.update_case(r.cid, contact_person="Karin")
    gaps = readiness_gaps(store.get_meeting(r.mid), dt.date(2026, 3, 2))
    assert not [g for g in gaps if g.field == "contact_person"]


def test_words_for_the_child_are_kept_and_carried_to_the_follow_up(store):
    r = make_ready(store)
    store.update_action(r.action, child_words="  Du får gå halva dagar i skolan.\n")
    m = store.get_meeting(r.mid)
    assert m.actions[0].child_words == "  Du får gå halva dagar i skolan.\n"
    assert m.actions[0].for_the_child == "Du får gå halva dagar i skolan."
    store.end_meeting(r.mid)
    nxt = store.plan_meeting(r.cid, "uppfoljande_lotsmote")
    assert store.get_meeting(nxt).actions[0].for_the_child == "Du får gå halva dagar i skolan."
