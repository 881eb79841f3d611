"""The Västbas roles of the case are printed where the Västbas routines print roles: the
responsibility table of the handlingsplan (nätverksmöte 2) and, for the meetings without a
summary (förmöte, nätverksmöte 1), a table under the meeting's facts in the notes."""

from __future__ import annotations

from export_helpers import all_text, cells, reopen

from exports import build_document


def _vastbas(store) -> dict[str, int]:
    cid = store.create_case("Noa Berg", routine_id="vastbas_formote")
    store.add_participant(cid, "Ahmed Hassan", organisation="Ekskolan", role="Kurator")
    store.update_case(cid, coordinator_1="Eva Lund", coordinator_2="Omar Ali",
                      contact_person="Ahmed Hassan", spokesperson="Britt Berg",
                      spokesperson_relation="mormor")  # fmt: skip
    return {
        "cid": cid,
        "formote": store.plan_meeting(cid, "vastbas_formote", planned_date="2026-03-02"),
        "nm2": store.plan_meeting(cid, "vastbas_natverksmote_2", planned_date="2026-03-20"),
    }


def _rows(doc) -> dict[str, str]:
    return {row[0]: row[1] for table in cells(doc) for row in table if len(row) == 2}


def test_the_handlingsplan_prints_the_roles(store):
    ids = _vastbas(store)
    rows = _rows(reopen(build_document("sip", store.get_meeting(ids["nm2"]))))
    assert rows["Koordinator 1 (leder processen)"] == "Eva Lund"
    assert rows["Koordinator 2 (dokumenterar)"] == "Omar Ali"
    assert rows["Kontaktperson"] == "Ahmed Hassan"
    assert rows["Barnets språkrör"] == "Britt Berg (mormor)"
    # A språkrör named at the meeting itself is what that meeting's plan says.
    store.update_meeting(ids["nm2"], childs_voice="Mentor Sven")
    rows = _rows(reopen(build_document("sip", store.get_meeting(ids["nm2"]))))
    assert rows["Barnets språkrör"] == "Mentor Sven"


def test_the_notes_of_a_formote_print_the_roles_with_room_to_write(store):
    ids = _vastbas(store)
    doc = reopen(build_document("anteckningar", store.get_meeting(ids["formote"])))
    assert "Roller i Västbasprocessen" in all_text(doc)
    rows = _rows(doc)
    assert rows["Koordinator 1 (leder processen)"] == "Eva Lund"
    assert rows["Barnets språkrör"] == "Britt Berg (mormor)"
    store.update_case(ids["cid"], spokesperson="", spokesperson_relation="")
    rows = _rows(reopen(build_document("anteckningar", store.get_meeting(ids["formote"]))))
    assert rows["Barnets språkrör"] == ""  # a row to write the språkrör in by hand


def test_a_norrbus_plan_has_no_vastbas_roles(demo):
    held, _planned = demo
    text = all_text(reopen(build_document("sip", held)))
    assert "Koordinator 1" not in text and "Barnets språkrör" not in text
    assert "Roller i Västbasprocessen" not in all_text(reopen(build_document("anteckningar", held)))
