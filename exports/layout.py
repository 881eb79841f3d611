"""The look of every document: the base (organisation template or built-in), header and footer,
and a writer that emits paragraphs and tables as WordprocessingML in one go.

python-docx spends most of its time per cell and per style lookup, so tables are written as
XML at their final size and styles are looked up once per document.

Finishing a document also cleans the package: Swedish (sv-SE) on every style, Word's current
compatibility mode, core properties set by Lotsen (never python-docx's or the template's).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from exports.errors import ExportError
from model.validation import UNSTORABLE

if TYPE_CHECKING:
    from docx.document import Document

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


def rpr(bold: bool = False, italic: bool = False, size: float | None = None,
        color: str | None = None) -> str:  # fmt: skip
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


def ppr(style: str | None = None, *, keep_next: bool = False, keep_lines: bool = False,
        before: int | None = None, after: int | None = None, align: str | None = None,
        indent_cm: float | None = None, line_tab: int | None = None,
        right_tab: int | None = None, page_break_before: bool = False,
        hanging_cm: float | None = None) -> str:  # fmt: skip
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


@dataclass(frozen=True)
class Look:
    """What a document says about who issued it and how: from the settings and the export."""

    template_path: str = ""
    organisation: str = ""
    leader: str = ""  # the leader in the settings (the meeting's own leader comes first)
    osl: str = OSL_DEFAULT
    version: int = 1  # 2 and on: "Version 2 – <datum>" on the new file
    exported_on: dt.date | None = None
    deviation_recipient: str = ""
    full_personnummer: bool = False  # the Avvikelserapport shortens it to the birth date

    @classmethod
    def of(cls, look: Look | str | Path | None = None, **kw: Any) -> Look:
        """A Look from a Look, a template path (older callers) or nothing."""
        if isinstance(look, Look):
            return look
        return cls(template_path=str(look or ""), **kw)

    @classmethod
    def from_settings(cls, settings: Any, **kw: Any) -> Look:
        if settings is None:
            return cls(**kw)
        return cls(
            template_path=getattr(settings, "template_path", "") or "",
            organisation=getattr(settings, "organisation", "") or "",
            leader=getattr(settings, "leader_name", "") or "",
            osl=(getattr(settings, "osl_reference", "") or "").strip() or OSL_DEFAULT,
            deviation_recipient=getattr(settings, "deviation_recipient", "") or "",
            **kw,
        )

    @property
    def day(self) -> dt.date:
        return self.exported_on or dt.date.today()


class Writer:
    """Collects a document's body as XML and numbers its headings ("3.", "3.1")."""

    def __init__(self, doc: Document, text_width: int, templated: bool = False) -> None:
        self.doc = doc
        self.text_width = text_width  # twips between the margins
        self.templated = templated  # an organisation template: its styles decide the look
        self.parts: list[str] = []
        self.numbers = [0, 0]
        self._styles: dict[str, str | None] = {}
        self.version_line = ""
        self.meta: dict[str, str] = {}

    # -- styles ------------------------------------------------------------------------------
    def style_id(self, name: str) -> str | None:
        if name not in self._styles:
            try:
                self._styles[name] = self.doc.styles[name].style_id
            except KeyError:  # a template without it: direct formatting below still reads well
                self._styles[name] = None
        return self._styles[name]

    def _styled_rpr(self, style: str | None, **kw: Any) -> str:
        """Direct formatting only where no template style speaks for itself."""
        if self.templated and style:
            return ""
        return rpr(**kw)

    # -- paragraphs --------------------------------------------------------------------------
    def title(self, text: str, subtitle: str = "") -> None:
        style = self.style_id("Title")
        self.parts.append(
            p_xml([(text, self._styled_rpr(style, bold=True, size=18))], ppr(style, after=2))
        )
        if subtitle:
            self.parts.append(p_xml([(subtitle, rpr(size=12))], ppr(after=4 if self.version_line else 10)))  # fmt: skip
        if self.version_line:
            self.parts.append(p_xml([(self.version_line, rpr(bold=True, size=10))], ppr(after=10)))  # fmt: skip

    def heading(self, text: str, level: int = 1, number: bool = True) -> None:
        """A numbered heading kept with what follows it (no orphan headings)."""
        if number:
            if level == 1:
                self.numbers = [self.numbers[0] + 1, 0]
                text = f"{self.numbers[0]}. {text}"
            else:
                self.numbers[1] += 1
                text = f"{self.numbers[0]}.{self.numbers[1]} {text}"
        size = 14 if level == 1 else 12
        style = self.style_id(f"Heading {level}")
        self.parts.append(
            p_xml(
                [(text, self._styled_rpr(style, bold=True, size=size))],
                ppr(
                    style, keep_next=True, keep_lines=True, before=12 if level == 1 else 8, after=4
                ),
            )
        )

    def para(self, text: str, *, bold: bool = False, italic: bool = False,
             size: float | None = None, keep_next: bool = False, after: int | None = None,
             indent_cm: float | None = None, keep_lines: bool = False,
             hanging_cm: float | None = None) -> None:  # fmt: skip
        self.parts.append(
            p_xml(
                [(text, rpr(bold, italic, size))],
                ppr(
                    keep_next=keep_next,
                    keep_lines=keep_lines,
                    after=after,
                    indent_cm=indent_cm,
                    hanging_cm=hanging_cm,
                ),
            )  # fmt: skip
        )

    def runs(self, runs: Sequence[tuple[str, str]], *, keep_next: bool = False,
             after: int | None = None, indent_cm: float | None = None) -> None:  # fmt: skip
        self.parts.append(p_xml(runs, ppr(keep_next=keep_next, after=after, indent_cm=indent_cm)))

    def text(self, text: str, blank_lines: int = 2, indent_cm: float | None = None) -> None:
        """Free text as typed, one paragraph per line; empty -> lines to write on."""
        if not text.strip():
            self.blank(blank_lines, indent_cm)
            return
        for line in text.strip("\n").split("\n"):
            self.parts.append(p_xml([(nb(line), "")], ppr(after=2, indent_cm=indent_cm)))

    def blank(self, lines: int = 2, indent_cm: float | None = None, label: str = "",
              keep: bool = False) -> None:  # fmt: skip
        """Lines to write on, from the indent (or after a label) to the right margin."""
        for i in range(lines):
            text = f"{label}\t" if label and i == 0 else "\t"
            self.parts.append(
                p_xml(
                    [(text, rpr(color=LINE_COLOR))],
                    ppr(
                        keep_next=keep and i < lines - 1,
                        before=12,
                        after=0,
                        indent_cm=indent_cm,
                        line_tab=self.text_width,
                    ),
                )  # fmt: skip
            )

    def fill_line(self, label: str, *, keep_next: bool = False) -> None:
        """ "Label: ______" running to the right margin."""
        self.parts.append(
            p_xml(
                [(f"{label}: ", rpr(bold=True)), ("\t", rpr(color=LINE_COLOR))],
                ppr(keep_next=keep_next, before=10, after=0, line_tab=self.text_width),
            )
        )

    def labelled(self, label: str, value: str, keep_next: bool = False) -> None:
        """ "Label: value" on one line; multi-line values continue beneath; empty -> a line."""
        if not value.strip():
            self.fill_line(label, keep_next=keep_next)
            return
        self.parts.append(
            p_xml(
                [(f"{label}: ", rpr(bold=True)), (nb(value.strip("\n")), "")],
                ppr(keep_next=keep_next, after=3),
            )
        )

    def labelled_text(self, label: str, value: str, blank_lines: int = 2) -> None:
        """A bold label on its own line, kept with the text (or blank lines) under it."""
        self.parts.append(p_xml([(label, rpr(bold=True))], ppr(keep_next=True, before=4, after=1)))
        self.text(value, blank_lines)

    def page_break(self) -> None:
        self.parts.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')

    # -- tables ------------------------------------------------------------------------------
    def grid(
        self,
        rows: Sequence[Sequence[tuple[str, int, bool]]],
        widths: Sequence[float],
        *,
        size: float = 9.5,
        header_rows: int = 0,
        keep_together: bool | None = None,
        borders: bool = True,
        heights: Sequence[int] | None = None,
        line_cells: bool = False,
        air_after: bool = True,
    ) -> None:
        """A table at its final size. Each cell is (text, columns it spans, shaded).

        widths are relative; header rows repeat on each page; rows never split; small tables
        (KEEP_ROWS or fewer) are kept on one page. heights: a minimum per row (twips, 0 = none).
        line_cells: a cell whose text is exactly "\\t" becomes a line across the cell."""
        total = sum(widths)
        cols = [round(self.text_width * w / total) for w in widths]
        line = f'w:val="single" w:sz="4" w:space="0" w:color="{BORDER}"'
        edge = line if borders else 'w:val="nil"'
        out = [
            "<w:tbl><w:tblPr>",
            f'<w:tblW w:w="{sum(cols)}" w:type="dxa"/>',
            f"<w:tblBorders><w:top {edge}/><w:left {edge}/><w:bottom {edge}/><w:right {edge}/>"
            f"<w:insideH {edge}/><w:insideV {edge}/></w:tblBorders>",
            '<w:tblLayout w:type="fixed"/>',
            '<w:tblCellMar><w:top w:w="28" w:type="dxa"/><w:left w:w="70" w:type="dxa"/>'
            '<w:bottom w:w="28" w:type="dxa"/><w:right w:w="70" w:type="dxa"/></w:tblCellMar>',
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
            'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>',
            "</w:tblPr><w:tblGrid>",
            *(f'<w:gridCol w:w="{c}"/>' for c in cols),
            "</w:tblGrid>",
        ]
        if keep_together is None:
            keep_together = len(rows) <= KEEP_ROWS
        body_rpr = rpr(size=size)
        head_rpr = rpr(bold=True, size=size)
        last = len(rows) - 1
        for i, cells in enumerate(rows):
            is_head = i < header_rows
            keep = (keep_together and i < last) or is_head
            height = heights[i] if heights and i < len(heights) else 0
            trpr = "<w:cantSplit/>"
            if height:
                trpr += f'<w:trHeight w:val="{height}" w:hRule="atLeast"/>'
            if is_head:
                trpr += "<w:tblHeader/>"
            out.append(f"<w:tr><w:trPr>{trpr}</w:trPr>")
            col = 0
            for value, span, shaded in cells:
                width = sum(cols[col : col + span])
                col += span
                shd = f'<w:shd w:val="clear" w:color="auto" w:fill="{SHADE}"/>' if shaded else ""
                gspan = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
                out.append(
                    f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{gspan}{shd}</w:tcPr>'
                )
                r = head_rpr if (shaded or is_head) else body_rpr
                # keepNext on the header row too: a table never starts on the last line.
                lines = value.split("\n") if value else [""]
                for ln in lines:
                    if line_cells and ln == "\t":
                        p = ppr(keep_next=keep, before=14, after=1, line_tab=width - 140)
                        out.append(p_xml([("\t", rpr(size=size, color=LINE_COLOR))], p))
                    else:
                        out.append(p_xml([(ln, r)], ppr(keep_next=keep, before=1, after=1)))
                out.append("</w:tc>")
            out.append("</w:tr>")
        out.append("</w:tbl>")
        self.parts.append("".join(out))
        if air_after:  # a little air after a table (two tables in a row would otherwise merge)
            self.parts.append(p_xml([], ppr(after=2)))

    def table(
        self,
        headers: Sequence[str] | None,
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
        *,
        size: float = 9.5,
        keep_together: bool | None = None,
        label_column: bool = False,
        borders: bool = True,
        heights: Sequence[int] | None = None,
        blank_height: int = WRITE_HEIGHT,
        line_cells: bool = False,
    ) -> None:
        """A table of plain cells; a row with nothing written gets room to write by hand."""
        grid_rows: list[list[tuple[str, int, bool]]] = []
        row_heights: list[int] = []
        if headers:
            grid_rows.append([(h, 1, True) for h in headers])
            row_heights.append(0)
        for k, r in enumerate(rows):
            cells = [r[j] if j < len(r) else "" for j in range(len(widths))]
            grid_rows.append([(c, 1, label_column and j == 0) for j, c in enumerate(cells)])
            own = heights[k] if heights and k < len(heights) else 0
            empty = any(not c.strip() for c in cells[1 if label_column else 0 :])
            row_heights.append(own or (blank_height if empty else 0))
        self.grid(grid_rows, widths, size=size, header_rows=1 if headers else 0,
                  keep_together=keep_together, borders=borders, heights=row_heights,
                  line_cells=line_cells)  # fmt: skip

    def fields(self, rows: Sequence[tuple[str, str]], widths: Sequence[float] = (1, 2.6)) -> None:
        """Label/value pairs as a two-column table; an empty value gets a row tall enough to
        write in by hand."""
        clean = [
            (label, value.strip("\n") if value.strip("_ .\n") else "") for label, value in rows
        ]
        self.table(None, clean, widths, size=10.5, label_column=True)

    # -- finishing ---------------------------------------------------------------------------
    def finish(self) -> Document:
        from docx.oxml.parser import parse_xml

        # Nothing empty at the very end: an empty last paragraph can make an empty last page.
        while self.parts and self.parts[-1] in ("<w:p></w:p>", p_xml([], ppr(after=2))):
            self.parts.pop()
        if self.parts and self.parts[-1].startswith("<w:tbl>"):
            # Word needs a paragraph after a table; a tiny one that cannot push a page.
            self.parts.append(p_xml([(NBSP, rpr(size=1))], ppr(before=0, after=0)))
        fragment = parse_xml(f'<w:body xmlns:w="{W_NS}">{"".join(self.parts)}</w:body>')
        body = self.doc.element.body
        sect = body.sectPr
        for child in list(fragment):
            if sect is not None:
                sect.addprevious(child)
            else:
                body.append(child)
        self.parts = []
        _clean_package(self.doc, self.meta)
        return self.doc


