"""Documents a leader walks out with: builders from a plain meeting view, and saving.

Light to import: python-docx is loaded only when a document is built."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from exports.errors import ExportError
from model.documents import PLAN_DOCUMENTS, WORD_DOCUMENTS

if TYPE_CHECKING:
    from docx.document import Document

    from model.views import MeetingView

__all__ = [
    "DOCUMENTS",
    "ExportError",
    "build_document",
    "expected_main_document",
    "write_documents",
    "wrong_main_document",
]

# The Word documents of a meeting, {code: title}: from the one registry (model.documents).
DOCUMENTS: dict[str, str] = WORD_DOCUMENTS


def _builder(code: str) -> Callable[..., Document]:
    if code == "sip":
        from exports.sip import build_sip_document as b
    elif code == "uppfoljning":
        from exports.followup import build_followup_document as b
    elif code == "narvaro":
        from exports.attendance import build_attendance_document as b
    elif code == "kallelse":
        from exports.invitation import build_invitation_document as b
    elif code == "samtycke":
        from exports.consent import build_consent_document as b
    elif code == "avvikelse":
        from exports.deviation import build_deviation_document as b
    elif code == "anteckningar":
        from exports.notes import build_notes_document as b
    elif code == "foraldrainfo":
        from exports.parentinfo import build_parentinfo_document as b
    elif code == "minplan":
        from exports.minplan import build_minplan_document as b
    else:
        known = ", ".join(DOCUMENTS)
        raise ExportError(f"Okänt dokument '{code}'. Välj något av: {known}.")
    return b


def expected_main_document(meeting_view: MeetingView) -> str:
    """The plan a meeting produces: SIP for a first meeting, Uppföljning for a follow-up."""
    doc = meeting_view.routine.document
    if doc in PLAN_DOCUMENTS:
        return doc
    return "uppfoljning" if meeting_view.is_follow_up else "sip"


def wrong_main_document(code: str, meeting_view: MeetingView) -> str:
    """A Swedish sentence when `code` is the other plan than the meeting's; "" when right."""
    expected = expected_main_document(meeting_view)
    if code not in PLAN_DOCUMENTS or code == expected:
        return ""
    kind = "ett uppföljningsmöte" if expected == "uppfoljning" else "ett första möte"
    return (
        f"Mötet ({meeting_view.routine.name}) är {kind}: dokumentet för det är "
        f"{DOCUMENTS[expected]}, inte {DOCUMENTS[code]}."
    )


def build_document(
    code: str,
    meeting_view: MeetingView,
    settings: Any = None,
    *,
    version: int = 1,
    full_personnummer: bool = False,
) -> Document:
    """The document `code` for a meeting, on the organisation's template when settings name one.

    version 2 and on prints "Version n – <datum>" (a re-export); the date of the export is
    the day the store's clock gave the meeting's view."""
    from exports.layout import Look

    builder = _builder(code)
    look = Look.from_settings(
        settings,
        version=version,
        full_personnummer=full_personnummer,
        exported_on=meeting_view.read_on,
    )
    return builder(meeting_view, look)


def write_documents(
    meeting_view: MeetingView,
    codes: list[str] | tuple[str, ...],
    out_dir: Path | str | None = None,
    settings: Any = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> list[Path]:
    """Build and save each document; returns the paths written, in order.

    Files go to out_dir, or to the case's folder under documents_dir(). progress(done, total,
    code) is called after each document is saved, so a UI worker can report."""
    from exports.save import case_folder, next_version, save_document

    for code in codes:
        _builder(code)  # an unknown code fails before anything is written
    folder = Path(out_dir) if out_dir is not None else case_folder(meeting_view.case)
    written: list[Path] = []
    for i, code in enumerate(codes, start=1):
        version = next_version(folder, code, meeting_view)
        doc = build_document(code, meeting_view, settings, version=version)
        written.append(save_document(doc, folder, code, meeting_view))
        if progress is not None:
            progress(i, len(codes), code)
    return written
