"""File names built from a child's name hold only safe letters, stay inside the folder, and
temp files a killed export left behind are cleaned up by the next export to that folder."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import time
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exports import DOCUMENTS, write_documents
from exports.save import case_folder, file_name, save_document
from model.paths import documents_dir

# What a file name may look like: document, 1-6 letters, the meeting date, maybe _n.
STRICT = re.compile(
    r"(?P<stem>[A-Za-z_]+)_(?P<initials>[^\W\d_]{1,6})_[0-9]{4}-[0-9]{2}-[0-9]{2}(_[0-9]+)?\.docx"
)
NASTY = (
    "\u202e\u202a\u2066\u2069\u200e\u200f\u061c"  # bidi overrides, isolates, marks
    "\u200b\u200c\u200d\u00ad\ufeff\u2060\u2800\u3164"  # invisible
    "\x00\x1b\x7f\x85\x9b\u2028\n\t"  # C0, C1, line breaks
    "/\\:*?\"'<>|.~ -–"  # path and shell characters
    "😀👨‍👩‍👧\ufe0f²２٢①"  # emoji, other digits
    "åäöÅÄÖéßŉĲ李محمדЖ"  # letters of many kinds
)
names = st.text(st.sampled_from(NASTY) | st.characters(codec=None), max_size=40)


def _safe_initials(name: str) -> str:
    m = STRICT.fullmatch(name)
    assert m, name
    initials = m.group("initials")
    for ch in initials:
        assert ch.isalpha() and unicodedata.bidirectional(ch) == "L", (name, ch)
        assert ch not in "\u115f\u1160\u3164\uffa0", name  # Hangul fillers show as nothing
    return initials


def _named(meeting, child_name: str):
    return dataclasses.replace(
        meeting, case=dataclasses.replace(meeting.case, child_name=child_name)
    )


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=names, code=st.sampled_from(sorted(DOCUMENTS)), n=st.integers(1, 999))
def test_any_child_name_gives_a_safe_file_name_inside_the_folder(demo, tmp_path, name, code, n):
    m = _named(demo[0], name)
    fname = file_name(code, m, n)
    _safe_initials(fname)
    assert (tmp_path / fname).resolve().parent == tmp_path.resolve()
    folder = case_folder(m.case)
    assert folder.parent == documents_dir() and folder.resolve().parent == documents_dir().resolve()
    assert re.fullmatch(r"Arende_[0-9]+_[^\W\d_]{1,6}", folder.name), folder.name
    assert len(fname.encode()) < 100  # far below every file system's limit


@pytest.mark.parametrize(
    ("child", "initials"),
    [
        ("Elsa Nyström", "EN"),
        ("Åsa-Märta Öberg", "ÅMÖ"),
        ("E\u202eCY Lind", "EL"),  # gave Minnesanteckningar_E\u202eCY_...: shown reversed
        ("../../etc/passwd", "E"),
        ("..\\..\\Windows", "W"),
        ('C:\\*?"<>|', "C"),
        ("\x1b[31m\x9b2J Rut", "MR"),
        ("😀 👨‍👩‍👧 Olle", "O"),
        ("\u200b \u2800 \u00ad \ufeff \u3164", "X"),
        ("1234 !!! ²²²", "X"),
        ("", "X"),
        ("محمد علي", "X"),  # right-to-left letters would turn the rest of the name around
        ("Anna Berg Cecilia Dahl Eva Fors Gun", "ABCDEF"),
    ],
)
def test_hostile_names_give_these_file_names(demo, child, initials):
    m = _named(demo[0], child)
    assert file_name("anteckningar", m) == f"Minnesanteckningar_{initials}_2026-10-12.docx"
    assert file_name("sip", m, 2) == f"SIP_{initials}_2026-10-12_2.docx"
    assert case_folder(m.case).name == f"Arende_{m.case.id}_{initials}"


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=names)
def test_documents_for_any_name_are_written_inside_the_case_folder(demo, name):
    m = _named(demo[0], name)
    (path,) = write_documents(m, ["narvaro"])
    assert path.parent.parent == documents_dir()
    assert path.is_file() and path.parent == case_folder(m.case)
    _safe_initials(path.name)


def _old(path, seconds=120):
    t = time.time() - seconds
    os.utime(path, (t, t), follow_symlinks=False)


def test_temp_files_left_by_a_killed_export_are_removed_by_the_next_export(demo, tmp_path):
    out = tmp_path / "ut"
    out.mkdir()
    left = out / ".lotsen-k1ll3d.tmp"
    left.write_bytes(b"half a docx")
    _old(left)
    fresh = out / ".lotsen-fresh.tmp"  # another Lotsen may be writing this one right now
    fresh.write_bytes(b"being written")
    mine = out / "anteckning.tmp"  # not ours
    mine.write_bytes(b"the user's")
    _old(mine)
    folder_like = out / ".lotsen-mapp.tmp"
    folder_like.mkdir()
    _old(folder_like)
    target = tmp_path / "keep.txt"
    target.write_text("keep")
    link = out / ".lotsen-link.tmp"
    link.symlink_to(target)
    _old(link)

    (path,) = write_documents(demo[0], ["sip"], out)

    assert sorted(os.listdir(out)) == sorted(
        [path.name, fresh.name, mine.name, folder_like.name, link.name]
    )
    assert target.read_text() == "keep" and path.name == "SIP_EN_2026-10-12.docx"


class _SlowDoc:
    """A document whose save takes long: its temp file looks abandoned (old mtime) while it is
    written, and another export to the same folder runs meanwhile."""

    def __init__(self, folder, meeting):
        self.folder, self.meeting, self.inner = folder, meeting, None

    def save(self, fh):
        fh.write(b"outer part 1 ")
        fh.flush()
        t = time.time() - 3600
        os.utime(fh.fileno(), (t, t))
        self.inner = save_document(_Doc(b"inner"), self.folder, "narvaro", self.meeting)
        fh.write(b"outer part 2")


class _Doc:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def save(self, fh):
        fh.write(self.data)


def test_a_slow_export_in_this_process_keeps_its_temp_file(demo, tmp_path):
    out = tmp_path / "ut"
    slow = _SlowDoc(out, demo[0])
    outer = save_document(slow, out, "sip", demo[0])
    assert outer.read_bytes() == b"outer part 1 outer part 2"
    assert slow.inner is not None and slow.inner.read_bytes() == b"inner"
    assert sorted(os.listdir(out)) == ["Narvarolista_EN_2026-10-12.docx", "SIP_EN_2026-10-12.docx"]


def test_dates_from_an_older_database_outside_1900_2100_still_export(demo, tmp_path):
    from export_helpers import all_text, reopen

    from exports import DOCUMENTS, build_document

    far, early = dt.date(9999, 12, 31), dt.date(1, 1, 1)
    m = demo[0]
    actions = tuple(dataclasses.replace(a, follow_up_on=early) for a in m.actions)
    m = dataclasses.replace(m, planned_date=far, agreed_on=early, next_date=far, actions=actions)
    for code in DOCUMENTS:
        assert all_text(reopen(build_document(code, m)))
    (path,) = write_documents(m, ["anteckningar"], tmp_path / "ut")
    assert path.name == "Minnesanteckningar_EN_9999-12-31.docx"


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=names)
def test_every_file_of_a_case_carries_the_same_initials(demo, name):
    """A Word document, the calendar file, the case file and the case's folder: one function
    (model.documents.file_initials) names them all."""
    from exports.calendar import calendar_file_name
    from model.transfer import file_name as case_file_name

    m = _named(demo[0], name)
    initials = _safe_initials(file_name("sip", m))
    assert calendar_file_name(m, m.date) == f"Kalender_{initials}_{m.date.isoformat()}.ics"
    assert case_file_name(name, m.date) == f"Arende_{initials}_{m.date.isoformat()}.lotsen"
    assert case_folder(m.case).name == f"Arende_{m.case.id}_{initials}"


def test_the_registry_names_each_file_once():
    from model.documents import REGISTRY, WORD_DOCUMENTS

    assert len({d.code for d in REGISTRY}) == len({d.stem for d in REGISTRY}) == len(REGISTRY)
    assert DOCUMENTS == WORD_DOCUMENTS and len(DOCUMENTS) == 9
    assert [d.code for d in REGISTRY if d.scope == "case"] == ["arende"]
