"""`lotsen meetings` and `lotsen export` end to end on a demo database."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from export_helpers import paragraphs

from model.demo import write_demo

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def demo_db(tmp_path, monkeypatch):
    docs = tmp_path / "dokument"
    monkeypatch.setenv("LOTSEN_DOCUMENTS_DIR", str(docs))
    path = tmp_path / "demo.db"
    write_demo(path)
    return path


def test_meetings_prints_a_table(demo_db, capsys):
    from exports.cli import main_meetings

    assert main_meetings(demo_db) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["Id", "Barn", "Möte", "Datum", "Status"]
    assert out[1].startswith("1") and "Elsa Nyström" in out[1] and "hållet" in out[1]
    assert "Uppföljande lotsmöte" in out[2] and "planerat" in out[2]


def test_export_writes_the_document_and_prints_its_path(demo_db, capsys, tmp_path):
    import docx

    from exports.cli import main_export

    assert main_export(demo_db, 1, "sip", None) == 0
    path = Path(capsys.readouterr().out.strip())
    assert path.parent.parent == tmp_path / "dokument"
    assert path.name.startswith("SIP_EN_")
    assert "Samordnad individuell plan (SIP)" in paragraphs(docx.Document(str(path)))
    assert main_export(demo_db, 2, "kallelse", tmp_path / "ut") == 0
    assert Path(capsys.readouterr().out.strip()).parent == tmp_path / "ut"


@pytest.mark.parametrize(
    ("meeting", "doc", "message"),
    [(99, "sip", "inget möte med id 99"), (1, "plan", "okänt dokument 'plan'")],
)
def test_export_refuses_unknown_meeting_or_document(demo_db, capsys, meeting, doc, message):
    from exports.cli import main_export

    assert main_export(demo_db, meeting, doc, None) != 0
    assert message in capsys.readouterr().err


def test_database_errors_are_reported_in_swedish(tmp_path, capsys):
    from exports.cli import main_export, main_meetings

    bad = tmp_path / "inte-en-databas.db"
    bad.write_text("hej")
    assert main_meetings(bad) != 0
    assert main_export(tmp_path / "saknas.db", 1, "sip", None) != 0
    err = capsys.readouterr().err
    assert err.count("Fel: ") == 2 and "finns inte" in err


def test_export_in_a_fresh_process(demo_db, tmp_path):
    code = (
        "import sys; from exports.cli import main_export; "
        f"sys.exit(main_export({str(demo_db)!r}, 1, 'anteckningar', {str(tmp_path / 'ut')!r}))"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert Path(run.stdout.strip()).name.startswith("Minnesanteckningar_EN_")
    bad = subprocess.run([sys.executable, "-c", code.replace(", 1,", ", 7,")], cwd=ROOT,
                         capture_output=True, text=True)  # fmt: skip
    assert bad.returncode == 2 and "inget möte med id 7" in bad.stderr


def test_exports_import_neither_textual_nor_docx_up_front():
    code = (
        "import sys, exports, exports.cli; print('textual' in sys.modules, 'docx' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert run.stdout.split() == ["False", "False"], run.stderr


def test_export_refuses_the_other_plan_without_force(demo_db, capsys, tmp_path):
    from exports.cli import main_export

    # Meeting 1 is a first meeting (SIP), meeting 2 a follow-up (Uppföljning av SIP).
    assert main_export(demo_db, 1, "uppfoljning", tmp_path) == 2
    err = capsys.readouterr().err
    assert "Samordnad individuell plan (SIP), inte Uppföljning av SIP" in err and "--force" in err
    assert main_export(demo_db, 2, "sip", tmp_path) == 2
    assert "Uppföljning av SIP, inte Samordnad individuell plan (SIP)" in capsys.readouterr().err
    assert not list(tmp_path.glob("*.docx"))
    assert main_export(demo_db, 2, "sip", tmp_path, force=True) == 0
    assert Path(capsys.readouterr().out.strip()).name.startswith("SIP_EN_")
    assert main_export(demo_db, 2, "uppfoljning", tmp_path) == 0


def test_the_command_line_takes_force(demo_db, tmp_path):
    base = [sys.executable, "-c", "import sys; from tui.cli import main; sys.exit(main())", "export", "--db", str(demo_db), "--meeting", "2",
            "--doc", "sip", "--out", str(tmp_path)]  # fmt: skip
    run = subprocess.run(base, cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 2 and "--force" in run.stderr
    run = subprocess.run([*base, "--force"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


def test_export_help_and_unknown_document_name_every_document_of_the_registry(demo_db, capsys):
    """`lotsen export --help` and the message for an unknown --doc list the same documents:
    the registry's, the calendar file too."""
    from exports.cli import main_export
    from model.documents import BY_CODE, meeting_codes
    from tui import cli

    with pytest.raises(SystemExit):
        cli.main(["export", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())  # argparse wraps the lines
    for code in meeting_codes():
        assert f"{code} = {BY_CODE[code].title}" in help_text
    assert "kalender = Kalenderfil (.ics) för nästa möte" in help_text
    assert main_export(demo_db, 1, "plan", None) == 2
    err = capsys.readouterr().err
    assert f"Välj något av: {', '.join(meeting_codes())}." in err and "kalender" in err


def test_a_kallelse_to_an_agency_the_consent_does_not_cover_needs_force(demo_db, capsys, tmp_path):
    """As the export dialog asks first: the command refuses, names who and why, writes
    nothing; --force writes it."""
    from exports.cli import main_export
    from model.db import open_database
    from model.store import Store

    db = open_database(demo_db)
    store = Store(db)
    meeting = store.get_meeting(2)
    pid = store.add_participant(meeting.case.id, "Gun Polisson", organisation="Polisen",
                                role="Kontaktpolis")  # fmt: skip
    store.set_invitees(2, [p.id for p in meeting.invitees] + [pid])
    db.close()
    out = tmp_path / "ut"
    assert main_export(demo_db, 2, "kallelse", out) == 2
    err = capsys.readouterr().err
    assert "Gun Polisson (Polisen) omfattas inte av samtycket" in err
    assert "Samtycket täcker inte Polisen" in err and "--force" in err
    assert not out.exists() or not list(out.iterdir())
    assert main_export(demo_db, 2, "kallelse", out, force=True) == 0
    assert Path(capsys.readouterr().out.strip()).parent == out
