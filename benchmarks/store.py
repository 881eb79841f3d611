"""Store figures beside a raw sqlite3 baseline on the same file system: set_note commit
latency, the case list, search and Att göra over 10,000 cases x 5 meetings, the year's
Utvärdering, and import times."""

from __future__ import annotations

import datetime as dt
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from model.db import open_database

ROOT = Path(__file__).resolve().parents[1]

N_CASES, MEETINGS = 10_000, 5


def _pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))]


def _row(name: str, ms: list[float]) -> str:
    return (f"  {name:<44} median {statistics.median(ms):6.2f} ms   "
            f"p95 {_pct(ms, 0.95):6.2f} ms   max {max(ms):6.2f} ms")  # fmt: skip


def bench_set_note(folder: Path, n: int = 300) -> None:
    from model.store import Store

    db = open_database(folder / "note.db")
    store = Store(db)
    mid = store.plan_meeting(store.create_case("Elsa"), "forsta_natverksmote")
    text = ("Familjen berättar om hösten: åäö. " * 400)[:10_000]
    store.set_note(mid, "familjen", text)
    ours = []
    for i in range(n):
        t = time.perf_counter()
        store.set_note(mid, "familjen", text[:-4] + f"{i:04d}")
        ours.append((time.perf_counter() - t) * 1000)
    db.close()

    raw = sqlite3.connect(folder / "raw.db", isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "secure_delete=ON"):
        raw.execute(f"PRAGMA {pragma}")
    raw.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT, updated_at TEXT)")
    raw.execute("INSERT INTO note VALUES (1, ?, '')", (text,))
    base, nosync = [], []
    for sync, out in (("FULL", base), ("NORMAL", nosync)):
        raw.execute(f"PRAGMA synchronous={sync}")
        for i in range(n):
            t = time.perf_counter()
            raw.execute("BEGIN")
            raw.execute("UPDATE note SET text = ?, updated_at = ? WHERE id = 1",
                        (text[:-4] + f"{i:04d}", dt.datetime.now().isoformat()))  # fmt: skip
            raw.execute("COMMIT")
            out.append((time.perf_counter() - t) * 1000)
    raw.close()
    fsync = []
    fd = os.open(folder / "fsync.bin", os.O_RDWR | os.O_CREAT, 0o600)
    for _ in range(n):
        os.write(fd, b"x" * 10_000)
        t = time.perf_counter()
        os.fsync(fd)
        fsync.append((time.perf_counter() - t) * 1000)
    os.close(fd)
    print(f"set_note, 10 KB note, {n} commits (goal: p95 <= 2 ms)")
    print(_row("Store.set_note (WAL, synchronous=FULL)", ours))
    print(_row("raw sqlite3 UPDATE+COMMIT (same pragmas)", base))
    print(_row("raw sqlite3, synchronous=NORMAL (no fsync)", nosync))
    print(_row("os.fsync of 10 KB on this file system", fsync))
    overhead = statistics.median(ours) - statistics.median(base)
    print(f"  ORM + validation overhead over raw (median): {overhead:.2f} ms")


