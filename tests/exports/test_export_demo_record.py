"""The demo's documents state what was entered (issue 9): leader and note-taker, both consents
and the exclusion, refusal decisions, deviations since the last meeting, the invited agencies
that did not come, the closing, and the day the meeting was actually held."""

from __future__ import annotations

import datetime as dt

import docx
import pytest
from export_helpers import (
    DAY,
    action_blocks,
    all_text,
    empty_headings,
    header_text,
    paragraphs,
    reopen,
    table_with,
)

from exports import build_document, write_documents

HELD_ON = DAY + dt.timedelta(days=1)  # the follow-up was planned for DAY + 3 (moved there)
IF_WORSE = "Föräldrarna ringer Sara Lind på 0920-45 60 20.\nKvällstid: socialjouren."


def facts(doc) -> dict[str, str]:
    """Label -> value of the two-column fact tables; the first occurrence of a label wins."""
    out: dict[str, str] = {}
    for t in doc.tables:
        for row in t.rows:
            texts = [c.text for c in row.cells]
            if len(texts) == 2:
                out.setdefault(texts[0], texts[1])
    return out


def hold_follow_up(store, meeting_id: int, close: bool = False) -> None:
    """Hold the demo's follow-up two days before its planned day: BUP sends word it cannot
    come, the rest come; optionally the case is closed at it."""
    store.start_meeting(meeting_id, held_on=HELD_ON)
    view = store.get_meeting(meeting_id)
    for a in view.attendance:
        p = a.participant
        if p.name == "Per Öberg":
            store.set_attendance(meeting_id, p.id, status="excused", reason="Sjuk")
        else:
            store.set_attendance(meeting_id, p.id, status="present", signed=True)
    store.update_meeting(meeting_id, child_present=True)
    for a in view.carried_actions:
        store.update_action(a.id, status="ongoing", result="Går framåt.")
    if close:
        store.close_case(view.case.id, "Elsa går i skolan hela dagar igen.",
                         family_told_if_worse=True, on=HELD_ON, if_worse_plan=IF_WORSE)  # fmt: skip
    store.end_meeting(meeting_id)


@pytest.fixture
def held(store, demo):
    """The demo with its follow-up held (on another day than planned)."""
    hold_follow_up(store, demo[1].id)
    return store.get_meeting(demo[0].id), store.get_meeting(demo[1].id)


@pytest.fixture
def closed(store, demo):
    """The demo with its follow-up held as the closing meeting."""
    hold_follow_up(store, demo[1].id, close=True)
    return store.get_meeting(demo[1].id)


@pytest.mark.parametrize("which", ["sip", "uppfoljning"])
def test_leader_and_note_taker_are_printed(held, which):
    m = held[0] if which == "sip" else held[1]
    doc = reopen(build_document(which, m))
    f = facts(doc)
    assert f["Samtalsledare"] == "Karin Ek"
    assert f["Antecknare"] == "Sara Lind"


def test_kallelse_names_leader_and_note_taker_on_one_row(demo):
    f = facts(reopen(build_document("kallelse", demo[1])))
    assert f["Samtalsledare"] == "Karin Ek (antecknare: Sara Lind)"


def test_consent_form_names_the_leader_who_issued_it(demo):
    doc = reopen(build_document("samtycke", demo[0]))
    assert "Samtalsledare: Karin Ek" in header_text(doc)


def test_sip_prints_both_consents_and_leaves_out_the_excluded_agency(demo):
    doc = reopen(build_document("sip", demo[0]))
    f_rows = [
        [c.text for c in row.cells] for t in doc.tables for row in t.rows if len(row.cells) == 2
    ]
    given = [v for k, v in f_rows if k == "Samtycke från"]
    assert len(given) == 2
    assert "skriftligt" in given[0] and "muntligt" in given[1]
    between = [v for k, v in f_rows if k == "Gäller mellan"]
    assert between == ["Björkskolan, Elevhälsan, Socialtjänsten, BUP", "Familjens nätverk"]
    assert any(
        "Fritidsgården ska inte få uppgifter" in v for k, v in f_rows if k.startswith("Undantag")
    )
    # The family excluded Fritidsgården: Eva Holm is in the network but not in the plan's list.
    people = table_with(doc, "Namn och roll")
    assert not any("Eva Holm" in row[0] for row in people)
    assert any("Ahmed Hassan" in row[0] for row in people)
    assert "Undantagen i samtycket, får inga uppgifter ur planen: Fritidsgården." in paragraphs(doc)


def test_sip_flags_the_invited_agency_that_did_not_come(demo):
    doc = reopen(build_document("sip", demo[0]))
    ps = paragraphs(doc)
    at = ps.index("Kallade som inte kom:")
    assert ps[at + 1] == (
        "⚠ Elevhälsan – Mona Berg, Skolsköterska: anmält förhinder (Vaccinationsdag på en "
        "annan skola); skriftlig redogörelse lämnad"
    )
    assert ps[at + 2] == "Alla kallade aktörer ska komma till mötet."
    # Only professionals are flagged: the excused father is in the attendance, not here.
    assert not any("Jonas Nyström" in p for p in ps[at : at + 3])
    # Her written account is printed, marked as written.
    assert "Mona Berg, Skolsköterska, Elevhälsan (skriftlig redogörelse)" in ps


