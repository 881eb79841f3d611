"""A second process holding a Lotsen database open, driven line by line over stdin.

    python db_holder.py <db> [busy_timeout]

prints `ready` (or `refused <Class> <message>` and exits 3 when the database cannot be
opened), then for each line: `case <name>` (Store.create_case), `note <text>` (the raw
transaction path: Store.set_note on the first meeting), `read` (the child names), `close`.
Each answer is one line: `ok …` or `error <Class> <message on one line>`.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from model.db import DatabaseError, open_database  # noqa: E402


def _say(*words: object) -> None:
    print(" ".join(str(w).replace("\n", " ") for w in words), flush=True)


def main() -> int:
    path = Path(sys.argv[1])
    timeout = float(sys.argv[2]) if len(sys.argv) > 2 else None
    try:
        db = open_database(path, busy_timeout=timeout)
    except DatabaseError as exc:
        _say("refused", type(exc).__name__, exc)
        return 3
    from model.store import Store

    store = Store(db)
    _say("ready")
    for line in sys.stdin:
        cmd, _, arg = line.rstrip("\n").partition(" ")
        try:
            if cmd == "case":
                _say("ok", store.create_case(arg))
            elif cmd == "note":
                ids = store.case_ids()
                meeting = store.latest_meeting_id(ids[0]) if ids else None
                if meeting is None:
                    meeting = store.plan_meeting(ids[0], "forsta_natverksmote")
                store.set_note(meeting, "dialog", arg)
                _say("ok", meeting)
            elif cmd == "read":
                _say("ok", "|".join(store.get_case(c).child_name for c in store.case_ids()))
            elif cmd == "close":
                db.close()
                _say("ok closed")
                return 0
        except DatabaseError as exc:
            _say("error", type(exc).__name__, exc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
