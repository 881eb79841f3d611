"""Cases (ärenden) and their network: participants and guardians (deltagare, vårdnadshavare)."""

from __future__ import annotations

from typing import Any

from sqlmodel import col, select

from model import inputs, mapping
from model import validation as v
from model.case_page import CasePage
from model.labels import CaseStatus
from model.mapping import person
from model.store import queries
from model.store.base import StoreBase, get
from model.tables import Case, Meeting, Participant
from model.views import CaseView, PersonView


class CaseStore(StoreBase):
    # -- cases -------------------------------------------------------------------------------
    def create_case(self, child_name: str, **fields: Any) -> int:
        values = self._convert(inputs.CASE, {"child_name": child_name, **fields})
        now = self._now()
        with self._write() as s:
            case = Case(**values, created_at=now, last_activity=now)
            s.add(case)
            s.flush()
            assert case.id is not None
            return case.id

    def update_case(self, case_id: int, **fields: Any) -> None:
        self._update(Case, case_id, "Ärendet", inputs.CASE, fields)

    def close_case(
        self,
        case_id: int,
        reason: str,
        family_told_if_worse: bool,
        on: Any = None,
        if_worse_plan: str | None = "",
    ) -> None:
        """Close the case. `if_worse_plan` (om det blir sämre igen) replaces the stored text
        when given non-empty; an empty or None value keeps what was written before (e.g. typed
        into the field during the meeting), so closing never erases it."""
        closed_on = self._date(on, "closed_on", "Datum för avslut") or self.clock.today()
        plan = v.clean_text(if_worse_plan)
        with self._write() as s:
            case = get(s, Case, case_id, "Ärendet")
            case.status = CaseStatus.CLOSED.value
            case.closed_on = closed_on
            case.closing_reason = v.clean_text(reason)
            case.family_told_if_worse = bool(family_told_if_worse)
            if plan.strip():
                case.if_worse_plan = plan
            case.last_activity = self._now()

    def reopen_case(self, case_id: int) -> None:
        with self._write() as s:
            case = get(s, Case, case_id, "Ärendet")
            case.status = CaseStatus.OPEN.value
            case.closed_on = None
            case.last_activity = self._now()

    def delete_case(self, case_id: int) -> None:
        """Removes the case and everything in it (secure_delete overwrites the pages)."""
        with self._write() as s:
            case = get(s, Case, case_id, "Ärendet")
            s.delete(case)

    def get_case(self, case_id: int) -> CaseView:
        with self._read() as s:
            return queries.case_view(s, get(s, Case, case_id, "Ärendet"))

    def case_page(self, case_id: int) -> CasePage:
        """What the Ärende screen shows, in one read: the case, its meetings as a list shows
        them and the plan as it stands (a fixed number of queries, however many meetings)."""
        with self._read() as s:
            case = queries.case_view(s, get(s, Case, case_id, "Ärendet"))
            rows = s.exec(
                select(Meeting).where(col(Meeting.case_id) == case_id).order_by(col(Meeting.id))
            ).all()
            plan_row = queries.plan_meeting_row(s, case_id)
            plan = (
                None
                if plan_row is None
                else queries.meeting_view(s, plan_row, case, self.clock.today())
            )
            return CasePage(case, tuple(mapping.meeting_summary(m) for m in rows), plan)

    def case_ids(self) -> list[int]:
        with self._read() as s:
            rows = s.exec(
                select(Case.id).order_by(col(Case.last_activity).desc(), col(Case.id).desc())
            )
            return [i for i in rows if i is not None]

    # -- participants and guardians ----------------------------------------------------------
    def add_participant(self, case_id: int, name: str, **fields: Any) -> int:
        values = self._convert(inputs.PARTICIPANT, {"name": name, **fields})
        with self._write() as s:
            get(s, Case, case_id, "Ärendet")
            p = Participant(case_id=case_id, **values)
            s.add(p)
            s.flush()
            self._touch_case(s, case_id)
            assert p.id is not None
            return p.id

    def add_guardian(self, case_id: int, name: str, **fields: Any) -> int:
        return self.add_participant(case_id, name, kind="guardian", **fields)

    def update_participant(self, participant_id: int, **fields: Any) -> None:
        self._update(Participant, participant_id, "Deltagaren", inputs.PARTICIPANT, fields)

    def remove_participant(self, participant_id: int) -> None:
        """Takes the person out of the network; earlier meetings keep their attendance."""
        with self._write() as s:
            p = get(s, Participant, participant_id, "Deltagaren")
            p.removed_on = self.clock.today()
            self._touch_case(s, p.case_id)

    def get_participant(self, participant_id: int) -> PersonView:
        with self._read() as s:
            return person(get(s, Participant, participant_id, "Deltagaren"))
