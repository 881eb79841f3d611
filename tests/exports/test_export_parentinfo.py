"""Information till vårdnadshavare: the demo case's text, filled in; an organisation's own text."""

from __future__ import annotations

import dataclasses

import docx
from export_helpers import paragraphs, reopen

from exports import DOCUMENTS, build_document, write_documents


def test_parents_information_for_the_planned_follow_up(demo, tmp_path):
    (path,) = write_documents(demo[1], ["foraldrainfo"], out_dir=tmp_path)
    assert path.name == "Information_vardnadshavare_EN_2026-11-26.docx"
    ps = paragraphs(docx.Document(str(path)))
    assert ps[0] == "Information till vårdnadshavare"
    assert "Nätverksmöte och SIP kring Elsa Nyström" in ps
    # When and where, first: the meeting's date (moved to the 26th), time, place and leader.
    when = ps.index("När och var är mötet?")
    assert ps[when + 1 : when + 6] == [
        "•\tMöte: Uppföljande lotsmöte",
        "•\tDatum: torsdag 26 november 2026",
        "•\tTid: 14.00\u2060–\u206015.10",  # word joiners: one line
        "•\tPlats: Björkskolan, konferensrummet",
        "•\tSamtalsledare: Karin Ek",
    ]
    text = "\n".join(ps)
    # The samordnare and how to reach them (kept from the first meeting).
    assert "Er samordnare är Sara Lind, skolkurator. Samordnaren håller ihop arbetet" in text
    assert "•\tTelefon: 0920-45 60 20" in ps and "•\tE-post: sara.lind@example.se" in ps
    # What a network meeting and a SIP are, and what happens there.
    for heading in ("Vad är ett nätverksmöte?", "Vad är en SIP?", "Vad händer på mötet?"):
        assert heading in ps
    assert "SIP betyder samordnad individuell plan." in text
    # Voluntary, a consent can be withdrawn; bring someone; an interpreter.
    assert "Det är frivilligt att vara med på nätverksmötet och att ha en SIP." in text
    assert "frivilligt att ge samtycke" in text
    assert "Ni kan när som helst ta tillbaka (återkalla) ert samtycke" in text
    assert "Ni får gärna ta med någon ni litar på till mötet" in text
    assert "Behöver ni tolk?" in text
    assert "{" not in text and "<!--" not in text  # every placeholder filled, no comments


def test_after_the_meeting_the_information_gives_the_next_meeting(demo):
    ps = paragraphs(reopen(build_document("foraldrainfo", demo[0])))
    assert "•\tMöte: Nästa nätverksmöte" in ps
    assert "•\tDatum: torsdag 26 november 2026" in ps


def test_vastbas_names_the_kontaktperson(demo):
    from model.routines import get_routine

    m = dataclasses.replace(demo[1], routine=get_routine("vastbas_natverksmote_2"),
                            contact_person="Lisa Holm, specialpedagog")  # fmt: skip
    text = "\n".join(paragraphs(reopen(build_document("foraldrainfo", m))))
    assert "Er kontaktperson är Lisa Holm, specialpedagog. Kontaktpersonen håller ihop" in text
    assert "•\tMöte: Västbas nätverksmöte 2" in text


def test_missing_contact_details_leave_lines_to_fill_in(demo):
    m = dataclasses.replace(demo[1], coordinator="", coordinator_phone="", coordinator_email="")
    ps = paragraphs(reopen(build_document("foraldrainfo", m)))
    assert f"•\tTelefon: {'_' * 20}" in ps
    assert f"Er samordnare är {'_' * 20}." in "\n".join(ps)


def test_an_organisation_replaces_the_text(demo, tmp_path, monkeypatch):
    own = tmp_path / "config" / "rutiner"
    own.mkdir(parents=True)
    monkeypatch.setenv("LOTSEN_CONFIG_DIR", str(tmp_path / "config"))
    (own / "foraldrainfo.md").write_text(
        "## Välkommen\n\nVi ses {datum} i {plats}. Ring {samordnare} på {telefon}.\n",
        encoding="utf-8",
    )
    ps = paragraphs(reopen(build_document("foraldrainfo", demo[1])))
    assert ps[2:] == [
        "Välkommen",
        "Vi ses torsdag 26 november 2026 i Björkskolan, konferensrummet. "
        "Ring Sara Lind, skolkurator på 0920-45 60 20.",
    ]
    # A text for one routine only wins over the general one for that routine.
    (own / "foraldrainfo_uppfoljande_lotsmote.md").write_text("Uppföljning för {barn}.\n",
                                                               encoding="utf-8")  # fmt: skip
    assert paragraphs(reopen(build_document("foraldrainfo", demo[1])))[2:] == [
        "Uppföljning för Elsa Nyström."
    ]
    assert "Välkommen" in paragraphs(reopen(build_document("foraldrainfo", demo[0])))


def test_it_is_offered_with_the_other_documents():
    assert DOCUMENTS["foraldrainfo"] == "Information till vårdnadshavare"
