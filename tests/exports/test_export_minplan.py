"""Min plan, the plan the child keeps: reopened for the demo case, it says in plain words what
the child wants and does, what each adult does (the words for the child, else the action's
title), who the child can talk to and when everyone meets next; a line for the child to write
their name and a frame to draw in; no personnummer, no professional notes or accounts, and no
header, only the secrecy marking in the footer."""

from __future__ import annotations

from pathlib import Path

from export_helpers import all_text, paragraphs, reopen

from exports import build_document, write_documents
from exports.layout import OSL_DEFAULT, nb
from exports.minplan import BODY, DRAWING_HEIGHT_CM, day_words
from model.settings import Settings

NOTE = "Mamma oroar sig för att Elsa inte sover, sa BUP i förtroende."
WORDS = "Du får gå halva dagar i skolan en tid."


def _demo_with_words(store):
    """The demo's held meeting, with a professional note, the words for the child on the
    first action and a språkrör (written here: the demo itself is not changed)."""
    m = store.get_meeting(1)
    store.set_note(m.id, "fragestund", NOTE)
    store.update_action(m.actions[0].id, child_words=WORDS)
    store.update_case(m.case.id, spokesperson="Britt Nyström", spokesperson_relation="mormor")
    return store.get_meeting(1)


def test_min_plan_of_the_demo_case_says_it_in_the_childs_words(demo, store):
    m = _demo_with_words(store)
    doc = reopen(build_document("minplan", m))
    ps = paragraphs(doc)
    assert ps[0] == "Min plan"
    assert ps[1].startswith("Mitt namn: ") and ps[1].strip() == "Mitt namn:"  # a line to write on
    assert "Elsa Nyström" not in all_text(doc)  # the child writes the name
    # The child's own goal and what the child does.
    i = ps.index("Det här vill jag")
    assert ps[i + 1] == "•\tJag vill kunna vara med på rasterna igen."
    j = ps.index("Det här gör jag")
    assert ps[j + 1] == "•\tElsa säger till mentor när det känns jobbigt."
    # Each adult: the words for the child, else the action's title.
    k = ps.index("Det här gör de vuxna")
    adults = ps[k + 1 : ps.index("Jag kan prata med")]
    assert adults == [
        f"•\tAhmed Hassan, mentor: {WORDS}",
        "•\tPer Öberg: KBT-samtal",
        "•\tLena Åkesson: Föräldrastöd",
        "•\tMaria och Jonas Nyström: Lugn morgonrutin hemma",
    ]
    talk = ps[ps.index("Jag kan prata med") + 1 : ps.index("Nästa gång vi ses")]
    assert talk[0].startswith("•\tBritt Nyström (mormor) – mitt språkrör.")
    assert talk[1].startswith("•\tSara Lind, skolkurator – håller ihop planen")
    assert "0920\u201145\u00a060\u00a020" in talk[1]  # the phone number never breaks
    when = ps[ps.index("Nästa gång vi ses") + 1]
    assert (
        when
        == f"{day_words(m.next_date).capitalize()} klockan 14.00, Björkskolan, konferensrummet."
    )


def test_min_plan_has_no_personnummer_notes_accounts_or_header(demo, store):
    m = _demo_with_words(store)
    settings = Settings(organisation="Kalix kommun", leader_name="Sara Lind")
    doc = reopen(build_document("minplan", m, settings))
    text = all_text(doc)
    digits = "".join(ch for ch in text if ch.isdigit())
    for pnr in ("201503122382", "1503122382", "150312"):
        assert pnr not in digits
    assert NOTE not in text and "förtroende" not in text
    for account in m.accounts:  # what the professionals reported stays in the SIP
        assert account.assessments not in text and account.interventions not in text
    assert "Samordnad individuell plan" not in text and "Insats" not in text
    section = doc.sections[0]
    assert "".join(p.text for p in section.header.paragraphs) == ""  # no OSL header
    assert "Kalix kommun" not in text
    footer = [p.text for p in section.footer.paragraphs]
    assert footer == [nb(OSL_DEFAULT), "Sida 1 av 1"]  # the marking, in the footer only


def test_min_plan_is_in_large_type_with_a_frame_to_draw_in(demo, store):
    doc = reopen(build_document("minplan", _demo_with_words(store)))
    (frame,) = doc.tables
    assert len(frame.rows) == 1 and len(frame.columns) == 1
    assert abs(frame.rows[0].height.cm - DRAWING_HEIGHT_CM) < 0.05
    body = [r for p in doc.paragraphs if p.text.startswith("•") for r in p.runs if r.text.strip()]
    assert body and all(r.font.size.pt >= BODY for r in body)
    assert doc.paragraphs[0].runs[0].font.size.pt >= 28


def test_min_plan_of_a_planned_meeting_names_that_meeting_and_has_lines_to_write(demo, store):
    planned = store.get_meeting(2)
    doc = reopen(build_document("minplan", planned))
    ps = paragraphs(doc)
    when = ps[ps.index("Nästa gång vi ses") + 1]
    assert when.startswith(day_words(planned.planned_date).capitalize())


def test_min_plan_is_written_as_a_file_beside_the_others(demo, store, tmp_path):
    (path,) = write_documents(store.get_meeting(1), ["minplan"], tmp_path)
    assert path.name.startswith("Min_plan_EN_") and path.suffix == ".docx"


def test_lotsen_export_doc_minplan(tmp_path, monkeypatch, capsys):
    import docx

    from model.demo import write_demo
    from tui.cli import main

    monkeypatch.setenv("LOTSEN_DOCUMENTS_DIR", str(tmp_path / "dokument"))
    write_demo(tmp_path / "demo.db")
    argv = ["export", "--db", str(tmp_path / "demo.db"), "--meeting", "1", "--doc", "minplan"]
    assert main([*argv, "--out", str(tmp_path / "ut")]) == 0
    path = Path(capsys.readouterr().out.strip())
    assert path.parent == tmp_path / "ut" and path.name.startswith("Min_plan_EN_")
    ps = paragraphs(docx.Document(str(path)))
    assert ps[0] == "Min plan" and "Det här gör de vuxna" in ps
