"""Utvärdering (seed 003: "Utvärdering av genomförda nätverks-/samverkansmöten, Antal ärenden"):
the routine's own follow-up, for a period, as counts a steering group may read.

`build_report(db, start, end)` reads (model.store.report runs model.sql's statements) and returns a Report;
`report_tables(report)` makes the tables every output shows (the DOCX, the CSV, the screen),
with the small-count rule already applied, so no output can forget it.

The small-count rule (decided here, said in every output, see RULE):
- A count of 1 or 2 is shown as "färre än 3"; 0 is shown as 0.
- Where a total is shown beside its parts (every table has a "Totalt"), a part that could be
  worked out from the total and the others is hidden too: while a row or column would let a
  reader pin a hidden part to one value (one hidden part; two "färre än 3" that leave 2 or 4;
  "färre än 3" and "visas inte" that leave 4), its next smallest part, or its total, is shown
  as "visas inte" (secondary suppression, as statistics offices do).
- A share (per cent) is shown only when it rests on at least 3 meetings and neither the part
  nor the rest is 1 or 2 (90 % of 10 would tell that 1 was not); otherwise "visas inte".
- A median or mean is shown only when it rests on at least 3 meetings or cases.
- Across tables: the quality table prints the held meetings as the routine table shows its
  total, and leaves out the number of first meetings while the routine table hides a cell
  (they would give its hidden counts away). Other sums across tables are not checked yet.
Cancelled meetings are never held: a meeting counts as held when it was ended in the guide and
not cancelled; its day is the day the documents give it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from model.db import Database
from model.deadline import last_allowed_date
from model.labels import ActionStatus, capitalized
from model.routines import Deadline, routines
from model.small_counts import (
    HIDDEN,
    SMALL,
    count_text,
    mean_text,
    median_text,
    share_text,
    suppress,
)
from model.store.report import ReportRows, report_rows
from model.validation import ACTION_PRINCIPALS

MONTHS = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
PRINCIPALS = ["kommun", "region", "enskild", "annan", ""]
STATUSES = [ActionStatus.DONE, ActionStatus.ONGOING, ActionStatus.NOT_DONE, ActionStatus.PLANNED]
# A carried action still "planerad" at a follow-up was not assessed: "Ej bedömd" in the report.
STATUS_HEADERS = {
    s.value: "Ej bedömd" if s is ActionStatus.PLANNED else capitalized(s.label) for s in STATUSES
}


@dataclass(frozen=True)
class Report:
    start: dt.date
    end: dt.date
    cases_new: int
    cases_closed: int
    cases_open: int
    cancelled: int
    held_by_routine: dict[str, int]  # routine name -> held meetings
    months: list[tuple[str, int, int]]  # "YYYY-MM", held meetings, new cases
    child_part: int  # held meetings where the child took part or the child's view is written
    first_total: int  # first meetings held in the period
    first_checked: int  # of those: with a deadline and an agreed date
    first_within: int
    agreed_days: list[int] = field(default_factory=list)  # one per meeting
    closed_meetings: list[int] = field(default_factory=list)  # one per closed case
    actions_new: dict[str, int] = field(default_factory=dict)  # principal -> actions
    actions_followed: dict[str, dict[str, int]] = field(default_factory=dict)  # p -> status -> n
    deviations: dict[str, int] = field(default_factory=dict)  # agency -> deviations
    refusals: dict[str, int] = field(default_factory=dict)  # agency -> decisions

    @property
    def held(self) -> int:
        return sum(self.held_by_routine.values())


@dataclass(frozen=True)
class Table:
    """One table of the report as it is shown: every cell already a string."""

    key: str  # a short code (the CSV's first column)
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""


# -- reading ---------------------------------------------------------------------------------
def default_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """This year so far: 1 January to today."""
    return dt.date(today.year, 1, 1), today


def build_report(db: Database, start: dt.date, end: dt.date) -> Report:
    """The figures for start..end (both days included); reads only."""
    if end < start:
        raise ValueError("Periodens slutdatum ligger före startdatumet.")
    return figures(report_rows(db, start, end), start, end)


def _deadline_of(routine_id: str) -> Deadline:
    routine = routines().get(routine_id)
    return routine.deadline if routine else Deadline()


@cache
def _within(agreed: str, day: str, deadline: Deadline) -> bool | None:
    last = last_allowed_date(dt.date.fromisoformat(agreed), deadline)
    return None if last is None else dt.date.fromisoformat(day) <= last


@cache
def _days(first: str, last: str) -> int:
    return (dt.date.fromisoformat(last) - dt.date.fromisoformat(first)).days


def _routine_name(routine_id: str) -> str:
    routine = routines().get(routine_id)
    return routine.name if routine else routine_id


def _names(by_id: Counter[str]) -> dict[str, int]:
    """Routine ids -> their names (in order), two ids of one name counted together."""
    out: Counter[str] = Counter()
    for routine_id, n in by_id.items():
        out[_routine_name(routine_id)] += n
    return dict(sorted(out.items()))


def _months(start: dt.date, end: dt.date) -> list[str]:
    out, y, m = [], start.year, start.month
    while (y, m) <= (end.year, end.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _by_name(rows: list[tuple[str, int]]) -> dict[str, int]:
    """Agencies as typed, counted together regardless of case and spacing ("BUP", "bup ")."""
    out: dict[str, int] = {}
    shown: dict[str, str] = {}
    for name, n in rows:
        key = " ".join(name.split()).casefold()
        label = shown.setdefault(key, " ".join(name.split()) or "Ej angiven")
        out[label] = out.get(label, 0) + int(n)
    return out


def figures(rows: ReportRows, start: dt.date, end: dt.date) -> Report:
    f, t = start.isoformat(), end.isoformat()
    held_by_routine: Counter[str] = Counter()
    held_month: Counter[str] = Counter()
    child = 0
    agreed_days: list[int] = []
    first: dict[int, tuple[str, int, str, str | None]] = {}  # case -> its first held meeting
    for case_id, meeting_id, routine_id, day, agreed, with_child in rows.held:
        if day is None:
            continue
        key = (day, meeting_id, routine_id, agreed)
        if case_id not in first or key < first[case_id]:
            first[case_id] = key
        if day < f:
            continue
        held_by_routine[routine_id] += 1
        held_month[day[:7]] += 1
        child += 1 if with_child else 0
        if agreed is not None and agreed <= day:
            agreed_days.append(_days(agreed, day))
    first_total = first_checked = first_within = 0
    for day, _mid, routine_id, agreed in first.values():
        if not f <= day <= t:
            continue
        first_total += 1
        deadline = _deadline_of(routine_id)
        if agreed is None or deadline.kind == "none":
            continue
        within = _within(agreed, day, deadline)
        if within is None:
            continue
        first_checked += 1
        first_within += 1 if within else 0
    new_month = dict(rows.new_by_month)
    actions_new: Counter[str] = Counter()
    followed: dict[str, Counter[str]] = {}
    for principal, was_carried, status, n in rows.actions:
        p = principal if principal in ACTION_PRINCIPALS else "annan"
        if was_carried:
            s = status if status in ActionStatus.labels() else ActionStatus.PLANNED
            followed.setdefault(p, Counter())[s] += n
        else:
            actions_new[p] += n
    new, closed, open_ = rows.cases
    return Report(
        start=start,
        end=end,
        cases_new=new,
        cases_closed=closed,
        cases_open=open_,
        cancelled=rows.cancelled,
        held_by_routine=_names(held_by_routine),
        months=[(m, held_month.get(m, 0), new_month.get(m, 0)) for m in _months(start, end)],
        child_part=child,
        first_total=first_total,
        first_checked=first_checked,
        first_within=first_within,
        agreed_days=sorted(agreed_days),
        closed_meetings=sorted(m for m, n in rows.closed_meetings for _ in range(n)),
        actions_new=dict(actions_new),
        actions_followed={p: dict(c) for p, c in followed.items()},
        deviations=_by_name(rows.deviations),
        refusals=_by_name(rows.refusals),
    )


def _column(labels: list[str], values: list[int]) -> list[tuple[str, str]]:
    """A one-column breakdown with its total as the last row."""
    shown = suppress([[v] for v in values] + [[sum(values)]])
    return [(label, cells[0]) for label, cells in zip([*labels, "Totalt"], shown, strict=True)]


# -- the tables ------------------------------------------------------------------------------
def month_label(month: str) -> str:
    year, m = month.split("-")
    return f"{MONTHS[int(m) - 1]} {year}"


def month_cells(report: Report) -> list[tuple[str, str, str]]:
    """(month, held meetings, new cases) as shown, each column with its total suppressed."""
    held = _column([m for m, _, _ in report.months], [h for _, h, _ in report.months])
    new = _column([m for m, _, _ in report.months], [c for _, _, c in report.months])
    return [(month_label(m), h, c) for (m, h), (_, c) in zip(held[:-1], new[:-1], strict=True)]


def report_tables(report: Report) -> list[Table]:
    r = report
    routines = _column(list(r.held_by_routine), list(r.held_by_routine.values()))
    # Figures in other tables that the routine table's cells add up to must not undo what it
    # hides: the held meetings are its total, shown as that table shows it; the first
    # meetings are (nearly always) its first-meeting routines, so while it hides a cell they
    # are not shown (nor those with a deadline, which are most of them).
    held_text = routines[-1][1]
    routine_hidden = any(cell in (SMALL, HIDDEN) for _, cell in routines)
    first_text = HIDDEN if routine_hidden else count_text(r.first_total)
    checked_text = HIDDEN if routine_hidden else count_text(r.first_checked)
    tables = [
        Table(
            "arenden",
            "Ärenden",
            ("Ärenden", "Antal"),
            (
                ("Nya under perioden", count_text(r.cases_new)),
                ("Avslutade under perioden", count_text(r.cases_closed)),
                ("Öppna vid periodens slut", count_text(r.cases_open)),
            ),
        ),
        Table(
            "moten",
            "Hållna möten per rutin",
            ("Rutin", "Hållna möten"),
            tuple(routines),
            f"Inställda möten under perioden: {count_text(r.cancelled)} (räknas inte som hållna).",
        ),
        Table(
            "manad", "Per månad", ("Månad", "Hållna möten", "Nya ärenden"), tuple(month_cells(r))
        ),
        Table(
            "kvalitet",
            "Tidsgräns, barnets delaktighet och antal möten",
            ("Mått", "Värde", "Underlag"),
            (
                (
                    "Första möten inom rutinens tidsgräns",
                    share_text(r.first_within, r.first_checked),
                    f"{checked_text} första möten med tidsgräns och datum för överenskommelse",
                ),
                (
                    "Dagar från överenskommelse till möte (median)",
                    median_text(r.agreed_days),
                    f"{count_text(len(r.agreed_days))} möten med datum för överenskommelse",
                ),
                (
                    "Möten där barnet deltog eller barnets syn skrevs ner",
                    share_text(r.child_part, r.held),
                    f"{held_text} hållna möten",
                ),
                (
                    "Möten per avslutat ärende (medel)",
                    mean_text(r.closed_meetings),
                    f"{count_text(len(r.closed_meetings))} avslutade ärenden",
                ),
                (
                    "Möten per avslutat ärende (median)",
                    median_text(r.closed_meetings),
                    f"{count_text(len(r.closed_meetings))} avslutade ärenden",
                ),
            ),
            f"Första möten under perioden: {first_text}. Rutiner utan tidsgräns "
            "och möten utan datum för överenskommelse ingår inte i andelen.",
        ),
        _actions_table(r),
        Table(
            "avvikelser",
            "Avvikelser per verksamhet",
            ("Verksamhet", "Avvikelser"),
            tuple(_column(sorted(r.deviations), [r.deviations[k] for k in sorted(r.deviations)])),
            "Verksamheten som ansvarar för insatsen avvikelsen gäller.",
        ),
        Table(
            "avstar",
            "Beslut om att avstå per verksamhet",
            ("Verksamhet", "Beslut"),
            tuple(_column(sorted(r.refusals), [r.refusals[k] for k in sorted(r.refusals)])),
        ),
    ]
    return tables


def _actions_table(r: Report) -> Table:
    principals = [p for p in PRINCIPALS if r.actions_new.get(p) or r.actions_followed.get(p)]
    new = _column(principals, [r.actions_new.get(p, 0) for p in principals])
    grid = [[r.actions_followed.get(p, {}).get(s, 0) for s in STATUSES] for p in principals]
    grid.append([sum(row[j] for row in grid) for j in range(len(STATUSES))])
    grid = [[*row, sum(row)] for row in grid]
    shown = suppress(grid)
    rows = []
    for (label, n_new), cells in zip(new, shown, strict=True):
        name = ACTION_PRINCIPALS.get(label, label) or "Ej angiven" if label != "Totalt" else label
        rows.append((name[:1].upper() + name[1:], n_new, cells[-1], *cells[:-1]))
    return Table(
        "insatser",
        "Insatser per huvudman",
        ("Huvudman", "Nya", "Följdes upp", *(STATUS_HEADERS[s] for s in STATUSES)),
        tuple(rows),
        "Nya: beslutade vid möten under perioden. Följdes upp: insatser från en tidigare plan "
        "som följdes upp vid ett möte under perioden, med status vid uppföljningen.",
    )
