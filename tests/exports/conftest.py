"""Meetings to export: the demo case, and a richer one with long, odd and closing content."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

# The repository first on the path: otherwise this tests/exports folder can shadow the real
# `exports` package as a namespace package (an editable install made before exports/ had
# an __init__.py registers it as one).
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.modules.pop("exports", None)

from export_helpers import DAY, IF_WORSE_PLAN, LONG_NOTE  # noqa: E402

from model.db import open_database  # noqa: E402
from model.demo import populate  # noqa: E402
from model.store import Store  # noqa: E402


@pytest.fixture
def store(tmp_path):
    db = open_database(tmp_path / "lotsen.db")
    yield Store(db)
    db.close()


@pytest.fixture
def demo(store):
    """(held first meeting, planned follow-up) of the demo case."""
    populate(store, today=DAY)
    return store.get_meeting(1), store.get_meeting(2)


def build_rich(store: Store) -> dict[str, int]:
    """A 15-year-old with 12 in the network, 8 goals, 20 actions, a held follow-up that closes
    the case, a deviation, multi-line text with emoji, and a Västbas förmöte with text steps."""
    case = store.create_case("Åsa-Märta Öberg", personnummer="20110505-1237", school="Ängskolan",
                             school_class="9A", interpreter_needed=True,
                             interpreter_language="arabiska", routine_id="forsta_natverksmote")  # fmt: skip
    g1 = store.add_guardian(case, "Fatima Öberg", phone="070-111 11 11")
    g2 = store.add_guardian(case, "Örjan Öberg", email="orjan@example.se", address="Storgatan 1\n123 45 Åby")  # fmt: skip
    orgs = ["Ängskolan", "Socialtjänsten", "BUP", "Habiliteringen", "Vårdcentralen Åby",
            "Ungdomsmottagningen", "Polisen", "Fritidsgården", "Elevhälsan", "Ängskolan",
            "Socialtjänsten", "Region Norrbotten"]  # fmt: skip
    people = [
        store.add_participant(
            case,
            f"Person {i} Ekström",
            organisation=o,
            role="Handläggare",
            principal="kommun",
            phone=f"0920-{i:02d} 00 00",
        )  # fmt: skip
        for i, o in enumerate(orgs, start=1)
    ]
    store.add_consent(case, "Fatima Öberg och Örjan Öberg", DAY - dt.timedelta(days=60),
                      form="skriftligt", agencies=orgs[:6], information_kinds="Skola och hälsa",
                      exclusions="Ekonomi", valid_until=DAY + dt.timedelta(days=300))  # fmt: skip
    first = store.plan_meeting(case, "forsta_natverksmote", planned_date=DAY - dt.timedelta(days=30),
                               planned_time="9.15", place="Ängskolan, rum 3",
                               question="Hur blir skolan\nen trygg plats? 🏫", leader="Person 1 Ekström",
                               invitee_ids=[g1, g2, *people])  # fmt: skip
    store.start_meeting(first)
    for pid in [g1, *people]:
        store.set_attendance(first, pid, status="present", signed=True)
    store.set_attendance(first, g2, status="absent", reason="Sjuk")
    store.update_meeting(first, child_present=False, child_absence_reason="Orkade inte komma 😔",
                         family_story_guardians="Första raden.\nAndra raden med åäö.\n\nEfter tom rad.",
                         child_view="", lead_organisation="Socialtjänsten",
                         coordinator="Person 2 Ekström", next_date=DAY, next_time="13.30",
                         next_place="Ängskolan", next_convener="Person 1 Ekström")  # fmt: skip
    store.set_account(first, people[2], assessments="Utredning klar.\nADHD-diagnos.", interventions="Medicinering")  # fmt: skip
    for i in range(8):
        store.add_goal(first, ["long", "short", "child"][i % 3], f"Mål {i + 1}: må bättre i skolan")
    for i in range(20):
        store.add_action(first, what=f"Insats {i + 1} – stöd på lektioner", need="Trygghet i skolan",
                         responsible_org=orgs[i % 12], responsible_person=f"Person {i % 12 + 1} Ekström",
                         scope="2 timmar/vecka", how="Enskilda samtal", start="Vecka 3",
                         frequency="Varje vecka", follow_up_on=DAY,
                         status="ongoing" if i % 2 else "planned")  # fmt: skip
    store.set_note(first, "fragestund", LONG_NOTE)
    store.end_meeting(first)

    follow = store.plan_meeting(case, "uppfoljande_lotsmote", leader="Person 1 Ekström")
    store.start_meeting(follow)
    store.set_attendance(follow, g1, status="present", received_copy=True)
    store.set_attendance(follow, g2, status="excused", reason="Arbetsresa")
    store.set_attendance(follow, people[0], status="present", received_copy=True)
    store.set_attendance(follow, people[1], status="absent", reason="")
    store.update_meeting(follow, child_present=True, child_view="Jag vill ha lugn 🙂\noch ro.",
                         guardians_view="Nöjda.", family_story_child="Det går bättre nu.")  # fmt: skip
    view = store.get_meeting(follow)
    carried = view.carried_actions
    store.update_action(carried[0].id, status="done", result="Fungerade bra, åäö.")
    store.update_action(carried[1].id, status="not_done", result="Blev inte av 😕")
    store.update_goal(view.goals[0].id, progress="Halvvägs dit")
    store.add_goal(follow, "short", "Nytt delmål efter uppföljningen")
    store.add_action(follow, what="Ny insats: läxhjälp", responsible_org="Fritidsgården")
    store.add_deviation(case, action_id=carried[1].carried_from_id, what_went_wrong="Ingen kallade",
                        reported_to="Enhetschef BUP", reported_by="Person 1 Ekström",
                        reported_on=DAY)  # fmt: skip
    store.close_case(case, "Målen är nådda.", family_told_if_worse=True, on=DAY,
                     if_worse_plan=IF_WORSE_PLAN)  # fmt: skip
    store.set_note(follow, "uppfoljning", "Ring samordnaren eller skolan direkt.")
    store.end_meeting(follow)

    formote = store.plan_meeting(
        case, "vastbas_formote", planned_date=DAY, leader="Person 1 Ekström"
    )
    store.start_meeting(formote)
    store.set_note(formote, "problemanalys", "Svårt med\nmorgnarna 🌅", field="problem_analysis")
    store.update_meeting(formote, childs_voice="Mormor Britt")
    store.set_note(
        formote, "sprakror", "Britt träffar Åsa varje vecka.", field="childs_voice_notes"
    )
    store.set_note(formote, "syfte", "Ett mål för mötena")  # a note beside the text field
    return {"first": first, "follow": follow, "formote": formote}


@pytest.fixture
def rich(store):
    ids = build_rich(store)
    return {k: store.get_meeting(v) for k, v in ids.items()}


@pytest.fixture
def soffice() -> str:
    import shutil

    path = shutil.which("soffice") or shutil.which("libreoffice")
    if not path:
        pytest.skip("LibreOffice (soffice) är inte installerat: PDF-konvertering kan inte provas")
    return path


# Long Swedish words as they are typed in real plans; none may break inside a word in print.
HEAVY_WORDS = ("Barnavårdsutredning", "psykologbedömning", "Föräldrastödsprogram",
               "vårdnadshavarna", "neuropsykiatrisk", "Specialpedagogiska", "skolsköterskan",
               "Ungdomsmottagningen", "Habiliteringscentrum", "familjebehandlare")  # fmt: skip
HEAVY_ORGS = ["Ängskolan", "Socialförvaltningen", "Barn- och ungdomspsykiatrin", "Habiliteringen",
              "Vårdcentralen Åby", "Ungdomsmottagningen", "Polismyndigheten", "Fritidsgården",
              "Elevhälsan", "Familjebehandlingen", "Specialpedagogiska skolmyndigheten",
              "Region Norrbotten"]  # fmt: skip
HEAVY_ACTIONS = [
    (
        "Barnavårdsutredning enligt 11 kap. 1 § SoL",
        "Socialförvaltningen",
        "Utredningen klargör vårdnadshavarnas behov av stöd",
    ),
    (
        "Neuropsykiatrisk psykologbedömning",
        "Barn- och ungdomspsykiatrin",
        "Psykologbedömning med kartläggning av koncentrationsförmågan",
    ),
    (
        "Föräldrastödsprogram i grupp",
        "Familjebehandlingen",
        "Föräldrastödsprogrammet erbjuds båda vårdnadshavarna",
    ),
    (
        "Anpassad studiegång och specialpedagogiskt stöd",
        "Ängskolan",
        "Specialpedagogiska insatser under lektionstid",
    ),
    ("Samtalskontakt hos skolsköterskan", "Elevhälsan", "Hälsosamtal varannan vecka"),
]


def build_heavy(store: Store) -> dict[str, int]:
    """14 people (2 guardians, 12 professionals with e-mail), 8 goals, 20 actions with long
    Swedish words, a first meeting (held, at 14.30) and a held follow-up."""
    case = store.create_case("Alexander Johansson-Lindqvist", personnummer="20100317-4578",
                             school="Ängskolan", school_class="8B",
                             routine_id="forsta_natverksmote")  # fmt: skip
    g1 = store.add_guardian(case, "Kristina Johansson-Lindqvist", phone="070-123 45 67",
                            email="kristina.johansson-lindqvist@example.se",
                            address="Storgatan 12\n952 31 Kalix")  # fmt: skip
    g2 = store.add_guardian(case, "Mikael Lindqvist", phone="073-987 65 43",
                            email="mikael.lindqvist@example.se")  # fmt: skip
    roles = ["Rektor", "Socialsekreterare", "Psykolog", "Arbetsterapeut", "Distriktssköterska",
             "Barnmorska", "Kommunpolis", "Fritidsledare", "Skolsköterska", "Familjebehandlare",
             "Rådgivare", "Samordnare"]  # fmt: skip
    people = [
        store.add_participant(
            case,
            f"Förnamn{i} Efternamnsson",
            organisation=o,
            role=roles[i - 1],
            principal="region" if o.startswith(("Barn-", "Region", "Vård", "Habil")) else "kommun",
            phone=f"0923-{i:02d} 56 78",
            email=f"fornamn{i}.efternamnsson@kalix.se",
        )  # fmt: skip
        for i, o in enumerate(HEAVY_ORGS, start=1)
    ]
    store.add_consent(case, "Kristina Johansson-Lindqvist och Mikael Lindqvist",
                      DAY - dt.timedelta(days=40), form="skriftligt", agencies=HEAVY_ORGS[:8],
                      information_kinds="Skolgång, hälsa, psykologbedömning och pågående "
                      "Barnavårdsutredning", exclusions="Vårdnadshavarnas ekonomi",
                      valid_until=DAY + dt.timedelta(days=300))  # fmt: skip
    first = store.plan_meeting(case, "forsta_natverksmote", planned_date=DAY - dt.timedelta(days=35),
                               planned_time="14.30", place="Ängskolan, konferensrummet",
                               question="Hur får Alexander en fungerande skolgång?",
                               leader="Förnamn1 Efternamnsson", convener="Förnamn1 Efternamnsson",
                               invitee_ids=[g1, g2, *people])  # fmt: skip
    store.start_meeting(first)
    for pid in [g1, g2, *people]:
        store.set_attendance(first, pid, status="present", signed=True)
    store.update_meeting(first, child_present=True, child_signed=True, confidentiality_covered=True,
                         family_story_guardians="Vårdnadshavarna berättar om en svår höst.",
                         family_story_child="Jag vill gå i skolan utan att vara orolig.",
                         child_view="Bra.", guardians_view="Vårdnadshavarna är positiva.",
                         lead_organisation="Socialförvaltningen",
                         coordinator="Förnamn2 Efternamnsson", next_date=DAY,
                         next_time="14.30", next_place="Ängskolan",
                         next_convener="Förnamn1 Efternamnsson")  # fmt: skip
    for pid in people[:4]:
        store.set_account(first, pid, assessments="Psykologbedömning påbörjad; neuropsykiatrisk "
                          "utredning planeras.", interventions="Föräldrastödsprogram erbjuds.")  # fmt: skip
    for i in range(8):
        store.add_goal(first, ["long", "short", "child"][i % 3],
                       f"Mål {i + 1}: Alexander har en fungerande skolgång och vårdnadshavarna "
                       "får stöd i föräldraskapet")  # fmt: skip
    for i in range(20):
        what, org, need = HEAVY_ACTIONS[i % len(HEAVY_ACTIONS)]
        store.add_action(first, what=what, need=need, responsible_org=org,
                         responsible_person=f"Förnamn{i % 12 + 1} Efternamnsson",
                         scope="2 timmar per vecka, enligt 4 kap. 1 § SoL",
                         how="Enskilda samtal med vårdnadshavarna och Alexander",
                         start="Vecka 3", frequency="Varje vecka", follow_up_on=DAY,
                         status="ongoing")  # fmt: skip
    store.end_meeting(first)
    follow = store.plan_meeting(case, "uppfoljande_lotsmote", planned_date=DAY, planned_time="14.30",
                                place="Ängskolan", leader="Förnamn1 Efternamnsson",
                                invitee_ids=[g1, g2, *people])  # fmt: skip
    store.start_meeting(follow)
    for pid in [g1, g2, *people]:
        store.set_attendance(follow, pid, status="present", signed=True, received_copy=True)
    store.update_meeting(follow, child_present=True, child_signed=True,
                         child_view="Det känns bättre.", guardians_view="Nöjda.")  # fmt: skip
    view = store.get_meeting(follow)
    for k, a in enumerate(view.carried_actions):
        store.update_action(a.id, status="done" if k % 2 else "ongoing",
                            result="Barnavårdsutredningen är klar; psykologbedömningen visar "
                            "behov av Föräldrastödsprogram för vårdnadshavarna.")  # fmt: skip
    store.add_deviation(case, action_id=view.carried_actions[1].carried_from_id,
                        what_went_wrong="Psykologbedömningen blev inte av: ingen tid bokades.",
                        reported_to="Förvaltningschefen för grundskolan",
                        reported_by="Förnamn1 Efternamnsson", reported_on=DAY)  # fmt: skip
    store.end_meeting(follow)
    planned = store.plan_meeting(case, "uppfoljande_lotsmote",
                                 planned_date=DAY + dt.timedelta(days=42), planned_time="9.00",
                                 place="Ängskolan", leader="Förnamn1 Efternamnsson",
                                 convener="Förnamn1 Efternamnsson",
                                 invitee_ids=[g1, g2, *people])  # fmt: skip
    return {"first": first, "follow": follow, "planned": planned}


@pytest.fixture
def heavy(store):
    ids = build_heavy(store)
    return {k: store.get_meeting(v) for k, v in ids.items()}


@pytest.fixture(scope="session")
def case_builders():
    """The builders themselves, for module-scoped fixtures (a bare `from conftest import` is
    ambiguous when tests/tui runs in the same session)."""
    return {"rich": build_rich, "heavy": build_heavy}