# -- the base document -----------------------------------------------------------------------
def new_document(
    title: str,
    header_line: str,
    look: Look | str | Path | None = None,
    *,
    doc_title: str = "",
    author: str = "",
    issuer: str = "",
) -> Writer:
    """A document from the organisation's template (its headers and styles kept, its body
    cleared) or the built-in look; with the OSL marking and "Sida x av y" on every page.

    doc_title and author go to the core properties; issuer (organisation and leader) is
    printed in the header when there is no template."""
    import docx
    from docx.shared import Cm, Pt

    look = Look.of(look)
    template_path = look.template_path
    if template_path:
        path = Path(template_path).expanduser()
        try:
            doc = docx.Document(str(path))
        except Exception as exc:  # missing, not a .docx, damaged: the message says which
            raise ExportError(
                f"Dokumentmallen {path} kunde inte öppnas ({type(exc).__name__}). "
                "Kontrollera att filen finns och är ett Word-dokument (.docx), "
                "eller ta bort mallen under Inställningar."
            ) from None
        body = doc.element.body
        for child in list(body):
            if child.tag != f"{{{W_NS}}}sectPr":
                body.remove(child)
    else:
        doc = docx.Document()
        section = doc.sections[0]
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.0)
        section.top_margin, section.bottom_margin = Cm(2.0), Cm(1.8)
        section.header_distance = section.footer_distance = Cm(1.0)
        _builtin_styles(doc, Pt)
    section = doc.sections[-1]
    width = (
        (section.page_width or Cm(21))
        - (section.left_margin or Cm(2))
        - (section.right_margin or Cm(2))
    )
    writer = Writer(doc, int(width / 635), templated=bool(template_path))  # EMU -> twips
    version = ""
    if look.version > 1:
        from exports.text import date_words

        version = f"Version {look.version} – {date_words(look.day)}"
        writer.version_line = version
    writer.meta = {"title": doc_title or title, "author": author or issuer or "Lotsen"}
    line = f"{title} – {header_line}" + (f" – {version}" if version else "")
    _header_footer(doc, nb(look.osl), line, issuer, bool(template_path))
    return writer


