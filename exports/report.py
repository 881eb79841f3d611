"""Utvärdering as files: a Word document with tables for the steering group and a CSV for a
spreadsheet, both from model.report's tables (the small-count rule is applied there).

The CSV is UTF-8 with a BOM and semicolons, so Excel set to Swedish opens it with å, ä and ö
and one value per cell. Both files go to Dokument/Lotsen/Utvardering (or --out) under names
with the period; an existing file is never overwritten (the next gets _2)."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from exports.errors import ExportError
from model.documents import stem_of
from model.report import Report, Table, report_tables
from model.small_counts import RULE

if TYPE_CHECKING:
    from docx.document import Document

TITLE = "Utvärdering"
# The mark in every page's header: the report holds counts only.
MARK = "Endast antal – inga personuppgifter"
FOLDER = "Utvardering"


def period_text(report: Report) -> str:
    from exports.text import date_words

    return f"{date_words(report.start)} – {date_words(report.end)}"


def _widths(table: Table) -> tuple[float, ...]:
    n = len(table.headers)
    if n == 2:
        return (3.0, 1.2)
    if n == 3:
        return (2.6, 1.0, 2.4) if table.key == "kvalitet" else (2.0, 1.2, 1.2)
    return (2.6, 1.6, 1.5, 1.7, 1.2, 1.9, 1.4)[:n]  # Insatser: "Genomförd" stays whole


def build_report_document(report: Report, settings: Any = None, *, today: dt.date) -> Document:
    """The report as a Word document: the period, the rule, one table per figure; taken out
    on `today` (the app's or the command's clock)."""
    from exports.layout import Look, new_document
    from exports.text import date_words

    look = dataclasses.replace(Look.from_settings(settings), osl=MARK, exported_on=today)
    w = new_document(
        TITLE,
        period_text(report),
        look,
        doc_title=f"{TITLE} {period_text(report)}",
        author=look.organisation or "Lotsen",
        issuer=look.organisation,
    )
    w.title(f"{TITLE} av nätverksmöten", f"Period: {period_text(report)}")
    w.para(f"Uttaget {date_words(look.day)} ur Lotsen.", size=10, after=4)
    w.para(RULE, italic=True, size=9.5, after=8)
    for table in report_tables(report):
        w.heading(table.title)
        if table.note:  # before the table, kept with it (a note alone on the next page is lost)
            w.para(table.note, italic=True, size=9, after=4, keep_next=True)
        w.table(table.headers, table.rows, _widths(table), keep_together=len(table.rows) <= 14)
    return w.finish()


def report_csv(report: Report) -> str:
    """Every table under its title, a blank line between: ready for a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([f"{TITLE} av nätverksmöten", report.start.isoformat(), report.end.isoformat()])
    writer.writerow([RULE])
    for table in report_tables(report):
        writer.writerow([])
        writer.writerow([table.title])
        writer.writerow(table.headers)
        writer.writerows(table.rows)
        if table.note:
            writer.writerow([table.note])
    return out.getvalue()


def _save(folder: Path, stem: str, suffix: str, write: Callable[[Any], None]) -> Path:
    """Write to a temp file in folder, then give it the first free name (never replacing)."""
    from exports.save import TMP_PREFIX, TMP_SUFFIX, remove_stale_temp_files

    try:
        folder.mkdir(parents=True, exist_ok=True)
        remove_stale_temp_files(folder)  # what a killed export left behind
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=TMP_PREFIX, suffix=TMP_SUFFIX)
    except OSError as exc:
        raise ExportError(
            f"Mappen {folder} går inte att skriva i ({exc.strerror or exc}). "
            "Välj en annan mapp med --out."
        ) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        for n in range(1, 1000):
            target = folder / (f"{stem}{suffix}" if n == 1 else f"{stem}_{n}{suffix}")
            try:
                os.link(tmp, target)
            except FileExistsError:
                continue
            except OSError:  # no hard links here (FAT, some shares): rename while still free
                if target.exists():
                    continue
                os.replace(tmp, target)
                return target
            return target
        raise ExportError(f"Det finns redan för många filer med namnet {stem}{suffix} i {folder}.")
    except OSError as exc:
        raise ExportError(
            f"Utvärderingen kunde inte sparas i {folder}: {exc.strerror or exc}."
        ) from None
    finally:
        try:
            os.unlink(tmp)
        except OSError:
            pass


def default_folder() -> Path:
    from model.paths import documents_dir

    return documents_dir() / FOLDER


def write_report(
    report: Report, out_dir: Path | str | None = None, settings: Any = None, *, today: dt.date
) -> list[Path]:
    """Save the DOCX and the CSV (taken out on `today`); returns both paths."""
    folder = Path(out_dir).expanduser() if out_dir is not None else default_folder()
    stem = f"{stem_of('utvardering')}_{report.start.isoformat()}_{report.end.isoformat()}"
    doc = build_report_document(report, settings, today=today)
    text = report_csv(report)
    paths = [
        _save(folder, stem, ".docx", doc.save),
        _save(folder, stem, ".csv", lambda fh: fh.write(text.encode("utf-8-sig"))),
    ]
    from model.paths import sync_dir

    sync_dir(folder)
    return paths


def main_report(
    db_path: Path, start: str | None, end: str | None, out_dir: Path | None = None
) -> int:
    """`lotsen report`: the evaluation for the period (default: this year until today)."""
    from model.clock import default_clock
    from model.db import DatabaseError, open_database
    from model.report import build_report, default_period
    from model.settings import load_settings
    from model.validation import InvalidInput, parse_date

    today = default_clock().today()
    first, last = default_period(today)
    try:
        given_first = parse_date(start, "from", "Startdatumet (--from)", today=today)
        given_last = parse_date(end, "to", "Slutdatumet (--to)", today=today)
    except InvalidInput as exc:
        print(f"Fel: {exc}", file=sys.stderr)
        return 2
    # Only --from: to the end of that year; only --to: from the start of that year.
    if given_first and not given_last:
        first, last = given_first, dt.date(given_first.year, 12, 31)
    elif given_last and not given_first:
        first, last = dt.date(given_last.year, 1, 1), given_last
    elif given_first and given_last:
        first, last = given_first, given_last
    if last < first:
        print(
            f"Fel: slutdatumet {last.isoformat()} ligger före startdatumet {first.isoformat()}.",
            file=sys.stderr,
        )
        return 2
    if not db_path.exists():
        print(f"Fel: Databasen {db_path} finns inte.", file=sys.stderr)
        return 2
    try:
        db = open_database(db_path)
    except DatabaseError as exc:
        print(f"Fel: {exc}", file=sys.stderr)
        return 2
    try:
        report = build_report(db, first, last)
    finally:
        db.close()
    try:
        paths = write_report(report, out_dir, load_settings(), today=today)
    except ExportError as exc:
        print(f"Fel: {exc}", file=sys.stderr)
        return 1
    for path in paths:
        print(path)
    return 0
