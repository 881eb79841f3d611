"""Store.case_page: what the Ärende screen shows, read at once, the same as the reads one by
one, in a number of queries that does not grow with the case's meetings."""

from __future__ import annotations

from sqlalchemy import event


def _queries(store, read) -> int:  # noqa: ANN001
    statements: list[str] = []

    def count(conn, cursor, statement, *args) -> None:  # noqa: ANN001, ANN002
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    event.listen(store.engine, "before_cursor_execute", count)
    try:
        read()
    finally:
        event.remove(store.engine, "before_cursor_execute", count)
    return len(statements)


def _case_with_meetings(store, n: int) -> int:  # noqa: ANN001
    cid = store.create_case("Alva Lind")
    store.add_participant(cid, "Karin Ek", organisation="Björkskolan", role="Rektor")
    store.add_consent(cid, "Båda vårdnadshavarna", "2026-01-10", agencies="Björkskolan")
    first = store.plan_meeting(cid, "forsta_natverksmote", planned_date="2026-01-19")
    store.add_goal(first, "long", "Alva går i skolan varje dag")
    store.add_action(first, what="Anpassat schema")
    store.start_meeting(first)
    store.end_meeting(first)
    for i in range(n - 1):
        store.plan_meeting(cid, "uppfoljande_lotsmote", planned_date=f"2026-02-{10 + i}")
    return cid


def test_the_page_is_what_the_reads_one_by_one_give(store):
    cid = _case_with_meetings(store, 3)
    store.cancel_meeting(store.case_meetings(cid)[-1].id, "familjen sjuk")
    page = store.case_page(cid)
    assert page.case == store.get_case(cid)
    assert page.plan == store.current_plan(cid)
    assert page.plan is not None and [a.what for a in page.plan.actions] == ["Anpassat schema"]
    shown = [(m.id, m.status, m.routine.name, m.planned_date, m.planned_time, m.place)
             for m in page.meetings]  # fmt: skip
    assert shown == [(m.id, m.status, m.routine.name, m.planned_date, m.planned_time, m.place)
                     for m in store.case_meetings(cid)]  # fmt: skip
    assert [m.status for m in page.meetings] == ["held", "planned", "cancelled"]


def test_the_page_is_read_in_as_many_queries_for_two_meetings_as_for_twelve(store):
    few, many = _case_with_meetings(store, 2), _case_with_meetings(store, 12)
    assert len(store.case_page(many).meetings) == 12
    assert _queries(store, lambda: store.case_page(few)) == _queries(
        store, lambda: store.case_page(many)
    )
