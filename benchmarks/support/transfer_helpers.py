"""Building cases for the case-file tests (and benchmarks/store.py): any case the store accepts (hypothesis), and one
with many meetings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st
from stdnum import luhn

from model.routines import routines

NASTY = (
    "\x00\x1b\x7f\x85\x9b\t\n\u202e\u2066\u200b\u200d\u00ad\ufeff\u2028"
    "²٣３0123456789-+/.: åäöÅÄÖ😀👨‍👩‍👧[]/\\\"'<>&"
)
LETTERS = "abcdefghijklmnopqrstuvwxyzåäöÅÄÖÉé李Ж"
text = st.text(st.sampled_from(NASTY + LETTERS) | st.characters(codec="utf-8"), max_size=25)
name = st.builds(lambda a, b: a + b, st.text(st.sampled_from(LETTERS), min_size=1, max_size=8),
                 st.text(st.sampled_from(LETTERS + " -"), max_size=12))  # fmt: skip
day = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31))
opt_day = st.none() | day
time = st.sampled_from(["", "8", "09.15", "14:30", "1600", "23.59"])


def make_pnr(birth: dt.date, serial: int) -> str:
    body = f"{birth:%y%m%d}{serial:03d}"
    return f"{birth:%Y}{body[2:]}{luhn.calc_check_digit(body)}"


personnummer = st.none() | st.builds(
    make_pnr, st.dates(min_value=dt.date(2005, 1, 1), max_value=dt.date(2022, 12, 31)),
    st.integers(0, 999),
)  # fmt: skip

ROUTINES = sorted(routines())


@st.composite
def case_plans(draw: Any) -> dict[str, Any]:
    """A recipe of store calls: the case, its network, and 1-3 meetings with their content."""
    return {
        "case": dict(
            child_name=draw(name),
            personnummer=draw(personnummer),
            school=draw(text),
            school_class=draw(text),
            interpreter_needed=draw(st.booleans()),
            interpreter_language=draw(text),
            routine_id=draw(st.sampled_from(ROUTINES)),
            if_worse_plan=draw(text),
        ),  # fmt: skip
        "people": draw(
            st.lists(
                st.tuples(
                    name,
                    st.sampled_from(["professional", "guardian", "other"]),
                    text,
                    text,
                    st.sampled_from(["", "kommun", "region", "skola"]),
                ),
                min_size=1,
                max_size=4,
            )
        ),  # fmt: skip
        "consent": draw(st.none() | st.tuples(name, day, text, opt_day)),
        "meetings": draw(
            st.lists(
                st.tuples(
                    st.sampled_from(ROUTINES),
                    opt_day,
                    time,
                    text,
                    text,
                    st.lists(
                        st.tuples(st.sampled_from(["long", "short", "child"]), text), max_size=3
                    ),
                    st.lists(
                        st.tuples(
                            text,
                            text,
                            opt_day,
                            st.sampled_from(["planned", "ongoing", "done", "not_done"]),
                        ),
                        max_size=3,
                    ),
                    st.booleans(),
                    text,
                    opt_day,
                ),
                min_size=1,
                max_size=3,
            )
        ),  # fmt: skip
        "remove_first": draw(st.booleans()),
        "deviation": draw(st.none() | text),
        "refusal": draw(st.none() | st.tuples(name, text)),
        "close": draw(st.none() | text),
    }


def build_case(store: Any, plan: dict[str, Any]) -> int:
    """Carry out a recipe through the public Store API; returns the case id."""
    case_id = store.create_case(**plan["case"])
    people = []
    for pname, kind, org, role, principal in plan["people"]:
        people.append(store.add_participant(case_id, pname, kind=kind, organisation=org, role=role,
                                            principal=principal, email=f"{role[:3]}@example.se"))  # fmt: skip
    if plan["consent"]:
        by, on, agencies, until = plan["consent"]
        store.add_consent(case_id, by, on, agencies=agencies, valid_until=until)
    action_id = None
    for i, (rid, pday, ptime, place, question, goals, actions, held, story, nxt) in enumerate(
        plan["meetings"]
    ):
        mid = store.plan_meeting(case_id, rid, planned_date=pday, planned_time=ptime,
                                 place=place, question=question, convener="Kim")  # fmt: skip
        for kind, gtext in goals:
            store.add_goal(mid, kind, gtext)
        for what, who, follow, status in actions:
            action_id = store.add_action(mid, what=what, responsible_person=who,
                                         follow_up_on=follow, status=status)  # fmt: skip
        if held:
            store.start_meeting(mid)
            for n, pid in enumerate(people):
                store.set_attendance(mid, pid, status=["present", "absent", "excused"][n % 3],
                                     reason=story, signed=n % 2 == 0)  # fmt: skip
                store.set_account(mid, pid, assessments=story, interventions=question)
            routine = routines()[rid]
            store.set_note(mid, routine.steps[-1].id, story)
            store.update_meeting(mid, family_story_child=story, child_present=bool(i % 2),
                                 next_date=nxt, next_time=ptime, next_place=place)  # fmt: skip
            store.set_invitees(mid, people[:1], next=True)
            if i == 0:
                store.add_walk_in(mid, "Gäst Gästsson", organisation=place)
            store.end_meeting(mid)
    if plan["remove_first"] and len(people) > 1:
        store.remove_participant(people[0])
    if plan["deviation"] is not None:
        store.add_deviation(case_id, action_id=action_id, what_went_wrong=plan["deviation"])
    if plan["refusal"]:
        store.add_refusal(case_id, plan["refusal"][0], reasons=plan["refusal"][1])
    if plan["close"] is not None:
        store.close_case(case_id, plan["close"], True)
    return case_id


def twenty_meetings(store: Any, start: dt.date = dt.date(2026, 1, 5)) -> int:
    """A case with 20 held meetings: each a follow-up of the one before (goals and open
    actions carried over), notes, attendance, accounts."""
    case_id = store.create_case("Tindra Åberg", personnummer="20140226-1234"
                                if False else None, school="Ängskolan")  # fmt: skip
    people = [store.add_guardian(case_id, "Mamma Åberg", phone="070-1")]
    people += [store.add_participant(case_id, f"Person {n} Ek", organisation=f"Org {n}",
                                     role="Roll", principal="kommun") for n in range(6)]  # fmt: skip
    store.add_consent(case_id, "Mamma Åberg", start, agencies=["Org 0", "Org 1", "Org 2"])
    for n in range(20):
        rid = "forsta_natverksmote" if n == 0 else "uppfoljande_lotsmote"
        day_n = start + dt.timedelta(weeks=3 * n)
        mid = store.plan_meeting(case_id, rid, planned_date=day_n, planned_time="14.00",
                                 place="Ängskolan", convener="Person 0 Ek")  # fmt: skip
        store.start_meeting(mid)
        for pid in people:
            store.set_attendance(mid, pid, status="present", signed=True)
        for step in routines()[rid].steps[:4]:
            store.set_note(mid, step.id, f"Anteckning {n} i {step.title}. " * 5)
        store.set_account(mid, people[1], assessments=f"Bedömning {n}", interventions="Stöd")
        if n == 0:
            store.add_goal(mid, "long", "Tindra går i skolan och trivs.")
            store.add_goal(mid, "child", "Jag vill ha kompisar.")
        store.add_goal(mid, "short", f"Delmål {n}")
        store.add_action(mid, what=f"Insats {n}", responsible_org="Org 1",
                         responsible_person="Person 1 Ek", follow_up_on=day_n
                         + dt.timedelta(weeks=3), status="ongoing")  # fmt: skip
        store.update_meeting(mid, child_present=True, child_view=f"Bra möte {n}",
                             next_date=day_n + dt.timedelta(weeks=3), next_time="14.00",
                             next_place="Ängskolan", next_convener="Person 0 Ek")  # fmt: skip
        store.end_meeting(mid)
    return case_id