def _builtin_styles(doc: Any, Pt: Any) -> None:
    """A calm look: Calibri 11 pt, dark headings, one accent."""
    from docx.shared import RGBColor

    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    rfonts = normal.element.rPr.rFonts
    for attr in ("w:eastAsia", "w:cs"):
        rfonts.set(f"{{{W_NS}}}{attr.split(':')[1]}", FONT)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.1
    for name, size in (("Title", 18), ("Heading 1", 14), ("Heading 2", 12)):
        style = doc.styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
        rpr = style.element.rPr
        if rpr is not None and rpr.rFonts is not None:
            for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
                rpr.rFonts.attrib.pop(f"{{{W_NS}}}{attr}", None)
    title = doc.styles["Title"].element
    ppr_el = title.pPr
    if ppr_el is not None and ppr_el.find(f"{{{W_NS}}}pBdr") is not None:
        ppr_el.remove(ppr_el.find(f"{{{W_NS}}}pBdr"))


def _field(instr: str, run_pr: str) -> str:
    """A PAGE/NUMPAGES field in the footer's size; the cached "1" shows until fields update."""
    return (
        f'<w:r>{run_pr}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r>{run_pr}<w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>'
        f'<w:r>{run_pr}<w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r>{run_pr}<w:t>1</w:t></w:r>"
        f'<w:r>{run_pr}<w:fldChar w:fldCharType="end"/></w:r>'
    )


