"""A document's body written as WordprocessingML in one go: headings numbered "3.", "3.1",
paragraphs, write-in lines and tables at their final size (python-docx spends most of its
time per cell and per style lookup, so styles are looked up once per document)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from exports.ooxml import (
    BORDER,
    KEEP_ROWS,
    LINE_COLOR,
    NBSP,
    SHADE,
    WRITE_HEIGHT,
    nb,
    p_xml,
    ppr,
    rpr,
)
from exports.package import _clean_package

if TYPE_CHECKING:
    from docx.document import Document


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
            self.parts.append(
                p_xml([(subtitle, rpr(size=12))], ppr(after=4 if self.version_line else 10))
            )
        if self.version_line:
            self.parts.append(p_xml([(self.version_line, rpr(bold=True, size=10))], ppr(after=10)))

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

    def para(
        self,
        text: str,
        *,
        bold: bool = False,
        italic: bool = False,
        size: float | None = None,
        keep_next: bool = False,
        after: int | None = None,
        indent_cm: float | None = None,
        keep_lines: bool = False,
        hanging_cm: float | None = None,
    ) -> None:
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
            )
        )

    def runs(
        self,
        runs: Sequence[tuple[str, str]],
        *,
        keep_next: bool = False,
        after: int | None = None,
        indent_cm: float | None = None,
    ) -> None:
        self.parts.append(p_xml(runs, ppr(keep_next=keep_next, after=after, indent_cm=indent_cm)))

    def text(self, text: str, blank_lines: int = 2, indent_cm: float | None = None) -> None:
        """Free text as typed, one paragraph per line; empty -> lines to write on."""
        if not text.strip():
            self.blank(blank_lines, indent_cm)
            return
        for line in text.strip("\n").split("\n"):
            self.parts.append(p_xml([(nb(line), "")], ppr(after=2, indent_cm=indent_cm)))

    def blank(
        self, lines: int = 2, indent_cm: float | None = None, label: str = "", keep: bool = False
    ) -> None:
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
                )
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
        self.grid(
            grid_rows,
            widths,
            size=size,
            header_rows=1 if headers else 0,
            keep_together=keep_together,
            borders=borders,
            heights=row_heights,
            line_cells=line_cells,
        )

    def fields(self, rows: Sequence[tuple[str, str]], widths: Sequence[float] = (1, 2.6)) -> None:
        """Label/value pairs as a two-column table; an empty value gets a row tall enough to
        write in by hand."""
        clean = [
            (label, value.strip("\n") if value.strip("_ .\n") else "") for label, value in rows
        ]
        self.table(None, clean, widths, size=10.5, label_column=True)

    # -- finishing ---------------------------------------------------------------------------
    def finish(self) -> Document:
        from exports import compat

        # Nothing empty at the very end: an empty last paragraph can make an empty last page.
        while self.parts and self.parts[-1] in ("<w:p></w:p>", p_xml([], ppr(after=2))):
            self.parts.pop()
        if self.parts and self.parts[-1].startswith("<w:tbl>"):
            # Word needs a paragraph after a table; a tiny one that cannot push a page.
            self.parts.append(p_xml([(NBSP, rpr(size=1))], ppr(before=0, after=0)))
        compat.append_to_body(self.doc, self.parts)
        self.parts = []
        _clean_package(self.doc, self.meta)
        return self.doc
