"""The small-count rule of Utvärdering (model.report): how a count, a share, a median and a
table's cells are shown so that no one child or family can be picked out of the figures."""

from __future__ import annotations

import math
import statistics

SMALL = "färre än 3"
HIDDEN = "visas inte"
NONE = "–"
MIN_COUNT = 3
RULE = (
    "Bara antal redovisas: inga namn, personnummer eller fritext. Antal 1–2 visas som "
    '"färre än 3". Ett antal som annars kunde räknas fram ur summan visas som "visas inte". '
    "Andelar, medianer och medelvärden visas bara när de bygger på minst 3 och inte avslöjar "
    "ett antal 1–2. Inställda möten räknas aldrig som hållna."
)


def count_text(n: int) -> str:
    return str(n) if n == 0 or n >= MIN_COUNT else SMALL


def _small(n: int) -> bool:
    return 0 < n < MIN_COUNT


def share_text(part: int, whole: int) -> str:
    if whole == 0:
        return NONE
    if whole < MIN_COUNT or _small(part) or _small(whole - part):
        return HIDDEN
    return f"{round(100 * part / whole)} %"


def _number(value: float) -> str:
    text = f"{value:.1f}".replace(".", ",")
    return text[:-2] if text.endswith(",0") else text


def median_text(values: list[int]) -> str:
    if not values:
        return NONE
    return _number(statistics.median(values)) if len(values) >= MIN_COUNT else HIDDEN


def mean_text(values: list[int]) -> str:
    if not values:
        return NONE
    return _number(statistics.fmean(values)) if len(values) >= MIN_COUNT else HIDDEN


def suppress(grid: list[list[int]]) -> list[list[str]]:
    """The cells as shown. Every row and every column of `grid` is a group whose last cell is
    the total of the others, shown beside them. A small count is "färre än 3"; while a group's
    total and shown cells would pin a hidden one to a single value (see _pinned), its smallest
    other non-zero cell is hidden too ("visas inte")."""
    hidden = [[_small(v) for v in row] for row in grid]
    groups = [[(i, j) for j in range(len(row))] for i, row in enumerate(grid)]
    if grid:
        groups += [[(i, j) for i in range(len(grid))] for j in range(len(grid[0]))]
    changed = True
    while changed:
        changed = False
        for group in groups:
            if not _pinned([grid[i][j] for i, j in group], [hidden[i][j] for i, j in group]):
                continue
            others = [(grid[i][j], i, j) for i, j in group if grid[i][j] and not hidden[i][j]]
            if others:
                _, i, j = min(others)
                hidden[i][j] = changed = True
    return [
        [(SMALL if _small(v) else HIDDEN) if hidden[i][j] else str(v) for j, v in enumerate(row)]
        for i, row in enumerate(grid)
    ]


def _pinned(values: list[int], hidden: list[bool]) -> bool:
    """Whether a reader could work out a hidden cell of a group (its last cell the sum of the
    others) from what is shown: a "färre än 3" is 1 or 2, a "visas inte" 3 or more (a hidden
    cell that is not small), and the hidden cells make up what the shown ones leave of the
    total. One hidden cell is always pinned; so are two "färre än 3" that leave 2 (1 and 1) or
    4 (2 and 2), or a "färre än 3" beside a "visas inte" that leave 4 (1 and 3)."""
    if len(values) < 2 or not any(hidden):
        return False
    sign = [1] * (len(values) - 1) + [-1]  # the parts minus the total is 0
    rest = -sum(s * v for s, v, h in zip(sign, values, hidden, strict=True) if not h)
    unknown = [
        (s, (1.0, 2.0) if _small(v) else (float(MIN_COUNT), math.inf))
        for s, v, h in zip(sign, values, hidden, strict=True)
        if h
    ]
    for k, (s, (lo, hi)) in enumerate(unknown):
        others = [(s2 * a, s2 * b) for n, (s2, (a, b)) in enumerate(unknown) if n != k]
        low = sum(min(pair) for pair in others)  # the range of the other hidden cells' sum
        high = sum(max(pair) for pair in others)
        # s * x = rest - (the others' sum)
        bounds = (rest - high, rest - low) if s > 0 else (low - rest, high - rest)
        first, last = max(lo, bounds[0]), min(hi, bounds[1])
        if first == last and not math.isinf(first):
            return True
    return False
