"""Every entity is written through the Store and read back with its values."""

from __future__ import annotations

import datetime as dt

import pytest

from model.store import NotFound
from model.validation import InvalidInput

D = dt.date


def test_case_fields_round_trip(store):
    cid = store.create_case(
        "  Alva Lind-Berg ",
        personnummer="150312-2382",
        school="Björkskolan",
        school_class="5B",
        interpreter_needed=True,
        interpreter_language="Arabiska",
        routine_id="forsta_natverksmote_vastbus",
    )
    c = store.get_case(cid)
    assert (c.child_name, c.personnummer, c.personnummer_display) == (
        "Alva Lind-Berg", "201503122382", "20150312-2382")  # fmt: skip
    assert (c.school, c.school_class) == ("Björkskolan", "5B")
    assert (c.interpreter_needed, c.interpreter_language) == (True, "Arabiska")
    assert c.routine_id == "forsta_natverksmote_vastbus"
    assert c.status == "open" and c.child_initials == "A.L.B."
    store.update_case(cid, school_class="6A", interpreter_needed=False, personnummer="")
    c = store.get_case(cid)
    assert (c.school_class, c.interpreter_needed, c.personnummer) == ("6A", False, None)


def test_close_and_reopen_case(store):
    cid = store.create_case("Elsa")
    store.close_case(cid, "Målen är nådda", True, on="2026-05-04")
    c = store.get_case(cid)
    assert (c.status, c.closed_on, c.closing_reason, c.family_told_if_worse) == (
        "closed", D(2026, 5, 4), "Målen är nådda", True)  # fmt: skip
    store.reopen_case(cid)
    c = store.get_case(cid)
    assert (c.status, c.closed_on) == ("open", None)


def test_close_case_keeps_how_the_family_acts_if_worse(store):
    cid = store.create_case("Elsa")
    assert store.get_case(cid).if_worse_plan == ""
    plan = "Ring Karin på skolan 🙂\r\nEfter kl. 16: socialjouren."
    store.close_case(cid, "Målen är nådda", True, on="2026-05-04", if_worse_plan=plan)
    assert (
        store.get_case(cid).if_worse_plan == "Ring Karin på skolan 🙂\nEfter kl. 16: socialjouren."
    )
    store.close_case(cid, "Målen är nådda", True)  # no plan given: what was written stays
    assert store.get_case(cid).if_worse_plan.startswith("Ring Karin")
    store.reopen_case(cid)
    assert store.get_case(cid).if_worse_plan.startswith("Ring Karin")
    store.update_case(cid, if_worse_plan="Ny plan")  # an autosaving field writes it directly
    assert store.get_case(cid).if_worse_plan == "Ny plan"


def test_guardians_and_participants_and_removal_keeps_history(store):
    cid = store.create_case("Elsa")
    mum = store.add_guardian(
        cid, "Maria", phone="070-1", email="m@example.se", address="Väg 1\n123 45 By"
    )
    kur = store.add_participant(cid, "Sara Lind", organisation="Elevhälsan", role="Kurator",
                                principal="Skola", phone="0920-1", email="s@example.se")  # fmt: skip
    c = store.get_case(cid)
    assert [(g.name, g.kind, g.phone, g.email, g.address) for g in c.guardians] == [
        ("Maria", "guardian", "070-1", "m@example.se", "Väg 1\n123 45 By")]  # fmt: skip
    p = c.participants[0]
    assert (p.id, p.name, p.organisation, p.role, p.principal, p.contact) == (
        kur, "Sara Lind", "Elevhälsan", "Kurator", "skola", "0920-1, s@example.se")  # fmt: skip
    mid = store.plan_meeting(cid, "forsta_natverksmote", planned_date="2026-03-02")
    store.start_meeting(mid)
    store.set_attendance(mid, kur, status="present")
    store.update_participant(kur, role="Skolkurator")
    store.remove_participant(kur)
    c = store.get_case(cid)
    assert [x.id for x in c.participants] == [] and [g.id for g in c.guardians] == [mum]
    assert store.get_participant(kur).removed_on == dt.date.today()
    m = store.get_meeting(mid)  # the earlier meeting still shows who was there
    assert [(a.participant.name, a.participant.role, a.status) for a in m.attendance if a.status] == [
        ("Sara Lind", "Skolkurator", "present")]  # fmt: skip
    nxt = store.plan_meeting(cid, "uppfoljande_lotsmote")
    assert kur not in [p.id for p in store.get_meeting(nxt).invitees]


