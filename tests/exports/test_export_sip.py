"""The SIP as the family reads it: sections, tables, one signature line per person present."""

from __future__ import annotations

import docx
from export_helpers import (
    IF_WORSE_PLAN,
    action_blocks,
    all_text,
    empty_headings,
    header_text,
    paragraphs,
    reopen,
    row_height,
    signature_blocks,
    table_rows_with,
    table_with,
)

from exports import build_document, write_documents

SIP_HEADINGS = [
    "1. Barnet och vårdnadshavarna",
    "2. Deltagare i nätverket",
    "3. Samtycke",
    "4. Bakgrund och nuläge",
    "4.1 Familjens berättelse",
    "4.2 Professionernas redogörelser",
    "5. Barnets egen beskrivning och mål",
    "6. Mål",
    "7. Insatser",
    "8. Insatser av andra än kommunen och regionen",  # the law's own part (the family's here)
    "9. Det familjen och barnet gör själva",
    "10. Beslut att avstå från utredning eller insats",  # a refusal decision (seed 000)
    "11. Ansvar för planen",
    "12. Nästa uppföljning",
    "13. Underskrifter",
    "14. Kopia till",
]


def signature_names(doc) -> list[str]:
    return [name for name, _org in signature_blocks(doc)]


def test_sip_headings_in_order(demo):
    doc = reopen(build_document("sip", demo[0]))
    heads = [p for p in paragraphs(doc) if p in SIP_HEADINGS]
    assert heads == SIP_HEADINGS


def test_sip_header_marks_secrecy_child_and_date(demo):
    doc = reopen(build_document("sip", demo[0]))
    head = header_text(doc)
    assert "Sekretess enligt 26\u00a0kap. 1\u00a0§\u00a0OSL" in head  # bound: never split
    assert "Samtalsledare: Karin Ek" in head  # who issued it (no template)
    assert "Elsa Nyström" in head and "12 oktober 2026" in head
    assert paragraphs(doc)[0] == "Samordnad individuell plan (SIP)"


def test_sip_footer_counts_pages(demo):
    doc = reopen(build_document("sip", demo[0]))
    footer = doc.sections[0].footer._element.xml
    assert "Sida" in footer and " PAGE " in footer and " NUMPAGES " in footer


def test_sip_people_consent_and_plan(demo):
    doc = reopen(build_document("sip", demo[0]))
    net = table_with(doc, "Namn")
    assert ["Maria Nyström", "070-123 45 67\nmaria.nystrom@example.se", ""] in net
    assert row_height(table_rows_with(doc, "Namn")[1]) >= 510  # no address: room to write it
    people = table_with(doc, "Namn och roll")
    assert people[0] == ["Namn och roll", "Verksamhet och huvudman", "Telefon och e-post"]
    assert ["Lena Åkesson\nSocialsekreterare", "Socialtjänsten\nkommun",
            "0920-45 30 00\nlena.akesson@example.se"] in people  # fmt: skip
    text = all_text(doc)
    assert "Björkskolan, Elevhälsan, Socialtjänsten, BUP" in text
    assert "Uppgifter om föräldrarnas ekonomi" in text
    actions = action_blocks(doc)
    assert actions[0]["Insats 1"] == "Anpassat schema, halva dagar"
    assert (actions[1]["Ansvarig verksamhet"], actions[1]["Ansvarig person"]) == (
        "BUP",
        "Per Öberg",
    )
    assert (actions[2]["Från när"], actions[2]["Hur ofta"]) == ("Februari", "Varje vecka")
    assert actions[0]["Följs upp"] == "26 november 2026"
    assert "Elsa vill börja med halva dagar och ha en lugn plats på rasterna." in text
    assert "Föräldrarna följer Elsa till skolan på morgnarna." in text
    assert "Sara Lind, skolkurator" in text


def test_sip_one_signature_line_per_person_present(demo):
    m = demo[0]
    doc = reopen(build_document("sip", m))
    expected = [p.name for p in m.present] + ["Elsa Nyström"]  # the child was there too
    assert signature_names(doc) == expected
    assert "Jonas Nyström" not in signature_names(doc)  # excused


def test_sip_signature_block_is_never_split(demo):
    doc = reopen(build_document("sip", demo[0]))
    sig = [t for t in doc.tables if t.rows[0].cells[0].text.startswith("\t\n")][0]
    assert len(sig.rows) == 4  # seven signers, two a row
    for i, row in enumerate(sig.rows):
        assert (
            row._tr.trPr is not None
            and row._tr.trPr.find(
                "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}cantSplit"
            )
            is not None
        )
        if i < len(sig.rows) - 1:
            assert all(p.paragraph_format.keep_with_next for p in row.cells[0].paragraphs)


def test_sip_distribution_lists_who_got_a_copy(demo):
    doc = reopen(build_document("sip", demo[0]))
    ps = paragraphs(doc)
    i = ps.index("14. Kopia till")
    assert "☑ Karin Ek, Rektor, Björkskolan" in ps[i:]


