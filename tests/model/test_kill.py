"""Reliability: a writer SIGKILLed at random moments never loses an acknowledged write and
never leaves a damaged file (4 x 50 kills)."""

from __future__ import annotations

import os

import pytest

from benchmarks.support.kill_writer import Drill

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL and fork are POSIX")


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_kill_the_writer_50_times(tmp_path, seed):
    drill = Drill(tmp_path / "data" / "lotsen.db", seed=seed)
    try:
        for _ in range(50):
            drill.round()
    finally:
        drill.close()
    assert drill.kills == 50
    assert drill.acked_writes > 200
