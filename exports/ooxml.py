"""WordprocessingML as text: escaping, non-breaking Swedish typography, run and paragraph
properties, and the constants of Lotsen's look (font, language, borders, row heights)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from model.validation import UNSTORABLE

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FONT = "Calibri"
LANG = "sv-SE"
TWIPS_PER_CM = 567
BORDER = "A6A6A6"
SHADE = "E8ECEF"
LINE_COLOR = "7F7F7F"
NBSP = "\u00a0"
WJ = "\u2060"  # word joiner: no line break here
# The marking on every page, unless the settings say otherwise.
OSL_DEFAULT = "Sekretess enligt 26 kap. 1 § OSL"
# A row a hand can write in (9 mm) and one a hand can sign in (11 mm).
WRITE_HEIGHT = 510
SIGN_HEIGHT = 624
# Small tables (this many rows or fewer) are kept on one page.
KEEP_ROWS = 10
FOOTER_SIZE = 8.5
# Characters XML 1.0 cannot carry, and bidi overrides and other invisible format characters:
# the store removes them already; text stored by an older Lotsen may still hold them.
_BAD = UNSTORABLE
# A number and the unit it belongs to ("1 §", "26 kap.", "2 tim") stay on one line.
_UNIT = re.compile(r"(\d) (?=(?:§|kap\.|st\.|p\.|kl\.|min\b|tim\b|mm\b|cm\b|%))")
_SECTION_LAW = re.compile(r"§ (?=(?:SoL|HSL|OSL|LVU|LSS|SkolL|FL|PSL)\b)")
_TIME_RANGE = re.compile(r"(\d{1,2}[.:]\d{2}) ?[–-] ?(\d{1,2}[.:]\d{2})")


def esc(text: str) -> str:
    # The word joiners nb() put in are Lotsen's own (typed ones were removed when stored).
    text = WJ.join(_BAD.sub("", part) for part in text.split(WJ))
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def nb(text: str) -> str:
    """Non-breaking spaces where a number belongs to its unit: "1 §", "26 kap.", "14.30–15.30"."""
    text = _UNIT.sub(rf"\1{NBSP}", text)
    text = _SECTION_LAW.sub(f"§{NBSP}", text)
    return _TIME_RANGE.sub(rf"\1{WJ}–{WJ}\2", text)


def _runs_xml(text: str, rpr: str) -> str:
    """One run; tabs and line breaks inside the text become w:tab and w:br."""
    out = [f"<w:r>{rpr}"]
    for i, line in enumerate(text.split("\n")):
        if i:
            out.append("<w:br/>")
        for j, piece in enumerate(line.split("\t")):
            if j:
                out.append("<w:tab/>")
            if piece:
                out.append(f'<w:t xml:space="preserve">{esc(piece)}</w:t>')
    out.append("</w:r>")
    return "".join(out)


def rpr(
    bold: bool = False, italic: bool = False, size: float | None = None, color: str | None = None
) -> str:
    inner = ""
    if bold:
        inner += "<w:b/>"
    if italic:
        inner += "<w:i/>"
    if color:
        inner += f'<w:color w:val="{color}"/>'
    if size:
        inner += f'<w:sz w:val="{round(size * 2)}"/><w:szCs w:val="{round(size * 2)}"/>'
    return f"<w:rPr>{inner}</w:rPr>" if inner else ""


def ppr(
    style: str | None = None,
    *,
    keep_next: bool = False,
    keep_lines: bool = False,
    before: int | None = None,
    after: int | None = None,
    align: str | None = None,
    indent_cm: float | None = None,
    line_tab: int | None = None,
    right_tab: int | None = None,
    page_break_before: bool = False,
    hanging_cm: float | None = None,
) -> str:
    """Paragraph properties in schema order (Word rejects them out of order).

    line_tab: a tab stop at that position (twips) drawn as a line to write on;
    right_tab: a plain right-aligned tab stop (header: organisation left, marking right)."""
    inner = f'<w:pStyle w:val="{style}"/>' if style else ""
    if keep_next:
        inner += "<w:keepNext/>"
    if keep_lines:
        inner += "<w:keepLines/>"
    if page_break_before:
        inner += "<w:pageBreakBefore/>"
    if line_tab is not None:
        inner += f'<w:tabs><w:tab w:val="right" w:leader="underscore" w:pos="{line_tab}"/></w:tabs>'
    elif right_tab is not None:
        inner += f'<w:tabs><w:tab w:val="right" w:pos="{right_tab}"/></w:tabs>'
    if before is not None or after is not None:
        attrs = "" if before is None else f' w:before="{before * 20}"'
        attrs += "" if after is None else f' w:after="{after * 20}"'
        inner += f"<w:spacing{attrs}/>"
    if indent_cm:
        hang = f' w:hanging="{round(hanging_cm * TWIPS_PER_CM)}"' if hanging_cm else ""
        inner += f'<w:ind w:left="{round(indent_cm * TWIPS_PER_CM)}"{hang}/>'
    if align:
        inner += f'<w:jc w:val="{align}"/>'
    return f"<w:pPr>{inner}</w:pPr>" if inner else ""


def p_xml(runs: Sequence[tuple[str, str]], pPr: str = "") -> str:
    """A paragraph of (text, rPr) runs."""
    return f"<w:p>{pPr}{''.join(_runs_xml(t, r) for t, r in runs)}</w:p>"
