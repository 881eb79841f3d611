"""The look of every document: the base (organisation template or built-in), header and footer,
and a writer that emits paragraphs and tables as WordprocessingML in one go.

python-docx spends most of its time per cell and per style lookup, so tables are written as
XML at their final size and styles are looked up once per document.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from exports.errors import ExportError
from exports.text import BLANK
from model.validation import UNSTORABLE

if TYPE_CHECKING:
    from docx.document import Document

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FONT = "Calibri"
TWIPS_PER_CM = 567
BORDER = "A6A6A6"
SHADE = "E8ECEF"
# Characters XML 1.0 cannot carry, and bidi overrides and other invisible format characters:
# the store removes them already; text stored by an older Lotsen may still hold them.
_BAD = UNSTORABLE


def esc(text: str) -> str:
    text = _BAD.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


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
        indent_cm: float | None = None) -> str:  # fmt: skip
    """Paragraph properties in schema order (Word rejects them out of order)."""
    inner = f'<w:pStyle w:val="{style}"/>' if style else ""
    if keep_next:
        inner += "<w:keepNext/>"
    if keep_lines:
        inner += "<w:keepLines/>"
    if before is not None or after is not None:
        attrs = "" if before is None else f' w:before="{before * 20}"'
        attrs += "" if after is None else f' w:after="{after * 20}"'
        inner += f"<w:spacing{attrs}/>"
    if indent_cm:
        inner += f'<w:ind w:left="{round(indent_cm * TWIPS_PER_CM)}"/>'
    if align:
        inner += f'<w:jc w:val="{align}"/>'
    return f"<w:pPr>{inner}</w:pPr>" if inner else ""


def p_xml(runs: Sequence[tuple[str, str]], pPr: str = "") -> str:
    """A paragraph of (text, rPr) runs."""
    return f"<w:p>{pPr}{''.join(_runs_xml(t, r) for t, r in runs)}</w:p>"


class Writer:
    """Collects a document's body as XML and numbers its headings ("3.", "3.1")."""

    def __init__(self, doc: Document, text_width: int) -> None:
        self.doc = doc
        self.text_width = text_width  # twips between the margins
        self.parts: list[str] = []
        self.numbers = [0, 0]
        self._styles: dict[str, str | None] = {}

    # -- styles ------------------------------------------------------------------------------
    def style_id(self, name: str) -> str | None:
        if name not in self._styles:
            try:
                self._styles[name] = self.doc.styles[name].style_id
            except KeyError:  # a template without it: direct formatting below still reads well
                self._styles[name] = None
        return self._styles[name]

    # -- paragraphs --------------------------------------------------------------------------
    def title(self, text: str, subtitle: str = "") -> None:
        self.parts.append(
            p_xml([(text, rpr(bold=True, size=18))], ppr(self.style_id("Title"), after=2))
        )
        if subtitle:
            self.parts.append(p_xml([(subtitle, rpr(size=12))], ppr(after=10)))

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
                [(text, rpr(bold=True, size=size))],
                ppr(
                    style, keep_next=True, keep_lines=True, before=12 if level == 1 else 8, after=4
                ),
            )
        )

    def para(self, text: str, *, bold: bool = False, italic: bool = False,
             size: float | None = None, keep_next: bool = False, after: int | None = None,
             indent_cm: float | None = None) -> None:  # fmt: skip
        self.parts.append(
            p_xml(
                [(text, rpr(bold, italic, size))],
                ppr(keep_next=keep_next, after=after, indent_cm=indent_cm),
            )
        )

    def text(self, text: str, blank_lines: int = 2, indent_cm: float | None = None) -> None:
        """Free text as typed, one paragraph per line; empty -> lines to write on."""
        if not text.strip():
            self.blank(blank_lines, indent_cm)
            return
        for line in text.strip("\n").split("\n"):
            self.parts.append(p_xml([(line, "")], ppr(after=2, indent_cm=indent_cm)))

    def blank(self, lines: int = 2, indent_cm: float | None = None) -> None:
        line = "_" * 70 if not indent_cm else "_" * 64
        for _ in range(lines):
            self.parts.append(p_xml([(line, rpr(color="7F7F7F"))], ppr(before=6, after=0, indent_cm=indent_cm)))  # fmt: skip

    def labelled(self, label: str, value: str, keep_next: bool = False) -> None:
        """ "Label: value" on one line; multi-line values continue beneath."""
        value = value.strip("\n") if value.strip() else BLANK
        self.parts.append(
            p_xml([(f"{label}: ", rpr(bold=True)), (value, "")], ppr(keep_next=keep_next, after=3))
        )

    def labelled_text(self, label: str, value: str, blank_lines: int = 2) -> None:
        """A bold label on its own line, kept with the text (or blank lines) under it."""
        self.parts.append(p_xml([(label, rpr(bold=True))], ppr(keep_next=True, before=4, after=1)))
        self.text(value, blank_lines)

    def page_break(self) -> None:
        self.parts.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')

    # -- tables ------------------------------------------------------------------------------
    def table(
        self,
        headers: Sequence[str] | None,
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
        *,
        size: float = 9.5,
        cant_split: bool = True,
        keep_together: bool = False,
        label_column: bool = False,
        borders: bool = True,
    ) -> None:
        """A table at its final size. widths are relative; headers repeat on each page.

        keep_together keeps every row with the next (a block that must not be split)."""
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
        body_rpr = rpr(size=size)
        head_rpr = rpr(bold=True, size=size)
        all_rows: list[tuple[Sequence[str], bool]] = []
        if headers:
            all_rows.append((headers, True))
        all_rows += [(r, False) for r in rows]
        last = len(all_rows) - 1
        for i, (cells, is_head) in enumerate(all_rows):
            keep = keep_together and i < last
            trpr = ("<w:cantSplit/>" if cant_split or is_head else "") + (
                "<w:tblHeader/>" if is_head else ""
            )
            out.append(f"<w:tr><w:trPr>{trpr}</w:trPr>" if trpr else "<w:tr>")
            for j, width in enumerate(cols):
                value = cells[j] if j < len(cells) else ""
                shaded = is_head or (label_column and j == 0)
                shd = f'<w:shd w:val="clear" w:color="auto" w:fill="{SHADE}"/>' if shaded else ""
                out.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shd}</w:tcPr>')
                r = head_rpr if shaded else body_rpr
                # keepNext on the header row too: a table never starts on the last line.
                p = ppr(keep_next=keep or is_head, before=1, after=1)
                lines = value.split("\n") if value else [""]
                out.extend(p_xml([(ln, r)], p) for ln in lines)
                out.append("</w:tc>")
            out.append("</w:tr>")
        out.append("</w:tbl>")
        self.parts.append("".join(out))
        # A little air after a table (two tables in a row would otherwise merge).
        self.parts.append(p_xml([], ppr(after=2)))

    def fields(self, rows: Sequence[tuple[str, str]], widths: Sequence[float] = (1, 2.6)) -> None:
        """Label/value pairs as a two-column table; empty values get a line to write on."""
        self.table(
            None,
            [(label, value if value.strip() else BLANK) for label, value in rows],
            widths,
            size=10.5,
            label_column=True,
        )

    # -- finishing ---------------------------------------------------------------------------
    def finish(self) -> Document:
        from docx.oxml.parser import parse_xml

        fragment = parse_xml(f'<w:body xmlns:w="{W_NS}">{"".join(self.parts)}</w:body>')
        body = self.doc.element.body
        sect = body.sectPr
        for child in list(fragment):
            if sect is not None:
                sect.addprevious(child)
            else:
                body.append(child)
        self.parts = []
        return self.doc


