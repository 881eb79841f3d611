"""The look of every document: the base (organisation template or built-in), header and footer,
and a writer that emits paragraphs and tables as WordprocessingML in one go.

python-docx spends most of its time per cell and per style lookup, so tables are written as
XML at their final size and styles are looked up once per document.

Finishing a document also cleans the package: Swedish (sv-SE) on every style, Word's current
compatibility mode, core properties set by Lotsen (never python-docx's or the template's).

Split by concern (every name stays importable from here): exports.ooxml (escaping, run and
paragraph XML, the constants), exports.look (Look), exports.writer (Writer), exports.package
(styles, header and footer, cleaning the package). This module makes the base document.
"""

from __future__ import annotations

from pathlib import Path

from exports import compat
from exports.errors import ExportError
from exports.look import Look
from exports.ooxml import (  # noqa: F401 - re-exported: others import them from here
    _BAD,
    _SECTION_LAW,
    _TIME_RANGE,
    _UNIT,
    BORDER,
    FONT,
    FOOTER_SIZE,
    KEEP_ROWS,
    LANG,
    LINE_COLOR,
    NBSP,
    OSL_DEFAULT,
    SHADE,
    SIGN_HEIGHT,
    TWIPS_PER_CM,
    W_NS,
    WJ,
    WRITE_HEIGHT,
    _runs_xml,
    esc,
    nb,
    p_xml,
    ppr,
    rpr,
)
from exports.package import (  # noqa: F401 - re-exported
    _DROP_DOC_RELS,
    _DROP_PACKAGE_RELS,
    _RPR_AFTER_LANG,
    APP_XML,
    _builtin_styles,
    _clean_package,
    _field,
    _header_footer,
    _set_lang,
    _swedish_styles,
    _word_settings,
)
from exports.writer import Writer


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
        compat.clear_body(doc)
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
