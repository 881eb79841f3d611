"""An organisation's template: its header and styles kept, its body replaced."""

from __future__ import annotations

import docx
import pytest
from docx.shared import Pt
from export_helpers import header_text, paragraphs, reopen

from exports import ExportError, build_document
from model.settings import Settings


def test_template_keeps_its_letterhead_and_styles(demo, tmp_path):
    t = docx.Document()
    t.sections[0].header.paragraphs[0].text = "Åby kommun – Barn- och utbildningsförvaltningen"
    t.styles["Normal"].font.size = Pt(12)
    t.styles["Normal"].font.name = "Georgia"
    t.add_paragraph("Mallens exempeltext som ska bort")
    t.add_table(rows=1, cols=1)
    path = tmp_path / "mall.docx"
    t.save(str(path))
    doc = reopen(build_document("sip", demo[0], Settings(template_path=str(path))))
    head = header_text(doc)
    assert "Åby kommun – Barn- och utbildningsförvaltningen" in head
    assert "Sekretess enligt 26\u00a0kap. 1\u00a0§\u00a0OSL" in head
    assert "Mallens exempeltext som ska bort" not in paragraphs(doc)
    assert paragraphs(doc)[0] == "Samordnad individuell plan (SIP)"
    assert doc.styles["Normal"].font.name == "Georgia"


def test_builtin_look_is_a4_calibri_11(demo):
    doc = reopen(build_document("sip", demo[0]))
    s = doc.sections[0]
    assert (round(s.page_width.cm, 1), round(s.page_height.cm, 1)) == (21.0, 29.7)
    assert doc.styles["Normal"].font.size == Pt(11)


def test_missing_template_gives_a_swedish_message(demo, tmp_path):
    with pytest.raises(ExportError, match="Dokumentmallen .* kunde inte öppnas"):
        build_document("sip", demo[0], Settings(template_path=str(tmp_path / "finns-inte.docx")))
