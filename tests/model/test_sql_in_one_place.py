"""Every SQL statement written by hand is in model/sql.py (model/db keeps its own PRAGMAs and
transaction statements), and model.sql loads no ORM (model.caselist imports it for the first
screen). Read from the source with ast, so a statement cannot hide from a text search, and
checked to find the statements model/sql.py does hold (the check cannot pass on nothing)."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "model"
# The start of a statement that reads or writes data, or runs a transaction.
STATEMENT = re.compile(
    r"\s*(SELECT\s|INSERT\s+INTO\s|UPDATE\s+\S+\s+SET\s|DELETE\s+FROM\s|WITH\s+\S+\s+AS\s*\(|"
    r"BEGIN\b|COMMIT\b|ROLLBACK\b)"
)
TRANSACTION = re.compile(r"\s*(BEGIN|COMMIT|ROLLBACK)\b")
EXECUTE = {"execute", "executemany", "executescript", "exec_driver_sql"}


def _text(node: ast.AST) -> str | None:
    """The literal text of a string expression: a constant, an f-string's literal parts, or
    strings joined with +."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _text(node.left), _text(node.right)
        if left is not None or right is not None:
            return (left or "") + (right or "")
    return None


def _statements(path: Path) -> list[tuple[int, str]]:
    """(line, first words) of every string in the file that starts like a SQL statement, and of
    every literal handed to execute()/exec_driver_sql() that does."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in EXECUTE and node.args:
                text = _text(node.args[0])
                if text is not None and STATEMENT.match(text):
                    found.append((node.lineno, " ".join(text.split()[:4])))
        if isinstance(node, (ast.Constant, ast.JoinedStr, ast.BinOp)):
            text = _text(node)
            if text is not None and STATEMENT.match(text):
                found.append((node.lineno, " ".join(text.split()[:4])))
    return sorted(set(found))


def _outside() -> dict[str, list[tuple[int, str]]]:
    out = {}
    for path in sorted(MODEL.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel == "model/sql.py" or rel.startswith("model/db/"):
            continue
        found = _statements(path)
        if rel == "model/orm.py":
            # The ORM's own read transaction begins on model.db's connection there.
            found = [(n, s) for n, s in found if not TRANSACTION.match(s)]
        if found:
            out[rel] = found
    return out


def test_no_sql_statement_in_model_outside_model_sql_and_model_db():
    assert _outside() == {}


def test_the_check_finds_the_statements_in_model_sql():
    found = " | ".join(s for _, s in _statements(MODEL / "sql.py"))
    # The store's writes, the case list, Att göra and the evaluation.
    for start in ("UPDATE meeting SET", "INSERT INTO step_note", "UPDATE case_ SET",
                  "SELECT c.id, c.child_name,", "SELECT count(*) FROM", "WITH rule_case AS",
                  "WITH plan AS", "SELECT k.id, k.case_id,", "WITH held AS",
                  "SELECT coalesce(sum(date(created_at)", "SELECT trim(agency), count(*)"):  # fmt: skip
        assert start in found, start
    assert len(_statements(MODEL / "sql.py")) >= 15


def test_the_check_catches_a_statement_put_back(tmp_path):
    """What the check sees in a module: literals in execute(), constants, f-strings, joins."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "X = 1\n"
        'conn.execute("SELECT count(*) FROM case_")\n'
        "Q = '''\\nWITH held AS (SELECT 1) SELECT 2'''\n"
        'conn.exec_driver_sql(f"UPDATE {t} SET a = 1")\n'
        'conn.execute("BEGIN")\n'
        'S = "DELETE FROM " + table\n'
        'label = "Välj ett ärende"\n',
        encoding="utf-8",
    )
    assert [n for n, _ in _statements(sample)] == [2, 3, 4, 5, 6]


def test_model_sql_and_the_light_read_paths_load_no_orm():
    code = (
        "import sys, model.sql, model.caselist, model.due_read\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'sqlmodel')"
        " or m == 'model.tables')\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_the_evaluation_reads_every_figure_in_one_read_transaction(store, db):
    """Through Database.read_snapshot: BEGIN, the statements of model.sql, COMMIT."""
    import datetime as dt

    from model import sql
    from model.report import build_report

    cid = store.create_case("Elsa")
    store.plan_meeting(cid, "forsta_natverksmote")
    last = store.clock.today()
    first = dt.date(last.year, 1, 1)
    seen: list[str] = []
    db.conn.set_trace_callback(seen.append)
    try:
        report = build_report(db, first, last)
    finally:
        db.conn.set_trace_callback(None)
    assert (report.cases_new, report.cases_open) == (1, 1)
    assert seen[0] == "BEGIN" and seen[-1] == "COMMIT"
    assert not any(s.startswith(("BEGIN", "COMMIT")) for s in seen[1:-1])
    statements = [getattr(sql, n) for n in dir(sql) if n.startswith("REPORT_")]
    assert len(statements) == 8
    for statement in statements:  # as SQLite traces it: with the period's days filled in
        bound = statement.replace(":f", f"'{first}'").replace(":t", f"'{last}'")
        assert bound in seen, statement[:40]


def test_att_gora_reads_its_four_queries_in_one_read_transaction(store, db):
    """The screen reads Att göra in a thread while the leader writes: its four queries see
    one state of the file (BEGIN, the four, COMMIT), so no item mixes two states."""
    from model.due_read import due_items

    cid = store.create_case("Elsa")
    store.plan_meeting(cid, "forsta_natverksmote", planned_date=store.clock.today())
    seen: list[str] = []
    db.conn.set_trace_callback(seen.append)
    try:
        items = due_items(db, store.clock.today())
    finally:
        db.conn.set_trace_callback(None)
    assert items  # the planned meeting is due
    begin, commit = seen.index("BEGIN"), len(seen) - 1 - seen[::-1].index("COMMIT")
    reads = [s for s in seen[begin + 1 : commit] if not s.startswith("PRAGMA")]
    assert len(reads) >= 4, seen
    assert not any(s.startswith(("SELECT", "WITH")) for s in seen[:begin] + seen[commit:])