# -- the base document -----------------------------------------------------------------------
def new_document(title: str, header_line: str, template_path: str | Path | None = None) -> Writer:
    """A document from the organisation's template (its headers and styles kept, its body
    cleared) or the built-in look; with the OSL marking and "Sida x av y" on every page."""
    import docx
    from docx.shared import Cm, Pt

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
    writer = Writer(doc, int(width / 635))  # EMU -> twips
    _header_footer(doc, title, header_line, bool(template_path))
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


def _field(instr: str) -> str:
    """A PAGE/NUMPAGES field; the cached "1" shows until the viewer updates fields."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        "<w:r><w:t>1</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def _header_footer(doc: Any, title: str, header_line: str, keep_template: bool) -> None:
    from docx.oxml.parser import parse_xml

    section = doc.sections[-1]
    small = rpr(size=8.5, color="404040")
    marking = p_xml([("SEKRETESS enligt OSL", rpr(bold=True, size=8.5))], ppr(align="right", after=0))  # fmt: skip
    line = p_xml([(f"{title} – {header_line}", small)], ppr(after=0))
    page = (
        f'<w:p xmlns:w="{W_NS}">{ppr(align="center", after=0)}'
        f'<w:r>{small}<w:t xml:space="preserve">Sida </w:t></w:r>{_field("PAGE")}'
        f'<w:r>{small}<w:t xml:space="preserve"> av </w:t></w:r>{_field("NUMPAGES")}</w:p>'
    )
    headers = [section.header]
    footers = [section.footer]
    if section.different_first_page_header_footer:
        headers.append(section.first_page_header)
        footers.append(section.first_page_footer)
    for part in headers:
        el = part._element
        if not keep_template:
            for child in list(el):
                el.remove(child)
        for xml in (marking, line):
            el.append(parse_xml(xml.replace("<w:p>", f'<w:p xmlns:w="{W_NS}">', 1)))
    for part in footers:
        el = part._element
        if not keep_template:
            for child in list(el):
                el.remove(child)
        el.append(parse_xml(page))