def build_large(path: Path) -> None:
    """10,000 cases x 5 meetings (and 5 participants each) in the schema Store creates."""
    from model.store import Store

    db = open_database(path)
    Store(db)  # creates the schema
    db.close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    rng = random.Random(1)
    first = ["Elsa", "Alva", "Noah", "Hugo", "Saga", "Ömer", "Åsa", "Liam", "Maja", "Ebba"]
    last = ["Nyström", "Öberg", "Lind", "Åkesson", "Ek", "Hassan", "Berg", "Svensson"]
    orgs = ["Björkskolan", "BUP", "Socialtjänsten", "Elevhälsan", "Habiliteringen"]
    start = dt.datetime(2024, 1, 1)
    conn.execute("BEGIN")
    cases, meetings, people = [], [], []
    mid = 0
    for cid in range(1, N_CASES + 1):
        act = start + dt.timedelta(minutes=rng.randint(0, 1_000_000))
        cases.append((cid, f"{rng.choice(first)} {rng.choice(last)} {cid}",
                      f"2015{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{cid % 10000:04d}",
                      "Skolan", "5B", 0, "", "forsta_natverksmote", "open", "", 0,
                      str(act), str(act)))  # fmt: skip
        for k in range(MEETINGS):
            mid += 1
            held = k < MEETINGS - 1
            day = (act - dt.timedelta(days=30 * (MEETINGS - k))).date()
            meetings.append((mid, cid, "uppfoljande_lotsmote" if k else "forsta_natverksmote",
                             str(day), "14.00", "Skolan", "Hur går det?",
                             str(act) if held else None, str(act) if held else None,
                             "", "", "", "", 0, "", 0, "", "", "", "", "", "", "", "", "",
                             "", "", "", "", "", "", str(act)))  # fmt: skip
        for k in range(5):
            people.append((cid, "professional", f"Person {cid}-{k}", orgs[k], "", "", "", "",
                           "", None))  # fmt: skip
    conn.executemany("INSERT INTO case_ (id, child_name, personnummer, school, school_class, "
                     "interpreter_needed, interpreter_language, routine_id, status, "
                     "closing_reason, family_told_if_worse, created_at, last_activity) "
                     "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", cases)  # fmt: skip
    cols = [r[1] for r in conn.execute("PRAGMA table_info(meeting)")]
    given = ["id", "case_id", "routine_id", "planned_date", "planned_time", "place", "question",
             "started_at", "ended_at"]  # fmt: skip
    defaults = {c: "" for c in cols if c not in given}
    for c in ("confidentiality_covered", "child_signed"):
        defaults[c] = 0
    for c in ("agreed_on", "next_date", "previous_meeting_id", "child_present"):
        defaults.pop(c, None)
    names = given + list(defaults)
    conn.executemany(
        f"INSERT INTO meeting ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
        [m[:9] + tuple(defaults.values()) for m in meetings],
    )
    conn.executemany("INSERT INTO participant (case_id, kind, name, organisation, role, "
                     "principal, phone, email, address, removed_on) VALUES (?,?,?,?,?,?,?,?,?,?)",
                     people)  # fmt: skip
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def bench_large(folder: Path) -> None:
    from model.caselist import recent_cases, search_cases

    path = folder / "large.db"
    t = time.perf_counter()
    build_large(path)
    size = path.stat().st_size / 1e6
    print(f"\nlarge database: {N_CASES} cases x {MEETINGS} meetings, {size:.1f} MB, "
          f"built in {time.perf_counter() - t:.1f} s")  # fmt: skip
    opens, lists, searches, words, checks = [], [], [], [], []
    for i in range(20):
        t = time.perf_counter()
        db = open_database(path)
        rows = recent_cases(db, 50)
        lists.append((time.perf_counter() - t) * 1000)
        assert len(rows) == 50
        t = time.perf_counter()
        found = search_cases(db, ["Elsa", "nyström", "Saga Berg", "öberg"][i % 4])
        searches.append((time.perf_counter() - t) * 1000)
        assert found
        t = time.perf_counter()
        assert not search_cases(db, ["habilitering x", "zzzz"][i % 2])  # no match: full scan
        words.append((time.perf_counter() - t) * 1000)
        if i < 3:
            t = time.perf_counter()
            db.check()
            checks.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        db.close()
        opens.append((time.perf_counter() - t) * 1000)
    print(_row("open + 50 most recent cases (goal 20 ms)", lists))
    print(_row("search by child name (goal 50 ms)", searches))
    print(_row("search matching nothing, full scan (goal 50 ms)", words))
    print(_row("Database.check() quick_check", checks))
    print(_row("close", opens))


