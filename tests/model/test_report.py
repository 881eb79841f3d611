"""Utvärdering: the figures on a database of known content (tests/model/report_helpers.py),
the small-count rule as the report shows it, and the period's boundaries."""

from __future__ import annotations

import datetime as dt

import pytest

from model.clock import FixedClock
from model.db import open_database
from model.report import build_report, report_tables
from model.small_counts import HIDDEN, SMALL, suppress
from model.store import Store
from tests.model.report_helpers import CHILD_VIEW, NAMES, PERIOD, PNR, build_known


@pytest.fixture
def known(tmp_path):
    db = open_database(tmp_path / "report.db")
    build_known(db)
    yield db
    db.close()


def _table(report, key):
    return {row[0]: row[1:] for row in next(t for t in report_tables(report) if t.key == key).rows}


def test_figures_of_the_known_database(known):
    r = build_report(known, *PERIOD)
    assert (r.cases_new, r.cases_closed, r.cases_open) == (4, 2, 3)
    # The cancelled meeting and the one started but never ended are not held; A's meetings
    # before and after the period are outside it.
    assert r.held_by_routine == {"Första nätverksmötet (Norrbus)": 3,
                                 "Första nätverksmötet (Västbus)": 1, "Uppföljande lotsmöte": 1}  # fmt: skip
    assert r.held == 5 and r.cancelled == 1
    assert [(m, h, c) for m, h, c in r.months] == [
        ("2026-01", 1, 2), ("2026-02", 2, 0), ("2026-03", 1, 1), ("2026-04", 0, 0),
        ("2026-05", 0, 0), ("2026-06", 1, 1)]  # fmt: skip
    # B, C, D, E had their first meeting in the period; C's was late (B's was in time across
    # jul and nyår, E's on the last day of 21 calendar days).
    assert (r.first_total, r.first_checked, r.first_within) == (4, 4, 3)
    assert r.agreed_days == [3, 10, 21, 21, 39]
    assert r.child_part == 2  # B took part, C's view was written
    assert r.closed_meetings == [1, 1]  # D and E, one held meeting each
    assert r.actions_new == {"kommun": 3, "enskild": 1}
    assert r.actions_followed == {"kommun": {"done": 1}, "region": {"not_done": 1}}
    assert r.deviations == {"Socialtjänsten": 3, "Ej angiven": 1}
    assert r.refusals == {"BUP": 3}  # "BUP", "bup " and "BUP" are one agency


def test_the_small_count_rule_as_shown(known):
    r = build_report(known, *PERIOD)
    assert _table(r, "arenden") == {"Nya under perioden": ("4",),
                                    "Avslutade under perioden": (SMALL,),
                                    "Öppna vid periodens slut": ("3",)}  # fmt: skip
    # Two of 1-2 beside 3 of a total 5 would be 1 and 1; hiding the 3 ("visas inte": 3 or
    # more) still leaves 5 = 3 + 1 + 1, so the total is hidden too.
    assert _table(r, "moten") == {"Första nätverksmötet (Norrbus)": (HIDDEN,),
                                  "Första nätverksmötet (Västbus)": (SMALL,),
                                  "Uppföljande lotsmöte": (SMALL,), "Totalt": (HIDDEN,)}  # fmt: skip
    quality = _table(r, "kvalitet")
    # 3 of 4 in time would tell that 1 was late; 2 of 5 with the child tells a count of 2.
    assert quality["Första möten inom rutinens tidsgräns"][0] == HIDDEN
    assert quality["Möten där barnet deltog eller barnets syn skrevs ner"][0] == HIDDEN
    assert quality["Dagar från överenskommelse till möte (median)"][0] == "21"
    assert quality["Möten per avslutat ärende (medel)"][0] == HIDDEN  # only 2 cases
    actions = _table(r, "insatser")
    # Nya: enskild 1 is small, and kommun (3) would be the total 4 minus it: hidden as well;
    # and with the total 4, "färre än 3" + "visas inte" (3 or more) can only be 1 + 3: hidden.
    assert actions["Kommun"][0] == HIDDEN and actions["Enskild huvudman"][0] == SMALL
    assert actions["Totalt"][0] == HIDDEN
    assert actions["Kommun"][1:3] == (SMALL, SMALL)  # followed up 1, done 1
    assert _table(r, "avvikelser") == {"Ej angiven": (SMALL,), "Socialtjänsten": (HIDDEN,),
                                       "Totalt": (HIDDEN,)}  # fmt: skip
    assert _table(r, "avstar") == {"BUP": ("3",), "Totalt": ("3",)}


