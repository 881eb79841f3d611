"""One clock: what the store is given decides "today" for what is typed (a personnummer's
century and birth day, a date without a year), the case file's name and the documents'
export day. Each store here has a FixedClock far from the real day, so the system clock
would give another answer."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import docx
import pytest

from model.clock import FixedClock
from model.db import Database
from model.store import Store
from model.validation import InvalidInput

BORN = "20300601-1237"  # 1 June 2030 (the Luhn digit of 3006011237 is 7)
TEN = "300601-1237"  # the same without the century
# 1 June 2020: born before the real day, so only a clock before it can refuse it.
BORN_2020, TEN_2020 = "20200601-1239", "200601-1239"


def _store(db: Database, day: dt.date) -> Store:
    return Store(db, clock=FixedClock.on(day))


def test_a_birth_day_before_the_clock_s_day_is_accepted(db):
    store = _store(db, dt.date(2031, 1, 10))
    cid = store.create_case("Elsa", personnummer=BORN)
    assert store.get_case(cid).personnummer == "203006011237"


@pytest.mark.parametrize(("day", "typed"), [(dt.date(2029, 6, 1), BORN),
                                            (dt.date(2020, 5, 31), BORN_2020)])  # fmt: skip
def test_a_birth_day_after_the_clock_s_day_is_in_the_future(db, day, typed):
    store = _store(db, day)
    with pytest.raises(InvalidInput, match="födelsedatum i framtiden") as err:
        store.create_case("Elsa", personnummer=typed)
    assert err.value.field == "personnummer"
    cid = store.create_case("Elsa")
    with pytest.raises(InvalidInput, match="födelsedatum i framtiden"):
        store.update_case(cid, personnummer=typed)
    assert store.get_case(cid).personnummer is None


@pytest.mark.parametrize(("day", "typed", "stored"), [
    (dt.date(2031, 1, 10), TEN, "203006011237"),
    (dt.date(2029, 6, 1), TEN, "193006011237"),
    (dt.date(2020, 6, 1), TEN_2020, "202006011239"),  # born on the clock's day
    (dt.date(2020, 5, 31), TEN_2020, "192006011239"),
])  # fmt: skip
def test_a_ten_digit_number_takes_the_century_from_the_clock(db, day, typed, stored):
    """The latest century that makes the birth day no later than the clock's day."""
    store = _store(db, day)
    cid = store.create_case("Elsa", personnummer=typed)
    assert store.get_case(cid).personnummer == stored


@pytest.mark.parametrize("year", [2030, 2032])
def test_a_date_typed_without_a_year_is_in_the_clock_s_year(db, year):
    store = _store(db, dt.date(year, 3, 1))
    cid = store.create_case("Elsa")
    mid = store.plan_meeting(cid, "forsta_natverksmote", planned_date="23/11", agreed_on="1/3")
    m = store.get_meeting(mid)
    assert (m.planned_date, m.agreed_on) == (dt.date(year, 11, 23), dt.date(year, 3, 1))
    store.update_meeting(mid, next_date="5/12")
    assert store.get_meeting(mid).next_date == dt.date(year, 12, 5)
    store.add_consent(cid, "Maria", "2/2")
    assert store.get_case(cid).consents[0].given_on == dt.date(year, 2, 2)


def test_a_case_file_is_named_and_stamped_with_the_clock_s_day(db, tmp_path):
    from model.transfer import write_case_file

    store = _store(db, dt.date(2031, 1, 10))
    cid = store.create_case("Elsa Nyström")
    path = write_case_file(store, cid, tmp_path, None)  # plain JSON
    assert path.name == "Arende_EN_2031-01-10.json"
    assert json.loads(path.read_bytes())["exported_at"] == "2031-01-10T12:00:00"


def test_a_case_file_is_checked_on_the_receiving_store_s_day(db, tmp_path):
    """Born 1 June 2030: sent from a store on 2031, refused by one whose clock says 2029."""
    from model.db import open_database
    from model.transfer import CaseFileError, import_case, read_case_file, write_case_file

    sender = _store(db, dt.date(2031, 1, 10))
    path = write_case_file(sender, sender.create_case("Elsa", personnummer=BORN), tmp_path, None)
    data = read_case_file(path, None)
    other = open_database(tmp_path / "other.db")
    try:
        with pytest.raises(CaseFileError, match="födelsedatum i framtiden"):
            import_case(_store(other, dt.date(2029, 6, 1)), data)
        new_id = import_case(_store(other, dt.date(2030, 6, 1)), data)
        assert Store(other).get_case(new_id).personnummer == "203006011237"
    finally:
        other.close()


def _texts(document) -> str:  # noqa: ANN001
    buf = io.BytesIO()
    document.save(buf)
    buf.seek(0)
    doc = docx.Document(buf)
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    parts = [p.text for p in doc.paragraphs] + cells
    for section in doc.sections:
        parts += [p.text for p in section.header.paragraphs]
    return "\n".join(parts)


def test_a_document_is_issued_on_the_clock_s_day(db, tmp_path: Path):
    """Kallelsen's "utfärdad" and a re-export's "Version 2 – <datum>", written to files."""
    from exports import write_documents

    store = _store(db, dt.date(2031, 1, 10))
    cid = store.create_case("Elsa")
    mid = store.plan_meeting(cid, "forsta_natverksmote", planned_date="2031-02-03")
    view = store.get_meeting(mid)
    write_documents(view, ["kallelse"], tmp_path)
    (second,) = write_documents(view, ["kallelse"], tmp_path)
    doc = docx.Document(str(second))
    rows = {r.cells[0].text: r.cells[-1].text for t in doc.tables for r in t.rows}
    assert rows["Kallelsen utfärdad"] == "10 januari 2031"
    assert "Version 2 – 10 januari 2031" in _texts(doc)
