"""Every place Lotsen reaches below python-docx's documented API, in one module.

python-docx (1.2) builds paragraphs and tables one call at a time and has no API for several
things a Swedish meeting document needs: raw WordprocessingML in the body, header and footer
content with PAGE / NUMPAGES fields, fonts for every script, the proofing language, removing
a core property, and the extended properties (docProps/app.xml). Each function below says
what is missing and, where there is one, the python-docx issue or pull request about it. When
python-docx gains the API, only this module changes; the reopen-the-docx tests
(tests/exports) check the result either way.

Loaded lazily like the rest of exports: python-docx is imported inside the functions.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from exports.ooxml import W_NS

_CORE_NS = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"


def parse_xml(xml: str) -> Any:
    """An oxml element from XML text. `docx.oxml.parse_xml` is the public name (listed in
    docx.oxml.__all__ "for downstream use"); the code used to import it from the internal
    module docx.oxml.parser."""
    from docx.oxml import parse_xml as parse

    return parse(xml)


def new_element(tag: str) -> Any:
    """An empty oxml element, e.g. new_element("w:lang") (public `docx.oxml.OxmlElement`)."""
    from docx.oxml import OxmlElement

    return OxmlElement(tag)


def paragraph_element(xml: str) -> Any:
    """One `<w:p>...</w:p>` (as exports.ooxml writes it, without a namespace declaration)
    parsed into an element."""
    return parse_xml(xml.replace("<w:p>", f'<w:p xmlns:w="{W_NS}">', 1))


# -- the body ---------------------------------------------------------------------------------
def append_to_body(doc: Any, xml_parts: Iterable[str]) -> None:
    """Add WordprocessingML paragraphs and tables at the end of the body, before the final
    section properties.

    python-docx has no way to add XML to a document, nor to insert a block anywhere but at the
    end through add_paragraph / add_table (python-docx #55 "inserting xml-snippet into docx
    using the python-docx api", #27 "Adding elements nonsequentially", open). Writing the
    body as XML text is also what keeps a 50-page notes document fast to build."""
    fragment = parse_xml(f'<w:body xmlns:w="{W_NS}">{"".join(xml_parts)}</w:body>')
    body = doc.element.body
    sect = body.sectPr
    for child in list(fragment):
        if sect is not None:
            sect.addprevious(child)
        else:
            body.append(child)


def clear_body(doc: Any) -> None:
    """Remove every paragraph and table of a template's body, keeping its section properties
    (page size, margins, header and footer references). python-docx has no delete for a
    block item (python-docx #33 "feature: Paragraph.delete()", open)."""
    body = doc.element.body
    for child in list(body):
        if child.tag != f"{{{W_NS}}}sectPr":
            body.remove(child)


# -- headers and footers ----------------------------------------------------------------------
def story_root(header_or_footer: Any) -> Any:
    """The `w:hdr` / `w:ftr` element of a section's header or footer.

    python-docx can add paragraphs and tables to a header or footer but not clear it, and has
    no fields (the page numbers "Sida 1 av 3" are PAGE / NUMPAGES fields). The maintainer's
    advice is to work on `footer._element` (python-docx #868); the private name is read
    only here."""
    return header_or_footer._element


def replace_story(header_or_footer: Any, xml_paragraphs: Iterable[str], *, keep: bool) -> None:
    """Put these paragraphs in a header or footer: after what is there (keep=True, a template's
    own content) or instead of it."""
    root = story_root(header_or_footer)
    if not keep:
        for child in list(root):
            root.remove(child)
    for xml in xml_paragraphs:
        root.append(paragraph_element(xml))


# -- styles -----------------------------------------------------------------------------------
def set_font_all_scripts(style: Any, font: str) -> None:
    """The style's font for East Asian and complex scripts too (w:eastAsia, w:cs).

    `Font.name` sets only w:ascii and w:hAnsi (python-docx #154 "feature: Font.name_far_east",
    open; PR #1437 open)."""
    rfonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("eastAsia", "cs"):
        rfonts.set(f"{{{W_NS}}}{attr}", font)


def drop_theme_fonts(style: Any) -> None:
    """Remove the theme font references of a style, so the font set by name is used (a theme
    font wins over `Font.name` in Word). python-docx has no API for theme fonts."""
    rpr = style.element.rPr
    if rpr is not None and rpr.rFonts is not None:
        for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            rpr.rFonts.attrib.pop(f"{{{W_NS}}}{attr}", None)


def drop_paragraph_border(style: Any) -> None:
    """Remove a style's paragraph border (the built-in Title's rule). python-docx has no
    paragraph borders."""
    ppr = style.element.pPr
    border = ppr.find(f"{{{W_NS}}}pBdr") if ppr is not None else None
    if border is not None:
        ppr.remove(border)


def style_run_properties(style_element: Any) -> Any:
    """The w:rPr of a `w:style` element, created when missing: where the proofing language
    goes. python-docx has no language setting (python-docx #727 "Setting the document language
    has no effect", #700 "Ability to set text language", both open)."""
    return style_element.get_or_add_rPr()


# -- package properties -----------------------------------------------------------------------
def drop_last_printed(doc: Any) -> None:
    """Remove cp:lastPrinted from the core properties (a template's print date must not follow
    the child's document). `CoreProperties.last_printed` accepts only a datetime; no property
    can be removed (python-docx #1387, open)."""
    el = doc.core_properties._element
    for old in el.findall(f"{{{_CORE_NS}}}lastPrinted"):
        el.remove(old)


def set_part_blob(part: Any, blob: bytes) -> None:
    """Replace the bytes of a package part python-docx loads as a plain Part (docProps/app.xml,
    the extended properties: application, template, company). python-docx has no extended
    properties (python-docx #911, open; PR #1206 "Implements extended-properties", open)."""
    part._blob = blob
