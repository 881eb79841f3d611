"""Every document is a clean, Swedish Word file: sv-SE on every style, Word's current
compatibility mode, core properties set by Lotsen, nothing from python-docx or the template
in the package, page numbers in the footer's size, nothing empty at the end."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import docx
import pytest
from docx.shared import Pt
from export_helpers import W, header_text, paragraphs, reopen

from exports import DOCUMENTS, build_document, write_documents
from exports.layout import FOOTER_SIZE
from model.settings import Settings

SETTINGS = Settings(leader_name="Karin Ek", organisation="Åby kommun, Björkskolan")


def package(doc) -> dict[str, bytes]:
    buf = io.BytesIO()
    doc.save(buf)
    with zipfile.ZipFile(buf) as z:
        return {name: z.read(name) for name in z.namelist()}


@pytest.fixture(scope="module")
def every_document(tmp_path_factory, case_builders):
    """(code, meeting label, reopened document, package parts) for all seven documents of a
    held, a planned and a closed meeting (built once for this module)."""
    from export_helpers import DAY

    from model.db import open_database
    from model.demo import populate
    from model.store import Store

    db = open_database(tmp_path_factory.mktemp("word") / "lotsen.db")
    store = Store(db)
    populate(store, today=DAY)
    ids = case_builders["rich"](store)
    meetings = (("held", store.get_meeting(1)), ("planned", store.get_meeting(2)),
                ("closed", store.get_meeting(ids["follow"])))  # fmt: skip
    db.close()
    out = []
    for label, m in meetings:
        for code in DOCUMENTS:
            doc = build_document(code, m, SETTINGS)
            out.append((code, label, reopen(doc), package(doc)))
    return out


def test_no_python_docx_anywhere_in_the_package(every_document):
    for code, label, _doc, parts in every_document:
        assert "docProps/thumbnail.jpeg" not in parts, (code, label)
        for name, blob in parts.items():
            assert b"python-docx" not in blob.lower(), (code, label, name)
            assert b"Macintosh" not in blob, (code, label, name)
        app = parts["docProps/app.xml"].decode()
        assert "<Application>Lotsen</Application>" in app


def test_core_properties_are_lotsens(every_document, demo):
    now = dt.datetime.now(dt.UTC)
    for code, _label, doc, _parts in every_document:
        cp = doc.core_properties
        assert cp.title.startswith(DOCUMENTS[code].split(" (")[0]), (code, cp.title)
        assert cp.title.endswith((" – E.N.", " – Å.M.Ö.")), cp.title  # initials, never the name
        assert cp.author == "Karin Ek" and cp.last_modified_by == "Karin Ek"
        assert abs((cp.created - now).total_seconds()) < 600, cp.created
        assert abs((cp.modified - now).total_seconds()) < 600
        assert cp.comments == "" and cp.subject == "" and cp.keywords == ""
        assert cp.language == "sv-SE"


def test_author_falls_back_to_the_meetings_leader_then_the_organisation(demo):
    assert reopen(build_document("sip", demo[0])).core_properties.author == "Karin Ek"
    import dataclasses

    m = dataclasses.replace(demo[0], leader="")
    doc = reopen(build_document("sip", m, Settings(organisation="Åby kommun")))
    assert doc.core_properties.author == "Åby kommun"


def test_swedish_on_the_defaults_and_every_style(every_document):
    for code, label, doc, _parts in every_document:
        styles = doc.styles.element
        default = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
        assert default is not None and default.get(f"{W}val") == "sv-SE", code
        for style in styles.findall(f"{W}style"):
            if style.get(f"{W}type") == "numbering":
                continue
            lang = style.find(f"{W}rPr/{W}lang")
            assert lang is not None and lang.get(f"{W}val") == "sv-SE", (
                code,
                style.get(f"{W}styleId"),
            )
        assert b'lang w:val="en-US"' not in _parts["word/styles.xml"], (code, label)


def test_current_compatibility_mode_and_spelling_not_marked_checked(every_document):
    for code, _label, doc, parts in every_document:
        settings = doc.settings.element
        modes = [
            cs.get(f"{W}val")
            for cs in settings.findall(f"{W}compat/{W}compatSetting")
            if cs.get(f"{W}name") == "compatibilityMode"
        ]
        assert modes == ["15"], code
        assert settings.find(f"{W}proofState") is None
        assert settings.find(f"{W}themeFontLang").get(f"{W}val") == "sv-SE"
        assert "word/stylesWithEffects.xml" not in parts


def test_page_numbers_in_the_footers_size(every_document):
    size = str(round(FOOTER_SIZE * 2))
    for code, _label, doc, _parts in every_document:
        footer = doc.sections[0].footer._element
        runs = footer.findall(f".//{W}r")
        assert runs, code
        for r in runs:
            sz = r.find(f"{W}rPr/{W}sz")
            assert sz is not None and sz.get(f"{W}val") == size, code
        instr = "".join(t.text for t in footer.iter(f"{W}instrText"))
        assert "PAGE" in instr and "NUMPAGES" in instr


def test_no_trailing_empty_paragraph(every_document):
    for code, label, doc, _parts in every_document:
        body = [el for el in doc.element.body if el.tag != f"{W}sectPr"]
        last = body[-1]
        assert last.tag == f"{W}p", (code, label)
        text = "".join(t.text or "" for t in last.iter(f"{W}t"))
        assert text.strip() or "\t" in paragraphs(doc)[-1], (code, label)
        assert not last.findall(f".//{W}br"), (code, label)  # no page break at the end


def test_osl_reference_on_every_page_and_configurable(demo):
    doc = reopen(build_document("kallelse", demo[1]))
    assert "Sekretess enligt 26\u00a0kap. 1\u00a0§\u00a0OSL" in header_text(doc)
    own = Settings(osl_reference="Sekretess enligt 26 kap. 1 § och 25 kap. 1 § OSL")
    doc = reopen(build_document("kallelse", demo[1], own))
    assert (
        "Sekretess enligt 26\u00a0kap. 1\u00a0§ och 25\u00a0kap. 1\u00a0§\u00a0OSL"
        in header_text(doc)
    )


def test_without_template_the_header_names_organisation_and_leader(demo):
    head = header_text(reopen(build_document("sip", demo[0], SETTINGS)))
    assert "Åby kommun, Björkskolan · Samtalsledare: Karin Ek" in head


def test_re_export_says_version_2_and_the_date(demo, tmp_path):
    (first,) = write_documents(demo[0], ["sip"], tmp_path)
    (second,) = write_documents(demo[0], ["sip"], tmp_path)
    assert second.name.endswith("_2.docx")
    today = build_document("sip", demo[0], version=2)
    from exports.text import date_words

    words = f"Version 2 – {date_words(dt.date.today())}"
    assert not any("Version" in p for p in paragraphs(docx.Document(str(first))))
    doc2 = docx.Document(str(second))
    assert any(p.startswith(words) for p in paragraphs(doc2))
    assert words in header_text(doc2)
    assert any(p.startswith(words) for p in paragraphs(reopen(today)))


# -- an organisation's template --------------------------------------------------------------
def _template(tmp_path, *, even: bool = True, first: bool = True):
    t = docx.Document()
    cp = t.core_properties
    cp.title, cp.author, cp.comments = "Brevmall Socialförvaltningen", "Kerstin Mallberg", "Mall"
    section = t.sections[0]
    section.header.paragraphs[0].text = "Åby kommun – udda sidor"
    if first:
        section.different_first_page_header_footer = True
        section.first_page_header.paragraphs[0].text = "Åby kommun – första sidan"
    if even:
        t.settings.odd_and_even_pages_header_footer = True
        section.even_page_header.paragraphs[0].text = "Åby kommun – jämna sidor"
    t.styles["Heading 1"].font.size = Pt(20)
    path = tmp_path / "mall.docx"
    t.save(str(path))
    return path


def test_template_headers_on_first_odd_and_even_pages_each_get_the_marking(demo, tmp_path):
    path = _template(tmp_path)
    doc = reopen(build_document("sip", demo[0], Settings(template_path=str(path))))
    section = doc.sections[0]
    for part, own in (
        (section.header, "udda sidor"),
        (section.first_page_header, "första sidan"),
        (section.even_page_header, "jämna sidor"),
    ):
        text = "\n".join(p.text for p in part.paragraphs)
        assert f"Åby kommun – {own}" in text
        assert "Sekretess enligt 26\u00a0kap. 1\u00a0§\u00a0OSL" in text, own
    for part in (section.footer, section.first_page_footer, section.even_page_footer):
        assert "NUMPAGES" in part._element.xml


def test_template_core_properties_are_not_copied_and_its_styles_rule(demo, tmp_path):
    path = _template(tmp_path)
    doc = build_document("sip", demo[0], Settings(template_path=str(path), leader_name="Karin Ek"))
    parts = package(doc)
    for blob in parts.values():
        assert b"Kerstin Mallberg" not in blob and b"Brevmall" not in blob
    doc = reopen(doc)
    assert doc.core_properties.author == "Karin Ek"
    assert doc.styles["Heading 1"].font.size == Pt(20)
    heading = next(p for p in doc.paragraphs if p.style.name == "Heading 1")
    assert all(r.font.size is None for r in heading.runs)  # the template's size, not ours
    assert "Samtalsledare" not in header_text(doc)  # the letterhead speaks for itself


def test_body_text_is_never_english(every_document):
    for code, _label, _doc, parts in every_document:
        assert not re.search(rb'w:lang w:val="en-', parts["word/document.xml"]), code


def test_a_template_without_compatibility_settings_gets_word_s_current_mode(demo, tmp_path):
    t = docx.Document()
    settings = t.settings.element
    settings.remove(settings.find(f"{W}compat"))
    path = tmp_path / "gammal.docx"
    t.save(str(path))
    doc = reopen(build_document("kallelse", demo[1], Settings(template_path=str(path))))
    compat = doc.settings.element.find(f"{W}compat")
    assert compat is not None
    names = [el.tag for el in doc.settings.element]
    assert names.index(f"{W}compat") < names.index(f"{W}rsids")  # schema order kept
    mode = compat.find(f"{W}compatSetting")
    assert (mode.get(f"{W}name"), mode.get(f"{W}val")) == ("compatibilityMode", "15")