def bench_report(folder: Path, n: int = 20) -> None:
    """Issue 12: the year's Utvärdering on 10,000 cases x 5 meetings (goal <= 200 ms), beside
    a raw sqlite3 baseline: one pass over the held meetings and one over the actions."""
    import shutil

    from model.report import build_report

    large = folder / "large.db"
    if not large.exists():
        build_large(large)
    path = folder / "report.db"
    shutil.copyfile(large, path)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")  # what the evaluation reads that build_large leaves empty
    # build_large writes '' in the date columns it leaves out; the Store writes NULL.
    conn.execute("UPDATE meeting SET agreed_on = date(planned_date, '-9 days'), "
                 "child_present = (id % 3 = 0), held_on = NULL, cancelled_on = NULL, "
                 "moved_from = NULL, revised_at = NULL, step_started_at = NULL")  # fmt: skip
    conn.execute("UPDATE case_ SET status = 'closed', closed_on = date(last_activity) "
                 "WHERE id % 5 = 0")  # fmt: skip
    principals = ["kommun", "region", "enskild", "annan"]
    conn.executemany(
        "INSERT INTO action (meeting_id, what, need, responsible_org, responsible_person, scope, "
        "how, start, frequency, status, result, principal, follow_up_how, position) "
        "VALUES (?, 'Insats', '', ?, '', '', '', '', '', ?, '', ?, '', ?)",
        [(mid, f"Verksamhet {mid % 7}", ["planned", "done", "ongoing"][(mid + k) % 3],
          principals[(mid + k) % 4], k) for mid in range(1, N_CASES * MEETINGS + 1)
         for k in range(2)],
    )  # fmt: skip
    conn.execute("UPDATE action SET carried_from_id = id - 2 WHERE meeting_id % 5 <> 1")
    conn.executemany(
        "INSERT INTO deviation (case_id, action_text, what_went_wrong, reported_to, "
        "reported_by, reported_on, action_id) VALUES (?, '', '', '', '', ?, ?)",
        [(cid, f"2024-{cid % 12 + 1:02d}-15", cid * 10) for cid in range(1, N_CASES + 1, 7)],
    )  # fmt: skip
    conn.executemany(
        "INSERT INTO refusal_decision (case_id, agency, decision, reasons, decided_on) "
        "VALUES (?, ?, '', '', ?)",
        [(cid, f"Verksamhet {cid % 5}", f"2024-{cid % 12 + 1:02d}-01")
         for cid in range(1, N_CASES + 1, 11)],
    )  # fmt: skip
    conn.execute("COMMIT")
    year = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    base = []
    for _ in range(n):
        t = time.perf_counter()
        conn.execute("SELECT routine_id, count(*), sum(child_present) FROM meeting "
                     "WHERE ended_at IS NOT NULL AND coalesce(held_on, planned_date) "
                     "BETWEEN ? AND ? GROUP BY 1", [d.isoformat() for d in year]).fetchall()  # fmt: skip
        conn.execute("SELECT principal, status, count(*) FROM action GROUP BY 1, 2").fetchall()
        base.append((time.perf_counter() - t) * 1000)
    conn.close()
    db = open_database(path)
    ours = []
    for _ in range(n):
        t = time.perf_counter()
        report = build_report(db, *year)
        ours.append((time.perf_counter() - t) * 1000)
    db.close()
    print(f"\nUtvärdering, the year 2024 ({report.held} held meetings, "
          f"{sum(report.actions_new.values())} new actions; goal 200 ms)")  # fmt: skip
    print(_row("model.report.build_report (year)", ours))
    print(_row("raw sqlite3: one pass over meetings + actions", base))


def add_due_dates(path: Path) -> None:
    """Att göra's rows on the large database: 3 actions with follow-up dates in each case's
    planned meeting (its plan), 2 goals, and a consent that ends within a year."""
    conn = sqlite3.connect(path, isolation_level=None)
    rng = random.Random(2)
    day0 = dt.date(2024, 6, 1)
    conn.execute("BEGIN")
    # build_large leaves the other date columns '' (no date): NULL, as the store writes them.
    conn.execute("UPDATE meeting SET held_on = NULL, cancelled_on = NULL, moved_from = NULL, "
                 "revised_at = NULL, step_started_at = NULL")  # fmt: skip
    planned = conn.execute("SELECT id, case_id FROM meeting WHERE ended_at IS NULL").fetchall()
    actions, goals, consents = [], [], []
    for mid, cid in planned:
        for k in range(3):
            follow = day0 + dt.timedelta(days=rng.randint(0, 900))
            actions.append((mid, f"Insats {k + 1}", str(follow),
                            rng.choice(["planned", "ongoing", "done"]), k))  # fmt: skip
        goals += [(mid, "long", "Mål", 0), (mid, "short", "Delmål", 1)]
        until = day0 + dt.timedelta(days=rng.randint(0, 900))
        consents.append((cid, "Vårdnadshavare", str(until - dt.timedelta(days=365)), str(until)))
    conn.executemany("INSERT INTO action (meeting_id, what, follow_up_on, status, position, need, "
                     "responsible_org, responsible_person, scope, how, start, frequency, result, "
                     "principal, follow_up_how) VALUES (?,?,?,?,?,'','','','','','','','','','')",
                     actions)  # fmt: skip
    conn.executemany("INSERT INTO goal (meeting_id, kind, text, position, progress) "
                     "VALUES (?,?,?,?,'')", goals)  # fmt: skip
    conn.executemany("INSERT INTO consent (case_id, given_by, given_on, valid_until, form, "
                     "agencies, information_kinds, exclusions) VALUES (?,?,?,?,'skriftligt',"
                     "'BUP','','')", consents)  # fmt: skip
    conn.execute("COMMIT")
    conn.close()