def test_sip_prints_the_refusal_decision(demo):
    doc = reopen(build_document("sip", demo[0]))
    ps = paragraphs(doc)
    heading = next(p for p in ps if p.endswith("Beslut att avstå från utredning eller insats"))
    assert ps.index(heading) < next(i for i, p in enumerate(ps) if p.endswith("Ansvar för planen"))
    rows = table_with(doc, "Verksamhet")
    assert rows[0] == ["Verksamhet", "Beslut", "Motivering", "Datum"]
    assert rows[1][0:2] == ["Habiliteringen", "Avstår från insats"]
    assert rows[1][2].startswith("Elsa har ingen diagnos som ger rätt till habilitering")
    assert rows[1][3] == "9 oktober 2026"  # three days before the first meeting


def test_a_refusal_made_after_the_meeting_is_not_in_its_plan(store, demo):
    store.add_refusal(demo[0].case.id, "Logopeden", decision="Avstår från utredning",
                      reasons="Inga språksvårigheter.", decided_on=DAY)  # fmt: skip
    text = all_text(reopen(build_document("sip", store.get_meeting(demo[0].id))))
    assert "Habiliteringen" in text and "Logopeden" not in text
    follow = all_text(reopen(build_document("uppfoljning", store.get_meeting(demo[1].id))))
    assert "Logopeden" in follow and "Habiliteringen" in follow


def test_planned_followup_prints_refusal_and_deviation_with_rows_to_write_in(demo):
    doc = reopen(build_document("uppfoljning", demo[1]))
    ps = paragraphs(doc)
    assert "4. Avvikelser sedan förra mötet" in ps
    dev = table_with(doc, "Datum")
    assert dev[0] == ["Datum", "Insats", "Vad gick fel", "Rapporterad av / till"]
    assert dev[1] == [
        "13 november 2026",
        "KBT-samtal",
        "Det första KBT-samtalet ställdes in två gånger.",
        "Av: Maria Nyström\nTill: Verksamhetschefen på BUP",
    ]
    assert dev[2:] == [["", "", "", ""]] * 2  # new ones are written in at the meeting
    assert ["Habiliteringen", "Avstår från insats"] == table_with(doc, "Verksamhet")[1][:2]
    assert "Kallade som inte kom:" not in ps  # nobody has come or not yet
    assert empty_headings(doc) == []


def test_held_followup_states_what_the_law_asks_and_who_did_not_come(held):
    m = held[1]
    doc = reopen(build_document("uppfoljning", m))
    ps = paragraphs(doc)
    f = facts(doc)
    assert "Frågeställning" in ps
    assert "Hur har det gått med det anpassade schemat och samtalen?" in ps
    at = ps.index("Kallade som inte kom:")
    assert ps[at + 1] == "⚠ BUP – Per Öberg, Psykolog: anmält förhinder (Sjuk)"
    assert [b["Huvudman"] for b in action_blocks(doc)] == [
        "Kommunen", "Regionen", "Kommunen", "Annan (t.ex. familjen)"
    ]  # fmt: skip
    assert f["Huvudansvar för planen"] == "Kommunen"
    assert f["Samordnarens telefon och e-post"] == "0920-45 60 20, sara.lind@example.se"
    dev = table_with(doc, "Datum")
    assert len(dev) == 2 and dev[1][1] == "KBT-samtal"  # held: no empty rows
    assert any(p.endswith("Nästa uppföljning") for p in ps)


def test_held_followup_without_deviations_says_so(store, held):
    (dev,) = held[1].case.deviations  # reported after this meeting: not one of its own
    store.update_deviation(dev.id, reported_on=HELD_ON + dt.timedelta(days=1))
    doc = reopen(build_document("uppfoljning", store.get_meeting(held[1].id)))
    ps = paragraphs(doc)
    at = ps.index("4. Avvikelser sedan förra mötet")
    assert ps[at + 1] == "Inga avvikelser har rapporterats sedan förra mötet."


def test_held_date_is_in_the_text_and_the_file_name(held, tmp_path):
    m = held[1]
    assert m.planned_date == DAY + dt.timedelta(days=3) and m.held_on == HELD_ON
    (path,) = write_documents(m, ["uppfoljning"], tmp_path)
    assert path.name.endswith("_2026-11-24.docx")
    doc = docx.Document(str(path))
    assert facts(doc)["Datum"] == "24 november 2026"
    assert "24 november 2026" in header_text(doc)
    assert "26 november 2026" not in header_text(doc)


def test_closing_meetings_followup_prints_the_closing_not_a_next_meeting(closed, tmp_path):
    (path,) = write_documents(closed, ["uppfoljning"], tmp_path)
    doc = docx.Document(str(path))
    ps = paragraphs(doc)
    assert not any(p.endswith("Nästa uppföljning") for p in ps)
    avslut = next(p for p in ps if p.endswith(". Avslut"))
    assert ps.index(avslut) < next(i for i, p in enumerate(ps) if p.endswith("Underskrifter"))
    f = facts(doc)
    assert f["Ärendet avslutades"] == "24 november 2026"
    assert f["Skäl till avslut"] == "Elsa går i skolan hela dagar igen."
    assert f["Familjen har fått veta hur de gör om det blir sämre igen"] == "ja"
    at = ps.index("Om det blir sämre igen")
    assert ps[at + 1 : at + 3] == IF_WORSE.split("\n")
    assert empty_headings(doc) == []


def test_kallelse_goes_to_no_excluded_agency(demo):
    """Fritidsgården is in the network but excluded in the consent: not called, not named."""
    doc = reopen(build_document("kallelse", demo[1]))
    ps = paragraphs(doc)
    called = ps[ps.index("Kallade") + 1 : ps.index("Dagordning")]
    assert "Per Öberg, Psykolog, BUP" in called
    assert not any("Eva Holm" in p or "Fritidsgården" in p for p in called)