def _header_footer(doc: Any, osl: str, line: str, issuer: str, keep_template: bool) -> None:
    """The marking, the document line and the page numbers on first, odd and even pages.

    A template keeps its own header and footer content; ours is added to each of them."""
    from docx.oxml.parser import parse_xml

    section = doc.sections[-1]
    small = rpr(size=FOOTER_SIZE, color="404040")
    mark = rpr(bold=True, size=FOOTER_SIZE)
    top = [p_xml([(osl, mark)], ppr(align="right", after=0))]
    if issuer and not keep_template:  # who issued it: the organisation and the leader
        top.append(p_xml([(issuer, rpr(bold=True, size=FOOTER_SIZE))], ppr(after=0)))
    doc_line = p_xml([(line, small)], ppr(after=0))
    page = (
        f"<w:p>{ppr(align='center', after=0)}"
        f'<w:r>{small}<w:t xml:space="preserve">Sida </w:t></w:r>{_field("PAGE", small)}'
        f'<w:r>{small}<w:t xml:space="preserve"> av </w:t></w:r>{_field("NUMPAGES", small)}</w:p>'
    )
    headers = [section.header]
    footers = [section.footer]
    if section.different_first_page_header_footer:
        headers.append(section.first_page_header)
        footers.append(section.first_page_footer)
    if doc.settings.odd_and_even_pages_header_footer:
        headers.append(section.even_page_header)
        footers.append(section.even_page_footer)

    def ns(xml: str) -> Any:
        return parse_xml(xml.replace("<w:p>", f'<w:p xmlns:w="{W_NS}">', 1))

    for part in headers:
        el = part._element
        if not keep_template:
            for child in list(el):
                el.remove(child)
        for xml in (*top, doc_line):
            el.append(ns(xml))
    for part in footers:
        el = part._element
        if not keep_template:
            for child in list(el):
                el.remove(child)
        el.append(ns(page))