def bench_due(folder: Path, n: int = 10) -> None:
    """Att göra on 10,000 cases x 5 meetings (goal 200 ms), beside the raw sqlite3 read of the
    same rows (the floor: what the four queries cost without the rules and the sorting). The
    CPU time is printed too: on a shared machine it moves less than the wall time."""
    from model.due_read import due_items, next_due, queries

    path = folder / "large.db"
    add_due_dates(path)
    today = dt.date(2026, 3, 2)
    db = open_database(path)
    ours, cpu, first_paint, raw = [], [], [], []
    items: list = []
    for _ in range(n):
        t, c = time.perf_counter(), time.process_time()
        items = due_items(db, today)
        ours.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
        t = time.perf_counter()
        assert next_due(db, range(1, 51), today)
        first_paint.append((time.perf_counter() - t) * 1000)
    db.close()
    conn = sqlite3.connect(path)
    for _ in range(n):
        t = time.perf_counter()
        for sql in queries(today):
            conn.execute(sql).fetchall()
        raw.append((time.perf_counter() - t) * 1000)
    conn.close()
    print(f"\nAtt göra on {N_CASES} cases x {MEETINGS} meetings ({len(items)} items; "
          f"load average {os.getloadavg()[0]:.2f})")  # fmt: skip
    print(_row("Att göra, every open case (goal 200 ms)", ours))
    print(_row("  the same, CPU time of this process", cpu))
    print(_row("raw sqlite3: the same four queries, no rules", raw))
    print(_row("first thing due for the 50 listed cases", first_paint))


def bench_imports() -> None:
    print("\nimport time, fresh interpreter (median of 5, interpreter start subtracted)")

    def run(code: str) -> float:  # noqa: E306
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
        return (time.perf_counter() - t) * 1000

    base = statistics.median(run("pass") for _ in range(5))
    for mod in ("model", "model.caselist", "model.db", "model.store"):
        ms = statistics.median(run(f"import {mod}") for _ in range(5)) - base
        print(f"  import {mod:<20} {ms:7.1f} ms")
    print(f"  (python start itself      {base:7.1f} ms)")


def bench_transfer(folder: Path, n: int = 5) -> None:
    """Issue 13: the case file. The key derivation (scrypt) is slow on purpose and measured
    alone; everything else (read, JSON, AES-GCM, checks, one-transaction insert) has a goal
    of <= 200 ms per case."""
    import json

    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from support.transfer_helpers import twenty_meetings

    from model.demo import populate
    from model.store import Store
    from model.transfer import case_document, crypto, import_case
    from model.transfer.casefile import dumps, loads, migrate

    kdf = []
    for _ in range(3):
        t = time.perf_counter()
        key = crypto.derive_key("en lång lösenfras", os.urandom(16))
        kdf.append((time.perf_counter() - t) * 1000)
    p = crypto.DEFAULT_PARAMS
    print("\ncase file (goal: everything but the key derivation <= 200 ms)")
    print(_row(f"scrypt N=2^{p.log2_n} r={p.r} p={p.p} (alone, x3)", kdf))
    src = open_database(folder / "transfer-src.db")
    store = Store(src)
    cases = {"demo case": populate(store), "20 meetings": twenty_meetings(store)}
    for label, case_id in cases.items():
        export, imp = [], []
        for i in range(n):
            t = time.perf_counter()
            plain = dumps(case_document(store, case_id))
            nonce = os.urandom(12)
            sealed = AESGCM(key).encrypt(nonce, plain, b"header")
            export.append((time.perf_counter() - t) * 1000)
            dst = open_database(folder / f"transfer-dst-{label[:4]}-{i}.db")
            target = Store(dst)
            t = time.perf_counter()
            data = migrate(loads(AESGCM(key).decrypt(nonce, sealed, b"header")))
            import_case(target, data)
            imp.append((time.perf_counter() - t) * 1000)
            dst.close()
        rows = sum(len(v) for v in json.loads(plain)["tables"].values())
        print(_row(f"export {label} ({rows} rows, {len(plain) // 1024} KB)", export))
        print(_row(f"import {label} (one transaction)", imp))
    src.close()


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="lotsen-bench-", dir=os.environ.get("BENCH_DIR")) as d:
        os.environ.setdefault("LOTSEN_CONFIG_DIR", str(Path(d) / "config"))
        print(f"file system under test: {d}")
        bench_set_note(Path(d))
        bench_large(Path(d))
        bench_report(Path(d))
        bench_due(Path(d))
        bench_transfer(Path(d))
        bench_imports()
