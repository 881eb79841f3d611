"""A follow-up starts from the plan as it stood: goals and open actions carried over,
the earlier participants as default invitees."""

from __future__ import annotations

import datetime as dt

from model.demo import populate


def _first_meeting(store):
    cid = store.create_case("Elsa")
    mum = store.add_guardian(cid, "Maria")
    kur = store.add_participant(cid, "Sara", organisation="Elevhälsan")
    bup = store.add_participant(cid, "Per", organisation="BUP")
    other = store.add_participant(cid, "Lena", organisation="Socialtjänsten")
    first = store.plan_meeting(cid, "forsta_natverksmote", invitee_ids=[mum, kur, bup])
    store.start_meeting(first)
    store.update_meeting(first, lead_organisation="Björkskolan", coordinator="Sara",
                         family_contribution="Följer till skolan",
                         child_contribution="Säger till", next_date="2026-12-07",
                         next_time="10", next_place="Skolan", next_convener="Karin")  # fmt: skip
    g_long = store.add_goal(first, "long", "Hela dagar")
    g_child = store.add_goal(first, "child", "Rasterna")
    a_open = store.add_action(first, what="Schema", responsible_org="Skolan",
                              responsible_person="Ahmed", follow_up_on="2026-12-07",
                              status="ongoing")  # fmt: skip
    a_done = store.add_action(first, what="Hembesök", status="done", result="Gjort")
    a_planned = store.add_action(first, what="KBT", status="planned")
    store.end_meeting(first)
    ids = dict(mum=mum, kur=kur, bup=bup, other=other, g_long=g_long, g_child=g_child,
               a_open=a_open, a_done=a_done, a_planned=a_planned)  # fmt: skip
    return cid, first, ids


def test_follow_up_carries_goals_and_open_actions(store):
    cid, first, ids = _first_meeting(store)
    nxt = store.plan_meeting(cid, "uppfoljande_lotsmote")
    m = store.get_meeting(nxt)
    assert m.previous_meeting_id == first and m.is_follow_up
    assert [(g.kind, g.text, g.progress, g.carried_from_id) for g in m.goals] == [
        ("long", "Hela dagar", "", ids["g_long"]),
        ("child", "Rasterna", "", ids["g_child"]),
    ]
    assert [(a.what, a.status, a.carried_from_id) for a in m.actions] == [
        ("Schema", "ongoing", ids["a_open"]),
        ("KBT", "planned", ids["a_planned"]),
    ]
    carried = m.actions[0]
    assert (carried.responsible_org, carried.responsible_person, carried.follow_up_on) == (
        "Skolan", "Ahmed", dt.date(2026, 12, 7))  # fmt: skip
    assert m.carried_actions == list(m.actions) and m.new_actions == []
    # The meeting inherits the plan's roles and the agreed next date/place.
    assert (m.lead_organisation, m.coordinator) == ("Björkskolan", "Sara")
    assert (m.planned_date, m.planned_time, m.place, m.convener) == (
        dt.date(2026, 12, 7), "10.00", "Skolan", "Karin")  # fmt: skip
    assert (m.family_contribution, m.child_contribution) == ("Följer till skolan", "Säger till")
    # Evaluating in the follow-up leaves the earlier plan as it stood.
    store.update_action(carried.id, status="done", result="Fungerar")
    assert store.get_meeting(first).actions[0].status == "ongoing"
    assert store.current_plan(cid).id == nxt


def test_default_invitees_are_the_earlier_participants(store):
    cid, first, ids = _first_meeting(store)
    nxt = store.plan_meeting(cid, "uppfoljande_lotsmote")
    assert [p.id for p in store.get_meeting(nxt).invitees] == [ids["mum"], ids["kur"], ids["bup"]]


def test_next_invitees_chosen_at_the_meeting_win_and_removed_are_left_out(store):
    cid, first, ids = _first_meeting(store)
    store.set_invitees(first, [ids["kur"], ids["other"], ids["bup"]], next=True)
    store.remove_participant(ids["bup"])
    nxt = store.plan_meeting(cid, "uppfoljande_lotsmote")
    assert [p.id for p in store.get_meeting(nxt).invitees] == [ids["kur"], ids["other"]]


def test_first_meeting_kind_does_not_carry(store):
    cid, first, ids = _first_meeting(store)
    nxt = store.plan_meeting(cid, "vastbas_natverksmote_2")
    m = store.get_meeting(nxt)
    assert m.goals == () and m.actions == ()
    assert store.current_plan(cid).id == first


def test_plan_comes_from_latest_meeting_with_a_plan(store):
    cid, first, ids = _first_meeting(store)
    between = store.plan_meeting(cid, "vastbas_formote")  # no goals or actions
    nxt = store.plan_meeting(cid, "uppfoljande_lotsmote")
    m = store.get_meeting(nxt)
    assert m.previous_meeting_id == between
    assert [a.carried_from_id for a in m.actions] == [ids["a_open"], ids["a_planned"]]


def test_demo_case_has_a_follow_up_with_the_plan(store):
    cid = populate(store, today=dt.date(2026, 3, 2))
    first, follow, extra = store.case_meetings(cid)
    assert extra.status == "cancelled" and extra.cancel_reason
    # every goal; the four open actions, the family's own included, with their huvudman
    assert follow.is_follow_up and len(follow.goals) == 3 and len(follow.actions) == 4
    assert [a.principal for a in follow.actions] == ["kommun", "region", "kommun", "annan"]
    assert (follow.lead_principal, follow.coordinator_phone) == ("kommun", "0920-45 60 20")
    assert all(a.carried_from_id for a in follow.actions)
    assert "Lena Åkesson" not in [p.name for p in follow.invitees]