def test_sip_blank_fields_are_lines_never_none(demo):
    doc = reopen(build_document("sip", demo[1]))  # planned, nothing filled in yet
    text = all_text(doc)
    assert "None" not in text
    assert "______" in text
    assert empty_headings(doc) == []


def test_sip_rich_meeting_keeps_text_as_typed(rich):
    doc = reopen(build_document("sip", rich["first"]))
    text = all_text(doc)
    ps = paragraphs(doc)
    assert ["Första raden.", "Andra raden med åäö.", "", "Efter tom rad."] == ps[
        ps.index("Första raden.") : ps.index("Första raden.") + 4
    ]
    assert "Orkade inte komma 😔" in ps
    assert "Åsa-Märta Öberg" in header_text(doc)
    assert [next(iter(b)) for b in action_blocks(doc)] == [f"Insats {i}" for i in range(1, 21)]
    assert len(signature_names(doc)) == 13  # a guardian + 12 professionals; the child was absent
    assert "Tolk" in text and "behövs (arabiska)" in text
    # The consent covers six agencies; those present beyond them are named.
    assert "Samtycket omfattar inte: Polisen, Fritidsgården, Elevhälsan, Region Norrbotten." in ps


def test_sip_of_an_open_case_has_no_closing(demo):
    ps = paragraphs(reopen(build_document("sip", demo[0])))
    assert not any(p.endswith("Avslut") for p in ps)
    assert "Om det blir sämre igen" not in ps


def test_sip_of_a_closed_case_prints_the_closing_and_if_worse_plan(rich, tmp_path):
    """The SIP of the meeting at which the case was closed; the earlier meeting's SIP, exported
    after the closing, still states only what was agreed then."""
    (earlier,) = write_documents(rich["first"], ["sip"], tmp_path / "first")
    assert not any(p.endswith(". Avslut") for p in paragraphs(docx.Document(str(earlier))))
    (path,) = write_documents(rich["follow"], ["sip"], tmp_path)
    doc = docx.Document(str(path))
    ps = paragraphs(doc)
    assert any(p.endswith(". Avslut") for p in ps)
    at = ps.index("Om det blir sämre igen")
    assert ps[at + 1 : at + 3] == IF_WORSE_PLAN.split("\n")
    text = all_text(doc)
    assert "Målen är nådda." in text and "23 november 2026" in text
    assert empty_headings(doc) == []


def test_sip_holds_what_the_law_asks(demo):
    """SoL 2 kap. 7 §, HSL 16 kap. 4 §: which actions, who is responsible for each (its
    huvudman), the actions of others than the kommun and the region in their own part, which
    huvudman has the overall responsibility; and the samordnare the family turns to, the
    question of the meeting, how and when each action is followed up, leader and note-taker."""
    doc = reopen(build_document("sip", demo[0]))
    ps = paragraphs(doc)
    text = all_text(doc)
    assert "Frågeställning" in text and "komma tillbaka till skolan" in text
    assert "Samtalsledare" in text and "Karin Ek" in text and "Sara Lind" in text
    others = ps.index("8. Insatser av andra än kommunen och regionen")
    assert ps.index("7. Insatser") < others < ps.index("9. Det familjen och barnet gör själva")
    huvudman = [block["Huvudman"] for block in action_blocks(doc)]
    assert huvudman == ["Kommunen", "Regionen", "Kommunen", "Annan (t.ex. familjen)"]
    assert "Lugn morgonrutin hemma" in text and "Föräldrarna berättar vid lotsmötet" in text
    facts = {r[0]: r[1] for t in doc.tables for r in ([c.text for c in row.cells] for row in t.rows)
             if len(r) >= 2}  # fmt: skip
    assert facts["Huvudansvar för planen"] == "Kommunen"
    assert facts["Samordnarens telefon och e-post"] == "0920-45 60 20, sara.lind@example.se"


def test_a_plan_changed_after_the_meeting_says_reviderad(tmp_path):
    """A held meeting changed afterwards ("Ändra i ett hållet möte"): every document exported
    after it says "Reviderad <datum>" in the header; before the change, nothing of the kind."""
    import datetime as dt

    from model.clock import FixedClock
    from model.db import open_database
    from model.demo import populate
    from model.store import Store

    db = open_database(tmp_path / "r.db")
    try:
        store = Store(db, clock=FixedClock.on(dt.date(2026, 3, 2)))
        populate(store, today=dt.date(2026, 3, 2))
        held = store.get_meeting(1)
        assert held.revised_at is None
        assert "Reviderad" not in header_text(reopen(build_document("sip", held)))
        store.update_action(held.actions[0].id, result="Tillagt i efterhand")
        revised = store.get_meeting(1)
        for code in ("sip", "narvaro", "anteckningar"):
            head = header_text(reopen(build_document(code, revised)))
            assert "Reviderad 2 mars 2026" in head, (code, head)
    finally:
        db.close()