def test_consent_round_trip_and_revoke(store):
    cid = store.create_case("Elsa")
    con = store.add_consent(cid, "Maria och Jonas", "3/2 2026", form="muntligt",
                            agencies="Björkskolan, BUP\nSocialtjänsten",
                            information_kinds="Skolsituation och hälsa",
                            exclusions="Ekonomi", valid_until="20270203")  # fmt: skip
    (c,) = store.get_case(cid).consents
    assert (c.id, c.given_by, c.given_on, c.form) == (
        con,
        "Maria och Jonas",
        D(2026, 2, 3),
        "muntligt",
    )
    assert c.agencies == ("Björkskolan", "BUP", "Socialtjänsten")
    assert (c.information_kinds, c.exclusions, c.valid_until, c.revoked_on) == (
        "Skolsituation och hälsa", "Ekonomi", D(2027, 2, 3), None)  # fmt: skip
    assert c.in_force(D(2026, 6, 1)) and not c.in_force(D(2027, 2, 4))
    assert c.covers("bup") and not c.covers("Habiliteringen")
    store.revoke_consent(con, on="2026-04-01")
    (c,) = store.get_case(cid).consents
    assert c.revoked_on == D(2026, 4, 1) and not c.in_force(D(2026, 4, 1))
    with pytest.raises(InvalidInput) as err:
        store.add_consent(cid, "Maria", "")
    assert err.value.field == "given_on"


def test_meeting_fields_round_trip(store):
    cid = store.create_case("Elsa")
    a = store.add_participant(cid, "Karin Ek", organisation="Björkskolan")
    b = store.add_guardian(cid, "Maria")
    mid = store.plan_meeting(cid, "forsta_natverksmote", planned_date="23/11 2026",
                             planned_time="1430", place="Konferensrummet",
                             question="Hur hjälper vi Elsa?\nTill skolan.", agreed_on="2026-11-10",
                             leader="Karin Ek", note_taker="Sara Lind", convener="Karin Ek",
                             invitee_ids=[a, b])  # fmt: skip
    m = store.get_meeting(mid)
    assert (m.routine.id, m.planned_date, m.planned_time, m.place) == (
        "forsta_natverksmote", D(2026, 11, 23), "14.30", "Konferensrummet")  # fmt: skip
    assert (m.question, m.agreed_on, m.leader, m.note_taker, m.convener) == (
        "Hur hjälper vi Elsa?\nTill skolan.", D(2026, 11, 10), "Karin Ek", "Sara Lind", "Karin Ek")  # fmt: skip
    assert [p.id for p in m.invitees] == [a, b] and m.status == "planned"
    assert (m.started_at, m.ended_at, m.current_step) == (None, None, "")
    store.start_meeting(mid)
    m = store.get_meeting(mid)
    assert m.status == "in_progress" and m.current_step == "presentation"
    assert m.started_at is not None and [x.status for x in m.attendance] == ["", ""]
    store.set_current_step(mid, "dialog")
    assert store.get_meeting(mid).current_step == "dialog"
    with pytest.raises(InvalidInput) as err:
        store.set_current_step(mid, "finns_inte")
    assert err.value.field == "step_id"
    store.end_meeting(mid)
    m = store.get_meeting(mid)
    assert m.status == "held" and m.ended_at >= m.started_at
    store.reopen_meeting(mid)
    assert store.get_meeting(mid).ended_at is None


def test_summary_fields_next_meeting_and_contributions(store):
    cid = store.create_case("Elsa")
    p = store.add_participant(cid, "Per", organisation="BUP")
    mid = store.plan_meeting(cid, "forsta_natverksmote")
    values = dict(
        confidentiality_covered=True, child_present=False, child_absence_reason="Sjuk",
        child_signed=True, family_story_child="Jag 😀 vill", family_story_guardians="Hon är trött",
        family_contribution="Följer till skolan", child_contribution="Säger till mentor",
        child_view="Halva dagar", guardians_view="Positiva", lead_organisation="Björkskolan",
        coordinator="Sara", contact_person="Ahmed", childs_voice="Mormor",
        next_time="9.05", next_place="Skolan", next_convener="Karin",
    )  # fmt: skip
    store.update_meeting(mid, next_date="20261201", **values)
    store.set_invitees(mid, [p], next=True)
    m = store.get_meeting(mid)
    for key, value in values.items():
        assert getattr(m, key) == (value if key != "next_time" else "09.05"), key
    assert m.next_date == D(2026, 12, 1) and [x.id for x in m.next_invitees] == [p]
    assert [x.id for x in m.invitees] == [p]  # the whole network by default
    store.update_meeting(mid, child_present=None)
    assert store.get_meeting(mid).child_present is None
    with pytest.raises(InvalidInput) as err:
        store.update_meeting(mid, not_a_field="x")
    assert err.value.field == "not_a_field"


