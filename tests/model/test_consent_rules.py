"""The guide's rules for consents and people: the exclusions read out, the agencies a verbal
consent may be prefilled with, who signs by default and by choice, and who is family."""

from __future__ import annotations

import datetime as dt

import pytest

from model.consent import exclusion_line, exclusions_in_force, prefill_agencies
from model.readiness import readiness_gaps
from model.relations import is_relation, walk_in_person
from model.views import ConsentView

ON = dt.date(2026, 3, 2)


def consent(given_on: str, exclusions: str = "", agencies: tuple[str, ...] = (),
            valid_until: str | None = None, revoked_on: str | None = None,
            form: str = "skriftligt", given_by: str = "Lina Berg") -> ConsentView:  # fmt: skip
    return ConsentView(
        id=1, given_by=given_by, given_on=dt.date.fromisoformat(given_on), form=form,
        agencies=agencies, information_kinds="", exclusions=exclusions,
        valid_until=dt.date.fromisoformat(valid_until) if valid_until else None,
        revoked_on=dt.date.fromisoformat(revoked_on) if revoked_on else None,
    )  # fmt: skip


def test_only_consents_in_force_with_exclusions_are_read_out():
    written = consent("2026-01-10", "BUP", ("Ekskolan",))
    verbal = consent("2026-02-01", "", ("Familjens nätverk",), form="muntligt")
    expired = consent("2025-01-10", "Fritidsgården", valid_until="2026-01-01")
    revoked = consent("2026-01-11", "Habiliteringen", revoked_on="2026-02-01")
    later = consent("2026-04-01", "Polisen")
    found = exclusions_in_force([written, verbal, expired, revoked, later], ON)
    assert found == [written]
    assert exclusion_line(written) == (
        "Samtycke 2026-01-10 (skriftligt, Lina Berg) omfattar inte: BUP"
    )


def test_an_exclusion_of_several_lines_is_one_line_and_the_name_can_be_initials():
    c = consent("2026-01-10", "BUP\n\n  Uppgifter om ekonomin  \n", given_by="Lina [mamma] Berg")
    assert exclusion_line(c) == (
        "Samtycke 2026-01-10 (skriftligt, Lina [mamma] Berg) omfattar inte: "
        "BUP; Uppgifter om ekonomin"
    )
    assert exclusion_line(c, lambda name: "L.B.").startswith(
        "Samtycke 2026-01-10 (skriftligt, L.B.)"
    )


def test_no_prefill_ever_adds_an_excluded_agency():
    in_force = [
        consent("2026-01-10", "BUP ska inte få uppgifter", ("Ekskolan", "Socialtjänsten")),
        consent("2026-02-01", "Fritidsgården", ("Familjens nätverk",), form="muntligt"),
    ]
    agencies = ["Ekskolan", "BUP", "Habiliteringen", "", "  ", "fritidsgården",
                "habiliteringen", "Elevhälsan", "bup"]  # fmt: skip
    assert prefill_agencies(agencies, in_force) == ["Habiliteringen", "Elevhälsan"]
    assert prefill_agencies(["BUP"], []) == ["BUP"]  # no consent: nothing is excluded either


@pytest.mark.parametrize("typed, expected", [
    (("mormor", ""), ("other", "", "mormor")),
    (("Farmor", "hämtar Elsa"), ("other", "", "Farmor, hämtar Elsa")),
    (("granne (familjens vän)", ""), ("other", "", "granne (familjens vän)")),
    (("", ""), ("other", "", "")),
    (("", "mormor"), ("other", "", "mormor")),
    (("Fritidsgården", "Ledare"), ("professional", "Fritidsgården", "Ledare")),
    (("Mora kommun", ""), ("professional", "Mora kommun", "")),
])  # fmt: skip
def test_a_relation_typed_as_the_agency_is_a_private_person(typed, expected):
    assert walk_in_person(*typed) == expected
    assert is_relation(typed[0]) == (expected[0] == "other" and bool(typed[0]))


def _meeting(store):
    cid = store.create_case("Noa Berg")
    lina = store.add_guardian(cid, "Lina Berg")
    britt = store.add_participant(cid, "Britt Ek", organisation="Ekskolan")
    mid = store.plan_meeting(cid, "forsta_natverksmote", planned_date=ON,
                             invitee_ids=[lina, britt])  # fmt: skip
    store.start_meeting(mid)
    for pid in (lina, britt):
        store.set_attendance(mid, pid, status="present")
    return mid, lina, britt


def _signs(store, mid):
    return {a.participant.name: (a.signs, a.signed, a.signs_plan)
            for a in store.get_meeting(mid).attendance}  # fmt: skip


def test_a_grandmother_who_walks_in_gives_no_account_and_does_not_sign(store):
    mid, lina, britt = _meeting(store)
    gun = store.add_walk_in(mid, "Gun Berg", "mormor")
    view = store.get_meeting(mid)
    person = next(a.participant for a in view.attendance if a.participant.id == gun)
    assert (person.kind, person.organisation, person.role) == ("other", "", "mormor")
    assert not person.is_professional
    assert [a.participant.name for a in view.signers] == ["Lina Berg", "Britt Ek"]
    fields = [g.field for g in readiness_gaps(view, today=ON)]
    assert f"signature:{lina}" in fields and f"signature:{gun}" not in fields


def test_who_signs_is_chosen_per_person_and_choosing_back_restores_the_default(store):
    mid, lina, britt = _meeting(store)
    gun = store.add_walk_in(mid, "Gun Berg", "mormor")
    store.set_attendance(mid, britt, signed=True)
    store.set_signs(mid, britt, False)  # the school does not sign: it has not signed either
    store.set_signs(mid, gun, True)
    assert _signs(store, mid) == {"Lina Berg": (None, False, True),
                                  "Britt Ek": (False, False, False),
                                  "Gun Berg": (True, False, True)}  # fmt: skip
    view = store.get_meeting(mid)
    signature_gaps = [g.field for g in readiness_gaps(view, today=ON) if "signature" in g.field]
    assert signature_gaps == [f"signature:{lina}", f"signature:{gun}"]
    store.set_signs(mid, britt, True)  # chosen back: the default again, stored as such
    store.set_signs(mid, gun, False)
    assert _signs(store, mid) == {"Lina Berg": (None, False, True),
                                  "Britt Ek": (None, False, True),
                                  "Gun Berg": (None, False, False)}  # fmt: skip
    store.set_signs(mid, lina, None)
    assert _signs(store, mid)["Lina Berg"] == (None, False, True)


def test_set_signs_refuses_a_person_of_another_case(store):
    from model.store.base import NotFound
    from model.validation import InvalidInput

    mid, _, _ = _meeting(store)
    other = store.create_case("Alva")
    stranger = store.add_guardian(other, "Eva")
    with pytest.raises(InvalidInput, match="annat ärende"):
        store.set_signs(mid, stranger, True)
    with pytest.raises(NotFound):
        store.set_signs(mid, 99999, True)
