"""Lotsen opens no network connection; model/ stays free of textual and docx, and the first
screen's modules do not load SQLAlchemy."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_the_store_end_to_end_opens_no_socket(monkeypatch, tmp_path):
    def refuse(*args, **kwargs):
        raise AssertionError(f"network use: {args!r}")

    for name in ("socket", "create_connection", "socketpair", "getaddrinfo"):
        monkeypatch.setattr(socket, name, refuse)
    from model.caselist import recent_cases, search_cases
    from model.db import open_database
    from model.demo import populate
    from model.readiness import readiness_gaps
    from model.store import Store

    db = open_database(tmp_path / "offline" / "lotsen.db")
    try:
        store = Store(db)
        cid = populate(store)
        for m in store.case_meetings(cid):
            readiness_gaps(m)
        # held, planned (moved), and an extra meeting that was cancelled
        assert [m[5] for m in store.list_meetings()] == ["held", "planned", "cancelled"]
        assert [r.id for r in recent_cases(db)] == [cid]
        assert [r.id for r in search_cases(db, "nyström")] == [cid]
        db.check()
        db.backup()
    finally:
        db.close()


def _modules_after(code: str) -> set[str]:
    script = f"import sys, json\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=True)  # fmt: skip
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize("module", ["model", "model.db", "model.caselist"])
def test_first_screen_modules_do_not_load_sqlalchemy(module):
    loaded = _modules_after(f"import {module}")
    assert not {m for m in loaded if m.split(".")[0] in ("sqlalchemy", "sqlmodel", "pydantic")}


def test_model_imports_neither_textual_nor_docx():
    names = [p.stem for p in (ROOT / "model").glob("*.py") if p.stem != "__init__"]
    loaded = _modules_after(
        "\n".join(f"import model.{n}" for n in names) + "\nimport model.routines"
    )
    assert "model.store" in loaded
    assert not {m for m in loaded if m.split(".")[0] in ("textual", "docx", "exports", "tui")}