def test_no_names_personnummer_or_free_text_in_any_table(known):
    cells = [c for t in report_tables(build_report(known, *PERIOD)) for row in t.rows for c in row]
    text = " ".join(cells)
    for secret in [*NAMES, PNR, "20150312", CHILD_VIEW, "Hemligt skäl", "Ingen kontakt",
                   "Sjukdom", "Insats 0"]:  # fmt: skip
        assert secret not in text


def test_the_period_boundaries(known):
    inside = build_report(known, *PERIOD)
    narrower = build_report(known, dt.date(2026, 1, 2), dt.date(2026, 6, 29))
    # B's meeting on 1 January and E's closing and a deviation on 30 June fall outside.
    assert inside.held - narrower.held == 1
    assert narrower.first_total == 3
    assert (narrower.cases_closed, narrower.cases_open) == (1, 4)  # E is open on 29 June
    assert narrower.deviations == {"Socialtjänsten": 2, "Ej angiven": 1}
    one_day = build_report(known, dt.date(2026, 7, 1), dt.date(2026, 7, 1))
    assert (one_day.held, one_day.cases_new) == (1, 1)  # A's follow-up; case F
    assert one_day.deviations == {"Socialtjänsten": 1}


def test_suppress_hides_what_the_total_would_give_away():
    assert suppress([[5], [1], [7], [13]]) == [["visas inte"], [SMALL], ["7"], ["13"]]
    # Two of 1-2 that make 4 are 2 and 2: the total is hidden.
    assert suppress([[0], [2], [2], [4]]) == [["0"], [SMALL], [SMALL], [HIDDEN]]
    # A grid with row and column totals: one small cell hides three more, never the totals.
    grid = [[1, 4, 5], [6, 8, 14], [7, 12, 19]]
    shown = suppress(grid)
    assert shown[0][0] == SMALL
    assert sum(c in (SMALL, HIDDEN) for row in shown for c in row) == 4
    for group in [*shown, *zip(*shown, strict=True)]:
        assert sum(c in (SMALL, HIDDEN) for c in group) != 1


