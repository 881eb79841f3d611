"""Readiness (är planen klar att skriva under?): every gap of a meeting against the rules."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from model.consent import consent_gaps, join_names
from model.labels import CaseStatus
from model.roles import contact_person_warning
from model.views import MeetingView


@dataclass(frozen=True)
class Gap:
    """One gap, in the routine's words, with the step and field the leader fixes it in."""

    message: str
    step_id: str
    field: str


def _step(meeting: MeetingView, kind: str) -> str | None:
    step = meeting.routine.step_of_kind(kind)
    return step.id if step else None


def _contact_person_gaps(meeting: MeetingView, step: str) -> list[Gap]:
    """Västbas: a kontaktperson is named (at the meeting or as the case's role), and is not a
    rektor or a socialsekreterare (model.roles; a warning like every gap)."""
    named = [n.strip() for n in (meeting.contact_person, meeting.case.contact_person)]
    if not any(named):
        return [Gap("Kontaktperson är inte utsedd", step, "contact_person")]
    people = (*meeting.case.participants, *meeting.case.guardians)
    out: list[Gap] = []
    for name in dict.fromkeys(n for n in named if n):
        warning = contact_person_warning(name, people)
        if warning:
            out.append(Gap(f"Kontaktpersonen: {warning}", step, "contact_person"))
    return out


