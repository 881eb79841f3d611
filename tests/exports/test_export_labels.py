"""One word per state: the documents print the words of model.labels, the same in every
document (the child's presence in the same words as everyone's)."""

from __future__ import annotations

from export_helpers import reopen, table_with

from exports import build_document
from model.labels import ActionStatus, AttendanceStatus, CaseStatus, child_presence


def _column(table: list[list[str]], header: str) -> list[str]:
    i = table[0].index(header)
    return [row[i].split("\n")[0] for row in table[1:]]


def test_attendance_words_are_the_same_in_the_plan_and_the_attendance_list(rich):
    m = rich["follow"]
    plan = _column(table_with(reopen(build_document("uppfoljning", m)), "Namn"), "Närvaro")
    sheet_rows = table_with(reopen(build_document("narvaro", m)), "Namn")
    sheet = _column([row for row in sheet_rows if row[0]], "Närvaro")  # not the walk-in rows
    words = set(AttendanceStatus.labels().values())
    assert {w for w in plan if w} <= words and {w for w in sheet if w} <= words
    assert plan == sheet  # the same person, the same word, in both documents
    assert plan[-1] == sheet[-1] == child_presence(True) == "närvarande"  # the child, last
    assert "anmält förhinder" in plan and "frånvarande" in plan


def test_action_status_words_come_from_the_enum(rich):
    doc = reopen(build_document("uppfoljning", rich["follow"]))
    statuses = _column(table_with(doc, "Insats"), "Status")
    assert set(statuses) <= set(ActionStatus.labels().values())
    assert {ActionStatus.DONE.label, ActionStatus.NOT_DONE.label} <= set(statuses)


def test_codes_compare_equal_to_what_is_stored():
    assert (
        AttendanceStatus.PRESENT == "present"
        and AttendanceStatus("") is AttendanceStatus.NOT_MARKED
    )
    assert CaseStatus.labels() == {"open": "öppet", "closed": "avslutat"}
    assert ActionStatus.label_of("not_done", capital=True) == "Ej genomförd"
    assert ActionStatus.label_of("okänd") == "okänd"  # an unknown code is shown as it is
    assert child_presence(None) == "" and child_presence(False) == "frånvarande"
