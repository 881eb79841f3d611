"""Deviations (avvikelser) and refusal decisions (beslut om att avstå) of a case."""

from __future__ import annotations

from typing import Any

from model import inputs
from model.store.base import StoreBase, get
from model.tables import Action, Case, Deviation, RefusalDecision


class DeviationStore(StoreBase):
    def add_deviation(self, case_id: int, **fields: Any) -> int:
        """An avvikelse; about an action of the plan when `action_id` is given (its text is
        taken from the action unless `action_text` says otherwise). Reported today unless
        `reported_on` says when."""
        action_id = fields.pop("action_id", None)
        values = self._convert(inputs.DEVIATION, fields)
        with self._write() as s:
            get(s, Case, case_id, "Ärendet")
            if action_id is not None and not values.get("action_text"):
                values["action_text"] = get(s, Action, action_id, "Insatsen").what
            values.setdefault("reported_on", self.clock.today())
            d = Deviation(case_id=case_id, action_id=action_id, **values)
            s.add(d)
            s.flush()
            self._touch_case(s, case_id)
            assert d.id is not None
            return d.id

    def update_deviation(self, deviation_id: int, **fields: Any) -> None:
        self._update(Deviation, deviation_id, "Avvikelsen", inputs.DEVIATION, fields)

    def add_refusal(self, case_id: int, agency: str, **fields: Any) -> int:
        values = self._convert(inputs.REFUSAL, {"agency": agency, **fields})
        with self._write() as s:
            get(s, Case, case_id, "Ärendet")
            r = RefusalDecision(case_id=case_id, **values)
            s.add(r)
            s.flush()
            self._touch_case(s, case_id)
            assert r.id is not None
            return r.id
