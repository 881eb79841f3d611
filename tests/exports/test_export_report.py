"""Utvärdering as files: the DOCX and the CSV reopened, and `lotsen report` end to end."""

from __future__ import annotations

import csv
import datetime as dt
import io
import subprocess
import sys
from pathlib import Path

import pytest
from export_helpers import all_text, header_text, table_with

from model.db import open_database
from model.report import build_report
from model.small_counts import HIDDEN, SMALL
from tests.model.report_helpers import CHILD_VIEW, NAMES, PERIOD, PNR, build_known

ROOT = Path(__file__).resolve().parents[2]
SECRETS = [*NAMES, PNR, "20150312", CHILD_VIEW, "Hemligt skäl", "Ingen kontakt", "Sjukdom"]


@pytest.fixture
def known_path(tmp_path, monkeypatch):
    monkeypatch.setenv("LOTSEN_DOCUMENTS_DIR", str(tmp_path / "dokument"))
    path = tmp_path / "known.db"
    db = open_database(path)
    build_known(db)
    db.close()
    return path


@pytest.fixture
def report(known_path):
    db = open_database(known_path)
    yield build_report(db, *PERIOD)
    db.close()


def test_the_docx_has_a_table_per_figure_with_the_small_count_rule(report, tmp_path):
    import docx

    from exports.report import write_report

    docx_path, csv_path = write_report(report, tmp_path / "ut", today=dt.date(2026, 7, 2))
    assert docx_path.name == "Utvardering_2026-01-01_2026-06-30.docx"
    doc = docx.Document(str(docx_path))
    text = all_text(doc)
    assert "Period: 1 januari 2026 – 30 juni 2026" in text
    assert "Uttaget 2 juli 2026" in text
    assert "Endast antal" in header_text(doc)
    assert table_with(doc, "Ärenden") == [["Ärenden", "Antal"], ["Nya under perioden", "4"],
                                          ["Avslutade under perioden", SMALL],
                                          ["Öppna vid periodens slut", "3"]]  # fmt: skip
    assert table_with(doc, "Rutin")[-1] == ["Totalt", HIDDEN]  # 3 + 1 + 1: see test_report
    assert ["Första nätverksmötet (Västbus)", SMALL] in table_with(doc, "Rutin")
    assert table_with(doc, "Verksamhet")[1:] == [["Ej angiven", SMALL],
                                                 ["Socialtjänsten", HIDDEN], ["Totalt", HIDDEN]]  # fmt: skip
    actions = table_with(doc, "Huvudman")
    assert actions[0] == ["Huvudman", "Nya", "Följdes upp", "Genomförd", "Pågår",
                          "Ej genomförd", "Ej bedömd"]  # fmt: skip
    assert actions[-1][:2] == ["Totalt", HIDDEN]
    months = table_with(doc, "Månad")
    assert months[1] == ["jan 2026", SMALL, SMALL] and len(months) == 7
    for secret in SECRETS:
        assert secret not in text


def test_the_csv_opens_in_a_spreadsheet_with_swedish_letters(report, tmp_path):
    from exports.report import write_report

    _, csv_path = write_report(report, tmp_path / "ut", today=dt.date(2026, 7, 2))
    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Utvärdering av nätverksmöten", "2026-01-01", "2026-06-30"]
    assert ["Nya under perioden", "4"] in rows
    assert ["Öppna vid periodens slut", "3"] in rows
    assert ["Avslutade under perioden", SMALL] in rows
    assert ["Dagar från överenskommelse till möte (median)", "21",
            "5 möten med datum för överenskommelse"] in rows  # fmt: skip
    assert ["BUP", "3"] in rows
    text = raw.decode("utf-8-sig")
    for secret in SECRETS:
        assert secret not in text


def test_a_second_report_never_overwrites_the_first(report, tmp_path):
    from exports.report import write_report

    first = write_report(report, tmp_path, today=dt.date(2026, 7, 2))
    second = write_report(report, tmp_path, today=dt.date(2026, 7, 2))
    assert [p.name for p in second] == ["Utvardering_2026-01-01_2026-06-30_2.docx",
                                        "Utvardering_2026-01-01_2026-06-30_2.csv"]  # fmt: skip
    assert all(p.exists() for p in first + second)
    assert not list(tmp_path.glob(".lotsen-*"))


def _lotsen(*args: str) -> subprocess.CompletedProcess:
    code = "import sys; from tui.cli import main; sys.exit(main())"
    return subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True,
                          text=True)  # fmt: skip


def test_lotsen_report_writes_both_files(known_path, tmp_path):
    import docx

    run = _lotsen("report", "--db", str(known_path), "--from", "2026-01-01", "--to",
                  "30/6 2026", "--out", str(tmp_path / "ut"))  # fmt: skip
    assert run.returncode == 0, run.stderr
    paths = [Path(line) for line in run.stdout.split()]
    assert [p.suffix for p in paths] == [".docx", ".csv"]
    assert paths[0].parent == tmp_path / "ut"
    assert table_with(docx.Document(str(paths[0])), "Ärenden")[1] == ["Nya under perioden", "4"]
    # Only --from: the rest of that year; no --out: Dokument/Lotsen/Utvardering.
    run = _lotsen("report", "--db", str(known_path), "--from", "2026-07-01")
    assert run.returncode == 0, run.stderr
    assert Path(run.stdout.split()[0]) == (
        tmp_path / "dokument" / "Utvardering" / "Utvardering_2026-07-01_2026-12-31.docx"
    )
    # Only --to: from the start of that year.
    run = _lotsen("report", "--db", str(known_path), "--to", "2025-12-31")
    assert run.returncode == 0, run.stderr
    assert Path(run.stdout.split()[0]).name == "Utvardering_2025-01-01_2025-12-31.docx"


@pytest.mark.parametrize(("args", "message"), [
    (["--from", "2026-02-30"], "finns inte i kalendern"),
    (["--from", "2026-06-01", "--to", "2026-01-01"], "före startdatumet"),
])  # fmt: skip
def test_lotsen_report_explains_a_bad_period_in_swedish(known_path, args, message):
    run = _lotsen("report", "--db", str(known_path), *args)
    assert run.returncode == 2 and message in run.stderr
    assert "Traceback" not in run.stderr


def test_lotsen_report_on_a_missing_database(tmp_path):
    run = _lotsen("report", "--db", str(tmp_path / "finns-inte.db"))
    assert run.returncode == 2 and "finns inte" in run.stderr
    assert not (tmp_path / "finns-inte.db").exists()
