"""Command-line exports without the app: `lotsen meetings` and `lotsen export` call these."""

from __future__ import annotations

import sys
from pathlib import Path

from exports import DOCUMENTS, ExportError
from model.documents import meeting_codes
from model.labels import MeetingState

STATUS = MeetingState.labels()  # planerat / pågår / hållet / inställt, as everywhere


def _open(db_path: Path | str | None):  # -> (Database, Store)
    from model.db import open_database
    from model.paths import default_db_path
    from model.store import Store

    path = Path(db_path) if db_path else default_db_path()
    if not path.exists():
        raise FileNotFoundError(f"Databasen {path} finns inte.")
    db = open_database(path)
    try:
        return db, Store(db)
    except BaseException:
        db.close()
        raise


def main_meetings(db_path: Path | str | None = None) -> int:
    """Print every meeting: id, child, routine, date, status."""
    from model.db import DatabaseError

    try:
        db, store = _open(db_path)
    except (DatabaseError, FileNotFoundError) as exc:
        print(f"Fel: {exc}", file=sys.stderr)
        return 2
    try:
        rows = store.list_meetings()
    finally:
        db.close()
    if not rows:
        print("Det finns inga möten i databasen.")
        return 0
    table = [("Id", "Barn", "Möte", "Datum", "Status")] + [
        (str(mid), child, routine, day.isoformat() if day else "-", STATUS.get(status, status))
        for mid, _case, child, routine, day, status in rows
    ]
    widths = [max(len(r[i]) for r in table) for i in range(5)]
    for r in table:
        print("  ".join(v.ljust(widths[i]) for i, v in enumerate(r)).rstrip())
    return 0


def main_export(
    db_path: Path | str | None,
    meeting_id: int,
    doc: str,
    out_dir: Path | str | None = None,
    *,
    force: bool = False,
) -> int:
    """Export one document of one meeting; prints the path written.

    The other plan than the meeting's (SIP for a follow-up, Uppföljning for a first meeting)
    is refused unless force is given."""
    from exports import write_documents, wrong_main_document
    from model.consent import consent_gaps, gap_people
    from model.db import DatabaseError
    from model.settings import load_settings
    from model.store import NotFound

    if doc not in DOCUMENTS:
        known = ", ".join(meeting_codes())  # kalender too: `lotsen export` writes it
        print(f"Fel: okänt dokument '{doc}'. Välj något av: {known}.", file=sys.stderr)
        return 2
    try:
        db, store = _open(db_path)
    except (DatabaseError, FileNotFoundError) as exc:
        print(f"Fel: {exc}", file=sys.stderr)
        return 2
    try:
        meeting = store.get_meeting(int(meeting_id))
    except NotFound:
        print(
            f"Fel: det finns inget möte med id {meeting_id}. Se `lotsen meetings`.", file=sys.stderr
        )
        return 2
    finally:
        db.close()
    wrong = wrong_main_document(doc, meeting)
    if wrong and not force:
        print(f"Fel: {wrong} Skriv --force för att ändå exportera det.", file=sys.stderr)
        return 2
    gaps = (
        consent_gaps(meeting.case, list(meeting.invitees), meeting.date)
        if doc == "kallelse"
        else []
    )
    if gaps and not force:  # as the export dialog asks first (the Kallelse names the child)
        who = gap_people(gaps)
        details = " ".join(f"{g.text}." for g in gaps)
        print(
            f"Fel: {who} omfattas inte av samtycket. {details} Ingen kallelse skrevs. "
            "Skriv --force för att ändå skapa den.",
            file=sys.stderr,
        )
        return 2
    try:
        (path,) = write_documents(meeting, [doc], out_dir, load_settings())
    except ExportError as exc:
        print(f"Fel: {exc}", file=sys.stderr)
        return 1
    print(path)
    return 0
