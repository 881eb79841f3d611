"""A realistic, fictional sample: a held first network meeting and a planned follow-up.

It shows what the record holds: a written consent with an exclusion (an agency the family
does not want told, which is in the network but never invited) and a later verbal one, a
refusal decision, a deviation, leader and note-taker, an invited agency that could not come
and sent a written account, an action the family takes itself, each
action's huvudman and follow-up, and a follow-up that was moved and an extra meeting that was
cancelled."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from model.db import open_database
from model.store import Store


def populate(store: Store, today: dt.date | None = None) -> int:
    """Write the sample case into the store; returns its id. All people are invented."""
    today = today or store.clock.today()
    first_day = today - dt.timedelta(days=42)
    case_id = store.create_case(
        "Elsa Nyström",
        personnummer="20150312-2382",
        school="Björkskolan",
        school_class="5B",
        routine_id="forsta_natverksmote",
    )
    mother = store.add_guardian(
        case_id, "Maria Nyström", phone="070-123 45 67", email="maria.nystrom@example.se"
    )
    father = store.add_guardian(case_id, "Jonas Nyström", phone="070-765 43 21")
    rektor = store.add_participant(
        case_id,
        "Karin Ek",
        organisation="Björkskolan",
        role="Rektor",
        principal="skola",
        phone="0920-45 60 01",
        email="karin.ek@example.se",
    )
    mentor = store.add_participant(
        case_id,
        "Ahmed Hassan",
        organisation="Björkskolan",
        role="Mentor",
        principal="skola",
        phone="0920-45 60 12",
    )
    soc = store.add_participant(
        case_id,
        "Lena Åkesson",
        organisation="Socialtjänsten",
        role="Socialsekreterare",
        principal="kommun",
        phone="0920-45 30 00",
        email="lena.akesson@example.se",
    )
    bup = store.add_participant(
        case_id,
        "Per Öberg",
        organisation="BUP",
        role="Psykolog",
        principal="region",
        phone="0920-28 20 00",
    )
    kurator = store.add_participant(
        case_id,
        "Sara Lind",
        organisation="Elevhälsan",
        role="Skolkurator",
        principal="skola",
        phone="0920-45 60 20",
        email="sara.lind@example.se",
    )
    # In the network, but the family excluded the agency in the consent: never invited.
    store.add_participant(
        case_id, "Eva Holm", organisation="Fritidsgården", role="Fritidsledare", principal="kommun"
    )
    # Invited, could not come (anmält förhinder) and sent a written account: flagged in print.
    nurse = store.add_participant(
        case_id,
        "Mona Berg",
        organisation="Elevhälsan",
        role="Skolsköterska",
        principal="skola",
        phone="0920-45 60 25",
    )
    store.add_consent(
        case_id,
        "Maria Nyström och Jonas Nyström",
        first_day - dt.timedelta(days=14),
        form="skriftligt",
        agencies=["Björkskolan", "Elevhälsan", "Socialtjänsten", "BUP"],
        information_kinds="Uppgifter om skolsituation, hälsa och pågående insatser",
        exclusions="Fritidsgården ska inte få uppgifter. Uppgifter om föräldrarnas ekonomi.",
        valid_until=first_day + dt.timedelta(days=365),
    )

    first = store.plan_meeting(
        case_id,
        "forsta_natverksmote",
        planned_date=first_day,
        planned_time="14.00",
        place="Björkskolan, konferensrummet",
        question="Hur kan vi tillsammans hjälpa Elsa att komma tillbaka till skolan?",
        agreed_on=first_day - dt.timedelta(days=9),
        leader="Karin Ek",
        note_taker="Sara Lind",
        convener="Karin Ek",
        invitee_ids=[mother, father, rektor, mentor, soc, bup, kurator, nurse],
    )
    store.start_meeting(first)
    store.add_consent(
        case_id,
        "Maria Nyström",
        first_day,
        form="muntligt",
        agencies=["Familjens nätverk"],
        meeting_id=first,
        information_kinds="Det som sägs på mötet",
        valid_until=first_day + dt.timedelta(days=365),
    )
    for pid in (mother, rektor, mentor, soc, bup, kurator):
        store.set_attendance(first, pid, status="present", signed=True, received_copy=True)
    store.set_attendance(first, father, status="excused", reason="Arbetsresa")
    store.set_attendance(first, nurse, status="excused", reason="Vaccinationsdag på en annan skola")
    store.update_meeting(
        first,
        confidentiality_covered=True,
        child_present=True,
        family_story_child="Jag tycker det är jobbigt på rasterna. Jag vill vara med Alva igen.",
        family_story_guardians=(
            "Elsa har varit hemma mycket sedan höstlovet, ont i magen på morgnarna.\n"
            "Hon sover dåligt och är orolig inför skoldagen."
        ),
        family_contribution="Föräldrarna följer Elsa till skolan på morgnarna.",
        child_contribution="Elsa säger till mentor när det känns jobbigt.",
        child_view="Elsa vill börja med halva dagar och ha en lugn plats på rasterna.",
        guardians_view="Föräldrarna är positiva till planen och vill ha veckovis kontakt.",
        lead_organisation="Björkskolan",
        lead_principal="kommun",
        coordinator="Sara Lind, skolkurator",
        coordinator_phone="0920-45 60 20",
        coordinator_email="sara.lind@example.se",
        next_date=today + dt.timedelta(days=3),
        next_time="14.00",
        next_place="Björkskolan, konferensrummet",
        next_convener="Karin Ek",
    )
    store.set_account(
        first,
        soc,
        assessments="Förhandsbedömning gjord; ingen utredning inledd.",
        interventions="Erbjuder föräldrastöd (ABC) under våren.",
    )
    store.set_account(
        first,
        bup,
        assessments="Bedömningssamtal: oro och sömnsvårigheter.",
        interventions="Erbjuder KBT-samtal, fem tillfällen.",
    )
    store.set_account(
        first,
        nurse,
        assessments="Elsa har sökt skolsköterskan för magont "
        "sex gånger i höst; inga kroppsliga fynd.",
        interventions="Erbjuder stödsamtal en gång i veckan.",
        written=True,
    )
    store.set_account(
        first,
        mentor,
        assessments="Frånvaro 46 % sedan oktober.",
        interventions="Anpassat schema kan ordnas.",
    )
    store.set_note(first, "fragestund", "Frågor om hur schemat kan anpassas inför idrotten.")
    store.add_goal(first, "long", "Elsa går i skolan hela dagar och trivs.")
    store.add_goal(first, "short", "Elsa är i skolan varje förmiddag i fyra veckor.")
    store.add_goal(first, "child", "Jag vill kunna vara med på rasterna igen.")
    store.add_action(
        first,
        what="Anpassat schema, halva dagar",
        need="Komma tillbaka till skolan",
        responsible_org="Björkskolan",
        responsible_person="Ahmed Hassan, mentor",
        scope="Förmiddagar",
        how="Schema i samråd med Elsa",
        start="Vecka 1",
        frequency="Dagligen",
        follow_up_on=today + dt.timedelta(days=3),
        status="ongoing",
        principal="kommun",
        follow_up_how="Mentorn räknar närvaron varje vecka; vid lotsmötet",
    )
    store.add_action(
        first,
        what="KBT-samtal",
        need="Minska oro och sömnsvårigheter",
        responsible_org="BUP",
        responsible_person="Per Öberg",
        scope="5 samtal",
        how="Samtal på BUP",
        start="Inom två veckor",
        frequency="Varannan vecka",
        follow_up_on=today + dt.timedelta(days=3),
        status="ongoing",
        principal="region",
        follow_up_how="Per Öberg berättar vid lotsmötet",
    )
    store.add_action(
        first,
        what="Föräldrastöd",
        need="Stöd till föräldrarna i morgonrutinen",
        responsible_org="Socialtjänsten",
        responsible_person="Lena Åkesson",
        scope="8 träffar",
        how="Gruppträffar (ABC)",
        start="Februari",
        frequency="Varje vecka",
        follow_up_on=today + dt.timedelta(days=3),
        status="planned",
        principal="kommun",
        follow_up_how="Lena Åkesson ringer föräldrarna efter fyra träffar",
    )
    store.add_action(
        first,
        what="Lugn morgonrutin hemma",
        need="Elsa kommer i tid och utvilad",
        responsible_org="Familjen",
        responsible_person="Maria och Jonas Nyström",
        scope="Vardagar",
        how="Samma tider varje kväll och morgon",
        start="Genast",
        frequency="Dagligen",
        follow_up_on=today + dt.timedelta(days=3),
        status="ongoing",
        principal="annan",
        follow_up_how="Föräldrarna berättar vid lotsmötet",
    )
    store.set_invitees(first, [mother, father, rektor, mentor, bup, kurator], next=True)
    store.end_meeting(first)
    kbt = store.get_meeting(first).actions[1].id
    store.add_refusal(
        case_id,
        "Habiliteringen",
        decision="Avstår från insats",
        reasons="Elsa har ingen diagnos som ger rätt till habilitering; BUP har "
        "ansvaret för samtalen.",
        decided_on=first_day - dt.timedelta(days=3),
    )
    store.add_deviation(
        case_id,
        action_id=kbt,
        what_went_wrong="Det första KBT-samtalet ställdes in två gånger.",
        reported_to="Verksamhetschefen på BUP",
        reported_by="Maria Nyström",
        reported_on=today - dt.timedelta(days=10),
    )

    follow_up = store.plan_meeting(
        case_id,
        "uppfoljande_lotsmote",
        planned_date=today + dt.timedelta(days=1),
        planned_time="14.00",
        place="Björkskolan, konferensrummet",
        question="Hur har det gått med det anpassade schemat och samtalen?",
        agreed_on=first_day,
        leader="Karin Ek",
        note_taker="Sara Lind",
        convener="Karin Ek",
    )
    store.move_meeting(follow_up, today + dt.timedelta(days=3), "Mentorn är på utbildning.")
    extra = store.plan_meeting(
        case_id,
        "uppfoljande_lotsmote",
        planned_date=today + dt.timedelta(days=2),
        planned_time="10.00",
        place="Björkskolan",
        leader="Karin Ek",
        question="Extra möte om idrottslektionerna",
    )
    store.cancel_meeting(extra, "Frågan löses vid uppföljningen i stället.")
    return case_id


def write_demo(path: Path) -> int:
    """Create a new database at path holding the sample; refuses an existing file."""
    path = Path(path).expanduser()
    if path.exists():
        raise FileExistsError(f"Filen {path} finns redan. Välj ett nytt filnamn.")
    db = open_database(path)
    try:
        return populate(Store(db))
    finally:
        db.close()