def test_shares_and_means_are_shown_on_enough_meetings(tmp_path):
    db = open_database(tmp_path / "six.db")
    store = Store(db, clock=FixedClock.on(dt.date(2026, 2, 1)))
    for i in range(6):
        case = store.create_case(f"Barn {i}")
        late = i % 2  # 3 in time (3 days), 3 late (60 days)
        agreed = dt.date(2026, 3, 2)
        held = agreed + dt.timedelta(days=60 if late else 3)
        mid = store.plan_meeting(case, "forsta_natverksmote", planned_date=held, agreed_on=agreed)
        store.start_meeting(mid)
        store.end_meeting(mid)
        store.close_case(case, "Klart", True, on=dt.date(2026, 6, 1))
    r = build_report(db, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    db.close()
    quality = _table(r, "kvalitet")
    assert quality["Första möten inom rutinens tidsgräns"][0] == "50 %"
    assert quality["Möten där barnet deltog eller barnets syn skrevs ner"][0] == "0 %"
    assert quality["Dagar från överenskommelse till möte (median)"][0] == "31,5"
    assert quality["Möten per avslutat ärende (medel)"][0] == "1"


def test_an_empty_database_and_a_reversed_period(tmp_path):
    db = open_database(tmp_path / "empty.db")
    r = build_report(db, *PERIOD)
    assert (r.held, r.cases_new, r.first_total) == (0, 0, 0)
    assert _table(r, "kvalitet")["Möten per avslutat ärende (medel)"][0] == "–"
    with pytest.raises(ValueError, match="före startdatumet"):
        build_report(db, PERIOD[1], PERIOD[0])
    db.close()


def _derivable(shown: list[str], total: int) -> set[tuple[int, ...]]:
    """Every way the hidden cells of one column could be filled, given what is shown and the
    labels' meaning ("färre än 3": 1 or 2; "visas inte": 3 or more); the total last."""
    import itertools

    ranges = [range(1, 3) if c == SMALL else range(3, total + 1) if c == HIDDEN else range(
        int(c), int(c) + 1) for c in shown[:-1]]  # fmt: skip
    return {v for v in itertools.product(*ranges) if sum(v) == total}


@pytest.mark.parametrize(
    "column",
    [
        [1, 1, 10],  # 1 and 1 beside the 10 of 12: the two can only be 1 and 1
        [2, 2, 10],  # only 2 and 2
        [1, 3],  # 1 beside a hidden 3 of 4: only 1 and 3
        [3, 1, 1],
        [1, 2, 10],  # 1 + 2 or 2 + 1: not pinned, nothing more hidden
        [1, 9, 7],
        [2, 0, 5, 4],
    ],
)
def test_no_hidden_count_can_be_worked_out_from_the_total(column):
    """Secondary suppression: whatever the column, when its total is shown, the hidden cells
    can be filled in more than one way (a reader cannot pin any one of them)."""
    total = sum(column)
    shown = [row[0] for row in suppress([[v] for v in column] + [[total]])]
    hidden = [k for k, c in enumerate(shown[:-1]) if c in (SMALL, HIDDEN)]
    assert [k for k, v in enumerate(column) if 0 < v < 3] == [
        k for k, c in enumerate(shown[:-1]) if c == SMALL]  # fmt: skip
    if shown[-1] == HIDDEN:
        return  # the total itself hidden: nothing to subtract from
    fillings = _derivable(shown, total)
    assert tuple(column) in fillings
    for k in hidden:
        assert len({f[k] for f in fillings}) > 1, (column, shown)


def test_a_pair_of_small_counts_that_adds_up_is_not_left_alone():
    assert suppress([[1], [1], [10], [12]]) == [[SMALL], [SMALL], [HIDDEN], ["12"]]
    assert suppress([[1], [2], [10], [13]]) == [[SMALL], [SMALL], ["10"], ["13"]]


def test_the_quality_table_does_not_give_away_what_the_routine_table_hides(known):
    """The routine table hides its total (5 = 3 + 1 + 1 would be pinned): the quality table
    must not print it as "5 hållna möten", nor the 4 first meetings that would leave the
    follow-up's 1."""
    r = build_report(known, *PERIOD)
    assert (r.held, r.first_total) == (5, 4)  # what must not be read off the page
    quality = next(t for t in report_tables(r) if t.key == "kvalitet")
    shown = " | ".join(" ".join(row) for row in quality.rows) + " | " + quality.note
    assert f"{HIDDEN} hållna möten" in shown and "5 hållna möten" not in shown
    assert f"Första möten under perioden: {HIDDEN}." in shown
    assert "4 första möten" not in shown and "Första möten under perioden: 4" not in shown


def test_the_quality_table_shows_the_counts_when_nothing_is_hidden(tmp_path):
    db = open_database(tmp_path / "three.db")
    store = Store(db, clock=FixedClock.on(dt.date(2026, 2, 1)))
    for i in range(3):
        case = store.create_case(f"Barn {i}")
        agreed = dt.date(2026, 3, 2)
        mid = store.plan_meeting(
            case,
            "forsta_natverksmote",
            planned_date=agreed + dt.timedelta(days=3),
            agreed_on=agreed,
        )
        store.start_meeting(mid)
        store.end_meeting(mid)
    r = build_report(db, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    db.close()
    quality = next(t for t in report_tables(r) if t.key == "kvalitet")
    shown = " | ".join(" ".join(row) for row in quality.rows) + " | " + quality.note
    assert "3 hållna möten" in shown and "Första möten under perioden: 3." in shown
    assert "3 första möten med tidsgräns" in shown