def test_attendance_walk_in_signature_and_copy(store):
    cid = store.create_case("Elsa")
    a = store.add_participant(cid, "Karin", organisation="Björkskolan")
    b = store.add_participant(cid, "Per", organisation="BUP")
    c = store.add_guardian(cid, "Jonas")
    mid = store.plan_meeting(cid, "forsta_natverksmote", invitee_ids=[a, b, c])
    store.start_meeting(mid)
    store.set_attendance(mid, a, status="present", signed=True, received_copy=True)
    store.set_attendance(mid, b, status="absent", reason="Sjuk")
    store.set_attendance(mid, c, status="excused", reason="Arbetsresa")
    w = store.add_walk_in(mid, "Lena", organisation="Socialtjänsten", role="Handläggare")
    m = store.get_meeting(mid)
    got = [(x.participant.id, x.status, x.reason, x.walk_in, x.signed, x.received_copy)
           for x in m.attendance]  # fmt: skip
    assert got == [
        (a, "present", "", False, True, True),
        (b, "absent", "Sjuk", False, False, False),
        (c, "excused", "Arbetsresa", False, False, False),
        (w, "present", "", True, False, False),
    ]
    assert [p.name for p in m.present] == ["Karin", "Lena"]
    assert "Lena" in [p.name for p in store.get_case(cid).participants]
    with pytest.raises(InvalidInput) as err:
        store.set_attendance(mid, a, status="kanske")
    assert err.value.field == "status"
    other = store.add_participant(store.create_case("Annan"), "Främling")
    with pytest.raises(InvalidInput) as err:
        store.set_attendance(mid, other, status="present")
    assert err.value.field == "participant_id"


def test_notes_per_step_and_field(store):
    cid = store.create_case("Elsa")
    mid = store.plan_meeting(cid, "vastbas_natverksmote_2")
    store.set_note(mid, "hemlaxa", "Skolan: anpassat schema", field="homework_answers")
    store.set_note(mid, "dialog", "första")
    store.set_note(mid, "dialog", "andra\nraden")
    m = store.get_meeting(mid)
    assert m.note("hemlaxa", "homework_answers") == "Skolan: anpassat schema"
    assert m.note("dialog") == "andra\nraden" and m.note("presentation") == ""
    with pytest.raises(InvalidInput) as err:
        store.set_note(mid, "inget_steg", "x")
    assert err.value.field == "step_id"
    with pytest.raises(NotFound):
        store.set_note(999, "dialog", "x")


def test_accounts(store):
    cid = store.create_case("Elsa")
    soc = store.add_participant(cid, "Lena", organisation="Socialtjänsten")
    mid = store.plan_meeting(cid, "forsta_natverksmote")
    store.set_account(mid, soc, assessments="Förhandsbedömning", interventions="ABC")
    store.set_account(mid, soc, interventions="ABC och KBT")
    (acc,) = store.get_meeting(mid).accounts
    assert (acc.participant.id, acc.assessments, acc.interventions) == (
        soc, "Förhandsbedömning", "ABC och KBT")  # fmt: skip
    with pytest.raises(InvalidInput):
        store.set_account(mid, soc, opinion="x")


def test_goals_of_every_kind(store):
    cid = store.create_case("Elsa")
    mid = store.plan_meeting(cid, "forsta_natverksmote")
    g1 = store.add_goal(mid, "long", "Går i skolan hela dagar")
    g2 = store.add_goal(mid, "short", "Förmiddagar i fyra veckor")
    g3 = store.add_goal(mid, "child", "Vara med på rasterna")
    store.update_goal(g2, progress="Tre av fyra veckor")
    m = store.get_meeting(mid)
    assert [(g.id, g.kind, g.text, g.progress) for g in m.goals] == [
        (g1, "long", "Går i skolan hela dagar", ""),
        (g2, "short", "Förmiddagar i fyra veckor", "Tre av fyra veckor"),
        (g3, "child", "Vara med på rasterna", ""),
    ]
    assert [g.id for g in m.goals_of("child")] == [g3]
    store.delete_goal(g1)
    assert [g.id for g in store.get_meeting(mid).goals] == [g2, g3]
    with pytest.raises(InvalidInput) as err:
        store.add_goal(mid, "medium", "x")
    assert err.value.field == "kind"


