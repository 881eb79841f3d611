"""The long kill drill: SIGKILL a Store writer at random moments many times and print how it
went (every acknowledged write must survive and PRAGMA integrity_check must say ok).

    .venv/bin/python benchmarks/kill_drill.py [kills] [seed]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The repo root instead of benchmarks/: a script there named like a stdlib module
# (typing.py) must not shadow it.
sys.path[0] = str(ROOT)
sys.path.insert(0, str(ROOT / "tests" / "model"))

from kill_writer import Drill  # noqa: E402


def main(kills: int = 300, seed: int = 7) -> None:
    with tempfile.TemporaryDirectory(prefix="lotsen-kill-", dir=os.environ.get("BENCH_DIR")) as d:
        os.environ.setdefault("LOTSEN_CONFIG_DIR", str(Path(d) / "config"))
        path = Path(d) / "data" / "lotsen.db"
        started = time.perf_counter()
        drill = Drill(path, seed=seed)
        try:
            for n in range(1, kills + 1):
                drill.round(max_acks=60)
                if n % 100 == 0:
                    print(f"  {n} kills, {drill.acked_writes} acknowledged writes, all present")
        finally:
            drill.close()
        took = time.perf_counter() - started
        size = path.stat().st_size / 1e6
        print(
            f"kill drill: {drill.kills} SIGKILLs in {took:.1f} s ({took / drill.kills * 1000:.0f} ms each)"
        )
        print(
            f"  acknowledged writes: {drill.acked_writes}, lost: 0, integrity_check: ok every time"
        )
        print(f"  kills that landed after a commit but before its acknowledgement: "
              f"{drill.unacked_but_committed}")  # fmt: skip
        print(f"  time spent checking: {drill.check_seconds:.1f} s; database {size:.1f} MB")


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:3]]
    main(*args)
