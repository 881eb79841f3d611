"""Reading back what a document shows: paragraphs, table cells, header."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

DAY = dt.date(2026, 11, 23)
IF_WORSE_PLAN = "Mamma ringer Ängskolans kurator 🙂\nEfter kl. 16: socialjouren."
LONG_NOTE = "\n".join(
    f"Rad {i}: Vi pratade om hur skoldagen kan bli lugnare – åäö ÅÄÖ é ü 😊." for i in range(2600)
)  # about 50 pages


def reopen(doc):
    """Save to memory and open again, as Word would."""
    import docx

    buf = io.BytesIO()
    doc.save(buf)
    buf.seek(0)
    return docx.Document(buf)


def paragraphs(doc) -> list[str]:
    return [p.text for p in doc.paragraphs]


def cells(doc) -> list[list[list[str]]]:
    return [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]


def all_text(doc) -> str:
    parts = paragraphs(doc)
    for t in cells(doc):
        for row in t:
            parts += row
    return "\n".join(parts)


def header_text(doc) -> str:
    return "\n".join(p.text for p in doc.sections[0].header.paragraphs)


def table_with(doc, first_header: str):
    for t in doc.tables:
        if t.rows and t.rows[0].cells[0].text == first_header:
            return [[c.text for c in row.cells] for row in t.rows]
    raise AssertionError(f"no table headed {first_header!r}")


def pdf_pages(pdf: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))


def blocks(doc) -> list[tuple[str, str]]:
    """The body in order as (kind, text): kind is the paragraph's style name, or "table"."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    out = []
    for item in doc.iter_inner_content():
        if isinstance(item, Paragraph):
            out.append((item.style.name if item.style is not None else "", item.text))
        elif isinstance(item, Table):
            out.append(("table", item.rows[0].cells[0].text if item.rows else ""))
    return out


def empty_headings(doc) -> list[str]:
    """Headings with nothing under them before the next heading of the same or higher level.
    A line to write on ("\t" drawn as a line) is something under a heading."""
    bl = [b for b in blocks(doc) if b[0] == "table" or b[1].strip() or b[1].endswith("\t")]
    bad = []
    for i, (kind, text) in enumerate(bl):
        if not kind.startswith("Heading"):
            continue
        nxt = bl[i + 1] if i + 1 < len(bl) else None
        if nxt is None or (nxt[0].startswith("Heading") and nxt[0] <= kind):
            bad.append(text)
    return bad


def signature_blocks(doc) -> list[list[str]]:
    """Each signature as [printed name, organisation]: a cell with a line to sign on (a tab
    drawn to the cell's edge), the printed name, the organisation, then a date line."""
    out = []
    for t in cells(doc):
        for row in t:
            for c in row:
                lines = c.split("\n")
                if len(lines) == 4 and lines[0] == "\t" and lines[3].startswith("Datum"):
                    out.append(lines[1:3])
    return out


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def row_height(row) -> int:
    """A table row's minimum height in twips (0 when none is set)."""
    tr_pr = row._tr.trPr
    h = tr_pr.find(f"{W}trHeight") if tr_pr is not None else None
    return int(h.get(f"{W}val")) if h is not None else 0


def table_rows_with(doc, first_header: str):
    """The python-docx rows of the first table whose first cell is first_header."""
    for t in doc.tables:
        if t.rows and t.rows[0].cells[0].text == first_header:
            return list(t.rows)
    raise AssertionError(f"no table headed {first_header!r}")


def action_blocks(doc) -> list[dict[str, str]]:
    """Each action block as {label: value}; "Insats n" maps to what the action is."""
    out = []
    for t in doc.tables:
        first = t.rows[0].cells[0].text if t.rows else ""
        if not (first.startswith("Insats ") and len(t.rows) > 1):
            continue
        if t.rows[1].cells[0].text != "Behov / mål":
            continue
        block: dict[str, str] = {}
        for row in t.rows:
            seen = []
            for c in row.cells:  # merged cells repeat: keep each once
                if not seen or c._tc is not seen[-1]._tc:
                    seen.append(c)
            for k in range(0, len(seen) - 1, 2):
                block[seen[k].text] = seen[k + 1].text
        out.append(block)
    return out


def is_write_line(paragraph) -> bool:
    """A line to write on: a tab running to a right tab stop drawn with an underscore leader."""
    tabs = paragraph._p.findall(f".//{W}tabs/{W}tab")
    return paragraph.text.endswith("\t") and any(t.get(f"{W}leader") == "underscore" for t in tabs)