# -- a clean package -------------------------------------------------------------------------
_RPR_AFTER_LANG = {f"{{{W_NS}}}{t}" for t in ("eastAsianLayout", "specVanish", "oMath")}
APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Template>Normal.dotm</Template><TotalTime>0</TotalTime><Application>Lotsen</Application>"
    "<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
    "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>"
)
_DROP_PACKAGE_RELS = ("/metadata/thumbnail", "/custom-properties")
_DROP_DOC_RELS = ("/stylesWithEffects",)


def _set_lang(rpr_el: Any) -> None:
    from docx.oxml.parser import OxmlElement

    for old in rpr_el.findall(f"{{{W_NS}}}lang"):
        rpr_el.remove(old)
    lang = OxmlElement("w:lang")
    lang.set(f"{{{W_NS}}}val", LANG)
    lang.set(f"{{{W_NS}}}eastAsia", LANG)
    for child in rpr_el:
        if child.tag in _RPR_AFTER_LANG:
            child.addprevious(lang)
            return
    rpr_el.append(lang)


def _swedish_styles(doc: Any) -> None:
    """sv-SE in the document defaults and on every style: Word checks spelling in Swedish."""
    from docx.oxml.parser import OxmlElement

    styles = doc.styles.element
    defaults = styles.find(f"{{{W_NS}}}docDefaults")
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(f"{{{W_NS}}}rPrDefault")
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr_el = rpr_default.find(f"{{{W_NS}}}rPr")
    if rpr_el is None:
        rpr_el = OxmlElement("w:rPr")
        rpr_default.append(rpr_el)
    _set_lang(rpr_el)
    for style in styles.findall(f"{{{W_NS}}}style"):
        if style.get(f"{{{W_NS}}}type") == "numbering":
            continue  # numbering styles carry no run properties
        _set_lang(style.get_or_add_rPr())


