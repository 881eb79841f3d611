"""The export dialog: from the case screen and the palette, written in a worker, paths shown."""

from __future__ import annotations

import docx
from shell_helpers import make_app, screen_text
from textual.widgets import SelectionList

from exports import DOCUMENTS
from model.store import Store
from tui.dialogs.export import ExportDialog


async def _wait_done(pilot, dialog: ExportDialog) -> None:
    for _ in range(100):
        await pilot.pause(0.1)
        if "Klart" in screen_text(pilot.app) or dialog.query_one("#export-message").has_class(
            "error"
        ):
            return


async def test_export_all_seven_documents_from_the_case_screen(demo_db, tmp_path, monkeypatch):
    out = tmp_path / "dokument"
    monkeypatch.setenv("LOTSEN_DOCUMENTS_DIR", str(out))
    store = Store(demo_db)
    case_id = store.case_ids()[0]
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_case(case_id)
        await pilot.pause()
        await pilot.press("ctrl+e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        # The held first meeting is chosen (the follow-up is only planned): SIP by default.
        docs = dialog.query_one("#export-docs", SelectionList)
        assert set(docs.selected) == {"sip", "narvaro", "anteckningar"}
        docs.select_all()
        docs.deselect("kalender")  # the .ics has its own test below
        await pilot.press("ctrl+e")
        await pilot.pause()
        # An Uppföljning for a first meeting: the dialog asks first and writes nothing yet.
        assert "Tryck Exportera (Ctrl+E) igen" in screen_text(app)
        assert dialog.written == [] and not list(out.rglob("*.docx"))
        await pilot.press("ctrl+e")
        await _wait_done(pilot, dialog)
        text = screen_text(app)
        every = len(DOCUMENTS)  # the seven forms and the information to the guardians
        assert f"Klart: {every} dokument" in text
        assert len(dialog.written) == every
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExportDialog)
    files = sorted(p.name for p in out.rglob("*.docx"))
    assert len(files) == len(DOCUMENTS)
    assert any(f.startswith("Information_vardnadshavare_") for f in files)
    sip = next(p for p in out.rglob("SIP_*.docx"))
    body = "\n".join(p.text for p in docx.Document(str(sip)).paragraphs)
    assert "Samordnad individuell plan" in body


async def test_export_error_is_shown_in_swedish_and_nothing_is_lost(demo_db, tmp_path, monkeypatch):
    blocked = tmp_path / "fil"
    blocked.write_text("inte en mapp")
    monkeypatch.setenv("LOTSEN_DOCUMENTS_DIR", str(blocked))  # a file where a folder must go
    store = Store(demo_db)
    case_id = store.case_ids()[0]
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_case(case_id)
        await pilot.pause()
        app.action_export()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        await pilot.press("ctrl+e")
        await _wait_done(pilot, dialog)
        assert dialog.query_one("#export-message").has_class("error")
        assert dialog.written == []
        assert isinstance(app.screen, ExportDialog)  # the app is still running


async def test_re_export_shows_which_file_is_the_latest(demo_db, tmp_path, monkeypatch):
    out = tmp_path / "dokument"
    monkeypatch.setenv("LOTSEN_DOCUMENTS_DIR", str(out))
    store = Store(demo_db)
    case_id = store.case_ids()[0]
    app = make_app(demo_db)
    async with app.run_test(size=(110, 40)) as pilot:
        app.open_case(case_id)
        await pilot.pause()
        await pilot.press("ctrl+e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        docs = dialog.query_one("#export-docs", SelectionList)
        docs.deselect_all()
        docs.select("sip")
        for _ in range(2):
            await pilot.press("ctrl+e")
            await _wait_done(pilot, dialog)
            await pilot.pause(0.2)
        text = screen_text(app)
        latest = dialog.written[-1]
        assert latest.name.endswith("_2.docx")
        assert f"{latest.name} (ny version, den senaste)" in text
        assert f"senaste är {latest.name}" in text
    body = "\n".join(p.text for p in docx.Document(str(latest)).paragraphs)
    assert "Version 2 – " in body


async def test_calendar_file_from_the_export_dialog(demo_db, tmp_path, monkeypatch):
    out = tmp_path / "dokument"
    monkeypatch.setenv("LOTSEN_DOCUMENTS_DIR", str(out))
    store = Store(demo_db)
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_case(store.case_ids()[0])
        await pilot.pause()
        await pilot.press("ctrl+e")
        await pilot.pause()
        dialog = app.screen
        docs = dialog.query_one("#export-docs", SelectionList)
        docs.deselect_all()
        docs.select("kalender")
        await pilot.press("ctrl+e")
        await _wait_done(pilot, dialog)
        assert "Klart: 1 dokument" in screen_text(app)
    (ics,) = list(out.rglob("*.ics"))
    assert "SUMMARY:Nätverksmöte (E.N.)" in ics.read_text(encoding="utf-8")