def test_actions_all_fields_status_result(store):
    cid = store.create_case("Elsa")
    mid = store.plan_meeting(cid, "forsta_natverksmote")
    fields = dict(what="KBT-samtal", need="Mindre oro", responsible_org="BUP",
                  responsible_person="Per Öberg", scope="5 samtal", how="På BUP",
                  start="Vecka 3", frequency="Varannan vecka")  # fmt: skip
    aid = store.add_action(mid, follow_up_on="1/3 2026", **fields)
    b = store.add_action(mid, what="Schema")
    store.update_action(aid, status="done", result="Genomfört, oron minskade")
    m = store.get_meeting(mid)
    a = m.actions[0]
    for key, value in fields.items():
        assert getattr(a, key) == value, key
    assert (a.id, a.number, a.follow_up_on, a.status, a.result, a.carried_from_id) == (
        aid, 1, D(2026, 3, 1), "done", "Genomfört, oron minskade", None)  # fmt: skip
    assert [x.id for x in m.actions] == [aid, b] and m.actions[1].status == "planned"
    store.delete_action(aid)
    assert [(x.id, x.number) for x in store.get_meeting(mid).actions] == [(b, 1)]
    with pytest.raises(InvalidInput) as err:
        store.update_action(b, status="kanske")
    assert err.value.field == "status"


def test_deviations_and_refusals(store):
    cid = store.create_case("Elsa")
    mid = store.plan_meeting(cid, "forsta_natverksmote")
    aid = store.add_action(mid, what="Föräldrastöd", responsible_org="Socialtjänsten")
    dev = store.add_deviation(cid, action_id=aid, what_went_wrong="Ingen kallelse skickades",
                              reported_to="Enhetschef IFO", reported_by="Karin Ek",
                              reported_on="2026-04-02")  # fmt: skip
    store.update_deviation(dev, reported_to="Verksamhetschef")
    ref = store.add_refusal(cid, "BUP", decision="Ingen fortsatt utredning",
                            reasons="Inga tecken på psykisk ohälsa", decided_on="2026-04-03")  # fmt: skip
    c = store.get_case(cid)
    (d,) = c.deviations
    assert (d.id, d.action_text, d.what_went_wrong, d.reported_to, d.reported_by, d.reported_on) == (
        dev, "Föräldrastöd", "Ingen kallelse skickades", "Verksamhetschef", "Karin Ek", D(2026, 4, 2))  # fmt: skip
    (r,) = c.refusals
    assert (r.id, r.agency, r.decision, r.reasons, r.decided_on) == (
        ref, "BUP", "Ingen fortsatt utredning", "Inga tecken på psykisk ohälsa", D(2026, 4, 3))  # fmt: skip
    with pytest.raises(InvalidInput) as err:
        store.add_refusal(cid, "  ")
    assert err.value.field == "agency"


def test_list_meetings_delete_and_not_found(store):
    cid = store.create_case("Elsa")
    m1 = store.plan_meeting(cid, "forsta_natverksmote", planned_date="2026-02-02")
    m2 = store.plan_meeting(cid, "uppfoljande_lotsmote")
    store.start_meeting(m1)
    assert store.list_meetings() == [
        (m1, cid, "Elsa", "Första nätverksmötet (Norrbus)", D(2026, 2, 2), "in_progress"),
        (m2, cid, "Elsa", "Uppföljande lotsmöte", None, "planned"),
    ]
    assert store.latest_meeting_id(cid) == m2
    with pytest.raises(InvalidInput):
        store.delete_meeting(m1)
    store.delete_meeting(m2)
    assert [m.id for m in store.case_meetings(cid)] == [m1]
    with pytest.raises(NotFound):
        store.get_meeting(m2)
    with pytest.raises(InvalidInput) as err:
        store.plan_meeting(cid, "ingen_rutin")
    assert err.value.field == "routine_id"
    store.delete_case(cid)
    assert store.case_ids() == [] and store.list_meetings() == []


def test_set_note_moves_the_case_to_the_top_and_reads_back_through_the_orm(store, db):
    from sqlmodel import Session, select

    from model.caselist import recent_cases
    from model.tables import Case, Meeting, StepNote

    first = store.create_case("Först")
    mid = store.plan_meeting(first, "forsta_natverksmote")
    second = store.create_case("Sedan")
    db.conn.execute("UPDATE case_ SET last_activity = '2020-01-01 00:00:00.000000'")
    assert [r.id for r in recent_cases(db)] == [second, first]
    store.set_note(mid, "familjen", "Ny rad")
    assert [r.id for r in recent_cases(db)] == [first, second]
    with Session(store.engine) as s:  # the raw SQL wrote datetimes the ORM reads
        note = s.exec(select(StepNote)).one()
        assert isinstance(note.updated_at, dt.datetime)
        assert s.get(Meeting, mid).updated_at == note.updated_at
        assert s.get(Case, first).last_activity == note.updated_at


def test_a_failed_write_rolls_back_and_the_next_one_works(store, db):
    mid = store.plan_meeting(store.create_case("Elsa"), "forsta_natverksmote")
    with pytest.raises(InvalidInput):
        store.set_note(mid, "inget_steg", "x")
    assert not db.conn.in_transaction
    store.set_note(mid, "dialog", "sparad")
    assert store.get_meeting(mid).note("dialog") == "sparad"