def _word_settings(doc: Any) -> None:
    """Word's current compatibility mode (15), Swedish theme language, spelling not pre-marked
    as checked."""
    from docx.oxml.parser import OxmlElement

    settings = doc.settings.element
    for tag in ("proofState", "attachedTemplate"):
        for old in settings.findall(f"{{{W_NS}}}{tag}"):
            settings.remove(old)
    compat = settings.find(f"{{{W_NS}}}compat")
    if compat is None:
        compat = OxmlElement("w:compat")
        # Schema order: compat comes before rsids / mathPr / themeFontLang and the rest.
        after = None
        for tag in ("docVars", "rsids", "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping",
                    "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade",
                    "captions", "readModeInkLockDown", "smartTagType", "schemaLibrary",
                    "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator"):  # fmt: skip
            after = settings.find(f"{{{W_NS}}}{tag}")
            if after is not None:
                break
        if after is not None:
            after.addprevious(compat)
        else:
            settings.append(compat)
    uri = "http://schemas.microsoft.com/office/word"
    found = False
    for cs in compat.findall(f"{{{W_NS}}}compatSetting"):
        if cs.get(f"{{{W_NS}}}name") == "compatibilityMode":
            cs.set(f"{{{W_NS}}}val", "15")
            found = True
    if not found:
        cs = OxmlElement("w:compatSetting")
        cs.set(f"{{{W_NS}}}name", "compatibilityMode")
        cs.set(f"{{{W_NS}}}uri", uri)
        cs.set(f"{{{W_NS}}}val", "15")
        compat.append(cs)
    theme_lang = settings.find(f"{{{W_NS}}}themeFontLang")
    if theme_lang is not None:
        theme_lang.set(f"{{{W_NS}}}val", LANG)


def _clean_package(doc: Any, meta: dict[str, str]) -> None:
    """Core properties set by Lotsen; nothing left from python-docx or the template."""
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    cp = doc.core_properties
    title, author = (_BAD.sub("", meta.get(k, "")) for k in ("title", "author"))
    cp.title = title
    cp.author = author
    cp.last_modified_by = author
    cp.created = now
    cp.modified = now
    cp.revision = 1
    for attr in ("comments", "subject", "keywords", "category", "content_status",
                 "identifier", "version"):  # fmt: skip
        setattr(cp, attr, "")
    cp.language = LANG
    el = cp._element
    for tag in ("lastPrinted",):
        for old in el.findall(f"{{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}}{tag}"):  # fmt: skip
            el.remove(old)
    pkg = doc.part.package
    for rid, rel in list(pkg.rels.items()):
        if rel.reltype.endswith(_DROP_PACKAGE_RELS):
            del pkg.rels[rid]
        elif rel.reltype.endswith("/extended-properties") and not rel.is_external:
            rel.target_part._blob = APP_XML.encode("utf-8")
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith(_DROP_DOC_RELS):
            del doc.part.rels[rid]
    _swedish_styles(doc)
    _word_settings(doc)
