"""Saving: a folder per case, names by document/initials/date, never overwriting, clear errors."""

from __future__ import annotations

import os

import pytest
from export_helpers import paragraphs

from exports import ExportError, write_documents
from model.paths import documents_dir


def test_files_go_to_a_folder_per_case_named_by_document_initials_and_date(demo):
    m = demo[0]
    seen = []
    paths = write_documents(m, ["sip", "narvaro"], progress=lambda *a: seen.append(a))
    assert [p.name for p in paths] == ["SIP_EN_2026-10-12.docx", "Narvarolista_EN_2026-10-12.docx"]
    assert all(p.parent.parent == documents_dir() for p in paths)
    assert seen == [(1, 2, "sip"), (2, 2, "narvaro")]
    import docx

    assert paragraphs(docx.Document(str(paths[0])))[0] == "Samordnad individuell plan (SIP)"
    assert not [f for f in os.listdir(paths[0].parent) if f.endswith(".tmp")]


def test_an_existing_file_is_never_overwritten(demo, tmp_path):
    out = tmp_path / "ut"
    out.mkdir()
    (out / "SIP_EN_2026-10-12.docx").write_bytes(b"the signed one")
    (path,) = write_documents(demo[0], ["sip"], out)
    assert path.name == "SIP_EN_2026-10-12_2.docx"
    assert (out / "SIP_EN_2026-10-12.docx").read_bytes() == b"the signed one"
    (again,) = write_documents(demo[0], ["sip"], out)
    assert again.name == "SIP_EN_2026-10-12_3.docx"


def test_unknown_code_writes_nothing(demo, tmp_path):
    out = tmp_path / "ut"
    with pytest.raises(ExportError, match="Okänt dokument 'plan'"):
        write_documents(demo[0], ["sip", "plan"], out)
    assert not out.exists()


@pytest.mark.skipif(
    os.name == "nt" or os.geteuid() == 0, reason="root (and Windows) ignore mode bits"
)
def test_unwritable_folder_gives_a_swedish_message(demo, tmp_path):
    out = tmp_path / "låst"
    out.mkdir(mode=0o500)
    with pytest.raises(ExportError, match="går inte att skriva i"):
        write_documents(demo[0], ["sip"], out)


def test_folder_refusing_files_gives_a_swedish_message(demo, tmp_path, monkeypatch):
    out = tmp_path / "ut"
    # Simulates what a read-only share does (works for root too, unlike chmod).
    import tempfile

    def refuse(*a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(ExportError) as err:
        write_documents(demo[0], ["sip"], out)
    assert str(err.value).startswith(f"Mappen {out} går inte att skriva i.")


def test_file_held_open_gives_a_swedish_message_and_leaves_no_temp_file(
    demo, tmp_path, monkeypatch
):
    out = tmp_path / "ut"

    def held(*a, **k):
        raise PermissionError(13, "The process cannot access the file")

    monkeypatch.setattr(os, "link", held)
    monkeypatch.setattr(os, "replace", held)
    with pytest.raises(ExportError, match="öppen i ett annat program"):
        write_documents(demo[0], ["sip"], out)
    assert list(out.iterdir()) == []


def test_without_hard_links_the_file_is_still_saved_once(demo, tmp_path, monkeypatch):
    out = tmp_path / "ut"

    def no_links(*a, **k):
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    first, second = write_documents(demo[0], ["sip", "sip"], out)
    assert (first.name, second.name) == ("SIP_EN_2026-10-12.docx", "SIP_EN_2026-10-12_2.docx")
    assert sorted(p.name for p in out.iterdir()) == [first.name, second.name]
