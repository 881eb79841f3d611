"""The package around the body: the built-in styles, header and footer (OSL marking,
"Sida x av y"), and a clean package on finishing: Swedish (sv-SE) on every style, Word's
current compatibility mode, core properties set by Lotsen (never python-docx's or the
template's)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from exports.ooxml import _BAD, FONT, FOOTER_SIZE, LANG, W_NS, p_xml, ppr, rpr


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


def header_footer_parts(doc: Any, section: Any) -> tuple[list[Any], list[Any]]:
    """A section's headers and footers in use: the default ones, and the first-page and even-page
    ones when the document (or its template) turns them on."""
    headers, footers = [section.header], [section.footer]
    if section.different_first_page_header_footer:
        headers.append(section.first_page_header)
        footers.append(section.first_page_footer)
    if doc.settings.odd_and_even_pages_header_footer:
        headers.append(section.even_page_header)
        footers.append(section.even_page_footer)
    return headers, footers


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
    headers, footers = header_footer_parts(doc, section)

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
