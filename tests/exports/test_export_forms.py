"""The forms as the routines describe them: Kallelse, Sekretessamtycke, Närvarolista,
Minnesanteckningar; blank and planned forms never state what has not happened."""

from __future__ import annotations

import dataclasses
import datetime as dt

from export_helpers import (
    all_text,
    cells,
    empty_headings,
    is_write_line,
    paragraphs,
    reopen,
    row_height,
    signature_blocks,
    table_rows_with,
    table_with,
)

from exports import DOCUMENTS, build_document
from exports.text import date_words

# Things that are only true after a meeting, never on a planned or blank form.
PAST = ("Ingen redogörelse antecknades.", "Sekretessen togs upp: nej", "ej markerad",
        "Fyll i för hand.", "Inga nya mål.", "Kan du inte komma?", "Mötet pågick")  # fmt: skip


def facts(doc, index: int = 0) -> dict[str, str]:
    return dict(r[:2] for r in cells(doc)[index])


def test_planned_forms_state_nothing_past(demo, heavy):
    for m in (demo[1], heavy["planned"]):
        assert m.status == "planned"
        for code in DOCUMENTS:
            doc = reopen(build_document(code, m))
            text = all_text(doc)
            for phrase in PAST:
                assert phrase not in text, (code, phrase)
            assert empty_headings(doc) == [], code


def test_invitation_has_contact_times_reply_interpreter_and_the_routines_rule(heavy):
    m = heavy["planned"]
    doc = reopen(build_document("kallelse", m))
    f = facts(doc)
    assert f["Tid"] == "09.00\u2060–\u206010.10"  # start + the routine's 70 minutes, bound
    assert f["Kallas av"] == "Förnamn1 Efternamnsson"
    assert f["Kontakt"] == "Rektor, Ängskolan\n0923-01 56 78\nfornamn1.efternamnsson@kalix.se"
    assert f["Svara senast"] == ""  # not kept yet: written by hand in a tall row
    rows = {r.cells[0].text: r for r in doc.tables[0].rows}
    assert row_height(rows["Svara senast"]) >= 510
    assert f["Tolk"].startswith("☐ behövs inte")
    assert f["Kallelsen utfärdad"] == date_words(dt.date.today())
    ps = paragraphs(doc)
    assert "Kom väl förberedd; sekretessfrågor ska vara utklarade före mötet." in ps
    assert "Alla kallade aktörer måste komma till mötet." in ps  # Norrbus (seed 002)
    assert not any("Kan du inte komma" in p for p in ps)


def test_invitation_of_a_vastbus_meeting_says_it_may_be_called_off(demo):
    from model.routines import get_routine

    m = dataclasses.replace(demo[1], routine=get_routine("forsta_natverksmote_vastbus"))
    ps = paragraphs(reopen(build_document("kallelse", m)))
    assert any("kan mötet ställas in eller flyttas" in p for p in ps)


def test_invitation_names_the_interpreter(rich):
    f = facts(reopen(build_document("kallelse", rich["first"])))
    assert f["Tolk"] == "Tolk behövs (arabiska)"


def test_consent_form_purpose_tick_rows_how_and_when_and_signatures(heavy):
    m = heavy["planned"]
    doc = reopen(build_document("samtycke", m))
    ps = paragraphs(doc)
    assert any(p.startswith("Syftet är att barnet och familjen") for p in ps)
    ticks = table_with(doc, "Verksamhet")
    assert ticks[0] == ["Verksamhet", "Samtycker", "Samtycker inte"]
    agencies = [r[0] for r in ticks[1:] if r[0]]
    assert "Socialförvaltningen" in agencies and "Region Norrbotten" in agencies
    assert all(r[1:] == ["☐ samtycker", "☐ samtycker inte"] for r in ticks[1:])
    assert ticks[-1][0] == ""  # a row for an agency written by hand
    how = table_with(doc, "Lämnat av")  # one row per consent in force on the meeting's day
    assert len(how) >= 2 and all(row[2] in ("skriftligt", "muntligt") for row in how[1:])
    assert "skriftligt" in [row[2] for row in how[1:]]
    assert any(p.startswith("Jag/vi samtycker") for p in ps)
    names = [n for n, _ in signature_blocks(doc)]
    assert names == ["Kristina Johansson-Lindqvist", "Mikael Lindqvist",
                     "Alexander Johansson-Lindqvist"]  # fmt: skip


def test_consent_form_without_a_recorded_consent_asks_how_and_when(demo):
    case = dataclasses.replace(demo[1].case, consents=())
    m = dataclasses.replace(demo[1], case=case)
    doc = reopen(build_document("samtycke", m))
    f = table_with(doc, "Form")
    assert f[0][1].startswith("☐ skriftligt") and "☐ muntligt" in f[0][1]
    assert ["Datum", ""] in f
    ps = paragraphs(doc)
    at = ps.index("Uppgifter som får lämnas")
    assert is_write_line(doc.paragraphs[at + 1])


def test_attendance_list_rows_are_tall_enough_to_sign(heavy):
    doc = reopen(build_document("narvaro", heavy["planned"]))
    rows = table_rows_with(doc, "Namn")
    assert len(rows) == 1 + 14 + 1 + 6  # header, 14 called, the child, 6 walk-ins
    assert all(row_height(r) >= 567 for r in rows[1:])  # at least 10 mm
    assert all(r.cells[2].text == "" for r in rows[1:])  # nothing marked before the meeting


def test_notes_use_the_meetings_own_times_not_the_export_clock(demo):
    m = demo[0]
    assert m.started_at is not None
    doc = reopen(build_document("anteckningar", m))
    f = facts(doc)
    assert f["Tid"].startswith(m.planned_time.replace(":", ".").zfill(5))
    # The demo meeting was opened and closed in Lotsen at one moment: no "Mötet pågick".
    assert not any(p.startswith("Mötet pågick") for p in paragraphs(doc))
    held = dataclasses.replace(
        m,
        started_at=dt.datetime.combine(m.date, dt.time(14, 2)),
        ended_at=dt.datetime.combine(m.date, dt.time(15, 10)),
    )
    ps = paragraphs(reopen(build_document("anteckningar", held)))
    assert "Mötet pågick från 14.02 till 15.10." in ps


def test_follow_up_notes_give_status_and_result_of_earlier_actions_and_who_signed(heavy):
    doc = reopen(build_document("anteckningar", heavy["follow"]))
    earlier = table_with(doc, "Insats")
    assert earlier[0] == ["Insats", "Status", "Resultat"]
    assert earlier[1][1] == "pågår" and earlier[2][1] == "genomförd"
    assert earlier[1][2].startswith("Barnavårdsutredningen är klar")
    ps = paragraphs(doc)
    signed = next(p for p in ps if p.startswith("Har skrivit under: "))
    assert "Kristina Johansson-Lindqvist" in signed
    assert signed.endswith("Alexander Johansson-Lindqvist (barnet)")


def test_no_more_frageskund_heading_with_nothing_under_it(demo):
    doc = reopen(build_document("anteckningar", demo[1]))
    ps = paragraphs(doc)
    at = next(i for i, p in enumerate(ps) if p.endswith("Frågestund"))
    assert is_write_line(doc.paragraphs[at + 1])
