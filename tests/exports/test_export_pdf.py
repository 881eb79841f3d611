"""Each document converts to PDF with LibreOffice (where it is installed)."""

from __future__ import annotations

import re
import subprocess

import pytest
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
    assert pages[paths[list(DOCUMENTS).index("anteckningar")].stem] >= 50  # the long note


# -- the heavy case, printed -----------------------------------------------------------------
# Pages a heavy case may take (14 people, 8 goals, 20 actions): a stated bound, so a layout
# change that doubles the paper is caught. The SIP went from 11 to 13 pages when each action
# gained its huvudman and how it is followed up (SoL 2 kap. 7 §, HSL 16 kap. 4 §).
PAGE_BOUNDS = {"SIP": 14, "Uppfoljning_SIP": 11, "Narvarolista": 2, "Kallelse": 2,
               "Sekretessamtycke": 2, "Avvikelserapport": 4, "Minnesanteckningar": 10}  # fmt: skip
_PUNCT = ".,;:()”\"'"


def _convert(soffice: str, tmp_path, paths) -> dict[str, list[str]]:
    """All documents in one soffice call; each PDF's text, page by page (pdftotext)."""
    import shutil

    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) är inte installerat: PDF-texten kan inte läsas")
    out = tmp_path / "pdf"
    run = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
         "--convert-to", "pdf", "--outdir", str(out), *map(str, paths)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    pages = {}
    for p in paths:
        text = subprocess.run(["pdftotext", str(out / f"{p.stem}.pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout  # fmt: skip
        pages[p.stem] = text.split("\f")[:-1]  # pdftotext ends every page with a form feed
    return pages


def _words(*texts: str) -> set[str]:
    return {w.strip(_PUNCT) for t in texts for w in t.replace("\u2060", " ").split()}


def _region(pages: list[str], start: str, stop: str) -> list[str]:
    """The lines between a heading and the next one (page headers and footers left out)."""
    lines = [ln for page in pages for ln in page.split("\n")]
    i = next(k for k, ln in enumerate(lines) if ln.strip().endswith(start))
    j = next(k for k in range(i + 1, len(lines)) if lines[k].strip().endswith(stop))
    return lines[i + 1 : j]


def _broken(lines: list[str], vocabulary: set[str], header_words: set[str]) -> list[str]:
    """Tokens of the action plan that are not words entered or printed labels: the pieces of
    a word broken across two lines ("Barnavårdsutredni" + "ng")."""
    bad = []
    for ln in lines:
        for tok in ln.replace("\u2060", " ").split():
            word = tok.strip(_PUNCT)
            if word and word not in vocabulary and word not in header_words:
                bad.append(word)
    return bad


_HEAVY_PDFS: list = []  # (heavy, paths, pages): made by the first test that asks, per process


@pytest.fixture
def heavy_pdfs(request, soffice, tmp_path):
    """The heavy case's seven documents as PDF text, page by page. The three tests below read
    the same documents, so they run on one worker (an xdist_group) and the case is built,
    written and converted once (it was three soffice runs of the same seven files)."""
    if not _HEAVY_PDFS:
        from model.settings import Settings

        heavy = request.getfixturevalue("heavy")
        settings = Settings(leader_name="Förnamn1 Efternamnsson", organisation="Kalix kommun")
        docs = tmp_path / "docx"
        paths = write_documents(heavy["first"], ["sip", "narvaro", "samtycke", "anteckningar"],
                                docs, settings)  # fmt: skip
        paths += write_documents(heavy["follow"], ["uppfoljning", "avvikelse"], docs, settings)
        paths += write_documents(heavy["planned"], ["kallelse"], docs, settings)
        _HEAVY_PDFS.append((heavy, paths, _convert(soffice, tmp_path, paths)))
    heavy, paths, pages = _HEAVY_PDFS[0]
    return heavy, list(paths), {stem: list(texts) for stem, texts in pages.items()}


@pytest.mark.xdist_group("heavy_pdfs")
def test_heavy_case_no_page_is_empty_below_its_header_and_pages_are_bounded(heavy_pdfs):
    _heavy, paths, pages = heavy_pdfs
    assert len(pages) == len(paths) == 7
    for stem, texts in pages.items():
        kind = stem.rsplit("_", 2)[0]
        assert 1 <= len(texts) <= PAGE_BOUNDS[kind], (stem, len(texts))
        for n, page in enumerate(texts, start=1):
            body = [
                ln
                for ln in page.split("\n")
                if ln.strip()
                and "Sekretess enligt" not in ln
                and not ln.startswith("Kalix kommun · Samtalsledare")
                and not re.match(r"^Sida \d+ av \d+$", ln.strip())
                and " – Alexander Johansson-Lindqvist" not in ln
            ]
            assert body, f"{stem}: page {n} is empty below its header"
            # Nothing left alone on a last page (a closing sentence, one name).
            assert n < len(texts) or len(body) >= 3, f"{stem}: last page holds only {body}"


@pytest.mark.xdist_group("heavy_pdfs")
def test_heavy_case_action_plan_never_breaks_a_word(heavy_pdfs):
    heavy, _paths, pages = heavy_pdfs
    from exports.sections import action_block_rows
    from exports.text import date_words

    labels = set()
    for row in action_block_rows(None, 1, with_status=True):
        labels |= _words(*(text for text, _span, shaded in row if shaded))
    labels |= {str(n) for n in range(1, 22)} | _words("planerad pågår genomförd ej genomförd")
    for key, m, start, stop in (
        ("SIP", heavy["first"], "Insatser", "Det familjen och barnet gör själva"),
        ("Uppfoljning_SIP", heavy["follow"], "Insatser framåt (fortsatta och nya)",
         "Barnets och vårdnadshavarnas syn"),
    ):  # fmt: skip
        entered = _words(*(
            " ".join([a.what, a.need, a.responsible_org, a.responsible_person, a.scope, a.how,
                      a.start, a.frequency, date_words(a.follow_up_on, "")])
            for a in m.actions
        ))  # fmt: skip
        assert {"Barnavårdsutredning", "psykologbedömning", "Föräldrastödsprogram",
                "vårdnadshavarna"} <= entered  # fmt: skip
        stem = next(s for s in pages if s.startswith(key + "_AJL"))
        lines = _region(pages[stem], start, stop)
        assert len(lines) > 40, stem  # the plan is there
        header = _words("Sekretess enligt 26 kap. 1 § OSL Kalix kommun · Samtalsledare: "
                        "Förnamn1 Efternamnsson Sida av Samordnad individuell plan (SIP) "
                        "Uppföljning av SIP – Alexander Johansson-Lindqvist 19 oktober "
                        "23 november 2026")  # fmt: skip
        assert _broken(lines, entered | labels, header) == [], stem


@pytest.mark.xdist_group("heavy_pdfs")
def test_heavy_case_e_mail_addresses_print_whole(heavy_pdfs):
    heavy, _paths, pages = heavy_pdfs
    sip = next(s for s in pages if s.startswith("SIP_AJL"))
    text = "\n".join(pages[sip])
    people = (*heavy["first"].case.guardians, *heavy["first"].case.participants)
    for p in people:
        assert p.email and p.email in text, p.email


def test_small_invitation_and_attendance_list_fit_on_one_page(demo, soffice, tmp_path):
    paths = write_documents(demo[1], ["kallelse", "narvaro"], tmp_path / "docx")
    pages = _convert(soffice, tmp_path, paths)
    assert [len(p) for p in pages.values()] == [1, 1], {k: len(v) for k, v in pages.items()}
