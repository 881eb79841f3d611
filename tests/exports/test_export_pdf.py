"""Each document converts to PDF with LibreOffice (where it is installed)."""

from __future__ import annotations

import subprocess

from export_helpers import pdf_pages

from exports import DOCUMENTS, write_documents


def test_every_document_converts_to_pdf(rich, soffice, tmp_path):
    docs = tmp_path / "docx"
    paths = write_documents(rich["first"], list(DOCUMENTS), docs)
    paths += write_documents(rich["follow"], ["uppfoljning"], docs)
    out = tmp_path / "pdf"
    run = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
         "--convert-to", "pdf", "--outdir", str(out), *map(str, paths)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    pages = {p.stem: pdf_pages(out / f"{p.stem}.pdf") for p in paths}
    assert all(n >= 1 for n in pages.values()), pages
    assert pages[paths[DOCUMENTS.__len__() - 1].stem] >= 50  # minnesanteckningar: the long note
