"""Shared fixtures: every test runs with its own private data, config, log and documents dirs,
so no test ever touches the user's real Lotsen data."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

# The cyclic garbage collector's youngest generation is collected every 700 new objects (Python's
# default); rendering a Textual screen makes hundreds of thousands, so in the tests it ran ~150
# times a second and took a quarter of their CPU (a routine walk and test_snapshots.py: 4.8 s of
# 17.4 s). Every 10,000 it takes 1.5 s; nothing is left uncollected (reference counting frees at
# once, the collector still runs on cycles), and no test asserts on when a cycle is collected.
# Only the test processes: the real program in the pty tests runs with Python's defaults.
gc.set_threshold(10_000, 10, 10)


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory, monkeypatch):
    base = tmp_path_factory.mktemp("lotsen-home")
    for name, sub in (("LOTSEN_DATA_DIR", "data"), ("LOTSEN_CONFIG_DIR", "config"),
                      ("LOTSEN_LOG_DIR", "logs"), ("LOTSEN_DOCUMENTS_DIR", "documents")):  # fmt: skip
        monkeypatch.setenv(name, str(base / sub))
    from model.routines import routines

    routines.cache_clear()
    yield base
    routines.cache_clear()


# pytest-xdist (`make test`: three workers per core, `--dist loadgroup`). Syrupy fails a session on
# unused snapshots, but under xdist it skips that check, and each worker's own report is wrong
# both ways: a worker that ran no test of a snapshot file, but another test beside it, calls the
# whole file unused; a worker that ran no snapshot test there does not look at the folder at all.
# So every worker hands the snapshot files it looked at and the snapshots it calls unused to the
# controller, and a snapshot is unused when every worker that looked at its file calls it unused
# (a worker that ran its test used it). An orphaned file or snapshot name is then unused on all of
# them and fails the session, as syrupy would without xdist.
_UNUSED_KEY = "lotsen_unused_snapshots"
_WHOLE_FILE = "*"  # syrupy's "unknown snapshot collection": every snapshot in the file
_reports: list[tuple[set[str], set[tuple[str, str]]]] = []  # per worker: (files seen, unused)
_unused_from_workers: list[str] = []


def _unused_everywhere(reports: list[tuple[set[str], set[tuple[str, str]]]]) -> list[str]:
    """The snapshots ((file, name); name "*" for the whole file) that every worker which
    looked at their file calls unused."""

    def unused_on(unused: set[tuple[str, str]], location: str, name: str) -> bool:
        return (location, name) in unused or (location, _WHOLE_FILE) in unused

    candidates: set[tuple[str, str]] = set().union(*(unused for _, unused in reports))
    return sorted(f"{location}: {'unknown snapshot collection' if name == _WHOLE_FILE else name}"
                  for location, name in candidates
                  if all(unused_on(unused, location, name)
                         for seen, unused in reports if location in seen))  # fmt: skip


# The longest tests first (their minutes measured under xdist, slowest first): xdist hands out
# work in collection order, and a long test handed out last keeps one worker busy while the
# other core idles. Every worker sorts the same way, so the collections still match.
SLOW_FIRST = (
    "test_followup_and_gaps.py::test_each_gap_jumps_to_its_field",
    "test_routines.py::test_walk_every_step_and_fill_every_field[uppfoljande_lotsmote]",
    "test_hostile_text.py::test_every_step_of_every_routine_shows_hostile_text_literally",
    "test_change_and_back.py::test_every_step_of_the_follow_up",
    "test_routines.py::test_walk_every_step_and_fill_every_field[vastbas_natverksmote_2]",
    "test_routines.py::test_walk_every_step_and_fill_every_field[",
    "test_kill.py::test_kill_the_writer_50_times",
)


def _slowness(item) -> int:
    return next((i for i, part in enumerate(SLOW_FIRST) if part in item.nodeid), len(SLOW_FIRST))


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    items.sort(key=_slowness)  # stable: the rest keep their order
    for item in items:
        if "snapshot" in getattr(item, "fixturenames", ()):
            module = item.path.relative_to(config.rootpath).as_posix()
            item.add_marker(pytest.mark.xdist_group(f"snapshots:{module}"))


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session):
    config = session.config
    workeroutput = getattr(config, "workeroutput", None)
    if workeroutput is not None:  # a worker: hand what it saw over
        report = getattr(getattr(config, "_syrupy", None), "report", None)
        if report is not None:
            from syrupy.data import SnapshotUnknownCollection

            def rel(location: str) -> str:
                return Path(location).relative_to(config.rootpath).as_posix()

            workeroutput[_UNUSED_KEY] = {
                "seen": sorted(rel(c.location) for c in report.discovered),
                "unused": sorted(
                    (
                        rel(c.location),
                        _WHOLE_FILE if isinstance(c, SnapshotUnknownCollection) else s.name,
                    )  # fmt: skip
                    for c in report.unused
                    for s in c
                ),
            }
        return
    _unused_from_workers[:] = _unused_everywhere(_reports)
    if _unused_from_workers and not config.getoption("update_snapshots", False):
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    out = getattr(node, "workeroutput", {}).get(_UNUSED_KEY)
    if out is not None:
        _reports.append(({*out["seen"]}, {(loc, name) for loc, name in out["unused"]}))


def pytest_terminal_summary(terminalreporter, config):
    if not _unused_from_workers:
        return
    terminalreporter.section("unused snapshots (gathered from the xdist workers)")
    for line in _unused_from_workers:
        terminalreporter.write_line(line)
    terminalreporter.write_line(
        "delete them with `pytest -n0 --snapshot-update`"
        if config.getoption("update_snapshots", False)
        else "unused snapshots fail the session: delete them together with their tests"
    )
