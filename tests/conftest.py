"""Shared fixtures: every test runs with its own private data, config, log and documents dirs,
so no test ever touches the user's real Lotsen data."""

from __future__ import annotations

from pathlib import Path

import pytest


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


# pytest-xdist (`make test` runs `-n auto --dist loadgroup`). Syrupy fails a session on unused
# snapshots, but under xdist it skips that check (each worker sees only part of the run). So
# every test module with snapshots runs whole on one worker (an xdist_group per module); that
# worker's syrupy report then knows every snapshot of the module, and the workers' unused
# snapshots are gathered here and fail the session as syrupy would.
_UNUSED_KEY = "lotsen_unused_snapshots"
_unused_from_workers: list[str] = []


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
    if workeroutput is not None:  # a worker: hand its unused snapshots to the controller
        report = getattr(getattr(config, "_syrupy", None), "report", None)
        if report is not None and report.num_unused:
            workeroutput[_UNUSED_KEY] = sorted(
                f"{Path(c.location).relative_to(config.rootpath)}: {s.name}"
                for c in report.unused
                for s in c
            )
    elif _unused_from_workers and not config.getoption("update_snapshots", False):
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    _unused_from_workers.extend(getattr(node, "workeroutput", {}).get(_UNUSED_KEY, ()))


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
