"""python-docx below its documented API only in exports/compat.py, and what compat does
shows in the saved document."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from export_helpers import reopen

from exports import build_document, write_documents

EXPORTS = Path(__file__).resolve().parents[2] / "exports"
# A private attribute of a python-docx object, or an import from python-docx's oxml layer.
PRIVATE = re.compile(r"\._(element|p|r|tc|tbl|tr|body|blob|parent|document_part)\b|docx\.oxml")


def test_only_compat_reaches_into_python_docx():
    offenders = [
        f"{path.name}:{n}"
        for path in sorted(EXPORTS.glob("*.py"))
        if path.name != "compat.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if PRIVATE.search(line)
    ]
    assert offenders == []


def test_what_compat_writes_is_in_the_saved_document(demo, tmp_path):
    (path,) = write_documents(demo[0], ["sip"], tmp_path)
    with zipfile.ZipFile(path) as z:
        app = z.read("docProps/app.xml").decode()
        core = z.read("docProps/core.xml").decode()
        styles = z.read("word/styles.xml").decode()
        footers = [z.read(n).decode() for n in z.namelist() if n.startswith("word/footer")]
    assert "<Application>Lotsen</Application>" in app  # set_part_blob
    assert "lastPrinted" not in core  # drop_last_printed
    assert 'w:eastAsia="Calibri"' in styles and 'w:val="sv-SE"' in styles  # fonts, language
    assert any("NUMPAGES" in f for f in footers)  # replace_story: "Sida x av y"
    doc = reopen(build_document("minplan", demo[0]))
    assert doc.sections[0].header.paragraphs[0].text == ""  # the child's page: no marking on top
    assert "Samordnad individuell plan (SIP)" in [
        p.text for p in reopen(build_document("sip", demo[0])).paragraphs
    ]
