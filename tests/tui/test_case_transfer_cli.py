"""Issue 13 on the command line: lotsen case export/import, and lotsen export --doc kalender."""

from __future__ import annotations

import datetime as dt
import io
import os
import stat
import sys
from pathlib import Path

import pytest

from model.transfer import crypto
from tui.cli import main

PHRASE = "sommar i Luleå 2026"


@pytest.fixture(autouse=True)
def _fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(crypto, "DEFAULT_PARAMS", crypto.KdfParams(log2_n=10, r=8, p=1))


@pytest.fixture
def source(tmp_path: Path) -> Path:
    from model.demo import write_demo

    path = tmp_path / "a.db"
    write_demo(path)
    return path


def stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))


def no_prompt(*_a, **_k) -> str:
    raise AssertionError("asked on the terminal")


def test_export_import_with_passphrase_on_stdin(monkeypatch, capsys, source, tmp_path) -> None:
    monkeypatch.setattr("getpass.getpass", no_prompt)
    stdin(monkeypatch, PHRASE + "\n")
    assert main(["case", "export", "--case", "1", str(tmp_path), "--db", str(source),
                 "--passphrase-stdin"]) == 0  # fmt: skip
    out, err = capsys.readouterr()
    path = Path(out.strip())
    assert path.name == f"Arende_EN_{dt.date.today().isoformat()}.lotsen"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert "krypterat" in err and "annat sätt" in err and PHRASE not in out + err
    target = tmp_path / "b.db"
    stdin(monkeypatch, PHRASE + "\n")
    assert main(["case", "import", str(path), "--db", str(target), "--passphrase-stdin"]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == "1" and "mottaget som ärende 1" in err
    # Again into the same database: the personnummer is there already.
    stdin(monkeypatch, PHRASE + "\n")
    assert main(["case", "import", str(path), "--db", str(target), "--passphrase-stdin"]) == 3
    assert "--as-new" in capsys.readouterr().err
    stdin(monkeypatch, PHRASE + "\n")
    assert main(["case", "import", str(path), "--db", str(target), "--passphrase-stdin",
                 "--as-new"]) == 0  # fmt: skip
    assert capsys.readouterr().out.strip() == "2"


def test_passphrase_typed_twice_on_the_terminal(monkeypatch, capsys, source, tmp_path) -> None:
    asked: list[str] = []

    def fake_getpass(prompt: str = "") -> str:
        asked.append(prompt)
        return PHRASE

    monkeypatch.setattr("getpass.getpass", fake_getpass)
    assert main(["case", "export", "--case", "1", str(tmp_path), "--db", str(source)]) == 0
    assert len(asked) == 2 and "igen" in asked[1]
    path = Path(capsys.readouterr().out.strip())
    asked.clear()
    assert main(["case", "import", str(path), "--db", str(tmp_path / "b.db")]) == 0
    assert len(asked) == 1


def test_mismatched_or_short_passphrase_writes_nothing(
    monkeypatch, capsys, source, tmp_path
) -> None:
    answers = iter(["första frasen", "andra frasen"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    out = tmp_path / "out"
    out.mkdir()
    assert main(["case", "export", "--case", "1", str(out), "--db", str(source)]) == 1
    assert "inte likadana" in capsys.readouterr().err
    stdin(monkeypatch, "kort\n")
    assert main(["case", "export", "--case", "1", str(out), "--db", str(source),
                 "--passphrase-stdin"]) == 1  # fmt: skip
    assert "minst 8 tecken" in capsys.readouterr().err
    assert list(out.iterdir()) == []


def test_wrong_passphrase_and_damaged_file(monkeypatch, capsys, source, tmp_path) -> None:
    stdin(monkeypatch, PHRASE + "\n")
    main(["case", "export", "--case", "1", str(tmp_path), "--db", str(source),
          "--passphrase-stdin"])  # fmt: skip
    path = Path(capsys.readouterr().out.strip())
    target = tmp_path / "b.db"
    stdin(monkeypatch, "fel lösenfras\n")
    assert main(["case", "import", str(path), "--db", str(target), "--passphrase-stdin"]) == 1
    assert capsys.readouterr().err.strip() == crypto.WRONG
    data = bytearray(path.read_bytes())
    data[-20] ^= 0xFF
    broken = tmp_path / "skadad.lotsen"
    broken.write_bytes(bytes(data))
    stdin(monkeypatch, PHRASE + "\n")
    assert main(["case", "import", str(broken), "--db", str(target), "--passphrase-stdin"]) == 1
    assert capsys.readouterr().err.strip() == crypto.WRONG
    cut = tmp_path / "avkortad.lotsen"
    cut.write_bytes(path.read_bytes()[:30])
    assert main(["case", "import", str(cut), "--db", str(target), "--passphrase-stdin"]) == 1
    assert "avkortad" in capsys.readouterr().err


def test_plain_warns_and_never_overwrites(monkeypatch, capsys, source, tmp_path) -> None:
    monkeypatch.setattr("getpass.getpass", no_prompt)
    named = tmp_path / "arkiv.json"
    assert main(["case", "export", "--case", "1", str(named), "--plain", "--db",
                 str(source)]) == 0  # fmt: skip
    err = capsys.readouterr().err
    assert "INTE krypterad" in err
    assert named.read_bytes().startswith(b"{")
    assert main(["case", "export", "--case", "1", str(named), "--plain", "--db",
                 str(source)]) == 1  # fmt: skip
    assert "skrivs aldrig över" in capsys.readouterr().err
    assert main(["case", "import", str(named), "--db", str(tmp_path / "c.db")]) == 0
    assert main(["case", "export", "--case", "7", str(tmp_path), "--plain", "--db",
                 str(source)]) == 1  # fmt: skip
    assert "inget ärende med id 7" in capsys.readouterr().err


def test_calendar_document(capsys, source, tmp_path) -> None:
    assert main(["export", "--meeting", "2", "--doc", "kalender", "--out", str(tmp_path),
                 "--db", str(source)]) == 0  # fmt: skip
    path = Path(capsys.readouterr().out.strip())
    assert path.suffix == ".ics" and path.name.startswith("Kalender_EN_")
    text = path.read_text(encoding="utf-8")
    assert "SUMMARY:Nätverksmöte (E.N.)" in text and "Elsa" not in text


def test_help_is_swedish_and_says_usage_once(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["case", "export", "--help"])
    out = capsys.readouterr().out
    assert out.count("Användning:") == 1 and "--passphrase-stdin" in out
    assert "lösenfras" in out and "okrypterad" in out
