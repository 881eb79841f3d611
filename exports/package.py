"""The package around the body: the built-in styles, header and footer (OSL marking,
"Sida x av y"), and a clean package on finishing: Swedish (sv-SE) on every style, Word's
current compatibility mode, core properties set by Lotsen (never python-docx's or the
template's)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from exports import compat
from exports.ooxml import _BAD, FONT, FOOTER_SIZE, LANG, W_NS, p_xml, ppr, rpr


def _builtin_styles(doc: Any, Pt: Any) -> None:
    """A calm look: Calibri 11 pt, dark headings, one accent."""
    from docx.shared import RGBColor

    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    compat.set_font_all_scripts(normal, FONT)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.1
    for name, size in (("Title", 18), ("Heading 1", 14), ("Heading 2", 12)):
        style = doc.styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
        compat.drop_theme_fonts(style)
    compat.drop_paragraph_border(doc.styles["Title"])


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
    for part in headers:
        compat.replace_story(part, (*top, doc_line), keep=keep_template)
    for part in footers:
        compat.replace_story(part, (page,), keep=keep_template)


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
    for old in rpr_el.findall(f"{{{W_NS}}}lang"):
        rpr_el.remove(old)
    lang = compat.new_element("w:lang")
    lang.set(f"{{{W_NS}}}val", LANG)
    lang.set(f"{{{W_NS}}}eastAsia", LANG)
    for child in rpr_el:
        if child.tag in _RPR_AFTER_LANG:
            child.addprevious(lang)
            return
    rpr_el.append(lang)


def _swedish_styles(doc: Any) -> None:
    """sv-SE in the document defaults and on every style: Word checks spelling in Swedish."""
    styles = doc.styles.element
    defaults = styles.find(f"{{{W_NS}}}docDefaults")
    if defaults is None:
        defaults = compat.new_element("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(f"{{{W_NS}}}rPrDefault")
    if rpr_default is None:
        rpr_default = compat.new_element("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr_el = rpr_default.find(f"{{{W_NS}}}rPr")
    if rpr_el is None:
        rpr_el = compat.new_element("w:rPr")
        rpr_default.append(rpr_el)
    _set_lang(rpr_el)
    for style in styles.findall(f"{{{W_NS}}}style"):
        if style.get(f"{{{W_NS}}}type") == "numbering":
            continue  # numbering styles carry no run properties
        _set_lang(compat.style_run_properties(style))


def _word_settings(doc: Any) -> None:
    """Word's current compatibility mode (15), Swedish theme language, spelling not pre-marked
    as checked."""
    settings = doc.settings.element
    for tag in ("proofState", "attachedTemplate"):
        for old in settings.findall(f"{{{W_NS}}}{tag}"):
            settings.remove(old)
    compat_el = settings.find(f"{{{W_NS}}}compat")
    if compat_el is None:
        compat_el = compat.new_element("w:compat")
        # Schema order: compat comes before rsids / mathPr / themeFontLang and the rest.
        after = None
        for tag in (
            "docVars",
            "rsids",
            "mathPr",
            "attachedSchema",
            "themeFontLang",
            "clrSchemeMapping",
            "doNotIncludeSubdocsInStats",
            "doNotAutoCompressPictures",
            "forceUpgrade",
            "captions",
            "readModeInkLockDown",
            "smartTagType",
            "schemaLibrary",
            "shapeDefaults",
            "doNotEmbedSmartTags",
            "decimalSymbol",
            "listSeparator",
        ):
            after = settings.find(f"{{{W_NS}}}{tag}")
            if after is not None:
                break
        if after is not None:
            after.addprevious(compat_el)
        else:
            settings.append(compat_el)
    uri = "http://schemas.microsoft.com/office/word"
    found = False
    for cs in compat_el.findall(f"{{{W_NS}}}compatSetting"):
        if cs.get(f"{{{W_NS}}}name") == "compatibilityMode":
            cs.set(f"{{{W_NS}}}val", "15")
            found = True
    if not found:
        cs = compat.new_element("w:compatSetting")
        cs.set(f"{{{W_NS}}}name", "compatibilityMode")
        cs.set(f"{{{W_NS}}}uri", uri)
        cs.set(f"{{{W_NS}}}val", "15")
        compat_el.append(cs)
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
    for attr in (
        "comments",
        "subject",
        "keywords",
        "category",
        "content_status",
        "identifier",
        "version",
    ):
        setattr(cp, attr, "")
    cp.language = LANG
    compat.drop_last_printed(doc)
    pkg = doc.part.package
    for rid, rel in list(pkg.rels.items()):
        if rel.reltype.endswith(_DROP_PACKAGE_RELS):
            del pkg.rels[rid]
        elif rel.reltype.endswith("/extended-properties") and not rel.is_external:
            compat.set_part_blob(rel.target_part, APP_XML.encode("utf-8"))
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith(_DROP_DOC_RELS):
            del doc.part.rels[rid]
    _swedish_styles(doc)
    _word_settings(doc)
