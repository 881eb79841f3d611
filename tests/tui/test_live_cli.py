"""Issue 10, the command line and the demo: Swedish argparse messages said once, `restore`
takes a name from the backups folder, KOPIA listed as an argument, a clear message while the
app has the database open, and the demo's exports in a demo folder of their own."""

from __future__ import annotations

import os

import pytest

from model.db import DatabaseInUse, open_database
from tui import cli


def _err(capsys, *argv: str) -> str:
    with pytest.raises(SystemExit):
        cli.main(list(argv))
    return capsys.readouterr().err


def test_usage_said_once_and_messages_in_swedish(capsys):
    err = _err(capsys, "export", "--meeting", "1")
    assert err.count("Användning:") == 1 and "Användning: lotsen export" in err
    assert "det här måste anges: --doc" in err and "detta saknas" not in err
    assert "ska vara ett heltal" in _err(capsys, "export", "--meeting", "x", "--doc", "sip")
    unknown = _err(capsys, "--nej")
    assert "okända argument: --nej" in unknown and "argumentet" not in unknown


def test_restore_help_lists_kopia_as_an_argument(capsys):
    with pytest.raises(SystemExit):
        cli.main(["restore", "--help"])
    out = capsys.readouterr().out
    assert out.count("Användning:") == 1
    assert "argument:\n  KOPIA" in out and "kommandon" not in out
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    assert "kommandon:" in capsys.readouterr().out


def test_restore_accepts_a_name_from_the_backups_folder(tmp_path, capsys):
    path = tmp_path / "lotsen.db"
    db = open_database(path)
    from model.store import Store

    Store(db).create_case("Alva Lind")
    backup = db.backup(reason="manuell")
    db.close()
    assert cli.main(["restore", backup.name, "--db", str(path)]) == 0
    assert "är återställd" in capsys.readouterr().out
    assert cli.main(["restore", backup.stem, "--db", str(path)]) == 0  # without .db
    assert cli.main(["restore", "finns-inte", "--db", str(path)]) == 1
    assert "finns varken som fil eller i" in capsys.readouterr().err


def test_meetings_while_the_app_is_open_says_why_waiting_is_safe(tmp_path, monkeypatch, capsys):
    path = tmp_path / "lotsen.db"
    open_database(path).close()

    def in_use(_path):  # noqa: ANN001
        raise DatabaseInUse("Lotsen är redan öppet")

    monkeypatch.setattr(cli, "_check_existing", in_use)
    assert cli.main(["meetings", "--db", str(path)]) == 1
    err = capsys.readouterr().err
    assert "Det är säkert att vänta" in err and "lotsen meetings` körs inte" in err
    assert "Ctrl+Q" in err and "väntar" not in err  # it ends at once; it never waits


def test_demo_exports_to_a_demo_folder_and_honours_meeting(monkeypatch, tmp_path):
    seen = {}

    def fake_run_app(db_path, *, demo=False, meeting_id=None):  # noqa: ANN001, ANN202
        from model.paths import documents_dir

        seen.update(demo=demo, meeting_id=meeting_id, docs=documents_dir())
        return 0

    monkeypatch.setattr(cli, "run_app", fake_run_app)
    monkeypatch.delenv("LOTSEN_DOCUMENTS_DIR", raising=False)
    try:
        assert cli.main(["--demo", "--meeting", "2"]) == 0
    finally:
        os.environ.pop("LOTSEN_DOCUMENTS_DIR", None)
    assert seen["demo"] is True and seen["meeting_id"] == 2
    assert "Lotsen-demo-dokument" in str(seen["docs"])
    assert "Documents" not in str(seen["docs"]) and "Dokument/Lotsen" not in str(seen["docs"])