def readiness_gaps(meeting: MeetingView, today: dt.date | None = None) -> list[Gap]:
    """Pure: the same view gives the same gaps. Warns, never blocks.

    Consents are checked on the planned date, else on `today` (by default the day of the
    store's clock when the view was read)."""
    gaps: list[Gap] = []
    on = meeting.held_on or meeting.planned_date or today or meeting.read_on
    first = meeting.routine.steps[0].id
    attendance_step = _step(meeting, "attendance") or first
    consent_step = _step(meeting, "confidentiality") or first

    # The meeting's one date: started on another day than planned, and not yet said which.
    if (
        meeting.held_on is None
        and meeting.planned_date is not None
        and meeting.started_at is not None
        and meeting.started_at.date() != meeting.planned_date
    ):
        gaps.append(
            Gap(
                f"Mötet var planerat till {meeting.planned_date} men startade "
                f"{meeting.started_at.date()}: skriv vilket datum mötet hölls",
                attendance_step,
                "held_on",
            )
        )

    # Attendance
    for a in meeting.attendance:
        if not a.status:
            gaps.append(
                Gap(
                    f"Närvaro är inte markerad för {a.participant.name}",
                    attendance_step,
                    f"attendance:{a.participant.id}",
                )
            )
    if meeting.child_present is None:
        gaps.append(Gap("Barnets närvaro är inte markerad", attendance_step, "child_present"))

    # Consent: exists, in force on the meeting date, covers the agencies present.
    in_force = meeting.case.consents_in_force(on)
    if not meeting.case.consents:
        gaps.append(Gap("Samtycke saknas", consent_step, "consent"))
    elif not in_force:
        latest = max(meeting.case.consents, key=lambda c: c.given_on)
        if latest.revoked_on and latest.revoked_on <= on:
            why = f"återkallades {latest.revoked_on.isoformat()}"
        elif latest.valid_until and latest.valid_until < on:
            why = f"gällde till {latest.valid_until.isoformat()}"
        else:
            why = f"gäller från {latest.given_on.isoformat()}"
        gaps.append(Gap(f"Samtycket gäller inte på mötesdagen ({why})", consent_step, "consent"))
    else:
        # Those present, then those invited who did not come (the Kallelse went to them).
        here = {p.id for p in meeting.present}
        people = [*meeting.present, *(p for p in meeting.invitees if p.id not in here)]
        for cg in consent_gaps(meeting.case, people, on):
            who = join_names(p.name for p in cg.people if p.id in here)
            invited = join_names(p.name for p in cg.people if p.id not in here)
            role = (
                f"{who} är med"
                if who
                else f"{invited} är {'inbjudna' if len(cg.people) > 1 else 'inbjuden'}"
            )
            gaps.append(Gap(f"{cg.text} ({role})", consent_step, "consent"))
    if _step(meeting, "confidentiality") and not meeting.confidentiality_covered:
        gaps.append(Gap("Sekretessen är inte genomgången", consent_step, "confidentiality"))

    # The plan: every action has a responsible organisation, person and follow-up date.
    dialog = _step(meeting, "dialog")
    if dialog:
        if not meeting.actions:
            gaps.append(Gap("Planen har inga insatser", dialog, "actions"))
        for act in meeting.actions:
            name = f"Insats {act.number}" + (f" ({act.what[:40]})" if act.what else "")
            if not act.what.strip():
                gaps.append(
                    Gap(f"Insats {act.number} saknar beskrivning", dialog, f"action:{act.id}:what")
                )
            if not act.responsible_org.strip():
                gaps.append(
                    Gap(
                        f"{name} saknar ansvarig verksamhet",
                        dialog,
                        f"action:{act.id}:responsible_org",
                    )
                )
            if not act.responsible_person.strip():
                gaps.append(
                    Gap(
                        f"{name} saknar ansvarig person",
                        dialog,
                        f"action:{act.id}:responsible_person",
                    )
                )
            if not act.principal:
                gaps.append(
                    Gap(
                        f"{name} saknar huvudman (kommun, region, enskild eller annan)",
                        dialog,
                        f"action:{act.id}:principal",
                    )
                )
            if act.follow_up_on is None:
                gaps.append(
                    Gap(
                        f"{name} saknar datum för uppföljning",
                        dialog,
                        f"action:{act.id}:follow_up_on",
                    )
                )
            if not act.follow_up_how.strip():
                gaps.append(
                    Gap(
                        f"{name}: det står inte hur uppföljningen görs",
                        dialog,
                        f"action:{act.id}:follow_up_how",
                    )
                )

    # The summary: lead organisation, coordinator, the child's view, why the child was absent.
    summary = _step(meeting, "summary")
    if summary:
        if not meeting.lead_principal:
            gaps.append(
                Gap(
                    "Huvudansvaret för planen (kommun eller region) är inte valt",
                    summary,
                    "lead_principal",
                )
            )
        if not meeting.lead_organisation.strip():
            gaps.append(
                Gap("Huvudansvarig verksamhet är inte utsedd", summary, "lead_organisation")
            )
        if meeting.routine.coordinator == "kontaktperson":
            gaps.extend(_contact_person_gaps(meeting, summary))
        elif not meeting.coordinator.strip():
            gaps.append(Gap("Samordnare är inte utsedd", summary, "coordinator"))
        elif not (meeting.coordinator_phone.strip() or meeting.coordinator_email.strip()):
            gaps.append(
                Gap(
                    "Samordnaren saknar telefon eller e-post (familjen vänder sig dit)",
                    summary,
                    "coordinator_phone",
                )
            )
        if not meeting.child_view.strip():
            gaps.append(Gap("Barnets syn är inte nedskriven", summary, "child_view"))
    if meeting.child_present is False and not meeting.child_absence_reason.strip():
        gaps.append(
            Gap(
                "Barnet deltog inte: skriv varför",
                summary or attendance_step,
                "child_absence_reason",
            )
        )

    # Next meeting, or the closing; signatures and handing out.
    closing = _step(meeting, "closing")
    if closing:
        if meeting.case.status == CaseStatus.CLOSED:
            if not meeting.case.closing_reason.strip():
                gaps.append(Gap("Avslutet saknar orsak", closing, "closing_reason"))
            if not meeting.case.family_told_if_worse:
                gaps.append(
                    Gap(
                        "Familjen har inte fått veta hur de gör om det blir sämre igen",
                        closing,
                        "family_told_if_worse",
                    )
                )
            if not meeting.case.if_worse_plan.strip():
                gaps.append(
                    Gap(
                        "Det är inte nedskrivet hur familjen gör om det blir sämre igen",
                        closing,
                        "if_worse_plan",
                    )
                )
        else:
            if meeting.next_date is None:
                gaps.append(
                    Gap("Nästa möte har inget datum (eller avsluta ärendet)", closing, "next_date")
                )
            if not meeting.next_place.strip():
                gaps.append(Gap("Nästa möte har ingen plats", closing, "next_place"))
            if not meeting.next_invitees:
                gaps.append(
                    Gap(
                        "Det är inte bestämt vilka som ska delta nästa gång",
                        summary or closing,
                        "next_invitees",
                    )
                )
        for a in meeting.attendance:
            if a.signs_plan and not a.signed:
                gaps.append(
                    Gap(
                        f"{a.participant.name} har inte skrivit under",
                        closing,
                        f"signature:{a.participant.id}",
                    )
                )
        if meeting.present and not any(a.received_copy for a in meeting.attendance):
            gaps.append(Gap("Ingen har fått en kopia av planen ännu", closing, "received_copy"))
    return gaps
