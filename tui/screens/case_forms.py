"""The forms the Ärende screen opens: participant, consent, deviation, refusal, closing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from model.validation import CONSENT_FORMS, PRINCIPALS
from tui.dialogs.form import FormDialog, FormField

if TYPE_CHECKING:
    from rich.text import Text

    from model.store import Store
    from model.views import PersonView

PRINCIPAL_OPTIONS = [
    ("Ingen vald", ""),
    ("Kommun", "kommun"),
    ("Region", "region"),
    ("Enskild huvudman (t.ex. friskola)", "enskild"),
    ("Skola", "skola"),
    ("Annan", "annan"),
]
assert {v for _, v in PRINCIPAL_OPTIONS} == set(PRINCIPALS)


def _person_fields(p: PersonView | None, guardian: bool) -> list[FormField]:
    fields = [FormField("name", "Namn", value=p.name if p else "")]
    if not guardian:
        fields += [
            FormField(
                "organisation",
                "Verksamhet",
                value=p.organisation if p else "",
                placeholder="t.ex. Socialtjänsten, BUP, Björkskolan",
            ),
            FormField("role", "Roll", value=p.role if p else "", placeholder="t.ex. Kurator"),
            FormField(
                "principal",
                "Huvudman",
                "select",
                value=p.principal if p else "",
                options=PRINCIPAL_OPTIONS,
            ),
        ]
    fields += [
        FormField("phone", "Telefon", value=p.phone if p else ""),
        FormField("email", "E-post", value=p.email if p else ""),
    ]
    return fields


def add_person_dialog(store: Store, case_id: int, *, guardian: bool = False) -> FormDialog:
    def submit(values: dict[str, Any]) -> int:
        name = values.pop("name")
        if guardian:
            return store.add_guardian(case_id, name, **values)
        return store.add_participant(case_id, name, **values)

    title = "Ny vårdnadshavare" if guardian else "Ny deltagare i nätverket"
    return FormDialog(title, _person_fields(None, guardian), on_submit=submit)


def edit_person_dialog(store: Store, person: PersonView) -> FormDialog:
    guardian = person.kind == "guardian"

    def change(key: str, value: Any) -> None:
        store.update_participant(person.id, **{key: value})

    title = "Vårdnadshavare" if guardian else "Deltagare"
    return FormDialog(
        f"{title} – sparas medan du skriver", _person_fields(person, guardian), on_change=change
    )


def consent_dialog(store: Store, case_id: int, agencies: list[str]) -> FormDialog:
    def submit(values: dict[str, Any]) -> int:
        return store.add_consent(case_id, values.pop("given_by"), values.pop("given_on"), **values)

    return FormDialog(
        "Nytt samtycke",
        [
            FormField(
                "given_by", "Vem som gav samtycket", placeholder="t.ex. båda vårdnadshavarna"
            ),
            FormField("given_on", "Datum för samtycket", value=store.clock.today().isoformat()),
            FormField(
                "form",
                "Form",
                "select",
                value="skriftligt",
                options=[(label.capitalize(), key) for key, label in CONSENT_FORMS.items()],
            ),
            FormField(
                "agencies",
                "Verksamheter som omfattas (kommatecken emellan)",
                value=", ".join(agencies),
            ),
            FormField("information_kinds", "Vilka uppgifter", "text"),
            FormField("exclusions", "Omfattar inte", "text"),
            FormField(
                "valid_until", "Giltigt till", placeholder="t.ex. 2027-01-10 (tomt: tills vidare)"
            ),
        ],
        on_submit=submit,
    )


def deviation_dialog(
    store: Store, case_id: int, actions: Sequence[tuple[str | Text, int]], leader: str
) -> FormDialog:
    def submit(values: dict[str, Any]) -> int:
        action_id = values.pop("action_id") or None
        if not (values.get("action_text") or "").strip() and action_id is None:
            from model.validation import InvalidInput

            raise InvalidInput("action_id", "Välj insatsen eller skriv vad som inte blev av.")
        return store.add_deviation(case_id, action_id=action_id, **values)

    return FormDialog(
        "Ny avvikelse",
        [
            FormField(
                "action_id",
                "Vilken insats",
                "select",
                value=0,
                options=[("Ingen i planen (skriv nedan)", 0), *actions],
            ),
            FormField("action_text", "Eller: vad som skulle ha gjorts"),
            FormField("what_went_wrong", "Vad gick fel", "text"),
            FormField("reported_to", "Rapporteras till", placeholder="t.ex. enhetschef BUP"),
            FormField("reported_by", "Rapporterat av", value=leader),
            FormField("reported_on", "Datum", value=store.clock.today().isoformat()),
        ],
        on_submit=submit,
    )


def refusal_dialog(store: Store, case_id: int) -> FormDialog:
    def submit(values: dict[str, Any]) -> int:
        return store.add_refusal(case_id, values.pop("agency"), **values)

    return FormDialog(
        "Beslut om att avstå",
        [
            FormField("agency", "Verksamheten som beslutat"),
            FormField("decision", "Beslutet", "text"),
            FormField("reasons", "Skälen", "text"),
            FormField("decided_on", "Datum", value=store.clock.today().isoformat()),
        ],
        on_submit=submit,
        intro="En verksamhet som ensam anser att fler insatser inte behövs fattar ett "
        "formellt beslut med skriftliga skäl.",
    )


def close_dialog(store: Store, case_id: int) -> FormDialog:
    def submit(values: dict[str, Any]) -> bool:
        from model.validation import InvalidInput

        if not values["reason"].strip():
            raise InvalidInput("reason", "Skriv varför ärendet avslutas.")
        store.close_case(
            case_id,
            values["reason"],
            values["family_told_if_worse"],
            if_worse_plan=values["if_worse_plan"],
        )
        return True

    return FormDialog(
        "Avsluta ärendet",
        [
            FormField("reason", "Skäl till avslut", "text"),
            FormField(
                "if_worse_plan",
                "Om det blir sämre igen: så gör familjen",
                "text",
                placeholder="t.ex. Ring samordnaren Sara Lind, 0920-45 60 30",
            ),
            FormField(
                "family_told_if_worse",
                "Familjen och nätverket vet hur de gör om det blir sämre igen",
                "check",
            ),
        ],
        on_submit=submit,
        submit_label="Avsluta ärendet",
        intro="Målen behöver inte vara uppnådda. Berätta för familjen hur de ska göra om "
        "situationen blir sämre igen.",
    )


def cancel_meeting_dialog(store: Store, meeting_id: int) -> FormDialog:
    """Ställ in mötet: the reason is required; the meeting is kept and shown as cancelled."""

    def submit(values: dict[str, Any]) -> int:
        store.cancel_meeting(meeting_id, values["cancel_reason"])
        return meeting_id

    return FormDialog(
        "Ställ in mötet",
        [
            FormField(
                "cancel_reason",
                "Varför ställs mötet in?",
                placeholder="t.ex. familjen sjuk; nytt datum bestäms",
            ),
        ],
        on_submit=submit,
        submit_label="Ställ in mötet",
    )


def move_meeting_dialog(store: Store, meeting_id: int) -> FormDialog:
    """Flytta mötet: the new date (and time) and why; the earlier date is kept."""

    def submit(values: dict[str, Any]) -> int:
        store.move_meeting(
            meeting_id,
            values["planned_date"],
            values["move_reason"],
            new_time=values["planned_time"] or None,
        )
        return meeting_id

    return FormDialog(
        "Flytta mötet",
        [
            FormField("planned_date", "Nytt datum", placeholder="t.ex. 2026-12-03 eller 3/12"),
            FormField("planned_time", "Ny tid (tomt: samma tid)", placeholder="t.ex. 14.00"),
            FormField("move_reason", "Varför flyttas mötet?", placeholder="t.ex. mentorn sjuk"),
        ],
        on_submit=submit,
        submit_label="Flytta mötet",
    )
