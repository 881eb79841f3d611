"""Uppföljning av SIP: attendance, earlier actions evaluated, goals, closing or next meeting."""

from __future__ import annotations

import docx
from export_helpers import (
    IF_WORSE_PLAN,
    action_blocks,
    all_text,
    empty_headings,
    is_write_line,
    paragraphs,
    reopen,
    row_height,
    table_rows_with,
    table_with,
)

from exports import build_document, write_documents


def test_followup_attendance_with_reasons(rich):
    doc = reopen(build_document("uppfoljning", rich["follow"]))
    att = table_with(doc, "Namn")
    assert ["Fatima Öberg", "Vårdnadshavare", "närvarande", ""] in att
    assert ["Örjan Öberg", "Vårdnadshavare", "anmält förhinder", "Arbetsresa"] in att
    assert ["Person 2 Ekström", "Socialtjänsten, Handläggare", "frånvarande", ""] in att
    assert ["Åsa-Märta Öberg", "Barnet", "närvarande", ""] in att


def test_followup_each_earlier_action_with_status_and_result(rich):
    m = rich["follow"]
    doc = reopen(build_document("uppfoljning", m))
    earlier = table_with(doc, "Insats")  # the first table headed Insats: the earlier actions
    assert earlier[0] == ["Insats", "Ansvarig", "Status", "Resultat"]
    assert len(earlier) == 1 + len(m.carried_actions) == 21
    assert earlier[1][2:] == ["genomförd", "Fungerade bra, åäö."]
    assert earlier[2][2:] == ["ej genomförd", "Blev inte av 😕"]
    assert earlier[3][2:] == ["planerad", ""]  # no result yet: a row tall enough to write in
    assert row_height(table_rows_with(doc, "Insats")[3]) >= 510


def test_followup_goals_and_revised_plan(rich):
    doc = reopen(build_document("uppfoljning", rich["follow"]))
    goals = table_with(doc, "Typ")
    assert ["Övergripande mål", "Mål 1: må bättre i skolan", "Halvvägs dit"] in goals
    assert "Delmål: Nytt delmål efter uppföljningen" in paragraphs(doc)
    forward = {next(k for k in b if k.startswith("Insats ")): b for b in action_blocks(doc)}
    assert forward["Insats 21"]["Insats 21"] == "Ny insats: läxhjälp"
    assert forward["Insats 21"]["Ansvarig verksamhet"] == "Fritidsgården"
    assert "Insats 1" not in forward and "Insats 2" not in forward  # done / not done


def test_followup_closing_instead_of_next_meeting(rich):
    doc = reopen(build_document("uppfoljning", rich["follow"]))
    ps = paragraphs(doc)
    assert "9. Avslut" in ps and not any(p.endswith("Nästa uppföljning") for p in ps)
    text = all_text(doc)
    assert "Målen är nådda." in text and "23 november 2026" in text
    assert "Jag vill ha lugn 🙂" in ps and "och ro." in ps


def test_followup_closing_prints_how_the_family_acts_if_worse(rich, tmp_path):
    (path,) = write_documents(rich["follow"], ["uppfoljning"], tmp_path)
    ps = paragraphs(docx.Document(str(path)))
    at = ps.index("Om det blir sämre igen")
    assert ps[at + 1 : at + 3] == IF_WORSE_PLAN.split("\n")
    # The closing step's general notes are not passed off as the plan (they are in the notes).
    assert "Ring samordnaren eller skolan direkt." not in ps
    notes = paragraphs(docx.Document(str(write_documents(rich["follow"], ["anteckningar"],
                                                         tmp_path)[0])))  # fmt: skip
    joined = "\n".join(notes)
    assert "Ring samordnaren eller skolan direkt." in joined and IF_WORSE_PLAN in joined


def test_followup_closing_without_plan_leaves_lines_to_write_on(store, rich):
    case_id = rich["follow"].case.id
    store.update_case(case_id, if_worse_plan="")
    doc = reopen(build_document("uppfoljning", store.get_meeting(rich["follow"].id)))
    ps = paragraphs(doc)
    at = ps.index("Om det blir sämre igen")
    assert is_write_line(doc.paragraphs[at + 1]) and is_write_line(doc.paragraphs[at + 2])
    assert "None" not in all_text(doc)


def test_followup_planned_lists_invitees_and_next_meeting(demo):
    doc = reopen(build_document("uppfoljning", demo[1]))
    ps = paragraphs(doc)
    assert "10. Nästa uppföljning" in ps  # after the refusal decision
    att = table_with(doc, "Namn")
    assert ["Karin Ek", "Björkskolan, Rektor", "", ""] in att  # marked at the meeting
    assert "Varför barnet inte deltog" in ps
    assert empty_headings(doc) == []
    assert "None" not in all_text(doc)
